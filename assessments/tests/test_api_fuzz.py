"""`POST /api/v1/score` never answers a malformed body with a server error: every bad input is a JSON 400
(411, 413) naming the field, and what the published schema allows is accepted."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.engine_io import ScoreRequest

pytestmark = pytest.mark.django_db

FIELDS = set(ScoreRequest.model_fields) | {"body"}
SKILLS = ["python", "sql", "linux", "docker", "communication", "kubernetes"]
ROLES = ["devops-engineer", "data-analyst", "web-developer"]


def post(client, body: str | bytes, **extra):
    return client.post("/api/v1/score", body, content_type="application/json", **extra)


def named_fields(response) -> set[str]:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return {key.split(".")[0] for key in response.json()["errors"]}


# The classes of bad input tried by hand, each with the field its message must name.
BAD_BODIES = [
    ('{"ratings": {}, "stage": ["high-school"]}', "stage"),
    ('{"ratings": {}, "stage": {"a": 1}}', "stage"),
    ('{"ratings": {}, "target": ["devops-engineer"]}', "target"),
    ('{"ratings": {}, "target": {"slug": "devops-engineer"}}', "target"),
    ('{"ratings": {}, "target": 7}', "target"),
    ('{"ratings": {"python": ' + "9" * 5000 + "}}", "body"),
    ('{"ratings": {}, "hours_per_week": ' + "1" * 4500 + "}", "body"),
    ('{"ratings": ' + "[" * 20000 + "]" * 20000 + "}", "body"),
    ('{"ratings": ' + '{"a":' * 5000 + "1" + "}" * 5000 + "}", "body"),
    ('{"ratings": {}, "ratings": {"python": 3}}', "body"),
    ('{"ratings": {"python": 2, "python": 5}}', "body"),
    ('{"ratings": {"python": NaN}}', "ratings"),
    ('{"ratings": {"python": Infinity}}', "ratings"),
    ('{"ratings": {"python": 2.5}}', "ratings"),
    ('{"ratings": {"python": 1e400}}', "ratings"),
    ('{"ratings": {"python": null}}', "ratings"),
    ('{"ratings": {"": 3}}', "ratings"),
    ('{"ratings": {"\\u0000python": 3}}', "ratings"),
    ('{"ratings": {}, "interests": "devops-engineer"}', "interests"),
    ('{"ratings": {}, "interests": [["devops-engineer"]]}', "interests"),
    ('{"ratings": {}, "experience": 3}', "experience"),
    ('{"ratings": {}, "hours_per_week": "8"}', "hours_per_week"),
    ('{"ratings": {}, "hours_per_week": true}', "hours_per_week"),
    ('{"ratings": {}, "hours_per_week": -1}', "hours_per_week"),
    ('"ratings"', "body"),
    ("null", "body"),
    ("", "body"),
    ("{", "body"),
    (b'{"ratings": {"\xff": 1}}', "body"),
]


@pytest.mark.parametrize(("body", "field"), BAD_BODIES, ids=[f"{b[:30]!r}" for b, _ in BAD_BODIES])
def test_each_class_of_bad_input_is_a_json_400_naming_its_field(client, body, field):
    response = post(client, body)

    assert response.status_code == 400, response.content[:300]
    assert named_fields(response) == {field}


def test_what_the_published_schema_allows_is_accepted(client):
    schema = client.get("/api/v1/openapi.json").json()
    request_schema = schema["paths"]["/api/v1/score"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    for name, field in request_schema["properties"].items():
        nullable = any(option.get("type") == "null" for option in field.get("anyOf", []))
        if nullable:
            assert post(client, json.dumps({"ratings": {}, name: None})).status_code == 200, name


def test_a_chunked_body_is_refused_not_read_as_empty(client):
    response = client.generic(
        "POST", "/api/v1/score", b"", content_type="application/json", HTTP_TRANSFER_ENCODING="chunked"
    )

    assert response.status_code == 411
    assert "Content-Length" in response.json()["errors"]["body"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
shaped = st.fixed_dictionaries(
    {"ratings": st.dictionaries(st.sampled_from(SKILLS) | st.text(max_size=6), json_values | st.integers(0, 5))},
    optional={
        "hours_per_week": json_values | st.integers(1, 60),
        "stage": json_values | st.sampled_from(["high-school", "post-secondary", "career-switcher", "newcomer"]),
        "target": json_values | st.sampled_from(ROLES),
        "experience": json_values | st.sampled_from(["none", "under-2", "2-5", "over-5"]),
        "interests": json_values | st.lists(st.sampled_from(ROLES), max_size=3),
        "colour": json_values,
    },
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=shaped | json_values)
def test_no_body_gets_a_server_error(client, body):
    response = post(client, json.dumps(body))

    assert response.status_code in (200, 400), response.content[:300]
    if response.status_code == 400:
        # Known fields, or an unknown key of the body itself ("colour: is not an input CareerFit reads").
        unknown = set(body) - FIELDS if isinstance(body, dict) else set()
        named_fields(response)
        for key in response.json()["errors"]:
            assert key in unknown or key.split(".")[0] in FIELDS, key
    else:
        assert response.json()["roles"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_no_bytes_get_a_server_error(client, body):
    response = post(client, body)

    assert response.status_code in (200, 400)
    assert response["Content-Type"].startswith("application/json")
