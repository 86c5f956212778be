"""`summary --format html`: the summary table and the department's spend curve as inline SVG (summary.html.j2)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from perfgoals.document import (
    UNIT_NOTE,
    WEIGHTED,
    WEIGHTED_NOTE,
    Document,
    checkpoint_label,
    curve_line,
    percent,
    summary_table,
)
from perfgoals.i18n import T
from perfgoals.targets import format_number
from perfgoals.writers import Options
from perfgoals.writers.templating import environment, render_template


@dataclass(frozen=True)
class Chart:
    """An inline SVG line chart of cumulative spend (months 0–12 across, 0–100% up)."""

    width: int = 720
    height: int = 340
    left: int = 56
    right: int = 24
    top: int = 20
    bottom: int = 48

    def x(self, month: int | Decimal) -> str:
        return _coord(self.left + Decimal(month) / 12 * (self.width - self.left - self.right))

    def y(self, percent: Decimal) -> str:
        clamped = min(max(Decimal(percent), Decimal(0)), Decimal(100))
        return _coord(self.top + (1 - clamped / 100) * (self.height - self.top - self.bottom))

    def points(self, plan: dict[int, Decimal]) -> str:
        pts = [(0, Decimal(0))] + sorted(plan.items())
        return " ".join(f"{self.x(m)},{self.y(v)}" for m, v in pts)


def _coord(value: Decimal) -> str:
    return format_number(value.quantize(Decimal("0.1"), ROUND_HALF_UP))


def generate(doc: Document, options: Options) -> bytes:
    s, lang = doc.summary, options.lang
    head, body, total = summary_table(s, lang)
    # The built-in template only: --templates is the official document's.
    env = environment("html")
    text = render_template(
        env,
        "summary.html.j2",
        summary=s,
        head=head,
        body=body,
        total=total,
        chart=Chart(),
        curve=curve_line(s, lang) if s.weighted else "",
        labels={
            "title": T("绩效目标汇总", "Performance targets summary")(lang),
            "unit": UNIT_NOTE(lang),
            "weighted": WEIGHTED(lang),
            "note": WEIGHTED_NOTE(lang),
        },
        checkpoint_label=lambda m: checkpoint_label(m, lang),
        pct=percent,
        page_lang=lang,
    )
    return text.encode("utf-8")
