"""Every counsellor URL against every kind of visitor. Another cohort's objects are a 404; pages for
counsellors refuse everyone else with a 403, and visitors without an account are asked to log in."""

import uuid

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client

from accounts.models import User
from assessments.models import Result
from counselling import selectors
from counselling.tests import factories as make
from roles.models import CatalogueVersion
from roles.services import CATALOGUE_EDITORS

pytestmark = pytest.mark.django_db

# (method, path, data, kind): "own" pages belong to whichever counsellor asks; "object" pages to one cohort.
URLS = [
    ("get", "/counsellor/", None, "own"),
    ("post", "/counsellor/cohorts/new/", {"name": "New cohort"}, "own"),
    ("get", "/counsellor/cohorts/{cohort}/", None, "object"),
    ("get", "/counsellor/cohorts/{cohort}/?q=a&status=new&sort=name", None, "object"),
    ("post", "/counsellor/cohorts/{cohort}/code/", {}, "object"),
    ("get", "/counsellor/cohorts/{cohort}/export.csv", None, "object"),
    ("get", "/counsellor/cohorts/{cohort}/insights/", None, "object"),
    ("get", "/counsellor/cohorts/{cohort}/insights/?role=devops-engineer", None, "object"),
    ("get", "/counsellor/cohorts/{cohort}/students/{student}/", None, "object"),
    ("post", "/counsellor/cohorts/{cohort}/students/{student}/status/", {"status": "reviewed"}, "object"),
    ("post", "/counsellor/cohorts/{cohort}/students/{student}/notes/", {"text": "Hello"}, "object"),
    ("get", "/counsellor/cohorts/{cohort}/results/{result}/", None, "object"),
    ("get", "/counsellor/cohorts/{cohort}/results/{result}/?skill=python&level=5", None, "object"),
    ("get", "/counsellor/cohorts/{cohort}/results/{result}/plan/", None, "object"),
    ("get", "/counsellor/cohorts/{cohort}/results/{result}/plan.csv", None, "object"),
]
VISITORS = [
    "anonymous",
    "student_a",
    "student_b",
    "counsellor_of_a",
    "other_counsellor",
    "catalogue_editor",
    "superuser",
]


@pytest.fixture
def world():
    counsellor_of_a = make.counsellor("lee@school.ca", "Ms Lee")
    other_counsellor = make.counsellor("kim@college.ca", "Mr Kim")
    cohort = make.cohort("Grade 12", counsellor_of_a)
    make.cohort("College", other_counsellor)
    student_a = make.student("a@example.ca", "Ana", levels={"python": 3})
    student_b = make.student("b@example.ca", "Ben", levels={"sql": 3})
    make.share(student_a, cohort)
    editor = User.objects.create_user("editor@example.ca", "a-long-password", is_staff=True)
    editor.groups.add(Group.objects.get(name=CATALOGUE_EDITORS))
    superuser = User.objects.create_superuser("root@example.ca", "a-long-password")
    users = {
        "student_a": student_a,
        "student_b": student_b,
        "counsellor_of_a": counsellor_of_a,
        "other_counsellor": other_counsellor,
        "catalogue_editor": editor,
        "superuser": superuser,
    }
    ids = {"cohort": cohort.id, "student": student_a.uuid, "result": Result.objects.get(assessment__owner=student_a).id}
    return users, ids


def expected(visitor: str, kind: str) -> set[int]:
    if visitor == "anonymous":
        return {302}  # to the login page
    if visitor == "counsellor_of_a":
        return {200, 302}
    if visitor == "other_counsellor":
        return {200, 302} if kind == "own" else {404}
    return {403}  # students, catalogue editors and superusers are not counsellors


@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize(("method", "path", "data", "kind"), URLS, ids=[f"{m} {p}" for m, p, _, _ in URLS])
def test_access(world, visitor, method, path, data, kind):
    users, ids = world
    client = Client()
    if visitor != "anonymous":
        client.force_login(users[visitor])
    url = path.format(**ids)

    response = client.get(url) if method == "get" else client.post(url, data)

    assert response.status_code in expected(visitor, kind), f"{visitor} {method} {url}: {response.status_code}"
    if visitor == "anonymous":
        assert response.url.startswith("/accounts/login/?next=")


def test_a_counsellor_cannot_reach_a_student_who_does_not_share_through_their_cohort(world):
    users, ids = world
    lee = make.logged_in(users["counsellor_of_a"])
    ben_result = Result.objects.get(assessment__owner=users["student_b"])

    assert lee.get(f"/counsellor/cohorts/{ids['cohort']}/students/{users['student_b'].uuid}/").status_code == 404
    assert lee.get(f"/counsellor/cohorts/{ids['cohort']}/results/{ben_result.id}/").status_code == 404
    assert lee.get(f"/results/{ids['result']}/").status_code == 404  # the student's own page stays theirs


def test_nothing_a_refused_visitor_posts_changes_anything(world):
    users, ids = world
    for visitor in ("student_a", "student_b", "other_counsellor", "catalogue_editor", "superuser"):
        client = make.logged_in(users[visitor])
        client.post(f"/counsellor/cohorts/{ids['cohort']}/students/{ids['student']}/notes/", {"text": "x"})
        client.post(f"/counsellor/cohorts/{ids['cohort']}/students/{ids['student']}/status/", {"status": "reviewed"})

    membership = users["student_a"].memberships.get()
    assert membership.status == "new" and not membership.status_changes.exists()
    assert not users["student_a"].notes_about.exists()


