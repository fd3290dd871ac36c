"""The JSON API, /api/v1/: the engine over HTTP, with its OpenAPI schema at /api/v1/openapi.json.

Every schema here is a model the code already uses: the score request is the model that validates it
(`assessments.engine_io.ScoreRequest`), the answer is the engine's own output, and roles, skills and
categories are the catalogue's declaration (`roles.schema`), the same shape as the catalogue files.
`POST /score` has no side effects and no login, so it needs no CSRF token. Its body is parsed by the
same code as `manage.py score`, so both give the same answer and the same errors.
"""

from __future__ import annotations

import functools
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from ninja import NinjaAPI, Schema
from ninja.openapi.schema import OpenAPISchema

from assessments.engine_io import ScoreInputError, ScoreRequest, ScoreResponse, parse_score_request, score_response
from roles.compiled import CompiledCatalogue
from roles.schema import Category, Role, Skill
from roles.selectors import compiled_catalogue

MAX_BODY_BYTES = 64 * 1024


class CareerFitAPI(NinjaAPI):
    """django-ninja's API, whose OpenAPI schema is built once per process for each address it is served under.
    The schema follows from the code alone, and django-ninja builds it afresh for every request: 20 ms here, of
    a worker's time, for anyone who asks (its issue #1238)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._schemas: dict[str, OpenAPISchema] = {}

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict | None = None) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        if path_prefix not in self._schemas:
            self._schemas[path_prefix] = super().get_openapi_schema(path_prefix=path_prefix)
        return self._schemas[path_prefix]


def _json(body: str | bytes) -> HttpResponse:
    return HttpResponse(body, content_type="application/json")


# The interactive docs page loads Swagger UI from a CDN, which CareerFit never does; the schema stays.
api = CareerFitAPI(title="CareerFit API", version="1", docs_url=None, openapi_url="/openapi.json", urls_namespace="api")


class ErrorsOut(Schema):
    errors: dict[str, str]


def _errors(errors: dict[str, str], status: int) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=status)


@api.post(
    "/score",
    response={200: ScoreResponse, 400: ErrorsOut, 411: ErrorsOut, 413: ErrorsOut},
    summary="Rank every role for a student's ratings and build the learning plan",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": ScoreRequest.model_json_schema()}},
        }
    },
)
def score(request: HttpRequest):
    if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower() and not request.META.get("CONTENT_LENGTH"):
        # A WSGI server hands Django a chunked body as empty; refuse it rather than score nothing.
        return _errors({"body": "was sent in chunks; send it whole, with a Content-Length header"}, 411)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _errors({"body": "has a Content-Length that is not a number"}, 400)
    if length > MAX_BODY_BYTES:
        return _errors({"body": f"is {length} bytes; the most accepted is {MAX_BODY_BYTES}"}, 413)
    catalogue = compiled_catalogue()
    try:
        request_data = parse_score_request(request.body, catalogue=catalogue)
    except ScoreInputError as error:
        return _errors(error.errors, 400)
    answer = score_response(catalogue=catalogue, request=request_data, today=timezone.localdate())
    # Written by pydantic in one pass: as a dict and then JSON, the 44 KB answer took 0.5 ms, here 0.17.
    return _json(answer.model_dump_json())


class RoleOut(Role):
    """A role as the catalogue files describe it, with what follows from it: its TEER category, the
    Government of Canada's page for its NOC code, the years of experience its level usually takes, and
    the published roles that lead to it."""

    teer_category: int | None
    noc_page: str
    typical_years: tuple[int, int | None] | None
    comes_from: tuple[str, ...]


@api.api_operation(
    ["GET", "HEAD"],
    "/roles",
    response=list[RoleOut],
    summary="Every published role, as the catalogue files describe it, with its TEER, NOC page and ladder",
)
def roles(request: HttpRequest):
    return _json(_roles_json(compiled_catalogue()))


# The catalogue's three listings are written once for each compiled catalogue, which never changes (an edit
# compiles another): writing the roles or the skills was 0.6 ms of the 0.9 their requests took.


def _written(listing: list) -> bytes:
    return json.dumps(listing, cls=DjangoJSONEncoder).encode()


@functools.lru_cache(maxsize=1)
def _roles_json(catalogue: CompiledCatalogue) -> bytes:
    return _written(
        [
            {
                **role.model_dump(mode="json"),
                "teer_category": role.teer,
                "noc_page": role.noc_url,
                "typical_years": role.years,
                "comes_from": sorted(other.slug for other in catalogue.roles if role.slug in other.leads_to),
            }
            for role in catalogue.roles
        ]
    )


@api.api_operation(
    ["GET", "HEAD"],
    "/skills",
    response=list[Skill],
    summary="Every skill with its level descriptors, hours and prerequisites",
)
def skills(request: HttpRequest):
    return _json(_skills_json(compiled_catalogue()))


@functools.lru_cache(maxsize=1)
def _skills_json(catalogue: CompiledCatalogue) -> bytes:
    return _written([skill.model_dump(mode="json") for skill in catalogue.skills])


@api.api_operation(
    ["GET", "HEAD"],
    "/categories",
    response=list[Category],
    summary="The skill categories, in the questionnaire's order",
)
def categories(request: HttpRequest):
    return _json(_categories_json(compiled_catalogue()))


@functools.lru_cache(maxsize=1)
def _categories_json(catalogue: CompiledCatalogue) -> bytes:
    return _written([category.model_dump(mode="json") for category in catalogue.categories])
