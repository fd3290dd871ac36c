"""Who can open what: a result is its owner's (or, if anonymous, its link holder's) and nobody else's."""

import pytest
from django.test import Client

from accounts.models import User
from assessments.models import Assessment, Result
from assessments.tests import journey
from careerfit.testing import sign_up

pytestmark = pytest.mark.django_db

# (method, path, data): every view that shows or changes one assessment or result.
ASSESSMENT_VIEWS = [
    ("get", "/assessment/{assessment}/", None),
    ("get", "/assessment/{assessment}/step/1/", None),
    ("post", "/assessment/{assessment}/step/1/", {"stage": "newcomer", "hours_per_week": "3"}),
    ("post", "/assessment/{assessment}/keep/", {}),
    ("get", "/assessment/{assessment}/delete/", None),
    ("post", "/assessment/{assessment}/delete/", {}),
]
RESULT_VIEWS = [
    ("get", "/results/{result}/", None),
    ("get", "/results/{result}/?skill=python&level=5", None),
    ("post", "/results/{result}/target/", {"target": "devops-engineer"}),
    ("post", "/results/{result}/rescore/", {}),
    ("post", "/results/{result}/retake/", {}),
    ("get", "/results/{result}/plan/", None),
    ("post", "/results/{result}/plan/pace/", {"hours_per_week": "12"}),
    ("get", "/results/{result}/plan.csv", None),
]
VIEWS = ASSESSMENT_VIEWS + RESULT_VIEWS


def logged_in(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.create_user(email, "a-long-password"))
    return client


def request(client: Client, method: str, path: str, data, ids: dict):
    url = path.format(**ids)
    return client.get(url) if method == "get" else client.post(url, data)


@pytest.fixture
def owned():
    """A student's finished assessment (its result) and a second, unfinished one."""
    owner = logged_in("owner@example.ca")
    assessment_id, result_id = journey.complete(owner, {"python": 3})
    return owner, {"assessment": assessment_id, "result": result_id}


@pytest.fixture
def anonymous():
    holder = Client()
    assessment_id, result_id = journey.complete(holder, {"python": 3})
    return holder, {"assessment": assessment_id, "result": result_id}


@pytest.mark.parametrize(("method", "path", "data"), VIEWS, ids=lambda v: v if isinstance(v, str) else None)
def test_the_owner_can_use_every_view(owned, method, path, data):
    owner, ids = owned

    assert request(owner, method, path, data, ids).status_code in (200, 302)


@pytest.mark.parametrize(("method", "path", "data"), VIEWS, ids=lambda v: v if isinstance(v, str) else None)
def test_another_student_gets_404_and_changes_nothing(owned, method, path, data):
    _, ids = owned
    before = Result.objects.get(id=ids["result"])

    assert request(logged_in("other@example.ca"), method, path, data, ids).status_code == 404

    after = Result.objects.get(id=ids["result"])
    assert (after.plan, after.target_role) == (before.plan, before.target_role)
    assert Result.objects.count() == 1 and Assessment.objects.count() == 1


@pytest.mark.parametrize(("method", "path", "data"), VIEWS, ids=lambda v: v if isinstance(v, str) else None)
def test_a_visitor_without_an_account_gets_404_for_someone_elses(owned, method, path, data):
    _, ids = owned

    assert request(Client(), method, path, data, ids).status_code == 404


@pytest.mark.parametrize(("method", "path", "data"), VIEWS, ids=lambda v: v if isinstance(v, str) else None)
def test_the_private_link_opens_an_anonymous_assessment_on_any_device(anonymous, method, path, data):
    _, ids = anonymous

    assert request(Client(), method, path, data, ids).status_code in (200, 302)


def test_once_kept_in_an_account_the_link_no_longer_opens_it(anonymous):
    holder, ids = anonymous
    holder.post(f"/assessment/{ids['assessment']}/keep/")
    sign_up(holder, "kept@example.ca", age_band="18-plus")

    assert Client().get(f"/results/{ids['result']}/").status_code == 404
    assert holder.get(f"/results/{ids['result']}/").status_code == 200


@pytest.mark.parametrize("path", ["/my/assessments/", "/my/growth/", "/accounts/me/", "/accounts/me/download/"])
def test_pages_about_an_account_ask_visitors_to_log_in(path):
    response = Client().get(path)

    assert response.status_code == 302 and response.url.startswith("/accounts/login/?next=")


def test_growth_only_compares_the_students_own_results(owned):
    owner, ids = owned
    other = logged_in("other@example.ca")
    _, theirs = journey.complete(other, {"sql": 3})

    assert owner.get(f"/my/growth/?before={ids['result']}&after={theirs}").status_code == 404
    assert owner.get("/my/growth/?before=nonsense&after=").status_code == 302


def test_unknown_ids_are_404():
    client = Client()

    assert client.get("/results/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get("/assessment/00000000-0000-0000-0000-000000000000/step/1/").status_code == 404
    assert client.get("/assessment/not-a-uuid/").status_code == 404
