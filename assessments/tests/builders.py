"""Small catalogues for engine tests, written the way a person would describe them."""

from roles.compiled import CompiledCatalogue, compile_catalogue
from roles.schema import (
    Advice,
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


def make_skill(slug: str, *, name: str | None = None, hours=(1, 2, 3, 4, 5), needs=None, kind="hard") -> Skill:
    return Skill(
        slug=slug,
        name=name or slug.replace("-", " ").title(),
        category="general",
        kind=kind,
        can=CAN,
        hours=tuple(hours),
        prerequisites=tuple(Prerequisite(skill=s, level=level) for s, level in sorted((needs or {}).items())),
    )


def make_role(slug: str, *, title: str, requires, phases=(), certifications=()) -> Role:
    """requires: [(skill, level, importance)]; phases: [(title, [skills])]."""
    return Role(
        slug=slug,
        title=title,
        summary=f"{title} does things.",
        requirements=tuple(Requirement(skill=s, level=level, importance=i) for s, level, i in requires),
        roadmap=tuple(RoadmapStep(title=t, skills=tuple(skills)) for t, skills in phases),
        certifications=tuple(certifications),
    )


def make_catalogue(
    *, skills: dict, roles: dict, certifications=(), resources=(), stages=(), paths=(), institutions=(), advice=()
) -> CompiledCatalogue:
    """skills: {slug: {"hours": (..5), "needs": {slug: level}}}; roles: {slug: {"title", "requires": [(skill,
    level, importance)], "phases": [(title, [skills])]}}."""
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
