"""The engine's JSON contract, shared by `manage.py score`, `POST /api/v1/score` and saved results.

`ScoreRequest` is the input and its only validator: the API's OpenAPI schema is generated from it, and
the catalogue it is checked against is passed as validation context. The output is the engine's own
types (`RankedRole`, `Gap`, `assessments.planning.Plan`), whose JSON is also what a result stores.

Input:  {"ratings": {"<skill-slug>": 0-5, …}, "hours_per_week": 1-60, "stage": "<stage>", "target": "<role-slug>",
         "experience": "none" | "under-2" | "2-5" | "over-5", "interests": ["<role-slug>", …]}
        (only "ratings" is required; hours per week default to 5; without a target, the plan is for the best
        fit among the roles that suit the student's experience (for a beginner, one they can reach now), or a
        role of interest within a few points of it; skills left out are unrated)
Output: {"catalogue_version", "catalogue_fingerprint", "roles": [...], "plan": {...} or null when nothing fits,
         "where_it_leads": [{"steps": [...]}], "first_steps": [{"steps": [...]}]}

Every problem is reported at once, keyed by where it is ("ratings.kubernets", "hours_per_week").
No ORM here: the caller passes the compiled catalogue.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, ValidationError, ValidationInfo

from assessments.framing import Route, default_target, routes_toward, suited, where_it_leads
from assessments.planning import DEFAULT_HOURS_PER_WEEK, MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK, Plan, plan
from assessments.scoring import Gap, score
from roles.choices import YearsInTech
from roles.compiled import CompiledCatalogue
from roles.levels import MAX_LEVEL


class ScoreInputError(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))
        self.errors = errors


def _catalogue(info: ValidationInfo) -> CompiledCatalogue | None:
    return (info.context or {}).get("catalogue")


def _a_skill(value: str, info: ValidationInfo) -> str:
    catalogue = _catalogue(info)
    if catalogue is not None and value not in catalogue.skill_by_slug:
        raise ValueError("is not a skill in the catalogue (GET /api/v1/skills lists them)")
    return value


def _a_stage(value: str | None, info: ValidationInfo) -> str | None:
    catalogue = _catalogue(info)
    if value is not None and catalogue is not None and value not in catalogue.stage_by_slug:
        raise ValueError(f"must be one of {', '.join(catalogue.stage_by_slug)}, not {value!r}")
    return value


def _a_role(value: str | None, info: ValidationInfo) -> str | None:
    catalogue = _catalogue(info)
    if value is not None and catalogue is not None and value not in catalogue.role_by_slug:
        raise ValueError(f"is not a published role (GET /api/v1/roles lists them), not {value!r}")
    return value


Rating = Annotated[int, Strict(), Field(ge=0, le=MAX_LEVEL)]


class ScoreRequest(BaseModel):
    """A student's ratings and preferences. Validate with `context={"catalogue": …}` to check the slugs."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="ScoreRequest")

    ratings: dict[Annotated[str, AfterValidator(_a_skill)], Rating] = Field(
        description=(
            "Skill slug → level from 0 (none) to 5 (expert). Unrated skills count as 0; an unrated "
            "professional (soft) skill is practised in the plan rather than given hours of study."
        )
    )
    hours_per_week: Annotated[int, Strict(), Field(ge=MIN_HOURS_PER_WEEK, le=MAX_HOURS_PER_WEEK)] = (
        DEFAULT_HOURS_PER_WEEK
    )
    stage: Annotated[str | None, AfterValidator(_a_stage)] = Field(None, description="A stage slug.")
    target: Annotated[str | None, AfterValidator(_a_role)] = Field(
        None, description="The role to plan for; by default the best fit."
    )
    experience: Literal[tuple(YearsInTech.values)] = Field(
        "none", description="Years worked in tech: which certifications suit the student."
    )
    interests: tuple[Annotated[str, AfterValidator(_a_role)], ...] = Field(
        (), description="Roles the student is curious about: they break near-ties for the plan's target."
    )


# What each kind of mistake is called, by field; a field's own validators speak for themselves.
_MESSAGES = {
    "ratings": "an object of skill slugs and levels from 0 to 5",
    "ratings.*": f"must be a whole number from 0 to {MAX_LEVEL}",
    "hours_per_week": f"must be a whole number of hours from {MIN_HOURS_PER_WEEK} to {MAX_HOURS_PER_WEEK}",
    "stage": "must be a stage slug",
    "target": "must be a role slug",
    "experience": f"must be one of {', '.join(YearsInTech.values)}",
    "interests": "must be a list of role slugs",
}


