"""A high-school student, a bootcamp graduate and a newcomer (personas from panel.yaml, written before the
entry roles existed) each get an entry role they could be hired into, and the ladder from it to a seed role:
through the API, and on their result and plan pages."""

import json
import re

import pytest

from assessments import services
from assessments.forms import AnswerInput
from assessments.models import Result
from assessments.tests.panel import Persona, load_panel
from roles.selectors import compiled_catalogue

pytestmark = pytest.mark.django_db

PERSONAS = {persona.name: persona for persona in load_panel()}
GRADE_12 = PERSONAS["Grade 12 student who builds gaming PCs and runs a home network"]
BOOTCAMP = PERSONAS["Bootcamp graduate, full-stack web"]
NEWCOMER = PERSONAS["Newcomer to Ontario, help-desk technician for three years abroad"]
JAVA_NEWCOMER = PERSONAS["Newcomer to Ontario, Java back-end developer for six years abroad"]


def ask_the_api(client, persona: Persona) -> dict:
    body = {
        "ratings": persona.ratings,
        "hours_per_week": persona.hours,
        "stage": persona.stage,
        "experience": persona.experience,
        "interests": list(persona.interests),
    }
    response = client.post("/api/v1/score", json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("persona", [GRADE_12, BOOTCAMP, NEWCOMER], ids=["grade-12", "bootcamp", "newcomer"])
def test_the_api_plans_for_an_entry_role_within_reach_and_gives_its_ladder_to_a_seed_role(client, persona):
    catalogue = compiled_catalogue()

    answer = ask_the_api(client, persona)

    target = catalogue.role_by_slug[answer["plan"]["role"]]
    assert target.level == "entry" and target.slug in persona.acceptable
    assert answer["where_it_leads"], "no ladder from the plan's role"
    for ladder in answer["where_it_leads"]:
        steps = ladder["steps"]
        assert steps[0]["slug"] == target.slug and steps[0]["level"] == "entry"
        assert catalogue.role_by_slug[steps[-1]["slug"]].origin == "seed"
        assert all(0 <= step["fit"] <= 100 for step in steps)


def test_the_api_gives_a_beginner_the_first_step_toward_a_senior_role_they_chose():
    from django.test import Client

    answer = ask_the_api(Client(), GRADE_12)

    # They are curious about Cybersecurity Engineer, a senior role: the first step is the SOC seat.
    [first] = [
        ladder["steps"] for ladder in answer["first_steps"] if ladder["steps"][-1]["slug"] == "cybersecurity-engineer"
    ]
    assert [step["slug"] for step in first] == ["soc-analyst", "cybersecurity-engineer"]


def test_more_than_five_years_sets_entry_roles_apart_in_the_api(client):
    answer = ask_the_api(client, JAVA_NEWCOMER)

    outgrown = {role["slug"] for role in answer["roles"] if role["outgrown"]}
    assert outgrown == {role.slug for role in compiled_catalogue().roles if role.level == "entry"}
    assert answer["plan"]["role"] == "software-architect"


def result_for(user, persona: Persona) -> Result:
    assessment = services.assessment_start(owner=user)
    services.assessment_save_profile(
        assessment=assessment,
        stage=persona.stage,
        hours_per_week=persona.hours,
        interests=list(persona.interests),
        reach_step=99,
        experience=persona.experience,
    )
    catalogue = compiled_catalogue()
    services.assessment_save_answers(
        assessment=assessment,
        answers={s.slug: AnswerInput(persona.ratings.get(s.slug, 0), False, "") for s in catalogue.skills},
    )
    return services.assessment_submit(assessment=assessment)


def test_the_result_page_shows_the_entry_target_why_and_where_it_leads(client, django_user_model):
    user = django_user_model.objects.create_user("sam@example.ca", "a-long-password")
    client.force_login(user)
    result = result_for(user, GRADE_12)

    html = client.get(f"/results/{result.id}/").content.decode()

    answer = html.split('id="answer-heading"')[1].split("</section>")[0]
    assert "Your plan is for Security Operations (SOC) Analyst." in answer
    assert "leads to a role you are curious about" in answer
    ladder = html.split('id="ladder-heading"')[1].split("</section>")[0]
    assert "From Security Operations (SOC) Analyst, with experience" in ladder
    assert ladder.count('href="/roles/cybersecurity-engineer/"') == 1  # the first step is the plan's own role
    assert re.search(
        r'href="/roles/soc-analyst/">Security Operations \(SOC\) Analyst</a> <span class="fw-semibold">\d+ %', ladder
    )
    assert "Senior · usually 5 or more years of experience" in ladder
    assert "Entry level · usually 0–2 years of experience" in html


def test_a_first_job_that_is_not_the_plans_role_is_shown_toward_the_role_they_are_curious_about(
    client, django_user_model
):
    user = django_user_model.objects.create_user("jo@example.ca", "a-long-password")
    client.force_login(user)
    result = result_for(user, PERSONAS["Grade 11 student who codes for fun"])
    assert result.target_role == "junior-software-developer"

    html = client.get(f"/results/{result.id}/").content.decode()

    ladder = html.split('id="ladder-heading"')[1].split("</section>")[0]
    assert "A first step toward AI / ML Engineer: Data Analyst" in ladder
    assert re.search(
        r'href="/roles/data-analyst/">Data Analyst</a>.*href="/roles/ai-ml-engineer/">AI / ML Engineer</a>',
        ladder,
        re.S,
    )


def test_an_experienced_student_sees_entry_roles_set_apart_not_ranked(client, django_user_model):
    user = django_user_model.objects.create_user("raj@example.ca", "a-long-password")
    client.force_login(user)
    result = result_for(user, JAVA_NEWCOMER)

    html = client.get(f"/results/{result.id}/").content.decode()

    ranking = html.split('id="ranking-heading"')[1].split('<details class="mb-3">')[0]
    assert "Junior Software Developer" not in ranking
    assert (
        '<span class="text-body-secondary">1.</span> <a href="/roles/software-architect/">Software Architect</a>'
        in ranking
    )
    assert "7 entry roles you have likely outgrown" in html
    assert re.search(r'href="/roles/junior-software-developer/">Junior Software Developer</a>: \d+ %', html)


def test_the_plan_offers_the_next_rungs_and_planning_for_one_changes_the_target(client, django_user_model):
    user = django_user_model.objects.create_user("ana@example.ca", "a-long-password")
    client.force_login(user)
    result = result_for(user, NEWCOMER)
    assert result.target_role == "cloud-support-associate"  # they already meet IT support: the next rung

    plan = client.get(f"/results/{result.id}/plan/").content.decode()
    assert "After Cloud Support Associate (Junior Cloud Engineer)" in plan
    assert ">Plan for DevOps Engineer</button>" in plan and ">Plan for Cloud Solutions Architect</button>" in plan

    response = client.post(f"/results/{result.id}/target/", {"target": "devops-engineer"})

    assert response.status_code == 302
    result.refresh_from_db()
    assert result.target_role == "devops-engineer"


def test_a_plan_for_a_role_out_of_reach_offers_the_first_step_instead(client, django_user_model):
    user = django_user_model.objects.create_user("li@example.ca", "a-long-password")
    client.force_login(user)
    result = result_for(user, BOOTCAMP)
    client.post(f"/results/{result.id}/target/", {"target": "software-architect"})

    plan = client.get(f"/results/{result.id}/plan/").content.decode()

    assert "Software Architect usually takes years of experience. A first step you could be hired into now:" in plan
    assert ">Plan for Junior Software Developer instead</button>" in plan


def test_the_roles_endpoint_gives_each_roles_level_occupation_and_ladder(client):
    roles = {role["slug"]: role for role in client.get("/api/v1/roles").json()}
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["RoleOut"]["properties"]

    soc = roles["soc-analyst"]
    assert (soc["level"], soc["noc_code"], soc["noc_title"], soc["teer_category"]) == (
        "entry",
        "21220",
        "Cybersecurity specialists",
        1,
    )
    assert soc["noc_page"].endswith("code=21220&version=2021.0") and soc["typical_years"] == [0, 2]
    assert soc["leads_to"] == ["cybersecurity-engineer"] and soc["comes_from"] == ["it-support-specialist"]
    assert roles["software-architect"]["typical_years"] == [5, None] and roles["software-architect"]["origin"] == "seed"
    assert {"level", "noc_title", "education", "origin", "sources", "leads_to", "teer_category", "noc_page"} <= set(
        schema
    )
