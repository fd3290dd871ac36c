"""Students share by consent, see what counsellors will see first, and can stop at any time."""

import re

import pytest

from counselling.models import Membership
from counselling.services import CONSENT_VERSION
from counselling.tests import factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def grade12():
    return make.cohort("Grade 12 CS", make.counsellor("ms.lee@school.ca", "Ms Lee"))


@pytest.fixture
def maya():
    return make.student("maya@example.ca", "", levels={"python": 3})


def test_a_code_leads_to_a_consent_page_that_says_exactly_what_counsellors_will_see(grade12, maya):
    client = make.logged_in(maya)

    response = client.post("/sharing/join/", {"code": grade12.join_code.lower().replace("-", " ")})
    page = client.get(response.url).content.decode()

    assert response.url == f"/sharing/join/{grade12.join_code}/"
    assert "Share with Grade 12 CS?" in page and "Ms Lee" in page
    assert "your evidence notes" in page and "Your e-mail address or your password." in page
    assert "Each time a counsellor opens one of your results, it is recorded" in page
    assert not Membership.objects.exists()


def test_agreeing_records_the_consent_with_its_time_and_wording_version(grade12, maya):
    client = make.logged_in(maya)

    client.post(f"/sharing/join/{grade12.join_code}/", {"display_name": "Maya", "agree": "on"})

    membership = Membership.objects.get()
    assert (membership.cohort, membership.student, membership.consent_version) == (grade12, maya, CONSENT_VERSION)
    assert membership.consented_at is not None and membership.ended_at is None
    maya.refresh_from_db()
    assert maya.display_name == "Maya"
    assert "Grade 12 CS" in client.get("/sharing/").content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"display_name": "Maya"}, "Tick the box to agree, or go back if you do not want to share."),
        ({"agree": "on"}, "This field is required."),
    ],
)
def test_consent_needs_a_name_and_a_tick_and_records_nothing_without_them(grade12, maya, data, message):
    response = make.logged_in(maya).post(f"/sharing/join/{grade12.join_code}/", data)

    assert message in response.content.decode()
    assert not Membership.objects.exists()


def test_a_wrong_code_is_explained_and_changes_nothing(maya):
    response = make.logged_in(maya).post("/sharing/join/", {"code": "ZZZZ-9999"})

    assert response.status_code == 400
    assert "No cohort has this code." in response.content.decode()
    assert make.logged_in(maya).get("/sharing/join/ZZZZ-9999/").status_code == 404
    assert not Membership.objects.exists()


def test_joining_twice_keeps_one_membership(grade12, maya):
    client = make.logged_in(maya)
    client.post(f"/sharing/join/{grade12.join_code}/", {"display_name": "Maya", "agree": "on"})

    again = client.post(f"/sharing/join/{grade12.join_code}/", {"display_name": "Maya", "agree": "on"}, follow=True)

    assert "You already share with Grade 12 CS." in again.content.decode()
    assert Membership.objects.count() == 1


def test_a_student_can_share_with_several_cohorts_and_stop_one(grade12, maya):
    college = make.cohort("College career centre", make.counsellor("sam@college.ca"))
    make.share(maya, grade12)
    make.share(maya, college)
    client = make.logged_in(maya)
    membership = Membership.objects.get(cohort=grade12)

    client.post(f"/sharing/{membership.id}/stop/")

    page = client.get("/sharing/").content.decode()
    shares = re.findall(r"<strong>([^<]+)</strong>\s*<div class=\"small", page)
    assert shares == ["College career centre"]
    assert Membership.objects.get(cohort=grade12).ended_at is not None


def test_a_student_cannot_stop_someone_elses_sharing(grade12, maya):
    other = make.student("other@example.ca", "Other")
    membership = make.share(other, grade12)

    assert make.logged_in(maya).post(f"/sharing/{membership.id}/stop/").status_code == 404
    assert Membership.objects.get(id=membership.id).ended_at is None


def test_a_regenerated_code_stops_the_old_one_but_keeps_students_sharing(grade12, maya):
    make.share(maya, grade12)
    old = grade12.join_code
    lee = make.logged_in(grade12.counsellors.get())
    cohort_page = f"/counsellor/cohorts/{grade12.id}/"
    assert f'<code class="fs-5">{old}</code>' in lee.get(cohort_page).content.decode()

    lee.post(f"/counsellor/cohorts/{grade12.id}/code/")

    grade12.refresh_from_db()
    assert grade12.join_code != old and re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", grade12.join_code)
    shown = lee.get(cohort_page).content.decode()
    assert f'<code class="fs-5">{grade12.join_code}</code>' in shown and old not in shown, "the page shows the new code"
    newcomer = make.student("new@example.ca", "New")
    assert "No cohort has this code." in make.logged_in(newcomer).post("/sharing/join/", {"code": old}).content.decode()
    assert Membership.objects.active().filter(student=maya).exists()
