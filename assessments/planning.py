"""The learning plan (PRODUCT.md): from a student's levels to a target role, week by week. Pure code.

Every unmet requirement of the target role becomes an item from the student's level to the required
level. A skill's prerequisites that the student has not met are pulled in too, even when the role does
not list them, and always come before the skills that need them. Items then follow the role's roadmap
phases (a prerequisite joins the earliest phase of the skills that need it; skills in no phase come last,
"throughout the roadmap"); within a phase, pulled-in prerequisites come first, then the heaviest gaps
(w · (r − u)), then the skill's name. Hours come from the skill's hours per level; at the student's weekly
hours each item gets a start and an end week, and the plan a finish date.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy
from pydantic import BaseModel, ConfigDict

from assessments.scoring import gap_weight, score
from roles.compiled import CompiledCatalogue
from roles.schema import Advice, Certification, EducationPath, Institution, Link, Resource, Role, Stage

MIN_HOURS_PER_WEEK = 1
MAX_HOURS_PER_WEEK = 60
DEFAULT_HOURS_PER_WEEK = 5
RESOURCES_PER_ITEM = 3
THROUGHOUT = gettext_lazy("Throughout the roadmap")


class _Output(BaseModel):
    """The engine's output is also its serialisation: what the API returns and what a result stores."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class PlanItem(_Output):
    skill: str
    skill_name: str
    from_level: int
    to_level: int
    hours: int
    phase: str
    phase_position: int  # the roadmap step, or one past the last step for "throughout the roadmap"
    start_week: int
    end_week: int
    importance: str | None  # None: a prerequisite the role does not list
    weight: int  # the gap's weight, w · (r − u); 0 for a pulled-in prerequisite
    needed_for: tuple[str, ...]  # the planned skills this one is a prerequisite of
    resources: tuple[Resource, ...]

    @property
    def is_prerequisite_only(self) -> bool:
        return self.importance is None


class CertificationMatch(_Output):
    certification: Certification
    covers: tuple[str, ...]  # the planned skills it covers
    for_role: bool  # listed by the target role itself


class EducationGuidance(_Output):
    stage: Stage | None
    paths: tuple[EducationPath, ...]
    universities: tuple[Institution, ...]
    colleges: tuple[Institution, ...]
    advice: tuple[Advice, ...]
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class Phase:
    position: int
    title: str
    items: tuple[PlanItem, ...]

    @property
    def hours(self) -> int:
        return sum(item.hours for item in self.items)


class Plan(_Output):
    role: str
    role_title: str
    hours_per_week: int
    start: date
    items: tuple[PlanItem, ...]
    total_hours: int
    weeks: int
    finish_date: date
    certifications: tuple[CertificationMatch, ...]
    education: EducationGuidance

    def phases(self) -> tuple[Phase, ...]:
        grouped: dict[tuple[int, str], list[PlanItem]] = {}
        for item in self.items:
            grouped.setdefault((item.phase_position, item.phase), []).append(item)
        return tuple(Phase(position, title, tuple(items)) for (position, title), items in grouped.items())

    def skill_names(self) -> dict[str, str]:
        """The planned skills' names, for the skills each item is needed for and each certification covers."""
        return {item.skill: item.skill_name for item in self.items}


