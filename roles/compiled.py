"""The catalogue compiled for the engine: the published catalogue, immutable, in memory, with indexes.

Its entries are the catalogue's own declaration (`roles.schema`): a skill here is the skill of the files,
the API and the admin. `compile_catalogue()` is the one compile step, whatever the source: the database
once per catalogue version (`roles.selectors.compiled_catalogue`), a result's saved snapshot
(`CompiledCatalogue.from_dict`), or tests and benchmarks. No ORM here.
"""

from __future__ import annotations

import hashlib
import json
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, TypeVar

from django.utils.translation import get_language

from roles.levels import MAX_LEVEL, Importance
from roles.schema import (
    SECTIONS,
    Advice,
    Catalogue,
    Category,
    Certification,
    EducationPath,
    Institution,
    Link,
    Resource,
    Role,
    Skill,
    Stage,
)

T = TypeVar("T")

CORE = Importance.CORE.value
# The shape of `to_dict()`; a snapshot in an older shape is upgraded by a migration, never read as is.
SNAPSHOT_FORMAT = 3


@dataclass(frozen=True, slots=True)
class ScoringIndex:
    """Everything scoring needs, laid out so one student costs a pass over their rated skills' links.

    For a skill and a level u, `contributions[skill][u]` holds the roles requiring that skill and what a
    student at level u adds to each role's numerator, w · min(u, r); `meets_core[skill][u]` holds the
    roles for which that skill is a core requirement that level u meets.
    """

    role_count: int
    denominators: tuple[int, ...]  # Σ w · r per role
    core_totals: tuple[int, ...]
    title_ranks: tuple[int, ...]  # position of each role when sorted by title
    contributions: Mapping[str, tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]]
    meets_core: Mapping[str, tuple[tuple[int, ...], ...]]
    # "Any one of" requirements, numbered across roles: their role, weight, level and whether core, and for
    # each skill the groups it belongs to. A group adds w · min(best member's level, r) once.
    group_roles: tuple[int, ...] = ()
    group_weights: tuple[int, ...] = ()
    group_levels: tuple[int, ...] = ()
    group_core: tuple[bool, ...] = ()
    group_links: Mapping[str, tuple[int, ...]] = field(default_factory=dict)


def compile_catalogue(catalogue: Catalogue, *, version: int, keep: str | None = None) -> CompiledCatalogue:
    """Keep the roles that can be shown and scored (published, with requirements), each section in the
    order pages and the engine use, so equal content always compiles to equal data.

    `keep` names one more role to keep whatever its state, for an editor's preview of a draft.
    """
    category_order = {category.slug: index for index, category in enumerate(catalogue.categories)}
    link_order = {link.slug: index for index, link in enumerate(catalogue.links)}
    return CompiledCatalogue(
        version=version,
        catalogue=Catalogue(
            categories=catalogue.categories,
            skills=tuple(
                sorted(
                    catalogue.skills,
                    key=lambda s: (category_order.get(s.category, len(category_order)), s.name.casefold(), s.slug),
                )
            ),
            stages=catalogue.stages,
            roles=tuple(
                sorted(
                    (role for role in catalogue.roles if (role.published and role.requirements) or role.slug == keep),
                    key=lambda role: (role.title.casefold(), role.slug),
                )
            ),
            certifications=tuple(sorted(catalogue.certifications, key=lambda c: (c.name.casefold(), c.slug))),
            resources=tuple(
                sorted(catalogue.resources, key=lambda r: (r.skill, r.min_level, r.title.casefold(), r.slug))
            ),
            education_paths=catalogue.education_paths,
            institutions=tuple(sorted(catalogue.institutions, key=lambda i: (i.kind, i.name.casefold()))),
            advice=catalogue.advice,
            links=tuple(sorted(catalogue.links, key=lambda link: (link.group, link_order[link.slug]))),
        ),
    )


