"""Cohort insights from each sharing student's latest result. Pure code.

Any figure drawn from fewer than MIN_STUDENTS students is withheld, so that a small group's numbers
cannot single anyone out; the page says so where it happens.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from roles.compiled import CompiledCatalogue, RoleSpec

MIN_STUDENTS = 5
TOP_SKILLS = 15
FIT_BUCKETS = ((0, 19), (20, 39), (40, 59), (60, 79), (80, 100))


@dataclass(frozen=True)
class StudentLevels:
    target: str  # role slug
    levels: Mapping[str, int]
    best_fit: int


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
    role: RoleSpec | None
    columns: tuple[Column, ...]
    rows: tuple[HeatRow, ...]
    targets: tuple[tuple[str, int], ...]  # (role title, students), most chosen first
    fit_buckets: tuple[tuple[str, int], ...]

    @property
    def withheld(self) -> bool:
        return self.students < MIN_STUDENTS


def cohort_insights(
    *, catalogue: CompiledCatalogue, students: Sequence[StudentLevels], role_slug: str | None = None
) -> Insights:
    roles = catalogue.role_by_slug
    students = [s for s in students if s.target in roles]
    role = roles.get(role_slug) if role_slug else None
    required = {slug: {r.skill: r.level for r in spec.requirements} for slug, spec in roles.items()}

    if role is not None:
        groups = [("role", role.title, [s for s in students if s.target == role.slug], role.slug)]
        skills = [r.skill for r in role.requirements]
    else:
        targets = sorted({s.target for s in students}, key=lambda slug: roles[slug].title.casefold())
        groups = [("all", str(_("All students")), students, None)]
        groups += [(slug, roles[slug].title, [s for s in students if s.target == slug], slug) for slug in targets]
        skills = sorted({skill for s in students for skill in required[s.target]})

    def cell(skill: str, members: list[StudentLevels], only_role: str | None) -> Cell | None:
        relevant = [s for s in members if skill in required[s.target] and (only_role is None or s.target == only_role)]
        if only_role is not None and skill not in required[only_role]:
            return None
        lacking = sum(1 for s in relevant if s.levels.get(skill, 0) < required[s.target][skill])
        return Cell(lacking, len(relevant))

    columns = tuple(Column(key, title, len(members)) for key, title, members, _ in groups)
    rows = [
        HeatRow(
            skill,
            catalogue.skill_by_slug[skill].name,
            tuple(cell(skill, members, only) for _, _, members, only in groups),
        )
        for skill in skills
        if skill in catalogue.skill_by_slug
    ]
    first = lambda row: row.cells[0]  # noqa: E731 - the overall (or only) column decides the order
    if first_visible := [row for row in rows if first(row) is not None and not first(row).withheld]:
        # Order by how many lack each skill only when those figures can be shown: the order would tell.
        rows = sorted(first_visible, key=lambda row: (-first(row).percent, row.skill_name.casefold()))
        rows = rows if role else rows[:TOP_SKILLS]
    else:
        rows = sorted(rows, key=lambda row: row.skill_name.casefold())

    withheld = len(students) < MIN_STUDENTS
    target_counts = Counter(s.target for s in students)
    return Insights(
        students=len(students),
        role=role,
        columns=columns,
        rows=tuple(rows),
        targets=()
        if withheld
        else tuple(
            (roles[slug].title, count)
            for slug, count in sorted(target_counts.items(), key=lambda item: (-item[1], roles[item[0]].title))
        ),
        fit_buckets=()
        if withheld
        else tuple(
            (f"{low}–{high} %", sum(1 for s in students if low <= s.best_fit <= high)) for low, high in FIT_BUCKETS
        ),
    )
