"""The catalogue compiled for the engine: immutable, in memory, with the indexes scoring needs.

Built from the database once per catalogue version (`roles.selectors.compiled_catalogue`), or from a
saved snapshot (`CompiledCatalogue.from_dict`), or directly by tests and benchmarks. No ORM here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import cached_property
from types import MappingProxyType
from typing import Any

from roles.levels import IMPORTANCE_WEIGHTS, MAX_LEVEL, Importance

CORE = Importance.CORE.value
# Plain strings to weights: the engine looks weights up per requirement, and building an Enum each time
# costs more than the rest of the arithmetic.
WEIGHT_OF = {importance.value: weight for importance, weight in IMPORTANCE_WEIGHTS.items()}


@dataclass(frozen=True, slots=True)
class CategorySpec:
    slug: str
    name: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class SkillSpec:
    slug: str
    name: str
    category: str
    kind: str = "hard"
    description: str = ""
    descriptors: tuple[str, ...] = ()  # "I can…" for levels 1 to 5
    hours: tuple[int, ...] = (1, 1, 1, 1, 1)  # hours to reach level 1, 2, 3, 4, 5 from the one below
    prerequisites: tuple[tuple[str, int], ...] = ()  # (skill slug, minimum level)

    def hours_between(self, from_level: int, to_level: int) -> int:
        return sum(self.hours[from_level:to_level])


@dataclass(frozen=True, slots=True)
class RequirementSpec:
    skill: str
    level: int
    importance: str

    @property
    def weight(self) -> int:
        return WEIGHT_OF[self.importance]


@dataclass(frozen=True, slots=True)
class PhaseSpec:
    position: int
    title: str
    description: str = ""
    skills: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SalarySpec:
    label: str
    minimum: int
    maximum: int | None
    period: str = "year"
    region: str = "Canada"
    source: str = ""
    note: str = ""
    experience: str = "any"


@dataclass(frozen=True, slots=True)
class RoleSpec:
    slug: str
    title: str
    summary: str = ""
    requirements: tuple[RequirementSpec, ...] = ()
    phases: tuple[PhaseSpec, ...] = ()
    salaries: tuple[SalarySpec, ...] = ()
    certifications: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CertificationSpec:
    slug: str
    name: str
    issuer: str = ""
    url: str = ""
    description: str = ""
    skills: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ResourceSpec:
    slug: str
    skill: str
    title: str
    url: str
    kind: str
    cost: str
    hours: int | None
    min_level: int
    max_level: int


@dataclass(frozen=True, slots=True)
class StageSpec:
    slug: str
    name: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class EducationPathSpec:
    slug: str
    kind: str
    name: str
    duration: str
    min_months: int
    max_months: int
    who_for: str
    focus: str
    note: str = ""
    stages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class InstitutionSpec:
    slug: str
    name: str
    kind: str
    city: str
    url: str


@dataclass(frozen=True, slots=True)
class AdviceSpec:
    slug: str
    title: str
    items: tuple[str, ...]
    stage: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class LinkSpec:
    slug: str
    group: str
    title: str
    url: str
    description: str = ""


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


@dataclass(frozen=True, eq=False)
class CompiledCatalogue:
    """The published catalogue. Roles without requirements are left out: they cannot be scored."""

    version: int
    categories: tuple[CategorySpec, ...] = ()
    skills: tuple[SkillSpec, ...] = ()
    roles: tuple[RoleSpec, ...] = ()
    certifications: tuple[CertificationSpec, ...] = ()
    resources: tuple[ResourceSpec, ...] = ()
    stages: tuple[StageSpec, ...] = ()
    education_paths: tuple[EducationPathSpec, ...] = ()
    institutions: tuple[InstitutionSpec, ...] = ()
    advice: tuple[AdviceSpec, ...] = ()
    links: tuple[LinkSpec, ...] = ()

    @cached_property
    def skill_by_slug(self) -> Mapping[str, SkillSpec]:
        return MappingProxyType({skill.slug: skill for skill in self.skills})

    @cached_property
    def role_by_slug(self) -> Mapping[str, RoleSpec]:
        return MappingProxyType({role.slug: role for role in self.roles})

    @cached_property
    def stage_by_slug(self) -> Mapping[str, StageSpec]:
        return MappingProxyType({stage.slug: stage for stage in self.stages})

    @cached_property
    def category_by_slug(self) -> Mapping[str, CategorySpec]:
        return MappingProxyType({category.slug: category for category in self.categories})

    @cached_property
    def resources_by_skill(self) -> Mapping[str, tuple[ResourceSpec, ...]]:
        grouped: dict[str, list[ResourceSpec]] = {}
        for resource in self.resources:
            grouped.setdefault(resource.skill, []).append(resource)
        return MappingProxyType({skill: tuple(items) for skill, items in grouped.items()})

    @cached_property
    def fingerprint(self) -> str:
        """A short hash of the content (not the version number): equal content, equal fingerprint."""
        payload = self.to_dict()
        del payload["version"]
        canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

    @cached_property
    def scoring_index(self) -> ScoringIndex:
        roles = self.roles
        title_order = sorted(range(len(roles)), key=lambda i: (roles[i].title.casefold(), roles[i].slug))
        title_ranks = [0] * len(roles)
        for rank, index in enumerate(title_order):
            title_ranks[index] = rank
        links: dict[str, list[tuple[int, int, int, bool]]] = {}
        denominators, core_totals = [], []
        for index, role in enumerate(roles):
            denominator = core = 0
            for requirement in role.requirements:
                weight = requirement.weight
                denominator += weight * requirement.level
                is_core = requirement.importance == CORE
                core += is_core
                links.setdefault(requirement.skill, []).append((index, weight, requirement.level, is_core))
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
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready) from which `from_dict` rebuilds an equal catalogue."""
        return {
            "version": self.version,
            **{
                name: [asdict(item) for item in getattr(self, name)]
                for name in (
                    "categories",
                    "skills",
                    "roles",
                    "certifications",
                    "resources",
                    "stages",
                    "education_paths",
                    "institutions",
                    "advice",
                    "links",
                )
            },
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CompiledCatalogue:
        def tuples(items, spec):
            return tuple(spec(**item) for item in items)

        return cls(
            version=data["version"],
            categories=tuples(data["categories"], CategorySpec),
            skills=tuple(
                SkillSpec(
                    **{
                        **skill,
                        "descriptors": tuple(skill["descriptors"]),
                        "hours": tuple(skill["hours"]),
                        "prerequisites": tuple((slug, level) for slug, level in skill["prerequisites"]),
                    }
                )
                for skill in data["skills"]
            ),
            roles=tuple(
                RoleSpec(
                    **{
                        **role,
                        "requirements": tuples(role["requirements"], RequirementSpec),
                        "phases": tuple(PhaseSpec(**{**p, "skills": tuple(p["skills"])}) for p in role["phases"]),
                        "salaries": tuples(role["salaries"], SalarySpec),
                        "certifications": tuple(role["certifications"]),
                    }
                )
                for role in data["roles"]
            ),
            certifications=tuple(
                CertificationSpec(**{**c, "skills": tuple(c["skills"])}) for c in data["certifications"]
            ),
            resources=tuples(data["resources"], ResourceSpec),
            stages=tuples(data["stages"], StageSpec),
            education_paths=tuple(
                EducationPathSpec(**{**p, "stages": tuple(p["stages"])}) for p in data["education_paths"]
            ),
            institutions=tuples(data["institutions"], InstitutionSpec),
            advice=tuple(AdviceSpec(**{**a, "items": tuple(a["items"])}) for a in data["advice"]),
            links=tuples(data["links"], LinkSpec),
        )
