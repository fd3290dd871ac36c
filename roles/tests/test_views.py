"""The public catalogue pages: /roles/ and /roles/<slug>/."""

import re

import pytest
from django.urls import reverse

from roles import models as m
from roles.selectors import compiled_catalogue

pytestmark = pytest.mark.django_db


def add_roles(count: int) -> None:
    """`count` more published intermediate roles, each with a requirement and a salary."""
    python = m.Skill.objects.get(slug="python")
    for index in range(count):
        role = m.Role.objects.create(
            slug=f"extra-{index}", title=f"Extra role {index}", summary="More.", level="intermediate"
        )
        m.Requirement.objects.create(role=role, skill=python, required_level=2, importance="core")
        m.SalaryRange.objects.create(role=role, label="Canada", minimum=50_000, maximum=60_000, source="Test")


def test_the_role_list_shows_every_published_role_with_salary_summary_and_skill_count(client):
    response = client.get(reverse("roles:list"))
    html = response.content.decode()

    assert response.status_code == 200
    titles = re.findall(r'<a class="stretched-link" href="/roles/[-a-z]+/">([^<]+)</a>', html)
    assert titles == [
        "AI / ML Engineer",
        "Cloud Solutions Architect",
        "Cloud Support Associate (Junior Cloud Engineer)",
        "Cybersecurity Engineer (Security Architect)",
        "Data Analyst",
        "Data Engineer",
        "Data Scientist",
        "DevOps Engineer",
        "IT Support Specialist (Help Desk)",
        "Junior Software Developer",
        "QA &amp; Test Automation Analyst",
        "Security Operations (SOC) Analyst",
        "Software Architect",
        "Web Developer (Front End)",
    ]
    assert "$115,000–$147,000 a year" in html
    assert "21 requirements" in html  # DevOps Engineer: 18 skills and 3 "any one of" requirements
    assert "Automates how software is built" in html


def test_unpublished_roles_are_hidden_from_the_list_and_their_page(client):
    m.Role.objects.filter(slug="data-engineer").update(published=False)

    assert "Data Engineer" not in client.get(reverse("roles:list")).content.decode()
    assert client.get(reverse("roles:detail", args=["data-engineer"])).status_code == 404


def test_an_unknown_role_is_a_404(client):
    assert client.get("/roles/astronaut/").status_code == 404


def test_the_role_list_runs_the_same_queries_for_fourteen_roles_or_thirty_seven(client, django_assert_num_queries):
    compiled_catalogue()
    # The catalogue version: the compiled catalogue is read again only when the catalogue changes.
    with django_assert_num_queries(1):
        client.get(reverse("roles:list"))
    add_roles(23)
    compiled_catalogue()
    with django_assert_num_queries(1):
        html = client.get(reverse("roles:list")).content.decode()
    assert html.count('class="stretched-link"') == 37


def test_the_role_page_shows_requirements_by_category_roadmap_certifications_companies_and_salary(client):
    html = client.get(reverse("roles:detail", args=["devops-engineer"])).content.decode()

    assert "<h1>DevOps Engineer</h1>" in html
    assert "$115,000–$147,000 a year" in html
    assert "Source: Tech Careers in Canada — Roadmap &amp; Roles" in html
    assert re.search(r"<caption[^>]*>Infrastructure &amp; operating systems</caption>", html)
    assert re.search(
        r"Kubernetes</th>\s*<td><span[^>]*>3 · Intermediate</span> <span class=\"badge badge-core\">Core</span>", html
    )
    for step in (
        "Linux &amp; Scripting",
        "Version Control",
        "CI/CD Setup",
        "Containers &amp; Orchestration",
        "Monitoring &amp; Scaling",
    ):
        assert step in html
    assert "AWS Certified DevOps Engineer – Professional" in html
    assert "Shopify" in html and "Deloitte" in html
    assert "Automate build, test, and deployment pipelines for engineering teams." in html
    assert "College diploma" in html and "Typically 2–3 years; many offer co-op" in html
    assert "University of Waterloo" in html and "Conestoga College" in html


def test_the_ml_engineer_page_shows_the_ontario_guide(client):
    html = client.get(reverse("roles:detail", args=["ai-ml-engineer"])).content.decode()

    assert "$75,000–$110,000 a year" in html and "$60–$120 an hour" in html and "$200,000+ a year" in html
    assert "Do I need to be a licensed Professional Engineer" in html
    assert "If you&#x27;re in high school in Ontario" in html
    assert "Ontario&#x27;s tech sector" in html
    assert "A portfolio with real datasets" in html


def test_the_role_page_runs_the_same_queries_however_many_requirements_a_role_has(client, django_assert_num_queries):
    compiled_catalogue()
    # The catalogue version: every figure on the page comes from the compiled catalogue.
    with django_assert_num_queries(1):
        client.get(reverse("roles:detail", args=["data-engineer"]))
    with django_assert_num_queries(1):
        client.get(reverse("roles:detail", args=["ai-ml-engineer"]))  # twice the requirements


@pytest.mark.parametrize(
    ("path", "button"),
    [
        ("/roles/", "Find the roles that fit your skills"),
        ("/roles/devops-engineer/", "See how your skills fit this role"),
    ],
)
def test_the_role_pages_start_an_assessment_from_their_button(path, button):
    from django.test import Client

    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(path).content.decode()
    form = re.search(r'<form method="post" action="/assessment/start/"[^>]*>(.*?)</form>', html, re.S)
    assert form is not None and f">{button}</button>" in form.group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(1)).group(1)

    started = visitor.post("/assessment/start/", {"csrfmiddlewaretoken": token})

    assert started.status_code == 302 and re.fullmatch(r"/assessment/[0-9a-f-]{36}/step/1/", started.url)
