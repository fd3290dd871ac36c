"""The learning plan (PRODUCT.md): from a student's levels to a target role, week by week. Pure code.

Every unmet requirement of the target role becomes an item from the student's level to the required
level. An "any one of" requirement becomes one item, for the member the student is closest to (the first
listed on a tie) unless they chose another. A skill's prerequisites that the student has not met are pulled
in too, even when the role does not list them, but only those that apply at the level being aimed at (so a
"know what it is" item pulls in nothing); they always come before the skills that need them. Items then
follow the role's roadmap phases (a prerequisite joins the earliest phase of the skills that need it; skills
in no phase come last, "throughout the roadmap"); within a phase, foundations come first (the fewest
prerequisites deep), then the heaviest gaps (w · (r − u)), then the skill's name. Hours come from the
skill's hours per level; at the student's weekly hours each item gets a start and an end week, and the plan
a finish date. A professional (soft) skill the student did not rate is not timed study: the plan says how to
practise it instead. Certifications are the ones still offered that suit the student's stage and experience,
and the platforms the plan teaches: the role's own first, then others, each by the hours of this plan they
cover.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy
from pydantic import BaseModel, ConfigDict

from assessments.scoring import best_member, gap_weight, score
from roles.choices import YearsInTech
from roles.compiled import CompiledCatalogue
from roles.schema import Advice, AnyOf, Certification, EducationPath, Institution, Link, Resource, Role, Stage

MIN_HOURS_PER_WEEK = 1
MAX_HOURS_PER_WEEK = 60
DEFAULT_HOURS_PER_WEEK = 5
RESOURCES_PER_ITEM = 3
CERTIFICATIONS_SHOWN = 4
THROUGHOUT = gettext_lazy("Throughout the roadmap")
YEARS = tuple(YearsInTech.values)  # in order, from none to over five
# Which certification levels suit a student: high-school students start with foundational ones; others add
# associate ones; professional and expert ones come with years of experience, and by then foundational
# ones teach little that the work has not.
LEVELS_BY_YEARS = {
    "none": ("foundational", "associate"),
    "under-2": ("foundational", "associate"),
    "2-5": ("associate", "professional", "specialty"),
    "over-5": ("associate", "professional", "specialty", "expert"),
}


class _Output(BaseModel):
    """The engine's output is also its serialisation: what the API returns and what a result stores."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class SkillName(_Output):
    skill: str
    name: str


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
    group: str | None = None  # for an "any one of" requirement: its name
    alternatives: tuple[SkillName, ...] = ()  # and the other skills that would meet it

    @property
    def is_prerequisite_only(self) -> bool:
        return self.importance is None


class Practice(_Output):
    """A professional skill the student did not rate: how to practise it, instead of hours of study."""

    skill: str
    skill_name: str
    level: int
    importance: str
    aim: str  # the skill's own "I can…" for the level the role needs


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
    practice: tuple[Practice, ...] = ()

    def phases(self) -> tuple[Phase, ...]:
        grouped: dict[tuple[int, str], list[PlanItem]] = {}
        for item in self.items:
            grouped.setdefault((item.phase_position, item.phase), []).append(item)
        return tuple(Phase(position, title, tuple(items)) for (position, title), items in grouped.items())

    def skill_names(self) -> dict[str, str]:
        """The planned skills' names, for the skills each item is needed for and each certification covers."""
        return {item.skill: item.skill_name for item in self.items}

    def choices(self) -> dict[str, str]:
        """The skill the plan teaches for each "any one of" requirement, to keep on a re-plan."""
        return {item.group: item.skill for item in self.items if item.group}


