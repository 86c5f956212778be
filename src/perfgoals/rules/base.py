"""What a rule is: the `Rule` record, the `@rule` decorator that registers one, and the `Context` a
check sees.  Rule modules import this; the registry in `perfgoals.rules` imports the rule modules."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Literal

from perfgoals.findings import Hit, Severity
from perfgoals.i18n import T

__all__ = ["Context", "Hit", "REGISTRY", "Rule", "Scope", "declare", "example", "rule"]

Scope = Literal["file", "project", "set"]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    scope: Scope
    summary: T
    messages: dict[str, T]
    hints: dict[str, T]
    explanation: T
    bad: str = ""
    good: str = ""
    check: Callable[..., Iterator[Any]] | None = None
    group: str = ""  # the family, its module's name (targets for PG4xx): what --select targets means

    def message(self, variant: str, lang: str) -> str:
        return (self.messages.get(variant) or self.messages[""])(lang)

    def hint(self, variant: str, lang: str) -> str:
        text = self.hints.get(variant) or self.hints.get("")
        return text(lang) if text else ""


REGISTRY: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    severity: Severity,
    summary: T,
    message: T | dict[str, T],
    explanation: T,
    hint: T | dict[str, T] | None = None,
    scope: Scope = "project",
    bad: str = "",
    good: str = "",
):
    messages = message if isinstance(message, dict) else {"": message}
    hints = hint if isinstance(hint, dict) else ({"": hint} if hint else {})

    group = _family()

    def register(fn: Callable | None) -> Callable | None:
        if code in REGISTRY:
            raise RuntimeError(f"rule {code} declared twice")
        REGISTRY[code] = Rule(
            code,
            name,
            severity,
            scope,
            summary,
            messages,
            hints,
            explanation,
            bad.strip("\n"),
            good.strip("\n"),
            fn,
            group,
        )
        return fn

    return register


def _family() -> str:
    """The name of the rule module that declares a rule (the first caller outside this module)."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        frame = frame.f_back
    return frame.f_globals.get("__name__", "").rsplit(".", 1)[-1] if frame is not None else ""


def declare(**kwargs) -> None:
    """A rule whose findings come from the loader (no check function of its own)."""
    rule(scope="file", **kwargs)(None)


def example(level2: str, item: str, level1: str = "产出指标") -> str:
    """An `indicators:` fragment holding one indicator, for a rule's examples."""
    return f"indicators:\n  {level1}:\n    {level2}:\n      - {item}"


@dataclass(slots=True)
class Context:
    """What a check may look at besides the project: configuration, framework, positions."""

    config: Any  # perfgoals.config.Config
    framework: Any  # perfgoals.frameworks.Framework
    doc: Any = None  # perfgoals.source.Document
    path: str = ""
    profile: Any = None  # perfgoals.profile.Profile: the form's required head fields
    _classified: list | None = None  # (kind, path, indicator) of the project below, in file order
    _of: Any = None
    _by_kinds: dict = field(default_factory=dict)  # kinds asked → their (path, indicator) tuple, for _of

    def category(self, level1: str, level2: str):
        return self.framework.classify(level1, level2)

    def indicators_of(self, project, *kinds: str) -> tuple[tuple[tuple, Any], ...]:
        """(path, indicator) for every indicator whose 二级 category has one of these kinds, in file order."""
        # A dozen rules ask this of the same project, most of them the same question: classify its indicators
        # once, and answer each set of kinds once.
        if self._of is not project:
            classify = self.framework.classify
            classified = []
            for level1, level2, index, indicator in project.iter_indicators():
                cat = classify(level1, level2)
                if cat is not None:
                    classified.append((cat.kind, ("indicators", level1, level2, index), indicator))
            self._classified, self._of = classified, project
            self._by_kinds.clear()
        found = self._by_kinds.get(kinds)
        if found is None:
            found = self._by_kinds[kinds] = tuple(
                (path, ind)
                for kind, path, ind in self._classified  # type: ignore[union-attr]
                if kind in kinds
            )
        return found
