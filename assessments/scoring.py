"""The fit score (PRODUCT.md): pure, explainable, and fast enough for catalogues of thousands of roles.

For a role with requirements (required level r, weight w) and a student's levels u (0 when unrated or
"not sure"):

    fit = Σ w · min(u, r) / Σ w · r, shown as a whole percent, rounded down

Rounding down keeps "100 %" for a student who meets every requirement and nobody else. Roles are ranked
by fit (the whole percent shown), then by fewer unmet core requirements, then by title.

Scoring only visits the requirements of skills the student rated above 0, through the catalogue's
`ScoringIndex`; per-role explanations are computed when asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict

from roles.compiled import CompiledCatalogue
from roles.levels import MAX_LEVEL
from roles.schema import Role, Skill

# ------------------------------------------------------------------------------ the product's rules, once


def scored_level(level: int | None, not_sure: bool) -> int:
    """The level an answer scores as: "not sure" (and no answer) count as 0 (PRODUCT.md)."""
    return 0 if not_sure or level is None else level


def levels_from_answers(answers: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    """Skill → scored level, from answers saved as {"level": int | None, "not_sure": bool, …}."""
    return {skill: scored_level(answer["level"], answer["not_sure"]) for skill, answer in answers.items()}


def unrated_skills(answers: Mapping[str, Mapping[str, Any]], skills: Iterable[str]) -> set[str]:
    """The skills a student did not rate: no answer, or "not sure"."""
    return {skill for skill in skills if skill not in answers or answers[skill]["not_sure"]}


def gap_weight(*, weight: int, required: int, current: int) -> int:
    """How much an unmet requirement weighs: w · (r − u); 0 when it is met."""
    return weight * (required - current) if current < required else 0


def best_member(members: tuple[str, ...], levels: Mapping[str, int]) -> str:
    """The member of an "any one of" requirement that counts: the highest level, the first listed on a tie."""
    return max(members, key=lambda skill: levels.get(skill, 0), default="")


def fit_percent(points: int, possible: int) -> int:
    """Σ w · min(u, r) / Σ w · r as a whole percent, rounded down: 100 only when every requirement is met."""
    return 100 * points // possible


class RoleFit(NamedTuple):
    """A role's place in a ranking. A named tuple: a ranking makes one per role (3,000 with ESCO's catalogue),
    and a frozen dataclass costs four times as much to make."""

    rank: int  # 1 for the best fit
    role: Role
    fit: int  # whole percent, 0–100
    unmet_core: int


class Contribution(NamedTuple):
    """One requirement's part in a role's score: `points` of `possible` (w · min(u, r) of w · r).

    For an "any one of" requirement (`group`), `skill` is the member that counted: the student's best,
    or the first listed when two are equally good (or none is rated); `members` lists them all. A named
    tuple, like RoleFit: a results page explains 25 roles of 40 requirements each with ESCO's catalogue.
    """

    skill: str
    importance: str
    weight: int
    required: int
    current: int
    points: int
    possible: int
    group: str | None = None
    members: tuple[str, ...] = ()

    @property
    def met(self) -> bool:
        return self.current >= self.required

    @property
    def gap_weight(self) -> int:
        return gap_weight(weight=self.weight, required=self.required, current=self.current)


class Gap(BaseModel):
    """An unmet requirement and how much it weighs: w · (r − u). Part of the engine's JSON output."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    skill: str
    current: int
    required: int
    importance: str
    weight: int
    group: str | None = None  # an "any one of" requirement: `skill` is the member the student is closest to
    alternatives: tuple[str, ...] = ()  # its other members, in the catalogue's order


@dataclass(frozen=True)
class Explanation:
    role: Role
    fit: int
    points: int
    possible: int
    contributions: tuple[Contribution, ...]  # heaviest requirement first, then by skill name
    skill_names: Mapping[str, Skill] = field(compare=False, repr=False)  # the catalogue's, to order the gaps

    @cached_property
    def gaps(self) -> tuple[Gap, ...]:
        """Each unmet requirement, heaviest gap first (then by skill name): worked out when asked for, since a
        results page explains 25 roles and asks for the gaps of only a few."""
        gaps = [
            Gap(
                skill=c.skill,
                current=c.current,
                required=c.required,
                importance=c.importance,
                weight=c.gap_weight,
                group=c.group,
                alternatives=tuple(s for s in c.members if s != c.skill),
            )
            for c in self.contributions
            if not c.met
        ]
        gaps.sort(key=lambda gap: (-gap.weight, _sort_name(self.skill_names, gap.skill)))
        return tuple(gaps)


def _check_levels(levels: Mapping[str, int]) -> None:
    for skill, level in levels.items():
        if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= MAX_LEVEL:
            raise ValueError(f"the level for {skill!r} must be a whole number from 0 to {MAX_LEVEL}, not {level!r}")


