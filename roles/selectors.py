"""Reads of the catalogue: for the public pages, for export and for the loader's diff."""

from __future__ import annotations

import threading

from django.db.models import Count, Prefetch, QuerySet

from roles import compiled as c
from roles import models as m
from roles.catalogue_files import ROLE_LIST_FIELDS, SECTIONS, CatalogueData
from roles.compiled import CompiledCatalogue


def catalogue_version_number() -> int:
    """The current catalogue version; one indexed read of one row."""
    return m.CatalogueVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def role_list() -> QuerySet[m.Role]:
    """Published roles for /roles/, each with its number of skills and its salary ranges (3 queries)."""
    return (
        m.Role.objects.published()
        .annotate(skill_count=Count("requirements"))
        .prefetch_related(Prefetch("salary_ranges", queryset=m.SalaryRange.objects.order_by("position", "minimum")))
        .order_by("title")
    )


def role_detail(*, slug: str) -> m.Role:
    """A published role with everything its page shows, in a fixed number of queries."""
    return (
        m.Role.objects.published()
        .prefetch_related(
            Prefetch(
                "requirements",
                queryset=m.Requirement.objects.select_related("skill__category").order_by(
                    "skill__category__position", "importance", "-required_level", "skill__name"
                ),
            ),
            Prefetch("roadmap_steps", queryset=m.RoadmapStep.objects.prefetch_related("skills").order_by("position")),
            Prefetch("salary_ranges", queryset=m.SalaryRange.objects.order_by("position", "minimum")),
            Prefetch("certifications", queryset=m.Certification.objects.order_by("name")),
            Prefetch("questions", queryset=m.RoleQuestion.objects.order_by("position")),
            Prefetch(
                "advice", queryset=m.Advice.objects.select_related("stage").order_by("stage__position", "position")
            ),
        )
        .get(slug=slug)
    )


def guidance() -> dict:
    """Education paths, institutions and Ontario links, for the role page and the plan (3 queries)."""
    return {
        "education_paths": list(m.EducationPath.objects.order_by("position", "name")),
        "institutions": list(m.Institution.objects.order_by("kind", "name")),
        "links": list(m.GuidanceLink.objects.order_by("group", "position", "title")),
    }


def _lines(text: str) -> list[str]:
    return m.split_lines(text)


