"""The engine's JSON contract, shared by `manage.py score` and `POST /api/v1/score`.

Input:  {"ratings": {"<skill-slug>": 0-5, …}, "hours_per_week": 1-60, "stage": "<stage>", "target": "<role-slug>"}
        (only "ratings" is required; hours per week default to 5, the target to the best fit)
Output: {"catalogue_version", "catalogue_fingerprint", "roles": [...], "plan": {...}}

Validation collects every problem, keyed by where it is ("ratings.kubernets", "hours_per_week"), so a
caller can fix them all at once. No ORM here: the caller passes the compiled catalogue.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from assessments.planning import DEFAULT_HOURS_PER_WEEK, MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK, Plan, plan
from assessments.scoring import Ranking, score
from roles.compiled import CompiledCatalogue
from roles.levels import MAX_LEVEL

INPUT_KEYS = ("ratings", "hours_per_week", "stage", "target")


class ScoreInputError(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class ScoreRequest:
    ratings: Mapping[str, int]
    hours_per_week: int
    stage: str | None
    target: str | None


def parse_json(text: str | bytes) -> Any:
    try:
        return json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ScoreInputError({"body": f"is not valid JSON ({error})"}) from None


def parse_score_request(payload: Any, *, catalogue: CompiledCatalogue) -> ScoreRequest:
    """Check a decoded request against the catalogue; raises ScoreInputError naming every bad key."""
    if not isinstance(payload, dict):
        raise ScoreInputError({"body": 'must be a JSON object with a "ratings" object'})
    errors: dict[str, str] = {}
    for key in payload:
        if key not in INPUT_KEYS:
            errors[str(key)] = f"is not an input CareerFit reads (expected {', '.join(INPUT_KEYS)})"

    ratings: dict[str, int] = {}
    raw_ratings = payload.get("ratings")
    if "ratings" not in payload:
        errors["ratings"] = "is required: an object of skill slugs and levels from 0 to 5"
    elif not isinstance(raw_ratings, dict):
        errors["ratings"] = "must be an object of skill slugs and levels from 0 to 5"
    else:
        for skill, level in raw_ratings.items():
            if skill not in catalogue.skill_by_slug:
                errors[f"ratings.{skill}"] = "is not a skill in the catalogue (GET /api/v1/skills lists them)"
            elif isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= MAX_LEVEL:
                errors[f"ratings.{skill}"] = f"must be a whole number from 0 to {MAX_LEVEL}, not {level!r}"
            else:
                ratings[skill] = level

    hours = payload.get("hours_per_week", DEFAULT_HOURS_PER_WEEK)
    if isinstance(hours, bool) or not isinstance(hours, int) or not MIN_HOURS_PER_WEEK <= hours <= MAX_HOURS_PER_WEEK:
        errors["hours_per_week"] = (
            f"must be a whole number of hours from {MIN_HOURS_PER_WEEK} to {MAX_HOURS_PER_WEEK}, not {hours!r}"
        )

    stage = payload.get("stage")
    if stage is not None and stage not in catalogue.stage_by_slug:
        errors["stage"] = f"must be one of {', '.join(catalogue.stage_by_slug)}, not {stage!r}"

    target = payload.get("target")
    if target is not None and target not in catalogue.role_by_slug:
        errors["target"] = f"is not a published role (GET /api/v1/roles lists them), not {target!r}"

    if errors:
        raise ScoreInputError(errors)
    return ScoreRequest(ratings=ratings, hours_per_week=hours, stage=stage, target=target)


def score_response(*, catalogue: CompiledCatalogue, request: ScoreRequest, today: date) -> dict[str, Any]:
    ranking = score(catalogue=catalogue, levels=request.ratings)
    result = plan(
        catalogue=catalogue,
        levels=request.ratings,
        hours_per_week=request.hours_per_week,
        role_slug=request.target,
        stage=request.stage,
        start=today,
    )
    return {
        "catalogue_version": catalogue.version,
        "catalogue_fingerprint": catalogue.fingerprint,
        "roles": ranking_json(ranking),
        "plan": plan_json(result),
    }


def ranking_json(ranking: Ranking) -> list[dict[str, Any]]:
    return [
        {
            "slug": role_fit.role.slug,
            "title": role_fit.role.title,
            "fit": role_fit.fit,
            "unmet_core": role_fit.unmet_core,
            "gaps": [
                {
                    "skill": gap.skill,
                    "current": gap.current,
                    "required": gap.required,
                    "importance": gap.importance,
                    "weight": gap.weight,
                }
                for gap in ranking.explain(role_fit.role.slug).gaps
            ],
        }
        for role_fit in ranking
    ]


def plan_json(result: Plan) -> dict[str, Any]:
    education = result.education
    return {
        "role": result.role.slug,
        "hours_per_week": result.hours_per_week,
        "total_hours": result.total_hours,
        "weeks": result.weeks,
        "finish_date": result.finish_date.isoformat(),
        "items": [
            {
                "skill": item.skill,
                "from_level": item.from_level,
                "to_level": item.to_level,
                "hours": item.hours,
                "phase": item.phase,
                "start_week": item.start_week,
                "end_week": item.end_week,
                "importance": item.importance,
                "needed_for": list(item.needed_for),
                "resources": [
                    {"title": r.title, "url": r.url, "kind": r.kind, "cost": r.cost, "hours": r.hours}
                    for r in item.resources
                ],
            }
            for item in result.items
        ],
        "certifications": [
            {
                "slug": match.certification.slug,
                "name": match.certification.name,
                "issuer": match.certification.issuer,
                "url": match.certification.url,
                "covers": list(match.covers),
                "for_role": match.for_role,
            }
            for match in result.certifications
        ],
        "education": {
            "stage": education.stage.slug if education.stage else None,
            "paths": [
                {"kind": p.kind, "name": p.name, "duration": p.duration, "who_for": p.who_for, "focus": p.focus}
                for p in education.paths
            ],
            "universities": [{"name": i.name, "city": i.city, "url": i.url} for i in education.universities],
            "colleges": [{"name": i.name, "city": i.city, "url": i.url} for i in education.colleges],
            "advice": [{"title": a.title, "items": list(a.items)} for a in education.advice],
            "links": [{"group": link.group, "title": link.title, "url": link.url} for link in education.links],
        },
    }