def request_errors(error: ValidationError) -> dict[str, str]:
    """A validation error as {"ratings.python": "must be …", …}, one message per place."""
    errors: dict[str, str] = {}
    for detail in error.errors():
        loc = [str(part) for part in detail["loc"] if part != "[key]"]
        key = ".".join(loc) or "body"
        kind, value = detail["type"], detail.get("input")
        if kind == "extra_forbidden":
            message = f"is not an input CareerFit reads (expected {', '.join(ScoreRequest.model_fields)})"
        elif kind == "missing":
            message = f"is required: {_MESSAGES[key]}"
        elif kind == "value_error":
            message = detail["msg"].removeprefix("Value error, ")
        elif key == "body":
            message = 'must be a JSON object with a "ratings" object'
        elif key == "ratings":
            message = f"must be {_MESSAGES['ratings']}"
        else:
            template = _MESSAGES.get(key.split(".")[0] + ".*" if key.startswith("ratings.") else key.split(".")[0])
            message = f"{template or detail['msg']}, not {value!r}"
        errors.setdefault(key, message)
    return errors


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ScoreInputError({"body": f"gives {', '.join(map(repr, duplicates))} more than once"})
    return dict(pairs)


def parse_score_request(text: str | bytes, *, catalogue: CompiledCatalogue) -> ScoreRequest:
    """Decode and check a request; raises ScoreInputError naming every bad key."""
    try:
        payload = json.loads(text, object_pairs_hook=_refuse_duplicate_keys)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ScoreInputError({"body": f"is not valid JSON ({error})"}) from None
    except (ValueError, RecursionError) as error:  # an integer with thousands of digits, or nesting too deep
        if isinstance(error, ScoreInputError):
            raise
        raise ScoreInputError({"body": f"cannot be read ({error})"}) from None
    try:
        return ScoreRequest.model_validate(payload, context={"catalogue": catalogue})
    except ValidationError as error:
        raise ScoreInputError(request_errors(error)) from None


class RankedRole(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    slug: str
    title: str
    fit: int
    unmet_core: int
    level: str = Field(description="entry, intermediate or senior")
    outgrown: bool = Field(description="a role below the student's level, by their years in tech")
    gaps: tuple[Gap, ...]


class Rung(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    slug: str
    title: str
    level: str
    fit: int


class Ladder(BaseModel):
    """A climb from a first role to a goal through "leads to", each rung with the student's fit."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    steps: tuple[Rung, ...]


class ScoreResponse(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    catalogue_version: int
    catalogue_fingerprint: str
    roles: tuple[RankedRole, ...]
    plan: Plan | None  # none when nothing fits yet and no target was asked for
    where_it_leads: tuple[Ladder, ...] = Field(description="From the plan's role to the top of each of its ladders.")
    first_steps: tuple[Ladder, ...] = Field(
        description="For each role of interest out of reach by the student's years in tech: the best-fitting "
        "role they can reach now that leads to it."
    )


def _ladder(route: Route) -> Ladder:
    return Ladder(
        steps=tuple(
            Rung(slug=step.role.slug, title=step.role.title, level=step.role.level, fit=step.fit)
            for step in route.steps
        )
    )


def score_response(*, catalogue: CompiledCatalogue, request: ScoreRequest, today: date) -> ScoreResponse:
    ranking = score(catalogue=catalogue, levels=request.ratings)
    target = request.target
    if target is None:
        chosen = default_target(ranking, interests=request.interests, experience=request.experience)
        target = chosen.role.slug if chosen else None
    _, outgrown = suited(ranking, request.experience)
    passed = {role_fit.role.slug for role_fit in outgrown}
    return ScoreResponse(
        catalogue_version=catalogue.version,
        catalogue_fingerprint=catalogue.fingerprint,
        roles=tuple(
            RankedRole(
                slug=role_fit.role.slug,
                title=role_fit.role.title,
                fit=role_fit.fit,
                unmet_core=role_fit.unmet_core,
                level=role_fit.role.level,
                outgrown=role_fit.role.slug in passed,
                gaps=ranking.explain(role_fit.role.slug).gaps,
            )
            for role_fit in ranking
        ),
        where_it_leads=tuple(map(_ladder, where_it_leads(ranking, target))) if target else (),
        first_steps=tuple(
            map(
                _ladder,
                routes_toward(
                    ranking, [*request.interests, *([target] if target else [])], experience=request.experience
                ),
            )
        ),
        plan=plan(
            catalogue=catalogue,
            levels=request.ratings,
            hours_per_week=request.hours_per_week,
            role_slug=target,
            stage=request.stage,
            start=today,
            experience=request.experience,
            unrated=set(catalogue.skill_by_slug) - set(request.ratings),
        )
        if target
        else None,
    )
