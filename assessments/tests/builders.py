"""Small catalogues for engine tests, written the way a person would describe them."""

from roles.compiled import CompiledCatalogue, compile_catalogue
from roles.schema import (
    Advice,
    AnyOf,
    Catalogue,
    Category,
    Certification,
    EducationPath,
    Institution,
    Prerequisite,
    Requirement,
    Resource,
    RoadmapStep,
    Role,
    Skill,
    Stage,
)

CAN = tuple(f"I can do level {level}." for level in range(1, 6))


def _prerequisite(skill: str, need) -> Prerequisite:
    """need: a level (applying from level 1, so that every level of the skill needs it), or a dict with
    "level" and optionally "from_level" and "or" (the alternatives)."""
    if isinstance(need, int):
        return Prerequisite(skill=skill, level=need, from_level=1)
    return Prerequisite(
        skill=skill, level=need["level"], from_level=need.get("from_level", 3), alternatives=tuple(need.get("or", ()))
    )


def make_skill(slug: str, *, name: str | None = None, hours=(1, 2, 3, 4, 5), needs=None, kind="hard") -> Skill:
    return Skill(
        slug=slug,
        name=name or slug.replace("-", " ").title(),
        category="general",
        kind=kind,
        can=CAN,
        hours=tuple(hours),
        prerequisites=tuple(_prerequisite(s, need) for s, need in sorted((needs or {}).items())),
    )


def make_role(
    slug: str, *, title: str, requires, phases=(), certifications=(), any_of=(), level="", leads_to=()
) -> Role:
    """requires: [(skill, level, importance)]; phases: [(title, [skills])]; any_of: [(name, [skills], level,
    importance)]; level: entry, intermediate or senior; leads_to: role slugs."""
    return Role(
        slug=slug,
        title=title,
        summary=f"{title} does things.",
        level=level,
        leads_to=tuple(leads_to),
        requirements=tuple(Requirement(skill=s, level=level, importance=i) for s, level, i in requires),
        any_of=tuple(AnyOf(name=n, skills=tuple(skills), level=level, importance=i) for n, skills, level, i in any_of),
        roadmap=tuple(RoadmapStep(title=t, skills=tuple(skills)) for t, skills in phases),
        certifications=tuple(certifications),
    )


def make_catalogue(
    *, skills: dict, roles: dict, certifications=(), resources=(), stages=(), paths=(), institutions=(), advice=()
) -> CompiledCatalogue:
    """skills: {slug: {"hours": (..5), "needs": {slug: level or {"level", "from_level", "or"}}, "kind"}};
    roles: {slug: {"title", "requires": [(skill, level, importance)], "any_of": [(name, [skills], level,
    importance)], "phases": [(title, [skills])], "certifications", "level", "leads_to"}}."""
    return compile_catalogue(
        Catalogue(
            categories=(Category(slug="general", name="General"),),
            skills=tuple(make_skill(slug, **spec) for slug, spec in skills.items()),
            roles=tuple(
                make_role(
                    slug,
                    title=spec.get("title", slug.title()),
                    requires=spec["requires"],
                    phases=spec.get("phases", ()),
                    certifications=spec.get("certifications", ()),
                    any_of=spec.get("any_of", ()),
                    level=spec.get("level", ""),
                    leads_to=spec.get("leads_to", ()),
                )
                for slug, spec in roles.items()
            ),
            certifications=tuple(certifications),
            resources=tuple(resources),
            stages=tuple(stages),
            education_paths=tuple(paths),
            institutions=tuple(institutions),
            advice=tuple(advice),
        ),
        version=1,
    )


__all__ = [
    "Advice",
    "Certification",
    "EducationPath",
    "Institution",
    "Resource",
    "Stage",
    "make_catalogue",
    "make_role",
    "make_skill",
]
