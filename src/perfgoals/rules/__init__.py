"""The rule catalogue: every rule module, listed here in catalogue order.

Each rule is declared once, with the ``@rule`` decorator (perfgoals.rules.base), in the
module of its family: code, name, default severity, texts in both languages, a failing
and a passing example, and a ``check`` generator yielding ``Hit``s.  Importing a module
registers its rules; the validation core iterates the registry and knows no rule by name.

To add a rule: write it in the module of its family and add a case file in tests/cases/.
To add a family: a new module here, and one line in ``load_all``.
"""

from __future__ import annotations

from perfgoals.rules.base import REGISTRY, Context, Hit, Rule, declare, example, rule

__all__ = ["Context", "Hit", "REGISTRY", "Rule", "declare", "example", "get", "load_all", "rule"]

_loaded = False


def load_all() -> dict[str, Rule]:
    """Every rule, by code, in catalogue order (the order of the imports below)."""
    global _loaded
    if not _loaded:  # called once per checked file: keep the common case one test
        from perfgoals.rules import syntax  # noqa: F401 -- PG000-PG004: the file itself
        from perfgoals.rules import budget  # noqa: F401 -- PG1xx
        from perfgoals.rules import spend  # noqa: F401 -- PG2xx
        from perfgoals.rules import framework  # noqa: F401 -- PG3xx
        from perfgoals.rules import targets  # noqa: F401 -- PG4xx
        from perfgoals.rules import cost  # noqa: F401 -- PG5xx
        from perfgoals.rules import consistency  # noqa: F401 -- PG6xx
        from perfgoals.rules import suppression  # noqa: F401 -- PG9xx: the suppression comments

        # catalogue order whatever imported a rule module first (perfgoals.suppress imports PG9xx's)
        ordered = sorted(REGISTRY.items())
        REGISTRY.clear()
        REGISTRY.update(ordered)
        _loaded = True
    return REGISTRY


def get(code: str) -> Rule:
    return load_all()[code]
