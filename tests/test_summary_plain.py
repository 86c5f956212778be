"""summary --format text on a pipe or a file is drawn without rich, and is exactly what rich draws."""

from __future__ import annotations

import random
from types import SimpleNamespace

from perfgoals.writers import Options, summary_text

_PIECES = [
    "唐山市",
    "红十字会",
    "应急救护培训",
    "项目",
    "2023年",
    "A",
    "ab",
    "（二期）",
    "·",
    "123",
    " ",
    "[x]",
    "—",
    "é",
]


def _table(rnd: random.Random) -> tuple[str, list[str], list[list[str]], list[str]]:
    checkpoints = rnd.randint(0, 6)
    head = ["code", "project", "budget", "fiscal", "other", *(f"end of month {m}" for m in range(checkpoints))]
    head += ["indicators", "errors", "warnings"]
    body = []
    for _ in range(rnd.randint(0, 6)):
        name = "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, rnd.choice((4, 12, 30)))))
        numbers = [f"{rnd.randint(0, 10 ** rnd.randint(1, 9)) / 100:.2f}" for _ in range(3)]
        body.append(
            [
                f"P{rnd.randint(0, 10**12)}",
                name.strip() or "x",
                *numbers,
                *(f"{rnd.randint(0, 100)}%" for _ in range(checkpoints)),
                "6",
                str(rnd.randint(0, 9)),
                "0",
            ]
        )
    total = ["", "total", *(["1.00"] * 3), *(["50.00%"] * checkpoints), "6", "0", "0"]
    return rnd.choice(["", "唐山市红十字会本级 money in 万元"]), head, body, total


def test_the_plain_table_is_what_rich_draws():
    rnd = random.Random(16)
    drawn = 0
    for _ in range(400):
        title, head, body, total = _table(rnd)
        width = rnd.choice((80, 120, 200))
        options = Options(lang="en", templates=None, terminal=False, encoding="utf-8", width=width)
        plain = summary_text._plain(title, head, body, total, [], width, "utf-8")
        if plain is not None:
            drawn += 1
            rich = summary_text._rich(title, head, body, total, SimpleNamespace(weighted={}), options).decode()
            assert plain == rich, (title, head, body, total, width)
    assert drawn > 50


def test_rich_draws_what_the_plain_table_cannot():
    wide = ["a" * 150, "b b " * 40]
    head, total = ["code", "project", "budget"], ["", "total", "1.00"]
    assert (
        summary_text._plain("", head, [["1", wide[1], "2.00"], ["2", wide[0], "1.00"]], total, [], 120, "utf-8") is None
    )
    assert summary_text._plain("", head, [["1", "[b]x[/b]", "2.00"]], total, [], 120, "utf-8") is None  # markup
    assert summary_text._plain("", head, [["1", "x", "2.00"]], total, [], 120, "gbk") is None  # ASCII boxes
