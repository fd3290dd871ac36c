"""A saved result's page and its plan are rendered once and then served from the cache
(`careerfit.rendering`): what every later view must still get right."""

import re

import pytest
from django.test import Client

from assessments.models import Result
from assessments.tests.journey import DATA_SCIENTIST_LIKE
from careerfit.rendering import CSRF_PLACEHOLDER
from counselling.tests import factories as make

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def setting(shipped_catalogue):
    lee = make.counsellor("lee@school.ca", "Ms Lee")
    grade12 = make.cohort("Grade 12 CS", lee)
    maya = make.student("maya@example.ca", "Maya", levels=DATA_SCIENTIST_LIKE, target="data-scientist")
    make.share(maya, grade12)
    return lee, grade12, maya, Result.objects.get()


def browser(user) -> Client:
    """A browser of its own (its own CSRF cookie), checked for CSRF as a real one is."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def token_in(html: str) -> str:
    tokens = set(TOKEN.findall(html))
    assert CSRF_PLACEHOLDER not in html
    assert len(tokens) == 1, tokens
    return tokens.pop()


def test_forms_on_a_cached_result_page_work_in_a_browser_that_did_not_render_it(setting):
    _, _, maya, result = setting
    url = f"/results/{result.id}/"
    browser(maya).get(url)  # rendered and cached here

    other = browser(maya)
    html = other.get(url).content.decode()  # served from the cache
    response = other.post(f"{url}target/", {"target": "data-analyst", "csrfmiddlewaretoken": token_in(html)})

    assert response.status_code == 302
    assert Result.objects.get(id=result.id).target_role == "data-analyst"


def test_forms_on_a_cached_plan_work_in_a_browser_that_did_not_render_it(setting):
    _, _, maya, result = setting
    url = f"/results/{result.id}/plan/"
    browser(maya).get(url)

    other = browser(maya)
    html = other.get(url).content.decode()
    response = other.post(f"{url}pace/", {"hours_per_week": "12", "csrfmiddlewaretoken": token_in(html)})

    assert response.status_code == 302
    assert Result.objects.get(id=result.id).plan["hours_per_week"] == 12


def test_a_counsellor_and_the_student_never_get_each_others_cached_pages(setting):
    lee, grade12, maya, result = setting
    student, counsellor = make.logged_in(maya), make.logged_in(lee)
    shared = f"/counsellor/cohorts/{grade12.id}/results/{result.id}/"

    # The student's page first, then the counsellor's: read-only, with the counsellor's own links.
    student.get(f"/results/{result.id}/")
    read_only = counsellor.get(shared).content.decode()
    assert "Roles ranked by fit" in read_only
    for control in ("/target/", "/retake/", "Your learning plan for"):
        assert control not in read_only
    assert f'action="{shared}#what-if-heading"' in read_only

    # The counsellor's plan first, then the student's: the student can still change it.
    counsellor.get(f"{shared}plan/")
    plan = student.get(f"/results/{result.id}/plan/").content.decode()
    assert f'action="/results/{result.id}/plan/pace/"' in plan
    assert f'href="/results/{result.id}/"' in plan


def test_the_cached_pages_follow_a_new_target_and_a_new_pace(setting):
    _, _, maya, result = setting
    client = make.logged_in(maya)
    client.get(f"/results/{result.id}/")
    client.get(f"/results/{result.id}/plan/")

    client.post(f"/results/{result.id}/target/", {"target": "data-analyst"})
    html = client.get(f"/results/{result.id}/").content.decode()
    assert "Your gaps for Data Analyst" in html and "Your gaps for Data Scientist" not in html
    assert "Your learning plan: Data Analyst" in client.get(f"/results/{result.id}/plan/").content.decode()

    client.post(f"/results/{result.id}/plan/pace/", {"hours_per_week": "20"})
    weeks = Result.objects.get(id=result.id).plan["weeks"]
    assert f"{weeks} weeks at 20 hours a week" in client.get(f"/results/{result.id}/plan/").content.decode()


def test_a_what_if_question_is_answered_for_itself_not_from_the_cache(setting):
    _, _, maya, result = setting
    client = make.logged_in(maya)
    client.get(f"/results/{result.id}/")

    html = client.get(f"/results/{result.id}/?skill=python&level=5").content.decode()

    assert "If Python were at level 5 instead of 3:" in html
    assert '<option value="python" selected>' in html