def plan(
    *,
    catalogue: CompiledCatalogue,
    levels: Mapping[str, int],
    hours_per_week: int = DEFAULT_HOURS_PER_WEEK,
    role_slug: str | None = None,
    stage: str | None = None,
    start: date,
) -> Plan:
    """The plan for a target role (by default the student's best fit)."""
    if isinstance(hours_per_week, bool) or not MIN_HOURS_PER_WEEK <= hours_per_week <= MAX_HOURS_PER_WEEK:
        raise ValueError(f"hours per week must be from {MIN_HOURS_PER_WEEK} to {MAX_HOURS_PER_WEEK}")
    if stage is not None and stage not in catalogue.stage_by_slug:
        raise ValueError(f"unknown stage {stage!r}")
    if role_slug is None:
        best = score(catalogue=catalogue, levels=levels).best()
        if best is None:
            raise ValueError("the catalogue has no roles to plan for")
        role = best.role
    else:
        role = catalogue.role_by_slug.get(role_slug)
        if role is None:
            raise ValueError(f"unknown role {role_slug!r}")

    titles = {position: step.title for position, step in enumerate(role.roadmap, start=1)}
    skills = catalogue.skill_by_slug
    timed = []
    elapsed = 0
    for skill, current, target, importance, weight, position, needed_for in _ordered_items(catalogue, levels, role):
        spec = skills[skill]
        hours = spec.hours_between(current, target)
        start_week = elapsed // hours_per_week + 1
        elapsed += hours
        end_week = -(-elapsed // hours_per_week)  # the week the item's last hour falls in
        timed.append(
            PlanItem(
                skill=skill,
                skill_name=spec.name,
                from_level=current,
                to_level=target,
                hours=hours,
                phase=titles.get(position) or str(THROUGHOUT),
                phase_position=position,
                start_week=start_week,
                end_week=end_week if end_week > start_week else start_week,
                importance=importance,
                weight=weight,
                needed_for=needed_for,
                resources=_resources(catalogue, skill, current, target),
            )
        )
    weeks = math.ceil(elapsed / hours_per_week)
    return Plan(
        role=role.slug,
        role_title=role.title,
        hours_per_week=hours_per_week,
        start=start,
        items=tuple(timed),
        total_hours=elapsed,
        weeks=weeks,
        finish_date=start + timedelta(weeks=weeks),
        certifications=_certifications(catalogue, role, {item.skill for item in timed}),
        education=_education(catalogue, role, stage),
    )


def _ordered_items(catalogue: CompiledCatalogue, levels: Mapping[str, int], role: Role) -> list[tuple]:
    """(skill, from level, to level, importance, gap weight, phase position, needed for), in plan order."""
    skills = catalogue.skill_by_slug
    level = levels.get

    targets: dict[str, int] = {}
    requirement_for: dict[str, tuple[str, int]] = {}  # skill → (importance, gap weight)
    for requirement in role.requirements:
        current = level(requirement.skill, 0)
        if current < requirement.level and requirement.skill in skills:
            targets[requirement.skill] = requirement.level
            requirement_for[requirement.skill] = (
                requirement.importance,
                gap_weight(weight=requirement.weight, required=requirement.level, current=current),
            )

    # Pull in unmet prerequisites, transitively; `needed_for[p]` are the planned skills that need p first.
    needed_for: dict[str, set[str]] = {}
    pending = list(targets)
    while pending:
        skill = pending.pop()
        for needed in skills[skill].prerequisites:
            prerequisite, minimum = needed.skill, needed.level
            if level(prerequisite, 0) >= minimum or prerequisite not in skills:
                continue
            if prerequisite not in targets:
                pending.append(prerequisite)
                targets[prerequisite] = minimum
            elif targets[prerequisite] < minimum:
                targets[prerequisite] = minimum
            needed_for.setdefault(prerequisite, set()).add(skill)

    # Each skill's phase: its earliest roadmap step, or the earliest phase of any skill that needs it.
    after_last = len(role.roadmap) + 1
    own_phase: dict[str, int] = {}
    for position, step in enumerate(role.roadmap, start=1):
        for skill in step.skills:
            own_phase.setdefault(skill, position)
    effective: dict[str, int] = {}
    started: set[str] = set()
    for skill in targets:
        stack = [skill]
        while stack:  # depth-first, iteratively: a skill's phase is known once its dependents' are
            current = stack[-1]
            if current in effective:
                stack.pop()
                continue
            dependents = needed_for.get(current, ())
            unknown = [d for d in dependents if d not in effective and d not in started]
            if current not in started and unknown:
                started.add(current)  # a (malformed) cycle back to here is skipped, not followed forever
                stack.extend(unknown)
                continue
            stack.pop()
            effective[current] = min(
                [own_phase.get(current, after_last)] + [effective.get(d, after_last) for d in dependents]
            )

    keys = {}
    for skill in targets:
        importance, weight = requirement_for.get(skill, (None, 0))
        keys[skill] = (effective[skill], importance is not None, -weight, skills[skill].name.casefold(), skill)

    # Topological order (prerequisites first), choosing the smallest key among the skills that are ready.
    waiting_on = dict.fromkeys(targets, 0)
    for dependents in needed_for.values():
        for dependent in dependents:
            waiting_on[dependent] += 1
    ready = [keys[skill] for skill, count in waiting_on.items() if count == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        skill = heapq.heappop(ready)[-1]
        order.append(skill)
        for dependent in needed_for.get(skill, ()):
            waiting_on[dependent] -= 1
            if waiting_on[dependent] == 0:
                heapq.heappush(ready, keys[dependent])
    if len(order) < len(targets):  # only a catalogue with a prerequisite cycle gets here; keep every item
        placed = set(order)
        order += sorted((skill for skill in targets if skill not in placed), key=keys.__getitem__)

    return [
        (
            skill,
            level(skill, 0),
            targets[skill],
            *requirement_for.get(skill, (None, 0)),
            effective[skill],
            tuple(sorted(needed_for[skill])) if skill in needed_for else (),
        )
        for skill in order
    ]


def _resources(catalogue: CompiledCatalogue, skill: str, current: int, target: int) -> tuple[Resource, ...]:
    """Resources whose levels overlap the climb from `current` to `target`, free ones first."""
    resources = catalogue.resources_by_skill.get(skill)
    if not resources:
        return ()
    matching = [resource for resource in resources if resource.min_level <= target and resource.max_level > current]
    matching.sort(key=lambda r: (r.cost != "free", r.min_level, r.title.casefold()))
    return tuple(matching[:RESOURCES_PER_ITEM])


def _certifications(catalogue: CompiledCatalogue, role: Role, planned: set[str]) -> tuple[CertificationMatch, ...]:
    """Certifications that cover the planned skills, those covering the most first."""
    matches = []
    for certification in catalogue.certifications:
        covers = tuple(sorted(set(certification.skills) & planned))
        if covers:
            matches.append(
                CertificationMatch(
                    certification=certification, covers=covers, for_role=certification.slug in role.certifications
                )
            )
    matches.sort(key=lambda m: (-len(m.covers), not m.for_role, m.certification.name.casefold()))
    return tuple(matches)


def _education(catalogue: CompiledCatalogue, role: Role, stage: str | None) -> EducationGuidance:
    paths = tuple(p for p in catalogue.education_paths if stage is None or stage in p.stages)
    kinds = {path.kind for path in paths}
    universities = tuple(i for i in catalogue.institutions if i.kind == "university") if "degree" in kinds else ()
    colleges = (
        tuple(i for i in catalogue.institutions if i.kind == "college") if kinds & {"certificate", "diploma"} else ()
    )
    about_role = [a for a in catalogue.advice if a.role == role.slug and stage is not None and a.stage == stage]
    # General advice for the stage only when the role has none of its own (it says the same, less precisely).
    for_stage = [] if about_role else [a for a in catalogue.advice if a.role is None and stage and a.stage == stage]
    for_everyone = [a for a in catalogue.advice if a.role is None and a.stage is None]
    return EducationGuidance(
        stage=catalogue.stage_by_slug.get(stage) if stage else None,
        paths=paths,
        universities=universities,
        colleges=colleges,
        advice=tuple(about_role + for_stage + for_everyone),
        links=catalogue.links,
    )