class CompiledCatalogue:
    """The published catalogue. Roles that are unpublished or have no requirements are left out."""

    def __init__(self, *, version: int, catalogue: Catalogue):
        self.version = version
        self.catalogue = catalogue

    categories: tuple[Category, ...] = property(lambda self: self.catalogue.categories)
    skills: tuple[Skill, ...] = property(lambda self: self.catalogue.skills)
    stages: tuple[Stage, ...] = property(lambda self: self.catalogue.stages)
    roles: tuple[Role, ...] = property(lambda self: self.catalogue.roles)
    certifications: tuple[Certification, ...] = property(lambda self: self.catalogue.certifications)
    resources: tuple[Resource, ...] = property(lambda self: self.catalogue.resources)
    education_paths: tuple[EducationPath, ...] = property(lambda self: self.catalogue.education_paths)
    institutions: tuple[Institution, ...] = property(lambda self: self.catalogue.institutions)
    advice: tuple[Advice, ...] = property(lambda self: self.catalogue.advice)
    links: tuple[Link, ...] = property(lambda self: self.catalogue.links)

    @cached_property
    def skill_by_slug(self) -> Mapping[str, Skill]:
        return MappingProxyType({skill.slug: skill for skill in self.skills})

    @cached_property
    def role_by_slug(self) -> Mapping[str, Role]:
        return MappingProxyType({role.slug: role for role in self.roles})

    @cached_property
    def role_index(self) -> Mapping[str, int]:
        """Each role's position in `roles`."""
        return MappingProxyType({role.slug: index for index, role in enumerate(self.roles)})

    @cached_property
    def stage_by_slug(self) -> Mapping[str, Stage]:
        return MappingProxyType({stage.slug: stage for stage in self.stages})

    @cached_property
    def category_by_slug(self) -> Mapping[str, Category]:
        return MappingProxyType({category.slug: category for category in self.categories})

    @cached_property
    def certification_by_slug(self) -> Mapping[str, Certification]:
        return MappingProxyType({certification.slug: certification for certification in self.certifications})

    @cached_property
    def resources_by_skill(self) -> Mapping[str, tuple[Resource, ...]]:
        grouped: dict[str, list[Resource]] = {}
        for resource in self.resources:
            grouped.setdefault(resource.skill, []).append(resource)
        return MappingProxyType({skill: tuple(items) for skill, items in grouped.items()})

    @cached_property
    def fingerprint(self) -> str:
        """A short hash of the content (not the version number): equal content, equal fingerprint."""
        canonical = json.dumps(
            self.catalogue.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

    @cached_property
    def scoring_index(self) -> ScoringIndex:
        roles = self.roles
        title_order = sorted(range(len(roles)), key=lambda i: (roles[i].title.casefold(), roles[i].slug))
        title_ranks = [0] * len(roles)
        for rank, index in enumerate(title_order):
            title_ranks[index] = rank
        links: dict[str, list[tuple[int, int, int, bool]]] = {}
        group_links: dict[str, list[int]] = {}
        groups: list[tuple[int, int, int, bool]] = []
        denominators, core_totals = [], []
        for index, role in enumerate(roles):
            denominator = core = 0
            for requirement in role.requirements:
                weight = requirement.weight
                denominator += weight * requirement.level
                is_core = requirement.importance == CORE
                core += is_core
                links.setdefault(requirement.skill, []).append((index, weight, requirement.level, is_core))
            for group in role.any_of:
                denominator += group.weight * group.level
                is_core = group.importance == CORE
                core += is_core
                for skill in group.skills:
                    group_links.setdefault(skill, []).append(len(groups))
                groups.append((index, group.weight, group.level, is_core))
            denominators.append(denominator)
            core_totals.append(core)
        contributions, meets_core = {}, {}
        for skill, skill_links in links.items():
            by_level, met_by_level = [((), ())], [()]
            for level in range(1, MAX_LEVEL + 1):
                by_level.append(
                    (
                        tuple(i for i, _, _, _ in skill_links),
                        tuple(w * min(level, r) for _, w, r, _ in skill_links),
                    )
                )
                met_by_level.append(tuple(i for i, _, r, core in skill_links if core and level >= r))
            contributions[skill] = tuple(by_level)
            meets_core[skill] = tuple(met_by_level)
        return ScoringIndex(
            role_count=len(roles),
            denominators=tuple(denominators),
            core_totals=tuple(core_totals),
            title_ranks=tuple(title_ranks),
            contributions=MappingProxyType(contributions),
            meets_core=MappingProxyType(meets_core),
            group_roles=tuple(g[0] for g in groups),
            group_weights=tuple(g[1] for g in groups),
            group_levels=tuple(g[2] for g in groups),
            group_core=tuple(g[3] for g in groups),
            group_links=MappingProxyType({skill: tuple(ids) for skill, ids in group_links.items()}),
        )

    @cached_property
    def skill_depth(self) -> Mapping[str, int]:
        """How many prerequisites deep each skill sits: 0 for a foundation, 1 for what needs one, and so on."""
        skills = self.skill_by_slug
        depth: dict[str, int] = {}

        def visit(slug: str, path: frozenset[str]) -> int:
            if slug not in depth:
                below = [p.skill for p in skills[slug].prerequisites if p.skill in skills and p.skill not in path]
                depth[slug] = 1 + max((visit(p, path | {slug}) for p in below), default=-1)
            return depth[slug]

        for slug in skills:
            visit(slug, frozenset())
        return MappingProxyType(depth)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready) from which `from_dict` rebuilds an equal catalogue."""
        return {"format": SNAPSHOT_FORMAT, "version": self.version, **self.catalogue.model_dump(mode="json")}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CompiledCatalogue:
        if data.get("format") != SNAPSHOT_FORMAT:
            raise ValueError(f"a catalogue snapshot in format {data.get('format', 1)}; expected {SNAPSHOT_FORMAT}")
        catalogue = Catalogue.model_validate({section: data.get(section, ()) for section in SECTIONS})
        return cls(version=data["version"], catalogue=catalogue)


# What pages work out from a catalogue in one language: forgotten with their catalogue, so that once an edit
# replaces it, nothing worked out from it keeps it in memory.
_worked_out: weakref.WeakKeyDictionary[CompiledCatalogue, dict[tuple[Callable, str | None], Any]] = (
    weakref.WeakKeyDictionary()
)


def worked_out(catalogue: CompiledCatalogue, work_out: Callable[[CompiledCatalogue], T]) -> T:
    """`work_out(catalogue)`, once per catalogue and active language, for what it translates (a questionnaire
    step's title, a form's labels)."""
    by_work = _worked_out.setdefault(catalogue, {})
    key = (work_out, get_language())
    if key not in by_work:
        by_work[key] = work_out(catalogue)
    return by_work[key]
