"""`manage.py score` and the JSON API give the same answers and the same errors."""

import io
import json
import sys

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from assessments.api import MAX_BODY_BYTES
from roles import models as m
from roles.selectors import catalogue_version_number, compiled_catalogue

pytestmark = pytest.mark.django_db

STUDENT = {
    "ratings": {"python": 3, "sql": 2, "linux": 3, "docker": 2, "git": 3, "statistics": 2, "communication": 3},
    "hours_per_week": 8,
    "stage": "career-switcher",
}


def run_command(payload, tmp_path) -> dict:
    path = tmp_path / "student.json"
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload))
    out = io.StringIO()
    call_command("score", "--input", str(path), stdout=out)
    return json.loads(out.getvalue())


def command_errors(payload, tmp_path) -> str:
    path = tmp_path / "student.json"
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload))
    errors = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("score", "--input", str(path), stdout=io.StringIO(), stderr=errors)
    assert failure.value.returncode == 2
    return errors.getvalue()


def post(client, payload, **extra):
    body = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
    return client.post("/api/v1/score", body, content_type="application/json", **extra)


def test_the_command_and_the_api_give_the_same_answer(client, tmp_path):
    from_command = run_command(STUDENT, tmp_path)
    from_api = post(client, STUDENT).json()

    assert from_api == from_command


def test_the_answer_ranks_every_role_and_plans_for_the_best_fit(tmp_path):
    answer = run_command(STUDENT, tmp_path)
    catalogue = compiled_catalogue()

    assert answer["catalogue_version"] == catalogue_version_number()
    assert answer["catalogue_fingerprint"] == catalogue.fingerprint
    assert len(answer["roles"]) == 14
    assert {role["level"] for role in answer["roles"]} == {"entry", "intermediate", "senior"}
    assert not any(role["outgrown"] for role in answer["roles"])  # no years in tech: nothing is behind them
    assert [r["fit"] for r in answer["roles"]] == sorted((r["fit"] for r in answer["roles"]), reverse=True)
    devops = next(r for r in answer["roles"] if r["slug"] == "devops-engineer")
    kubernetes = {"skill": "kubernetes", "current": 0, "required": 3, "importance": "core", "weight": 9}
    assert {**kubernetes, "group": None, "alternatives": []} in devops["gaps"]
    # An "any one of" requirement is one gap, for the member the student is closest to, naming the others.
    ci_service = next(gap for gap in devops["gaps"] if gap["group"] == "A CI/CD service")
    assert (ci_service["skill"], ci_service["alternatives"]) == ("github-actions", ["jenkins", "azure-devops"])
    assert answer["plan"]["role"] == answer["roles"][0]["slug"]
    assert answer["plan"]["hours_per_week"] == 8
    assert answer["plan"]["total_hours"] == sum(item["hours"] for item in answer["plan"]["items"])
    assert answer["plan"]["weeks"] == -(-answer["plan"]["total_hours"] // 8)
    assert answer["plan"]["finish_date"] > timezone.localdate().isoformat()
    first = answer["plan"]["items"][0]
    assert set(first) == {
        "skill",
        "skill_name",
        "from_level",
        "to_level",
        "hours",
        "phase",
        "phase_position",
        "start_week",
        "end_week",
        "importance",
        "weight",
        "needed_for",
        "resources",
        "group",
        "alternatives",
    }
    # Catalogue entries in the answer have the catalogue files' shape.
    assert set(first["resources"][0]) == {"slug", "skill", "title", "url", "kind", "cost", "hours", "levels"}
    assert answer["plan"]["education"]["stage"]["slug"] == "career-switcher"
    assert [p["kind"] for p in answer["plan"]["education"]["paths"]] == ["certificate", "diploma"]


def test_only_ratings_are_required_and_a_target_can_be_chosen(tmp_path):
    answer = run_command({"ratings": {"python": 2}, "target": "cybersecurity-engineer"}, tmp_path)

    assert answer["plan"]["role"] == "cybersecurity-engineer"
    assert answer["plan"]["hours_per_week"] == 5
    assert answer["plan"]["education"]["stage"] is None
    assert answer["plan"]["role_title"] == "Cybersecurity Engineer (Security Architect)"


def test_the_command_reads_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(STUDENT)))
    out = io.StringIO()

    call_command("score", "--input", "-", stdout=out)

    assert json.loads(out.getvalue())["plan"]["hours_per_week"] == 8


