"""Layouts for the insight charts (server-rendered SVG, each beside a table of the same figures)."""

from __future__ import annotations

from dataclasses import dataclass

from counselling.insights import Insights


@dataclass(frozen=True)
class HeatCell:
    x: float
    y: float
    text: str
    shade: str  # a CSS class: shade-0 … shade-4, none (not required) or withheld


@dataclass(frozen=True)
class HeatLayout:
    width: float
    height: float
    cell_width: float
    cell_height: float
    label_width: float
    column_labels: tuple[tuple[float, str], ...]
    row_labels: tuple[tuple[float, str], ...]
    cells: tuple[HeatCell, ...]


def heatmap(insights: Insights) -> HeatLayout:
    """Skills down, student groups across; each cell the share of the group lacking the skill."""
    # Column titles are written at an angle above their column, so long role names never overlap.
    label_width, cell_width, cell_height, header = 236.0, 66.0, 24.0, 120.0
    cells = []
    for row_index, row in enumerate(insights.rows):
        y = header + row_index * cell_height
        for column_index, cell in enumerate(row.cells):
            x = label_width + column_index * cell_width
            if cell is None:
                cells.append(HeatCell(x, y, "", "none"))
            elif cell.withheld:
                cells.append(HeatCell(x, y, "—", "withheld"))
            else:
                cells.append(HeatCell(x, y, f"{cell.percent} %", f"shade-{cell.shade}"))
    return HeatLayout(
        width=label_width + cell_width * len(insights.columns) + 110,
        height=header + cell_height * len(insights.rows) + 2,
        cell_width=cell_width,
        cell_height=cell_height,
        label_width=label_width,
        column_labels=tuple(
            (label_width + i * cell_width + cell_width / 2, column.title) for i, column in enumerate(insights.columns)
        ),
        row_labels=tuple(
            (header + i * cell_height + cell_height / 2, row.skill_name) for i, row in enumerate(insights.rows)
        ),
        cells=tuple(cells),
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
class HistogramLayout:
    width: float
    height: float
    baseline: float
    bars: tuple[HistogramBar, ...]


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
