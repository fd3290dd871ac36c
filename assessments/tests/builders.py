"""Small catalogues for engine tests, written the way a person would describe them."""

from roles.compiled import (
    AdviceSpec,
    CategorySpec,
    CertificationSpec,
    CompiledCatalogue,
    EducationPathSpec,
    InstitutionSpec,
    PhaseSpec,
    RequirementSpec,
    ResourceSpec,
    RoleSpec,
    SkillSpec,
    StageSpec,
)


def make_catalogue(
    *, skills: dict, roles: dict, certifications=(), resources=(), stages=(), paths=(), institutions=(), advice=()
) -> CompiledCatalogue:
    """skills: {slug: {"hours": (..5), "needs": {slug: level}}}; roles: {slug: {"title", "requires": [(skill,
    level, importance)], "phases": [(title, [skills])]}}."""
    skill_specs = tuple(
        SkillSpec(
            slug=slug,
            name=spec.get("name", slug.replace("-", " ").title()),
            category="general",
            hours=tuple(spec.get("hours", (1, 2, 3, 4, 5))),
            prerequisites=tuple(sorted(spec.get("needs", {}).items())),
        )
        for slug, spec in skills.items()
    )
    role_specs = tuple(
        RoleSpec(
            slug=slug,
            title=spec.get("title", slug.title()),
            requirements=tuple(RequirementSpec(*requirement) for requirement in spec["requires"]),
            phases=tuple(
                PhaseSpec(position, title, skills=tuple(phase_skills))
                for position, (title, phase_skills) in enumerate(spec.get("phases", ()), start=1)
            ),
            certifications=tuple(spec.get("certifications", ())),
        )
        for slug, spec in roles.items()
    )
    return CompiledCatalogue(
        version=1,
        categories=(CategorySpec("general", "General"),),
        skills=skill_specs,
        roles=role_specs,
        certifications=tuple(CertificationSpec(*c) if isinstance(c, tuple) else c for c in certifications),
        resources=tuple(resources),
        stages=tuple(stages),
        education_paths=tuple(paths),
        institutions=tuple(institutions),
        advice=tuple(advice),
    )


__all__ = [
    "AdviceSpec",
    "CertificationSpec",
    "EducationPathSpec",
    "InstitutionSpec",
    "ResourceSpec",
    "StageSpec",
    "make_catalogue",
]
