"""A saved result's page and its plan are rendered once and then served from the cache
(`careerfit.rendering`): what every later view must still get right."""

import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.test import Client

from assessments.models import Result
from assessments.tests import journey
from assessments.tests.journey import DATA_SCIENTIST_LIKE
from careerfit.rendering import CSRF_PLACEHOLDER
from counselling import services as counselling
from counselling.models import COUNSELLORS_GROUP
from counselling.tests import factories as make
from roles.models import Requirement

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


# ------------------------------------------------------------------------------------------ whole pages


def without_tokens(html: str) -> str:
    return TOKEN.sub('name="csrfmiddlewaretoken" value="(this response\'s own)"', html)


PAGES = ["/results/{id}/", "/results/{id}/plan/"]


@pytest.mark.parametrize("address", PAGES)
def test_the_students_own_page_is_rendered_once_then_served_whole(setting, address):
    _, _, maya, result = setting
    client, url = make.logged_in(maya), address.format(id=result.id)

    first, again = client.get(url), client.get(url)

    assert first.status_code == again.status_code == 200
    assert first.templates and not again.templates  # no template rendered the second time
    assert without_tokens(again.content.decode()) == without_tokens(first.content.decode())
    assert token_in(again.content.decode()) != token_in(first.content.decode())  # masked afresh


def a_new_target(client, lee, grade12, maya, result):
    client.post(f"/results/{result.id}/target/", {"target": "data-analyst"})
    return "Data Analyst"


def a_new_pace(client, lee, grade12, maya, result):
    client.post(f"/results/{result.id}/plan/pace/", {"hours_per_week": "20"})
    return "at 20 hours a week"


def a_note_shared_with_the_student(client, lee, grade12, maya, result):
    counselling.note_add(cohort=grade12, student=maya, author=lee, text="Try the SQL course", shared_with_student=True)
    return "Try the SQL course"


def an_edit_to_the_catalogue(client, lee, grade12, maya, result):
    Requirement.objects.filter(role__slug="data-scientist", skill__slug="sql").update(required_level=5)
    return "The role catalogue has changed since this result was scored"


def becoming_a_counsellor(client, lee, grade12, maya, result):
    maya.groups.add(Group.objects.get(name=COUNSELLORS_GROUP))
    return 'href="/counsellor/"'


def becoming_staff(client, lee, grade12, maya, result):
    maya.is_staff = True
    maya.save(update_fields=["is_staff"])
    return 'href="/admin/"'


CHANGES = [a_new_target, a_new_pace, a_note_shared_with_the_student, an_edit_to_the_catalogue]
CHANGES += [becoming_a_counsellor, becoming_staff]
SHOWN_ON = {
    a_new_pace: "/results/{id}/plan/",
    a_note_shared_with_the_student: "/results/{id}/",
    an_edit_to_the_catalogue: "/results/{id}/",
}


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
@pytest.mark.parametrize("address", PAGES)
def test_a_page_served_whole_is_the_page_rendered_afresh_after_a_change(setting, change, address):
    lee, grade12, maya, result = setting
    client, url = make.logged_in(maya), address.format(id=result.id)
    client.get(url)  # cached

    shown = change(client, lee, grade12, maya, result)
    served = client.get(url).content.decode()
    cache.clear()
    fresh = client.get(url).content.decode()

    assert without_tokens(served) == without_tokens(fresh)
    if SHOWN_ON.get(change, address) == address:
        assert shown in served


def test_a_page_cached_before_a_deploy_is_not_served_after_it(setting, monkeypatch):
    """With a cache shared between servers, a page naming the old static files would lose its styles."""
    _, _, maya, result = setting
    client = make.logged_in(maya)
    client.get(f"/results/{result.id}/")

    monkeypatch.setattr(staticfiles_storage, "manifest_hash", "a-new-deploy", raising=False)

    assert client.get(f"/results/{result.id}/").templates


def test_a_message_is_shown_once_and_never_kept_with_the_page(setting):
    _, _, maya, result = setting
    client = make.logged_in(maya)
    url = f"/results/{result.id}/"
    client.get(url)  # cached without a message

    client.post(f"/results/{result.id}/target/", {"target": "not-a-role"})  # "Choose one of the roles in the list."
    with_message, after = client.get(url), client.get(url)

    assert "Choose one of the roles in the list." in with_message.content.decode()
    assert "Choose one of the roles in the list." not in after.content.decode()
    assert not after.templates  # the page without the message, from the cache


def test_an_anonymous_result_kept_in_an_account_loses_its_not_logged_in_notice(shipped_catalogue):
    visitor = Client()
    assessment_id, result_id = journey.complete(visitor, DATA_SCIENTIST_LIKE)
    url = f"/results/{result_id}/"
    assert "You are not logged in" in visitor.get(url).content.decode()

    maya = make.student("maya@example.ca", "Maya")
    visitor.force_login(maya)
    assert "You are not logged in" in visitor.get(url).content.decode()  # still nobody's: it can be kept
    visitor.post(f"/assessment/{assessment_id}/keep/")

    with_message, html = visitor.get(url).content.decode(), visitor.get(url).content.decode()
    assert "Saved to your account." in with_message and "Saved to your account." not in html
    for shown in (with_message, html):
        assert "You are not logged in" not in shown
        assert 'href="/sharing/"' in shown  # "Share with a counsellor", for an owned result


@pytest.mark.parametrize(("address", "heading"), [("", "<h1>{name}'s results</h1>"), ("plan/", "{name}'s plan")])
def test_counsellors_pages_are_never_served_whole(setting, address, heading):
    lee, grade12, maya, result = setting
    counsellor = make.logged_in(lee)
    shared = f"/counsellor/cohorts/{grade12.id}/results/{result.id}/{address}"
    assert heading.format(name="Maya") in counsellor.get(shared).content.decode()

    maya.display_name = "Maya R."
    maya.save(update_fields=["display_name"])

    again = counsellor.get(shared)
    assert again.templates
    assert heading.format(name="Maya R.") in again.content.decode()