def catalogue_data_from_db() -> CatalogueData:
    """The whole catalogue in the normalised shape of `roles.catalogue_files` (one query per table)."""
    data: CatalogueData = {section: {} for section in SECTIONS}
    for category in m.SkillCategory.objects.all():
        data["categories"][category.slug] = {
            "slug": category.slug,
            "name": category.name,
            "description": category.description,
            "position": category.position,
        }
    prerequisites: dict[int, dict[str, int]] = {}
    for prerequisite in m.Prerequisite.objects.select_related("required_skill").order_by("required_skill__slug"):
        prerequisites.setdefault(prerequisite.skill_id, {})[prerequisite.required_skill.slug] = (
            prerequisite.minimum_level
        )
    for skill in m.Skill.objects.select_related("category"):
        data["skills"][skill.slug] = {
            "slug": skill.slug,
            "name": skill.name,
            "category": skill.category.slug,
            "kind": skill.kind,
            "description": skill.description,
            "can": skill.descriptors,
            "hours": skill.hours_per_level,
            "prerequisites": prerequisites.get(skill.id, {}),
        }
    for stage in m.Stage.objects.all():
        data["stages"][stage.slug] = {
            "slug": stage.slug,
            "name": stage.name,
            "description": stage.description,
            "position": stage.position,
        }
    roles = m.Role.objects.prefetch_related(
        Prefetch("salary_ranges", queryset=m.SalaryRange.objects.order_by("position", "id")),
        Prefetch("requirements", queryset=m.Requirement.objects.select_related("skill").order_by("id")),
        Prefetch("roadmap_steps", queryset=m.RoadmapStep.objects.prefetch_related("skills").order_by("position")),
        Prefetch("questions", queryset=m.RoleQuestion.objects.order_by("position")),
        "certifications",
    )
    for role in roles:
        row = {
            "slug": role.slug,
            "title": role.title,
            "summary": role.summary,
            "overview": role.overview,
            "outlook": role.outlook,
            "published": role.published,
            "certifications": sorted(c.slug for c in role.certifications.all()),
        }
        for name in ROLE_LIST_FIELDS:
            row[name] = _lines(getattr(role, name))
        row["salaries"] = [
            {
                "label": s.label,
                "experience": s.experience,
                "min": s.minimum,
                "max": s.maximum,
                "period": s.period,
                "region": s.region,
                "source": s.source,
                "note": s.note,
                "position": s.position,
            }
            for s in role.salary_ranges.all()
        ]
        row["requirements"] = [
            {"skill": r.skill.slug, "level": r.required_level, "importance": r.importance}
            for r in role.requirements.all()
        ]
        row["roadmap"] = [
            {
                "position": step.position,
                "title": step.title,
                "description": step.description,
                "skills": sorted(s.slug for s in step.skills.all()),
            }
            for step in role.roadmap_steps.all()
        ]
        row["questions"] = [
            {"position": q.position, "question": q.question, "answer": q.answer} for q in role.questions.all()
        ]
        data["roles"][role.slug] = row
    for certification in m.Certification.objects.prefetch_related("skills"):
        data["certifications"][certification.slug] = {
            "slug": certification.slug,
            "name": certification.name,
            "issuer": certification.issuer,
            "url": certification.url,
            "description": certification.description,
            "skills": sorted(s.slug for s in certification.skills.all()),
        }
    for resource in m.LearningResource.objects.select_related("skill"):
        data["resources"][resource.slug] = {
            "slug": resource.slug,
            "skill": resource.skill.slug,
            "title": resource.title,
            "url": resource.url,
            "kind": resource.kind,
            "cost": resource.cost,
            "hours": resource.hours,
            "levels": [resource.min_level, resource.max_level],
        }
    for path in m.EducationPath.objects.prefetch_related("stages"):
        data["education_paths"][path.slug] = {
            "slug": path.slug,
            "kind": path.kind,
            "name": path.name,
            "duration": path.duration,
            "min_months": path.min_months,
            "max_months": path.max_months,
            "who_for": path.who_for,
            "focus": path.focus,
            "note": path.note,
            "stages": sorted(s.slug for s in path.stages.all()),
            "position": path.position,
        }
    for institution in m.Institution.objects.all():
        data["institutions"][institution.slug] = {
            "slug": institution.slug,
            "name": institution.name,
            "kind": institution.kind,
            "city": institution.city,
            "url": institution.url,
        }
    for advice in m.Advice.objects.select_related("stage", "role"):
        data["advice"][advice.slug] = {
            "slug": advice.slug,
            "stage": advice.stage.slug if advice.stage else None,
            "role": advice.role.slug if advice.role else None,
            "title": advice.title,
            "items": _lines(advice.items),
            "position": advice.position,
        }
    for link in m.GuidanceLink.objects.all():
        data["links"][link.slug] = {
            "slug": link.slug,
            "group": link.group,
            "title": link.title,
            "url": link.url,
            "description": link.description,
            "position": link.position,
        }
    return data


def prerequisite_graph(*, exclude_skill_id: int | None = None) -> dict[str, set[str]]:
    """Every skill's prerequisites as slugs (one query), leaving out one skill's own rows if asked."""
    graph: dict[str, set[str]] = {}
    rows = m.Prerequisite.objects.values_list("skill_id", "skill__slug", "required_skill__slug")
    for skill_id, skill, required in rows:
        if skill_id != exclude_skill_id:
            graph.setdefault(skill, set()).add(required)
    return graph


# ------------------------------------------------------------------------------ the compiled catalogue

_compiled: CompiledCatalogue | None = None
_compiled_lock = threading.Lock()


def compiled_catalogue() -> CompiledCatalogue:
    """The published catalogue, compiled; rebuilt only when the catalogue version has changed.

    Costs one indexed query when the cached copy is current. Each process keeps its own copy and checks
    the shared version number, so several app servers behind one database stay correct.
    """
    global _compiled
    version = catalogue_version_number()
    cached = _compiled
    if cached is not None and cached.version == version:
        return cached
    with _compiled_lock:
        cached = _compiled
        if cached is not None and cached.version == version:
            return cached
        built = _build_compiled(version)
        # An edit that lands while building would leave a newer catalogue under an older number; the
        # next request then sees a newer number and rebuilds, so the cache is never stale for long.
        _compiled = built
        return built


