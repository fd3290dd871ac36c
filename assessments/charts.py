"""Layouts for the server-rendered SVG charts. Every chart is drawn beside a table of the same data."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from roles.levels import Importance

IMPORTANCE_ORDER = ("core", "important", "nice")


def svg_number(value: float) -> str:
    """A coordinate or length as the SVG gets it, to one decimal and with a point whatever the language: what
    `floatformat:'1u'` wrote, at a fortieth of its cost (a gap chart of 40 bars asked for it 120 times)."""
    return f"{value:.1f}"


@dataclass(frozen=True)
class Bar:
    label: str
    current: int
    required: int
    label_y: float
    figures_x: str
    bar_y: float
    current_width: str
    required_width: str


@dataclass(frozen=True)
class Group:
    title: str
    y: float
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class GapChart:
    width: int
    height: float
    bar_height: int
    unit: float
    groups: tuple[Group, ...]
    ticks: tuple[tuple[float, int], ...]

    @property
    def view_box(self) -> str:
        """The `<svg>`'s viewBox: room for the scale's last line and label past the width."""
        return f"0 0 {svg_number(self.width + 4)} {svg_number(self.height)}"


def by_importance(gaps) -> list[tuple[str, list]]:
    """The gaps grouped as the chart draws them: core, then important, then nice to have, each heaviest first.
    The table beside the chart lists them in this order too (`in_chart_order`)."""
    groups = [(importance, [gap for gap in gaps if gap.importance == importance]) for importance in IMPORTANCE_ORDER]
    return [(importance, rows) for importance, rows in groups if rows]


def in_chart_order(gaps) -> list:
    return [gap for _, rows in by_importance(gaps) for gap in rows]


def gap_chart(gaps, *, width: int = 320) -> GapChart:
    """Required level against current level for each gap (`presenters.SkillLine`), grouped by importance.

    Skill names sit on their own line above each bar and the figures beside it, so the chart stays
    readable when a phone shrinks it.
    """
    unit = (width - 64) / 5  # room on the right for "0 → 3"
    bar_height = 12
    y = 28.0  # room for the level scale at the top
    groups = []
    for importance, rows in by_importance(gaps):
        group_y = y + 14
        y = group_y + 8
        bars = []
        for gap in rows:
            label_y = y + 14
            bar_y = label_y + 5
            bars.append(
                Bar(
                    label=gap.label,
                    current=gap.current,
                    required=gap.required,
                    label_y=label_y,
                    figures_x=svg_number(gap.required * unit + 6),
                    bar_y=bar_y,
                    current_width=svg_number(gap.current * unit),
                    required_width=svg_number(gap.required * unit),
                )
            )
            y = bar_y + bar_height + 6
        groups.append(Group(str(Importance(importance).label), group_y, tuple(bars)))
    ticks = tuple((level * unit, level) for level in range(6))
    return GapChart(width=width, height=y + 4, bar_height=bar_height, unit=unit, groups=tuple(groups), ticks=ticks)


def gap_chart_marks(chart: GapChart) -> str:
    """What the gap chart draws inside its `<svg>`, escaped: the level scale, and each group's title over its bars,
    each bar with its skill's name above it and "current → needed" beside it.

    Every number is written by `svg_number`. Drawn by a template, each number went through Django's localisation,
    which writes a decimal comma in French ("42,0", which no SVG reads), and a chart of 40 bars took 400 template
    nodes, an eighth of a result's first view with ESCO's roles of 40 requirements."""
    marks = ['<g class="scale">']
    for x, level in chart.ticks:
        at = svg_number(x + 2)
        marks.append(
            f'<line x1="{at}" x2="{at}" y1="16" y2="{svg_number(chart.height)}"></line>'
            f'<text x="{at}" y="11" text-anchor="middle">{level}</text>'
        )
    marks.append("</g>")
    height = svg_number(chart.bar_height)
    for group in chart.groups:
        marks.append(f'<text class="group" x="2" y="{svg_number(group.y)}">{escape(group.title)}</text>')
        for bar in group.bars:
            bar_y = svg_number(bar.bar_y)
            current = (
                f'<rect class="current" x="2" y="{bar_y}" width="{bar.current_width}" height="{height}"></rect>'
                if bar.current
                else ""
            )
            marks.append(
                f'<text class="label" x="2" y="{svg_number(bar.label_y)}">{escape(bar.label)}</text>'
                f'<rect class="needed" x="2" y="{bar_y}" width="{bar.required_width}" height="{height}"></rect>'
                f"{current}"
                f'<text class="figures" x="{bar.figures_x}" y="{svg_number(bar.bar_y + 10)}">'
                f"{bar.current} → {bar.required}</text>"
            )
    return "\n".join(marks)
