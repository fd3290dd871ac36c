"""Layouts for the insight charts (server-rendered SVG, each beside a table of the same figures)."""

from __future__ import annotations

from dataclasses import dataclass

from assessments.charts import svg_number as _px
from counselling.insights import Insights

# Average advance of a character of the heatmap's 12.5 px text, generous so that full names always fit.
CHAR_WIDTH = 7.2
CELL_WIDTH, CELL_HEIGHT = 66.0, 24.0


class _Frame:
    """A chart's size as its `<svg>` is given it, written here with a point (`_px`, the gap chart's `svg_number`):
    the template would write a decimal comma in French ("735,2"), which no browser reads."""

    width: float
    height: float

    @property
    def view_box(self) -> str:
        return f"0 0 {_px(self.width)} {_px(self.height)}"

    @property
    def width_px(self) -> str:
        return _px(self.width)


@dataclass(frozen=True)
class HeatCell:
    x: float
    y: float
    text: str
    shade: str  # a CSS class: shade-0 … shade-4, none (not required) or withheld

    @property
    def rect_x(self) -> str:
        return _px(self.x)

    @property
    def rect_y(self) -> str:
        return _px(self.y)

    @property
    def text_x(self) -> str:
        return _px(self.x + CELL_WIDTH / 2 - 1)

    @property
    def text_y(self) -> str:
        return _px(self.y + CELL_HEIGHT / 2 - 1)


@dataclass(frozen=True)
class HeatLayout(_Frame):
    width: float
    height: float
    cell_width: float
    cell_height: float
    label_width: float
    column_labels: tuple[tuple[str, str, str], ...]  # (x, y, title), written at an angle
    row_labels: tuple[tuple[str, str], ...]  # (y, skill name)
    cells: tuple[HeatCell, ...]
    legend: tuple[tuple[str, str], ...] = ()  # (CSS class, what it means)


LEGEND = (
    ("shade-0", "0–19 %"),
    ("shade-1", "20–39 %"),
    ("shade-2", "40–59 %"),
    ("shade-3", "60–79 %"),
    ("shade-4", "80–100 %"),
)


def heatmap(insights: Insights) -> HeatLayout:
    """Skills down, student groups across; each cell the share of the group lacking the skill.

    Names are never cut: the label column is as wide as the longest skill name, and column titles are
    written at an angle above their column, the header as tall as the longest title needs.
    """
    longest_name = max((len(row.skill_name) for row in insights.rows), default=10)
    longest_title = max((len(column.title) for column in insights.columns), default=10)
    label_width = max(160.0, longest_name * CHAR_WIDTH + 12)
    # A title at 35° rises sin(35°) ≈ 0.57 of its length, and reaches cos(35°) ≈ 0.82 of it to the right.
    header = max(60.0, longest_title * CHAR_WIDTH * 0.58 + 16)
    overhang = longest_title * CHAR_WIDTH * 0.82
    cells = []
    for row_index, row in enumerate(insights.rows):
        y = header + row_index * CELL_HEIGHT
        for column_index, cell in enumerate(row.cells):
            x = label_width + column_index * CELL_WIDTH
            if cell is None:
                cells.append(HeatCell(x, y, "", "none"))
            elif cell.withheld:
                cells.append(HeatCell(x, y, "—", "withheld"))
            else:
                cells.append(HeatCell(x, y, f"{cell.percent} %", f"shade-{cell.shade}"))
    columns_width = CELL_WIDTH * len(insights.columns)
    return HeatLayout(
        # The last title starts near its column's centre and runs up and to the right.
        width=label_width
        + max(columns_width, CELL_WIDTH * (len(insights.columns) - 1) + CELL_WIDTH / 2 + overhang)
        + 8,
        height=header + CELL_HEIGHT * len(insights.rows) + 2,
        cell_width=CELL_WIDTH,
        cell_height=CELL_HEIGHT,
        label_width=label_width,
        column_labels=tuple(
            (_px(label_width + i * CELL_WIDTH + CELL_WIDTH / 2 - 8), _px(header - 8), column.title)
            for i, column in enumerate(insights.columns)
        ),
        row_labels=tuple(
            (_px(header + i * CELL_HEIGHT + CELL_HEIGHT / 2), row.skill_name) for i, row in enumerate(insights.rows)
        ),
        cells=tuple(cells),
        legend=LEGEND,
    )


@dataclass(frozen=True)
class HistogramBar:
    x: float
    width: float
    y: float
    height: float
    label: str
    count: int | None  # None: fewer than 5 students, withheld (no bar is drawn)


@dataclass(frozen=True)
class HistogramLayout(_Frame):
    width: float
    height: float
    baseline: float
    bars: tuple[HistogramBar, ...]

    @property
    def baseline_px(self) -> str:
        return _px(self.baseline)


def fit_histogram(buckets: tuple[tuple[str, int], ...]) -> HistogramLayout | None:
    if not buckets:
        return None
    width, height, baseline, top = 320.0, 150.0, 120.0, 18.0
    most = max(count or 0 for _, count in buckets) or 1
    slot = width / len(buckets)
    bars = tuple(
        HistogramBar(
            x=index * slot + 6,
            width=slot - 12,
            y=baseline - (baseline - top) * (count or 0) / most,
            height=(baseline - top) * (count or 0) / most,
            label=label,
            count=count,
        )
        for index, (label, count) in enumerate(buckets)
    )
    return HistogramLayout(width=width, height=height, baseline=baseline, bars=bars)