def _build_compiled(version: int) -> CompiledCatalogue:
    categories = tuple(
        c.CategorySpec(slug, name, description)
        for slug, name, description in m.SkillCategory.objects.values_list("slug", "name", "description")
    )
    prerequisites: dict[int, list[tuple[str, int]]] = {}
    for skill_id, required, level in m.Prerequisite.objects.order_by("required_skill__slug").values_list(
        "skill_id", "required_skill__slug", "minimum_level"
    ):
        prerequisites.setdefault(skill_id, []).append((required, level))
    skills = tuple(
        c.SkillSpec(
            slug=skill.slug,
            name=skill.name,
            category=skill.category.slug,
            kind=skill.kind,
            description=skill.description,
            descriptors=tuple(skill.descriptors),
            hours=tuple(skill.hours_per_level),
            prerequisites=tuple(prerequisites.get(skill.id, ())),
        )
        for skill in m.Skill.objects.select_related("category").order_by("category__position", "name")
    )
    roles = []
    for role in m.Role.objects.published().prefetch_related(
        Prefetch("requirements", queryset=m.Requirement.objects.select_related("skill").order_by("id")),
        Prefetch("roadmap_steps", queryset=m.RoadmapStep.objects.prefetch_related("skills").order_by("position")),
        Prefetch("salary_ranges", queryset=m.SalaryRange.objects.order_by("position", "minimum")),
        Prefetch("certifications", queryset=m.Certification.objects.order_by("name")),
    ):
        requirements = tuple(
            c.RequirementSpec(r.skill.slug, r.required_level, r.importance) for r in role.requirements.all()
        )
        if not requirements:
            continue
        roles.append(
            c.RoleSpec(
                slug=role.slug,
                title=role.title,
                summary=role.summary,
                requirements=requirements,
                phases=tuple(
                    c.PhaseSpec(
                        step.position, step.title, step.description, tuple(sorted(s.slug for s in step.skills.all()))
                    )
                    for step in role.roadmap_steps.all()
                ),
                salaries=tuple(
                    c.SalarySpec(s.label, s.minimum, s.maximum, s.period, s.region, s.source, s.note, s.experience)
                    for s in role.salary_ranges.all()
                ),
                certifications=tuple(cert.slug for cert in role.certifications.all()),
            )
        )
    certifications = tuple(
        c.CertificationSpec(
            cert.slug,
            cert.name,
            cert.issuer,
            cert.url,
            cert.description,
            tuple(sorted(s.slug for s in cert.skills.all())),
        )
        for cert in m.Certification.objects.prefetch_related("skills").order_by("name")
    )
    resources = tuple(
        c.ResourceSpec(r.slug, r.skill.slug, r.title, r.url, r.kind, r.cost, r.hours, r.min_level, r.max_level)
        for r in m.LearningResource.objects.select_related("skill").order_by("skill__slug", "min_level", "title")
    )
    stages = tuple(
        c.StageSpec(slug, name, description)
        for slug, name, description in m.Stage.objects.values_list("slug", "name", "description")
    )
    education_paths = tuple(
        c.EducationPathSpec(
            p.slug,
            p.kind,
            p.name,
            p.duration,
            p.min_months,
            p.max_months,
            p.who_for,
            p.focus,
            p.note,
            tuple(sorted(s.slug for s in p.stages.all())),
        )
        for p in m.EducationPath.objects.prefetch_related("stages").order_by("position", "name")
    )
    institutions = tuple(
        c.InstitutionSpec(slug, name, kind, city, url)
        for slug, name, kind, city, url in m.Institution.objects.order_by("kind", "name").values_list(
            "slug", "name", "kind", "city", "url"
        )
    )
    advice = tuple(
        c.AdviceSpec(
            a.slug,
            a.title,
            tuple(m.split_lines(a.items)),
            a.stage.slug if a.stage else None,
            a.role.slug if a.role else None,
        )
        for a in m.Advice.objects.select_related("stage", "role").order_by("position", "title")
    )
    links = tuple(
        c.LinkSpec(slug, group, title, url, description)
        for slug, group, title, url, description in m.GuidanceLink.objects.order_by(
            "group", "position", "title"
        ).values_list("slug", "group", "title", "url", "description")
    )
    return c.CompiledCatalogue(
        version=version,
        categories=categories,
        skills=skills,
        roles=tuple(sorted(roles, key=lambda role: role.title.casefold())),
        certifications=certifications,
        resources=resources,
        stages=stages,
        education_paths=education_paths,
        institutions=institutions,
        advice=advice,
        links=links,
    )
