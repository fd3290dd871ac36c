"""What a saved result stores: the engine's output as plain data, with everything its pages show.

Rendering a result reads only these dicts, never the catalogue, so it is cheap and an edited catalogue
cannot change it. No ORM here.
"""

from __future__ import annotations

from typing import Any

from assessments.planning import Plan
from assessments.scoring import Ranking
from roles.compiled import CompiledCatalogue, RoleSpec
from roles.formatting import salary_text


def primary_salary(role: RoleSpec) -> dict[str, Any] | None:
    """The role's first salary range (Canada-wide where the catalogue has one), as shown in lists."""
    if not role.salaries:
        return None
    salary = next((s for s in role.salaries if s.experience == "any"), role.salaries[0])
    return {
        "text": salary_text(minimum=salary.minimum, maximum=salary.maximum, period=salary.period),
        "region": salary.region,
        "source": salary.source,
    }


def ranking_snapshot(catalogue: CompiledCatalogue, ranking: Ranking) -> list[dict[str, Any]]:
    skills = catalogue.skill_by_slug
    rows = []
    for role_fit in ranking:
        explanation = ranking.explain(role_fit.role.slug)
        rows.append(
            {
                "rank": role_fit.rank,
                "slug": role_fit.role.slug,
                "title": role_fit.role.title,
                "summary": role_fit.role.summary,
                "fit": role_fit.fit,
                "unmet_core": role_fit.unmet_core,
                "salary": primary_salary(role_fit.role),
                "points": explanation.points,
                "possible": explanation.possible,
                "contributions": [
                    {
                        "skill": c.skill,
                        "skill_name": skills[c.skill].name,
                        "category": skills[c.skill].category,
                        "importance": c.importance,
                        "weight": c.weight,
                        "required": c.required,
                        "current": c.current,
                        "points": c.points,
                        "possible": c.possible,
                        "gap_weight": c.weight * (c.required - c.current) if c.current < c.required else 0,
                    }
                    for c in explanation.contributions
                ],
                "gaps": [
                    {
                        "skill": g.skill,
                        "skill_name": skills[g.skill].name,
                        "current": g.current,
                        "required": g.required,
                        "importance": g.importance,
                        "weight": g.weight,
                    }
                    for g in explanation.gaps
                ],
            }
        )
    return rows


def plan_snapshot(catalogue: CompiledCatalogue, result: Plan) -> dict[str, Any]:
    skills = catalogue.skill_by_slug
    education = result.education
    return {
        "role": result.role.slug,
        "role_title": result.role.title,
        "hours_per_week": result.hours_per_week,
        "start": result.start.isoformat(),
        "total_hours": result.total_hours,
        "weeks": result.weeks,
        "finish_date": result.finish_date.isoformat(),
        "phases": [
            {
                "position": phase.position,
                "title": phase.title,
                "hours": phase.hours,
                "items": [
                    {
                        "skill": item.skill,
                        "skill_name": item.skill_name,
                        "from_level": item.from_level,
                        "to_level": item.to_level,
                        "hours": item.hours,
                        "start_week": item.start_week,
                        "end_week": item.end_week,
                        "importance": item.importance,
                        "weight": item.weight,
                        "needed_for": [skills[s].name for s in item.needed_for],
                        "resources": [
                            {"title": r.title, "url": r.url, "kind": r.kind, "cost": r.cost, "hours": r.hours}
                            for r in item.resources
                        ],
                    }
                    for item in phase.items
                ],
            }
            for phase in result.phases()
        ],
        "certifications": [
            {
                "name": match.certification.name,
                "issuer": match.certification.issuer,
                "url": match.certification.url,
                "description": match.certification.description,
                "covers": [skills[s].name for s in match.covers],
                "for_role": match.for_role,
            }
            for match in result.certifications
        ],
        "education": {
            "stage": education.stage.slug if education.stage else "",
            "stage_name": education.stage.name if education.stage else "",
            "paths": [
                {
                    "kind": p.kind,
                    "name": p.name,
                    "duration": p.duration,
                    "who_for": p.who_for,
                    "focus": p.focus,
                    "note": p.note,
                }
                for p in education.paths
            ],
            "universities": [{"name": i.name, "city": i.city, "url": i.url} for i in education.universities],
            "colleges": [{"name": i.name, "city": i.city, "url": i.url} for i in education.colleges],
            "advice": [{"title": a.title, "items": list(a.items)} for a in education.advice],
            "links": [
                {"group": link.group, "title": link.title, "url": link.url, "description": link.description}
                for link in education.links
            ],
        },
    }


def plan_items(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for phase in plan["phases"] for item in phase["items"]]