def test_a_counsellor_reaches_no_student_through_their_own_cohort_unless_the_student_shares_with_it(world):
    users, ids = world
    college = users["other_counsellor"].cohorts_counselled.get()
    cleo = make.student("cleo@example.ca", "Cleo", levels={"sql": 4})
    make.share(cleo, college)
    kim = make.logged_in(users["other_counsellor"])
    ana_paths = [
        f"/counsellor/cohorts/{college.id}/students/{ids['student']}/",
        f"/counsellor/cohorts/{college.id}/results/{ids['result']}/",
        f"/counsellor/cohorts/{college.id}/results/{ids['result']}/plan/",
        f"/counsellor/cohorts/{college.id}/results/{ids['result']}/plan.csv",
    ]

    assert [kim.get(path).status_code for path in ana_paths] == [404, 404, 404, 404]
    listed = kim.get(f"/counsellor/cohorts/{college.id}/").content.decode()
    exported = kim.get(f"/counsellor/cohorts/{college.id}/export.csv").content.decode()
    assert str(cleo.uuid) in listed and str(ids["student"]) not in listed
    names = [line.split(",")[0] for line in exported.splitlines()[1:]]
    assert names == ["Cleo"]
    assert (
        kim.post(f"/counsellor/cohorts/{college.id}/students/{ids['student']}/notes/", {"text": "x"}).status_code == 404
    )
    assert not users["student_a"].notes_about.exists()
    # Insights read the same scope.
    assert [r.id for r in selectors.latest_results_of(cohort=college)] == [cleo.assessments.get().results.get().id]


def test_a_counsellor_of_two_cohorts_reaches_a_student_only_through_the_one_they_share_with(world):
    users, ids = world
    lee = users["counsellor_of_a"]
    grade_11 = make.cohort("Grade 11", lee)  # Lee's too; Ana shares only with Grade 12
    client = make.logged_in(lee)
    student = f"/counsellor/cohorts/{grade_11.id}/students/{ids['student']}/"

    assert client.get(student).status_code == 404
    assert client.post(f"{student}notes/", {"text": "Filed under the wrong class"}).status_code == 404
    assert client.post(f"{student}status/", {"status": "reviewed"}).status_code == 404
    assert client.get(f"/counsellor/cohorts/{ids['cohort']}/students/{ids['student']}/").status_code == 200
    assert not users["student_a"].notes_about.exists()
    assert users["student_a"].memberships.get().status == "new"


def test_the_membership_its_cohort_and_its_student_come_back_as_the_orm_reads_them(world):
    users, ids = world

    read = selectors.membership_for(
        counsellor=users["counsellor_of_a"], cohort_id=ids["cohort"], student_uuid=ids["student"]
    )

    expected = users["student_a"].memberships.select_related("cohort", "student").get()
    for got, want in [(read, expected), (read.cohort, expected.cohort), (read.student, expected.student)]:
        fields = type(want)._meta.concrete_fields
        assert [getattr(got, f.attname) for f in fields] == [getattr(want, f.attname) for f in fields]
    assert read.consented_at.tzinfo is not None and read.student.uuid == ids["student"]


def test_a_cohort_comes_back_as_the_orm_reads_it_for_its_own_counsellors_only(world):
    users, ids = world
    from counselling.models import Cohort

    lee, kim = users["counsellor_of_a"], users["other_counsellor"]
    cohort = Cohort.objects.get(id=ids["cohort"])
    cohort.counsellors.add(make.counsellor("ray@school.ca", "Mr Ray"))  # a cohort of two counsellors: one row

    read = selectors.cohort_for(counsellor=lee, cohort_id=cohort.id)

    fields = [field.attname for field in Cohort._meta.concrete_fields]
    assert [getattr(read, name) for name in fields] == [getattr(cohort, name) for name in fields]
    with pytest.raises(Http404):
        selectors.cohort_for(counsellor=kim, cohort_id=cohort.id)
    with pytest.raises(Http404):
        selectors.cohort_for(counsellor=lee, cohort_id=uuid.uuid4())
    with pytest.raises(PermissionDenied):  # a student of the cohort is no counsellor
        selectors.cohort_for(counsellor=users["student_a"], cohort_id=cohort.id)


def test_a_cohort_comes_back_with_its_counsellors_names_and_the_catalogues_version_for_its_own_counsellors_only(
    world,
):
    users, ids = world
    from counselling.models import Cohort

    lee, kim = users["counsellor_of_a"], users["other_counsellor"]
    cohort = Cohort.objects.get(id=ids["cohort"])
    cohort.counsellors.add(make.counsellor("ray@school.ca", "Mr Ray"), make.counsellor("ada@school.ca", "Ms Ada"))

    read, names, version, _sharing = selectors.cohort_page_for(counsellor=lee, cohort_id=cohort.id)

    fields = [field.attname for field in Cohort._meta.concrete_fields]
    assert [getattr(read, name) for name in fields] == [getattr(cohort, name) for name in fields]
    assert names == [user.display_name for user in cohort.counsellors.order_by("email")]
    assert len(names) == 3 and names[0] == "Ms Ada"
    assert version == CatalogueVersion.objects.get().number  # read with the cohort, for its filter and insights
    with pytest.raises(Http404):
        selectors.cohort_page_for(counsellor=kim, cohort_id=cohort.id)
    with pytest.raises(Http404):
        selectors.cohort_page_for(counsellor=lee, cohort_id=uuid.uuid4())
    with pytest.raises(PermissionDenied):
        selectors.cohort_page_for(counsellor=users["student_a"], cohort_id=cohort.id)
