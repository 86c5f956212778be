"""`summary --format md`: the summary table as GitHub-flavoured Markdown, for a merge request or a wiki."""

from __future__ import annotations

from perfgoals.document import UNIT_NOTE, WEIGHTED_NOTE, Document, curve_line, summary_table
from perfgoals.writers import Options
from perfgoals.writers.templating import md_cell


def generate(doc: Document, options: Options) -> bytes:
    s, lang = doc.summary, options.lang
    head, body, total = summary_table(s, lang)
    align = ["---", "---"] + ["---:"] * (len(head) - 2)
    lines = [
        f"{UNIT_NOTE(lang)}",
        "",
        "| " + " | ".join(md_cell(h) for h in head) + " |",
        "| " + " | ".join(align) + " |",
    ]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in body]
    lines.append("| " + " | ".join(f"**{md_cell(c)}**" if c else "" for c in total) + " |")
    if s.weighted:
        lines += ["", md_cell(curve_line(s, lang)), "", f"*{md_cell(WEIGHTED_NOTE(lang))}*"]
    return ("\n".join(lines) + "\n").encode("utf-8")