BAD_INPUTS = [
    ("{not json", {"body": "is not valid JSON"}),
    ("[1, 2]", {"body": "must be a JSON object"}),
    ({}, {"ratings": "is required"}),
    ({"ratings": [3]}, {"ratings": "must be an object"}),
    ({"ratings": {"kubernets": 2}}, {"ratings.kubernets": "is not a skill in the catalogue"}),
    ({"ratings": {"python": 9}}, {"ratings.python": "must be a whole number from 0 to 5, not 9"}),
    ({"ratings": {"python": "3"}}, {"ratings.python": "must be a whole number from 0 to 5, not '3'"}),
    ({"ratings": {"python": True}}, {"ratings.python": "must be a whole number from 0 to 5, not True"}),
    ({"ratings": {}, "hours_per_week": 0}, {"hours_per_week": "from 1 to 60, not 0"}),
    ({"ratings": {}, "hours_per_week": 61}, {"hours_per_week": "from 1 to 60, not 61"}),
    ({"ratings": {}, "stage": "retired"}, {"stage": "must be one of high-school"}),
    ({"ratings": {}, "target": "astronaut"}, {"target": "is not a published role"}),
    ({"ratings": {}, "colour": "blue"}, {"colour": "is not an input CareerFit reads"}),
    (
        {"ratings": {"python": 7, "cobol": 1}, "hours_per_week": 100, "target": "astronaut"},
        {"ratings.python": "0 to 5", "ratings.cobol": "not a skill", "hours_per_week": "1 to 60", "target": "not a"},
    ),
]


@pytest.mark.parametrize(("payload", "expected"), BAD_INPUTS)
def test_bad_input_makes_the_command_exit_2_naming_every_bad_key(tmp_path, payload, expected):
    errors = command_errors(payload, tmp_path)

    for key, message in expected.items():
        assert any(line.startswith(f"{key}: ") and message in line for line in errors.splitlines()), errors


@pytest.mark.parametrize(("payload", "expected"), BAD_INPUTS)
def test_bad_input_gets_a_400_from_the_api_with_the_same_field_errors(client, tmp_path, payload, expected):
    response = post(client, payload)

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == set(expected)
    assert all(message in errors[key] for key, message in expected.items())


def test_a_missing_input_file_exits_2(tmp_path):
    with pytest.raises(CommandError, match="cannot read") as failure:
        call_command("score", "--input", str(tmp_path / "missing.json"), stdout=io.StringIO())
    assert failure.value.returncode == 2


def test_a_body_over_the_limit_is_refused_before_it_is_read(client):
    big = json.dumps({"ratings": {"python": 3}, "padding": "x" * MAX_BODY_BYTES})

    response = post(client, big)

    assert response.status_code == 413
    assert "the most accepted is 65536" in response.json()["errors"]["body"]


def test_scoring_writes_nothing(client, django_assert_num_queries):
    compiled_catalogue()
    with django_assert_num_queries(1):  # reading the catalogue version; no writes, no per-role queries
        assert post(client, STUDENT).status_code == 200


def test_scoring_needs_no_csrf_token_because_it_changes_nothing():
    from django.test import Client

    response = post(Client(enforce_csrf_checks=True), STUDENT)

    assert response.status_code == 200


def test_only_post_is_allowed_on_score(client):
    assert client.get("/api/v1/score").status_code == 405


