"""Which rules run: `select`, `extend_select` and `ignore`, as ruff has them, from perfgoals.yaml and the
command line.

A selector is `all`, a family (`targets`: the module a rule is declared in), a code prefix (`PG4`, `PG40`),
a code (`PG401`) or a rule name (`rate-as-quantity`).  Each layer (perfgoals.yaml, then the command line)
starts from what the layer below left on: `select` replaces it, `extend_select` adds to it, `ignore` takes
away; within a layer the more specific selector wins (`select: [PG4], ignore: [PG401]` leaves PG401 off,
`ignore: [targets], select: [PG401]` leaves it on).  A rule left off is as `rules: {CODE: off}`.  PG000–PG004
(the syntax family) are always on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from perfgoals.rules import Rule, load_all

ALL = "all"


@dataclass(frozen=True)
class Layer:
    select: tuple[str, ...] | None = None  # None: keep what the layer below left on
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @classmethod
    def of(cls, select: Iterable[str] | None, extend_select: Iterable[str] = (), ignore: Iterable[str] = ()):
        return cls(None if select is None else _split(select), _split(extend_select), _split(ignore))

    @property
    def empty(self) -> bool:
        return self.select is None and not self.extend_select and not self.ignore

    def selectors(self) -> tuple[str, ...]:
        return (*(self.select or ()), *self.extend_select, *self.ignore)


@dataclass
class _Best:
    on: int = -1  # specificity of the most specific selector that turns the rule on in this layer
    off: int = -1


def _split(items: Iterable[str]) -> tuple[str, ...]:
    """`PG4,PG5` and repeated options alike."""
    return tuple(part.strip() for item in items for part in item.split(",") if part.strip())


def specificity(selector: str, rule: Rule) -> int:
    """How specifically selector names rule; -1 when it does not name it."""
    s = selector.strip()
    if s.lower() == ALL:
        return 0
    if s.lower() == rule.group:
        return 1
    if s == rule.name or s.upper() == rule.code:
        return 100
    if len(s) >= 2 and rule.code.startswith(s.upper()):
        return len(s)
    return -1


def unknown(selectors: Iterable[str], registry: dict[str, Rule] | None = None) -> list[str]:
    """The selectors that name no rule at all."""
    rules = (registry or load_all()).values()
    return [s for s in selectors if all(specificity(s, r) < 0 for r in rules)]


# The file's own problems (unreadable, not YAML, wrong shape, not UTF-8, unsafe) are always reported, as ruff
# always reports a syntax error: without them a missing path or a broken file would pass unseen.
ALWAYS = "syntax"


def disabled(layers: Iterable[Layer], registry: dict[str, Rule] | None = None) -> set[str]:
    """The codes the layers leave off (every rule is on before the first layer; the syntax family stays on)."""
    registry = registry or load_all()
    on = set(registry)
    for layer in layers:
        if layer.empty:
            continue
        best = {code: _Best() for code in registry}
        for code, r in registry.items():
            b = best[code]
            for s in (*(layer.select or ()), *layer.extend_select):
                b.on = max(b.on, specificity(s, r))
            for s in layer.ignore:
                b.off = max(b.off, specificity(s, r))
        base = on if layer.select is None else set()
        on = {c for c, b in best.items() if (c in base or b.on >= 0) and not (b.off >= 0 and b.off >= b.on)}
    return {code for code, r in registry.items() if code not in on and r.group != ALWAYS}