@dataclass(frozen=True)
class Ranking(Sequence):
    """Every role of a catalogue, ranked for one student's levels."""

    catalogue: CompiledCatalogue
    levels: Mapping[str, int]
    order: tuple[int, ...]  # role indexes, best fit first
    fits: tuple[int, ...]  # by role index
    unmet_core: tuple[int, ...]  # by role index

    def __len__(self) -> int:
        return len(self.order)

    def _role_fit(self, position: int) -> RoleFit:
        index = self.order[position]
        return RoleFit(position + 1, self.catalogue.roles[index], self.fits[index], self.unmet_core[index])

    @cached_property
    def _role_fits(self) -> tuple[RoleFit, ...]:
        """Built once, when the whole ranking is walked: a page walks it several times (framing, menus)."""
        return tuple(map(self._role_fit, range(len(self.order))))

    def __iter__(self) -> Iterator[RoleFit]:
        return iter(self._role_fits)

    def __getitem__(self, position):
        """The role fit at a position (0 for the best), or a slice of them as a tuple, made only for the
        positions asked for: a results page needs its first 25 of ESCO's 3,000 roles."""
        if "_role_fits" in self.__dict__:
            return self._role_fits[position]
        if isinstance(position, slice):
            return tuple(map(self._role_fit, range(*position.indices(len(self.order)))))
        return self._role_fit(range(len(self.order))[position])

    def top(self, count: int) -> tuple[RoleFit, ...]:
        return self[:count]

    def best(self) -> RoleFit | None:
        return self[0] if self.order else None

    @cached_property
    def _positions(self) -> list[int]:
        """Each role's position in the ranking, by role index."""
        positions = [0] * len(self.order)
        for position, index in enumerate(self.order):
            positions[index] = position
        return positions

    def for_role(self, slug: str) -> RoleFit:
        return self[self._positions[self.catalogue.role_index[slug]]]

    @cached_property
    def _explanations(self) -> dict[str, Explanation]:
        return {}

    def explain(self, slug: str) -> Explanation:
        """One role's explanation, worked out once: a results page asks for its best fit's several times (the
        verdict, its separators, the ranking)."""
        if slug not in self._explanations:
            self._explanations[slug] = explain(catalogue=self.catalogue, levels=self.levels, role_slug=slug)
        return self._explanations[slug]


def score(*, catalogue: CompiledCatalogue, levels: Mapping[str, int]) -> Ranking:
    """Rank every role of the catalogue for a student's levels (skill slug → 0–5; missing means 0)."""
    _check_levels(levels)
    index = catalogue.scoring_index
    role_count = index.role_count
    points = [0] * role_count
    core_met = [0] * role_count
    contributions, meets_core = index.contributions, index.meets_core
    for skill, level in levels.items():
        if level <= 0 or skill not in contributions:
            continue
        roles, values = contributions[skill][level]
        for role, value in zip(roles, values, strict=True):
            points[role] += value
        for role in meets_core[skill][level]:
            core_met[role] += 1
    group_links = index.group_links
    if group_links:
        best: dict[int, int] = {}
        for skill, level in levels.items():
            if level > 0:
                for group in group_links.get(skill, ()):
                    if level > best.get(group, 0):
                        best[group] = level
        for group, level in best.items():
            role, required = index.group_roles[group], index.group_levels[group]
            points[role] += index.group_weights[group] * min(level, required)
            if index.group_core[group] and level >= required:
                core_met[role] += 1
    fits = [fit_percent(p, d) for p, d in zip(points, index.denominators, strict=True)]
    unmet = [total - met for total, met in zip(index.core_totals, core_met, strict=True)]
    # One integer per role that sorts like (−fit, unmet core, title): far cheaper than sorting tuples.
    core_span = max(index.core_totals, default=0) + 1
    keys = [
        ((100 - fit) * core_span + missing) * role_count + title
        for fit, missing, title in zip(fits, unmet, index.title_ranks, strict=True)
    ]
    order = sorted(range(role_count), key=keys.__getitem__)
    return Ranking(catalogue=catalogue, levels=levels, order=tuple(order), fits=tuple(fits), unmet_core=tuple(unmet))


def _sort_name(skills: Mapping[str, Skill], slug: str) -> str:
    return skills[slug].name.casefold() if slug in skills else slug


def explain(*, catalogue: CompiledCatalogue, levels: Mapping[str, int], role_slug: str) -> Explanation:
    """Each requirement's contribution to one role's fit; its gaps, each with its weight, when asked for."""
    role = catalogue.role_by_slug[role_slug]
    contributions = []
    for requirement in role.requirements:
        current = levels.get(requirement.skill, 0)
        weight = requirement.weight
        contributions.append(
            Contribution(
                skill=requirement.skill,
                importance=requirement.importance,
                weight=weight,
                required=requirement.level,
                current=current,
                points=weight * min(current, requirement.level),
                possible=weight * requirement.level,
            )
        )
    for group in role.any_of:
        member = best_member(group.skills, levels)
        current = levels.get(member, 0) if member else 0
        weight = group.weight
        contributions.append(
            Contribution(
                skill=member,
                importance=group.importance,
                weight=weight,
                required=group.level,
                current=current,
                points=weight * min(current, group.level),
                possible=weight * group.level,
                group=group.name,
                members=group.skills,
            )
        )
    skills = catalogue.skill_by_slug
    # Read the way a counsellor scans a role: core requirements first, then important, then nice to have.
    contributions.sort(key=lambda c: (-c.weight, _sort_name(skills, c.skill)))
    points = sum(c.points for c in contributions)
    possible = sum(c.possible for c in contributions)
    return Explanation(
        role=role,
        fit=fit_percent(points, possible),
        points=points,
        possible=possible,
        contributions=tuple(contributions),
        skill_names=skills,
    )