def test_the_roles_endpoint_lists_published_roles_as_the_catalogue_files_describe_them(
    client, django_assert_num_queries
):
    compiled_catalogue()
    with django_assert_num_queries(1):
        roles = client.get("/api/v1/roles").json()

    assert [r["slug"] for r in roles][:2] == ["ai-ml-engineer", "cloud-solutions-architect"]
    devops = next(r for r in roles if r["slug"] == "devops-engineer")
    assert {"skill": "kubernetes", "level": 3, "importance": "core"} in devops["requirements"]
    assert devops["salaries"][0] == {
        "label": "Canada",
        "experience": "any",
        "min": 115000,
        "max": 147000,
        "period": "year",
        "region": "Canada",
        "source": "Tech Careers in Canada — Roadmap & Roles",
        "note": "",
    }
    assert devops["roadmap"][0]["title"] == "Linux & Scripting"
    assert devops["responsibilities"][0] == "Automate build, test, and deployment pipelines for engineering teams."


def test_the_skills_endpoint_gives_slugs_names_categories_and_descriptors(client):
    skills = client.get("/api/v1/skills").json()
    categories = {c["slug"]: c["name"] for c in client.get("/api/v1/categories").json()}
    docker = next(s for s in skills if s["slug"] == "docker")

    assert len(skills) == 123
    assert docker["name"] == "Docker & containers"
    assert categories[docker["category"]] == "Infrastructure & operating systems"
    assert docker["can"][2].startswith("I can containerise a multi-service application")
    assert docker["prerequisites"] == [{"skill": "linux", "level": 2, "from_level": 3, "alternatives": []}]
    api_design = next(s for s in skills if s["slug"] == "api-design")
    assert api_design["prerequisites"] == [
        {"skill": "python", "level": 2, "from_level": 3, "alternatives": ["csharp", "java", "javascript"]}
    ]


def test_the_openapi_schema_describes_every_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert set(schema["paths"]) == {"/api/v1/score", "/api/v1/roles", "/api/v1/skills", "/api/v1/categories"}
    score = schema["paths"]["/api/v1/score"]["post"]
    assert "ratings" in score["requestBody"]["content"]["application/json"]["schema"]["properties"]
    assert set(score["responses"]) >= {"200", "400", "413"}
    assert client.get("/api/v1/docs").status_code == 404  # the docs page would load Swagger from a CDN


def test_the_openapi_schema_is_built_once_and_served_the_same_after(client, monkeypatch):
    first = client.get("/api/v1/openapi.json")
    assert first.status_code == 200

    def build_again(**kwargs):
        raise AssertionError("the schema was built again")

    monkeypatch.setattr("ninja.main.get_schema", build_again)
    again = client.get("/api/v1/openapi.json")

    assert again.status_code == 200
    assert again.json() == first.json()


def test_a_catalogue_edit_reaches_the_roles_skills_and_categories_endpoints_at_once(client):
    # Each listing is written once for the catalogue compiled now, and afresh once an edit compiles another.
    listings = ("/api/v1/roles", "/api/v1/skills", "/api/v1/categories")

    def names() -> list[str]:
        roles, skills, categories = (client.get(path).json() for path in listings)
        return [
            next(role["title"] for role in roles if role["slug"] == "devops-engineer"),
            next(skill["name"] for skill in skills if skill["slug"] == "docker"),
            next(category["name"] for category in categories if category["slug"] == "programming"),
        ]

    assert names() == ["DevOps Engineer", "Docker & containers", "Programming & software engineering"]
    written = [client.get(path).content for path in listings]
    assert [client.get(path).content for path in listings] == written

    m.Role.objects.filter(slug="devops-engineer").update(title="DevOps & Platform Engineer")
    assert names() == ["DevOps & Platform Engineer", "Docker & containers", "Programming & software engineering"]
    m.Skill.objects.filter(slug="docker").update(name="Docker & Podman")
    m.SkillCategory.objects.filter(slug="programming").update(name="Programming")
    assert names() == ["DevOps & Platform Engineer", "Docker & Podman", "Programming"]
