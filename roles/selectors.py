"""Reads of the catalogue: for the public pages, for export and for the loader's diff."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from roles import models as m
from roles.catalogue_files import ROLE_LIST_FIELDS, SECTIONS, CatalogueData


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
