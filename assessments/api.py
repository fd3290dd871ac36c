"""The JSON API, /api/v1/: the engine over HTTP, with its OpenAPI schema at /api/v1/openapi.json.

`POST /score` has no side effects and no login, so it needs no CSRF token. Its body is parsed by the
same code as `manage.py score`, so both give the same answer and the same errors.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from ninja import NinjaAPI, Schema

from assessments.engine_io import ScoreInputError, parse_json, parse_score_request, score_response
from roles.selectors import compiled_catalogue

MAX_BODY_BYTES = 64 * 1024

# The interactive docs page loads Swagger UI from a CDN, which CareerFit never does; the schema stays.
api = NinjaAPI(title="CareerFit API", version="1", docs_url=None, openapi_url="/openapi.json", urls_namespace="api")


class ScoreIn(Schema):
    ratings: dict[str, int]
    hours_per_week: int | None = None
    stage: str | None = None
    target: str | None = None


class GapOut(Schema):
    skill: str
    current: int
    required: int
    importance: str
    weight: int


class RoleFitOut(Schema):
    slug: str
    title: str
    fit: int
    unmet_core: int
    gaps: list[GapOut]


class ResourceOut(Schema):
    title: str
    url: str
    kind: str
    cost: str
    hours: int | None


class PlanItemOut(Schema):
    skill: str
    from_level: int
    to_level: int
    hours: int
    phase: str
    start_week: int
    end_week: int
    importance: str | None
    needed_for: list[str]
    resources: list[ResourceOut]


class CertificationOut(Schema):
    slug: str
    name: str
    issuer: str
    url: str
    covers: list[str]
    for_role: bool


class PlanOut(Schema):
    role: str
    hours_per_week: int
    total_hours: int
    weeks: int
    finish_date: str
    items: list[PlanItemOut]
    certifications: list[CertificationOut]
    education: dict


class ScoreOut(Schema):
    catalogue_version: int
    catalogue_fingerprint: str
    roles: list[RoleFitOut]
    plan: PlanOut


class ErrorsOut(Schema):
    errors: dict[str, str]


class SalaryOut(Schema):
    label: str
    minimum: int
    maximum: int | None
    period: str
    region: str
    source: str


class RequirementOut(Schema):
    skill: str
    level: int
    importance: str
    weight: int


class PhaseOut(Schema):
    position: int
    title: str
    skills: list[str]


class RoleOut(Schema):
    slug: str
    title: str
    summary: str
    salaries: list[SalaryOut]
    requirements: list[RequirementOut]
    phases: list[PhaseOut]
    certifications: list[str]


class CategoryOut(Schema):
    slug: str
    name: str


class PrerequisiteOut(Schema):
    skill: str
    level: int


class SkillOut(Schema):
    slug: str
    name: str
    kind: str
    category: CategoryOut
    description: str
    descriptors: dict[str, str]
    hours: dict[str, int]
    prerequisites: list[PrerequisiteOut]


def _errors(errors: dict[str, str], status: int) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=status)


@api.post(
    "/score",
    response={200: ScoreOut, 400: ErrorsOut, 413: ErrorsOut},
    summary="Rank every role for a student's ratings and build the learning plan",
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": ScoreIn.model_json_schema()}}}
    },
)
def score(request: HttpRequest):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY_BYTES:
        return _errors({"body": f"is {length} bytes; the most accepted is {MAX_BODY_BYTES}"}, 413)
    catalogue = compiled_catalogue()
    try:
        request_data = parse_score_request(parse_json(request.body), catalogue=catalogue)
    except ScoreInputError as error:
        return _errors(error.errors, 400)
    return JsonResponse(score_response(catalogue=catalogue, request=request_data, today=timezone.localdate()))


@api.get("/roles", response=list[RoleOut], summary="Every published role with its requirements")
def roles(request: HttpRequest):
    catalogue = compiled_catalogue()
    return [
        {
            "slug": role.slug,
            "title": role.title,
            "summary": role.summary,
            "salaries": [
                {
                    "label": s.label,
                    "minimum": s.minimum,
                    "maximum": s.maximum,
                    "period": s.period,
                    "region": s.region,
                    "source": s.source,
                }
                for s in role.salaries
            ],
            "requirements": [
                {"skill": r.skill, "level": r.level, "importance": r.importance, "weight": r.weight}
                for r in role.requirements
            ],
            "phases": [{"position": p.position, "title": p.title, "skills": list(p.skills)} for p in role.phases],
            "certifications": list(role.certifications),
        }
        for role in catalogue.roles
    ]


@api.get("/skills", response=list[SkillOut], summary="Every skill with its category and level descriptors")
def skills(request: HttpRequest):
    catalogue = compiled_catalogue()
    categories = catalogue.category_by_slug
    return [
        {
            "slug": skill.slug,
            "name": skill.name,
            "kind": skill.kind,
            "category": {"slug": skill.category, "name": categories[skill.category].name},
            "description": skill.description,
            "descriptors": {str(level): text for level, text in enumerate(skill.descriptors, start=1)},
            "hours": {str(level): hours for level, hours in enumerate(skill.hours, start=1)},
            "prerequisites": [{"skill": slug, "level": level} for slug, level in skill.prerequisites],
        }
        for skill in catalogue.skills
    ]