def plan(
    *,
    catalogue: CompiledCatalogue,
    levels: Mapping[str, int],
    hours_per_week: int = DEFAULT_HOURS_PER_WEEK,
    role_slug: str | None = None,
    stage: str | None = None,
    start: date,
    experience: str = "none",
    choices: Mapping[str, str] | None = None,
    unrated: Collection[str] = (),
) -> Plan:
    """The plan for a target role (by default the student's best fit).

    `experience` is the student's years in tech (`YEARS`); `choices` names the skill to learn for an "any one
    of" requirement (by its name); `unrated` lists the skills the student did not rate or was not sure of.
    """
    if experience not in YEARS:
        raise ValueError(f"experience must be one of {', '.join(YEARS)}")
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
    practice = _practice(catalogue, levels, role, set(unrated))
    practised = {p.skill for p in practice}
    groups = _group_members(levels, role, choices or {})
    timed = []
    elapsed = 0
    for skill, current, target, importance, weight, position, needed_for in _ordered_items(
        catalogue, levels, role, groups, practised
    ):
        spec = skills[skill]
        group = groups.get(skill)
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
                group=group.name if group else None,
                alternatives=tuple(
                    SkillName(skill=other, name=skills[other].name)
                    for other in (group.skills if group else ())
                    if other != skill and other in skills
                ),
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
        certifications=_certifications(
            catalogue,
            role,
            timed,
            stage=stage,
            experience=experience,
            platforms=_platforms(levels, role, groups),
        ),
        education=_education(catalogue, role, stage),
        practice=practice,
    )


def _group_members(levels: Mapping[str, int], role: Role, choices: Mapping[str, str]) -> dict[str, AnyOf]:
    """For each unmet "any one of" requirement, the skill the plan teaches for it: the student's choice if
    they made one, else the member they are closest to (the first listed on a tie)."""
    chosen = {}
    for group in role.any_of:
        if not group.skills or levels.get(best_member(group.skills, levels), 0) >= group.level:
            continue
        choice = choices.get(group.name)
        chosen[choice if choice in group.skills else best_member(group.skills, levels)] = group
    return chosen


def _platforms(levels: Mapping[str, int], role: Role, taught: Mapping[str, AnyOf]) -> list[tuple[set, set]]:
    """For each of the role's "any one of" requirements: (its skills, the ones the student has or will learn).

    A student "has" any member they rated; the plan teaches one member of an unmet requirement, and a met
    requirement keeps the member that counted.
    """
    platforms = []
    for group in role.any_of:
        kept = {skill for skill, g in taught.items() if g is group} or {best_member(group.skills, levels)}
        kept |= {skill for skill in group.skills if levels.get(skill, 0) > 0}
        platforms.append((set(group.skills), kept))
    return platforms


def _practice(catalogue: CompiledCatalogue, levels: Mapping[str, int], role: Role, unrated: set[str]) -> tuple:
    skills = catalogue.skill_by_slug
    return tuple(
        Practice(
            skill=requirement.skill,
            skill_name=skills[requirement.skill].name,
            level=requirement.level,
            importance=requirement.importance,
            aim=skills[requirement.skill].can[requirement.level - 1],
        )
        for requirement in role.requirements
        if requirement.skill in unrated
        and requirement.skill in skills
        and skills[requirement.skill].kind == "soft"
        and levels.get(requirement.skill, 0) < requirement.level
    )


def _ordered_items(
    catalogue: CompiledCatalogue,
    levels: Mapping[str, int],
    role: Role,
    groups: Mapping[str, AnyOf],
    practised: set[str],
) -> list[tuple]:
    """(skill, from level, to level, importance, gap weight, phase position, needed for), in plan order."""
    skills = catalogue.skill_by_slug
    level = levels.get

    targets: dict[str, int] = {}
    requirement_for: dict[str, tuple[str, int]] = {}  # skill → (importance, gap weight)
    wanted = [(r.skill, r.level, r.importance, r.weight) for r in role.requirements if r.skill not in practised]
    wanted += [(skill, g.level, g.importance, g.weight) for skill, g in groups.items()]
    for skill, required, importance, weight in wanted:
        current = level(skill, 0)
        if current < required and skill in skills:
            targets[skill] = required
            requirement_for[skill] = (importance, gap_weight(weight=weight, required=required, current=current))

    # Pull in unmet prerequisites, transitively, that apply at the level each skill is aimed at;
    # `needed_for[p]` are the planned skills that need p first. A skill aimed higher is looked at again.
    needed_for: dict[str, set[str]] = {}
    pending = list(targets)
    while pending:
        skill = pending.pop()
        for needed in skills[skill].prerequisites:
            candidates = tuple(c for c in needed.candidates() if c in skills)
            prerequisite, minimum = best_member(candidates, levels), needed.level
            if targets[skill] < needed.from_level or not candidates or level(prerequisite, 0) >= minimum:
                continue
            if targets.get(prerequisite, 0) < minimum:
                targets[prerequisite] = max(minimum, targets.get(prerequisite, 0))
                pending.append(prerequisite)
            needed_for.setdefault(prerequisite, set()).add(skill)

    # Each skill's phase: its earliest roadmap step, or the earliest phase of any skill that needs it. A
    # member of an "any one of" requirement takes the earliest step that names any member.
    after_last = len(role.roadmap) + 1
    own_phase: dict[str, int] = {}
    for position, step in enumerate(role.roadmap, start=1):
        for skill in step.skills:
            own_phase.setdefault(skill, position)
    for skill, group in groups.items():
        steps = [own_phase[member] for member in group.skills if member in own_phase]
        if steps:
            own_phase[skill] = min(steps)
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
    depth = catalogue.skill_depth
    for skill in targets:
        _, weight = requirement_for.get(skill, (None, 0))
        keys[skill] = (effective[skill], depth[skill], -weight, skills[skill].name.casefold(), skill)

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


