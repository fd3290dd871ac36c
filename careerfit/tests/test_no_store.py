"""No browser or proxy keeps a copy of a personal page: every response that carries personal data says
`Cache-Control: no-store`, and every personal URL the site has is in the list below (a new one must be added)."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from assessments.models import Assessment
from counselling.tests import factories as make

pytestmark = pytest.mark.django_db

# Every GET a student or a counsellor makes to see their own or a shared student's data, by URL name.
PERSONAL_PAGES = {
    "assessments:resume": "/assessment/{assessment}/",
    "assessments:step": "/assessment/{assessment}/step/2/",
    "assessments:delete": "/assessment/{assessment}/delete/",
    "assessments:result": "/results/{result}/",
    "assessments:plan": "/results/{result}/plan/",
    "assessments:plan_csv": "/results/{result}/plan.csv",
    "assessments:history": "/my/assessments/",
    "assessments:growth": "/my/growth/",
    "counselling:sharing": "/sharing/",
    "counselling:consent": "/sharing/join/{code}/",
    "accounts:account": "/accounts/me/",
    "accounts:download": "/accounts/me/download/",
    "accounts:password_reset_confirm": "/accounts/reset/MQ/set-password/",
    "accounts:signup_confirm": "/accounts/signup/confirm/MQ/a-token/",
}
COUNSELLOR_PAGES = {
    "counselling:dashboard": "/counsellor/",
    "counselling:cohort": "/counsellor/cohorts/{cohort}/",
    "counselling:cohort_csv": "/counsellor/cohorts/{cohort}/export.csv",
    "counselling:insights": "/counsellor/cohorts/{cohort}/insights/",
    "counselling:student": "/counsellor/cohorts/{cohort}/students/{student}/",
    "counselling:result": "/counsellor/cohorts/{cohort}/results/{result}/",
    "counselling:plan": "/counsellor/cohorts/{cohort}/results/{result}/plan/",
    "counselling:plan_csv": "/counsellor/cohorts/{cohort}/results/{result}/plan.csv",
}
# Views that only change something (POST) and answer with a redirect, or the sign-up and log-in forms.
NOT_PAGES = {
    "assessments:start",
    "assessments:keep",
    "assessments:target",
    "assessments:rescore",
    "assessments:retake",
    "assessments:pace",
    "assessments:choice",
    "counselling:join",
    "counselling:stop",
    "counselling:cohort_new",
    "counselling:cohort_code",
    "counselling:student_status",
    "counselling:student_note",
    "accounts:signup",
    "accounts:signup_sent",
    "accounts:login",
    "accounts:logout",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_complete",
    "accounts:delete",
}


def named_urls(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_urls(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "") and "private" in response["Cache-Control"]


@pytest.fixture
def world():
    lee = make.counsellor("lee@school.ca", "Ms Lee")
    cohort = make.cohort("Grade 12", lee)
    ana = make.student("ana@example.ca", "Ana", levels={"python": 3, "sql": 2})
    make.share(ana, cohort)
    result = ana.assessments.get().results.get()
    ids = {
        "assessment": result.assessment_id,
        "result": result.id,
        "cohort": cohort.id,
        "student": ana.uuid,
        "code": cohort.join_code,
    }
    return make.logged_in(ana), make.logged_in(lee), ids


def test_every_personal_url_of_the_site_is_checked_here():
    app_urls = {name for name in named_urls() if name.split(":")[0] in {"assessments", "counselling", "accounts"}}

    assert app_urls - set(PERSONAL_PAGES) - set(COUNSELLOR_PAGES) - NOT_PAGES == set()


@pytest.mark.parametrize("name", PERSONAL_PAGES)
def test_a_students_own_pages_are_never_stored(world, name):
    ana, _, ids = world
    response = ana.get(PERSONAL_PAGES[name].format(**ids), follow=True)

    assert response.status_code == 200
    assert no_store(response), response.get("Cache-Control")


@pytest.mark.parametrize("name", COUNSELLOR_PAGES)
def test_a_counsellors_pages_about_students_are_never_stored(world, name):
    _, lee, ids = world
    response = lee.get(COUNSELLOR_PAGES[name].format(**ids))

    assert response.status_code == 200
    assert no_store(response), response.get("Cache-Control")


@pytest.mark.parametrize("path", ["/", "/roles/", "/roles/devops-engineer/", "/api/v1/roles"])
def test_public_pages_are_not_stored_once_someone_is_signed_in_or_has_begun(world, shipped_catalogue, path):
    ana, _, _ = world
    anonymous_with_a_draft = Client()
    anonymous_with_a_draft.post("/assessment/start/")

    assert no_store(ana.get(path)), "the header shows who is signed in"
    assert no_store(anonymous_with_a_draft.get(path))
    assert "no-store" not in Client().get(path).get("Cache-Control", ""), "a first visit carries nothing personal"


def test_an_anonymous_students_result_is_never_stored(shipped_catalogue):
    client = Client()
    client.post("/assessment/start/")
    assessment = Assessment.objects.get()

    response = client.get(f"/assessment/{assessment.id}/step/1/")

    assert response.status_code == 200 and no_store(response)
