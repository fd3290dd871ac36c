"""Cohort insights from each sharing student's latest result. Pure code.

Each student's gaps are judged against their target role as their own result's catalogue described it,
never against today's catalogue: an edit in the admin cannot change what a cohort's results said.
Any figure drawn from fewer than MIN_STUDENTS students is withheld, so that a small group's numbers
cannot single anyone out; the page says so where it happens.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

MIN_STUDENTS = 5
TOP_SKILLS = 15
FIT_BUCKETS = ((0, 19), (20, 39), (40, 59), (60, 79), (80, 100))


@dataclass(frozen=True)
class Tally:
    """For one target role and one skill it requires: how many students' latest results target that role,
    and how many of them are below the level it required, each judged by their own result's catalogue."""

    target: str  # role slug
    skill: str
    skill_name: str
    out_of: int
    lacking: int


@dataclass(frozen=True)
class TargetCount:
    """How many students' latest results target a role, and how many of them fall in each fit band."""

    target: str
    title: str
    students: int
    fits: tuple[int, ...]  # one count per FIT_BUCKETS band, by best fit


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    students: int

    @property
    def withheld(self) -> bool:
        return self.students < MIN_STUDENTS


@dataclass(frozen=True)
class Cell:
    lacking: int
    out_of: int

    @property
    def withheld(self) -> bool:
        return self.out_of < MIN_STUDENTS

    @property
    def percent(self) -> int | None:
        if self.withheld:
            return None
        return round(100 * self.lacking / self.out_of)

    @property
    def shade(self) -> int:
        """0 (few lack it) to 4 (most do), for the heatmap's colours."""
        return min(4, (self.percent or 0) // 20)


@dataclass(frozen=True)
class HeatRow:
    skill: str
    skill_name: str
    cells: tuple[Cell | None, ...]  # None where the column's role does not require the skill


@dataclass(frozen=True)
class Insights:
    students: int
    role_title: str | None  # the role the insights are filtered to
    columns: tuple[Column, ...]
    rows: tuple[HeatRow, ...]
    targets: tuple[tuple[str, int | None], ...]  # (role title, students or None if withheld), most chosen first
    fit_buckets: tuple[tuple[str, int | None], ...]  # (band, students or None if withheld)
    folded_targets: int = 0  # target roles chosen by fewer than MIN_STUDENTS: in "All students" only

    @property
    def withheld(self) -> bool:
        return self.students < MIN_STUDENTS


def cohort_insights(
    *, tallies: Sequence[Tally], targets: Sequence[TargetCount], role_slug: str | None = None
) -> Insights:
    """The heatmap, the targets and the fit bands, from counts made in the database (`selectors.InsightCounts`)."""
    titles = {target.target: target.title for target in targets}
    students_by_target = {target.target: target.students for target in targets}
    names = {tally.skill: tally.skill_name for tally in tallies}
    by_place = {(tally.target, tally.skill): tally for tally in tallies}

    folded = 0
    if role_slug is not None:
        groups = [("role", titles.get(role_slug, role_slug), [role_slug], role_slug)]
        skills = sorted({tally.skill for tally in tallies if tally.target == role_slug})
    else:
        # A column per target role chosen by at least MIN_STUDENTS, most chosen first; the rest would be
        # columns of "withheld" only, so they are counted under "All students" and the page says how many.
        order = sorted(titles, key=lambda slug: (-students_by_target[slug], titles[slug].casefold()))
        shown = [slug for slug in order if students_by_target[slug] >= MIN_STUDENTS]
        folded = len(order) - len(shown)
        groups = [("all", str(_("All students")), order, None)]
        groups += [(slug, titles[slug], [slug], slug) for slug in shown]
        skills = sorted(names)

    def cell(skill: str, members: list[str], only_role: str | None) -> Cell | None:
        found = [by_place[(target, skill)] for target in members if (target, skill) in by_place]
        if only_role is not None and not found:
            return None
        return Cell(sum(tally.lacking for tally in found), sum(tally.out_of for tally in found))

    columns = tuple(
        Column(key, title, sum(students_by_target.get(target, 0) for target in members))
        for key, title, members, _ in groups
    )
    rows = [
        HeatRow(skill, names.get(skill, skill), tuple(cell(skill, members, only) for _, _, members, only in groups))
        for skill in skills
    ]
    first = lambda row: row.cells[0]  # noqa: E731 - the overall (or only) column decides the order
    if first_visible := [row for row in rows if first(row) is not None and not first(row).withheld]:
        # Order by how many lack each skill only when those figures can be shown: the order would tell.
        rows = sorted(first_visible, key=lambda row: (-first(row).percent, row.skill_name.casefold()))
        rows = rows if role_slug else rows[:TOP_SKILLS]
    else:
        rows = sorted(rows, key=lambda row: row.skill_name.casefold())

    students = sum(students_by_target.values())
    withheld = students < MIN_STUDENTS
    return Insights(
        students=students,
        role_title=titles.get(role_slug, role_slug) if role_slug else None,
        columns=columns,
        rows=tuple(rows),
        targets=() if withheld else _targets(Counter(students_by_target), titles),
        folded_targets=folded,
        fit_buckets=()
        if withheld
        else tuple(
            (f"{low}–{high} %", _shown(sum(target.fits[index] for target in targets)))
            for index, (low, high) in enumerate(FIT_BUCKETS)
        ),
    )


def _shown(count: int) -> int | None:
    """A count as it may be shown: None (withheld) for 1 to MIN_STUDENTS - 1 students; none at all is no one."""
    return None if 0 < count < MIN_STUDENTS else count


def _targets(counts: Counter, titles: dict[str, str]) -> tuple[tuple[str, int | None], ...]:
    """Target roles chosen by at least MIN_STUDENTS students, most chosen first; the rest together."""
    shown = sorted(
        ((titles[slug], count) for slug, count in counts.items() if count >= MIN_STUDENTS),
        key=lambda item: (-item[1], item[0]),
    )
    rest = sum(count for count in counts.values() if count < MIN_STUDENTS)
    if rest:
        others = str(_("Other target roles, each chosen by fewer than %(n)s") % {"n": MIN_STUDENTS})
        shown.append((others, _shown(rest)))
    return tuple(shown)