def _certifications(
    catalogue: CompiledCatalogue,
    role: Role,
    items: list[PlanItem],
    *,
    stage: str | None,
    experience: str,
    platforms: list[tuple[set, set]],
) -> tuple[CertificationMatch, ...]:
    """Offered certifications that suit the student: the role's own first, then others, each by the hours of
    this plan they cover.

    A certification for a platform the plan does not teach is left out: one that names members of an "any one
    of" requirement (a cloud, a data warehouse) but none that the student has or will learn.
    """
    hours = {item.skill: item.hours for item in items}
    allowed = ("foundational",) if stage == "high-school" else LEVELS_BY_YEARS[experience]
    reach = YEARS.index(experience)
    matches = []
    for certification in catalogue.certifications:
        if (
            not certification.active
            or certification.level not in allowed
            or YEARS.index(certification.experience) > reach
            or any(
                skills.intersection(certification.skills) and not kept.intersection(certification.skills)
                for skills, kept in platforms
            )
        ):
            continue
        covers = tuple(sorted(set(certification.skills) & set(hours)))
        if covers:
            matches.append(
                (
                    sum(hours[skill] for skill in covers),
                    CertificationMatch(
                        certification=certification, covers=covers, for_role=certification.slug in role.certifications
                    ),
                )
            )
    matches.sort(key=lambda m: (not m[1].for_role, -m[0], m[1].certification.name.casefold()))
    return tuple(match for _, match in matches[:CERTIFICATIONS_SHOWN])


def _education(catalogue: CompiledCatalogue, role: Role, stage: str | None) -> EducationGuidance:
    focus = {f.path: f.focus for f in role.education_focus}
    paths = tuple(
        p.model_copy(update={"focus": focus[p.slug]}) if p.slug in focus else p
        for p in catalogue.education_paths
        if stage is None or stage in p.stages
    )
    kinds = {path.kind for path in paths}
    universities = tuple(i for i in catalogue.institutions if i.kind == "university") if "degree" in kinds else ()
    colleges = (
        tuple(i for i in catalogue.institutions if i.kind == "college") if kinds & {"certificate", "diploma"} else ()
    )

    def for_stage(advice: Advice) -> bool:
        return stage in advice.stages if stage else not advice.stages

    # Advice about this role alone replaces the general advice for the stage (it says the same, more
    # precisely); advice about several roles, such as the note on the title "engineer", adds to it.
    about_role = [a for a in catalogue.advice if a.roles == (role.slug,) and a.stages and for_stage(a)]
    about_several = [a for a in catalogue.advice if role.slug in a.roles and len(a.roles) > 1 and for_stage(a)]
    general = [] if about_role else [a for a in catalogue.advice if not a.roles and a.stages and for_stage(a)]
    for_everyone = [a for a in catalogue.advice if not a.stages and (not a.roles or role.slug in a.roles)]
    return EducationGuidance(
        stage=catalogue.stage_by_slug.get(stage) if stage else None,
        paths=paths,
        universities=universities,
        colleges=colleges,
        advice=tuple(about_role + about_several + general + [a for a in for_everyone if a not in about_several]),
        links=catalogue.links,
    )
