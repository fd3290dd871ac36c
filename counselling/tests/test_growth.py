"""Every page costs the same number of queries at two data sizes: a cohort of 5 and of 500 students (written by
the bench's own generator, counselling.loadgen), and a result scored against 7 roles and against 1,000."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.benchmark import synthetic_catalogue
from assessments.models import Result
from counselling.loadgen import generate
from counselling.models import Membership
from counselling.tests import factories as make
from roles.selectors import compiled_catalogue

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    """Queries for a second visit: the first may compile a catalogue snapshot, once per process."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def forget_generated() -> None:
    get_user_model().objects.filter(email__endswith="@bench.example").delete()
    assert not Result.objects.exists()


def counsellor_pages(made) -> dict[str, int]:
    """Queries for each counsellor page of the generated cohort, and the student's own pages."""
    client = make.logged_in(made.counsellor)
    cohort = made.cohort
    student = Membership.objects.filter(cohort=cohort).select_related("student").first().student
    own = make.logged_in(student)
    result = Result.objects.filter(assessment__owner=student).first()
    compiled_catalogue()
    urls = {
        "dashboard": f"/counsellor/cohorts/{cohort.id}/",
        "dashboard by fit": f"/counsellor/cohorts/{cohort.id}/?sort=fit",
        "dashboard by target": f"/counsellor/cohorts/{cohort.id}/?target={result.target_role}",
        "student file": f"/counsellor/cohorts/{cohort.id}/students/{student.uuid}/",
        "insights": f"/counsellor/cohorts/{cohort.id}/insights/",
        "insights for a role": f"/counsellor/cohorts/{cohort.id}/insights/?role={result.target_role}",
        "cohort csv": f"/counsellor/cohorts/{cohort.id}/export.csv",
    }
    counts = {name: queries(client, url) for name, url in urls.items()}
    reviewed = urls["student file"]
    assert client.post(f"{reviewed}notes/", {"text": "Strong start."}).status_code == 302
    assert client.post(f"{reviewed}status/", {"status": "reviewed"}).status_code == 302
    counts["student file, reviewed"] = queries(client, reviewed)
    counts["my assessments"] = queries(own, "/my/assessments/")
    counts["results"] = queries(own, f"/results/{result.id}/")
    counts["plan"] = queries(own, f"/results/{result.id}/plan/")
    return counts


def test_counsellor_and_student_pages_cost_the_same_for_a_cohort_of_5_or_500():
    small = counsellor_pages(generate(students=5, results=10, cohort=5, pool=4))
    forget_generated()
    large = counsellor_pages(generate(students=500, results=1000, cohort=500, pool=8))

    assert small == large
    # Each page's statements, the session's (with its person) included: the cohort's pages read the catalogue's
    # version with the cohort, the results page with the result, the dashboard counts in its page's rows, a
    # student's file reads notes and status changes only when there are some; the student's pages come from the
    # cache.
    assert large == {
        "dashboard": 3,
        "dashboard by fit": 3,
        "dashboard by target": 3,
        "student file": 3,  # not yet reviewed: no notes and no status changes to read
        "student file, reviewed": 5,
        "insights": 2,  # seen again: its cohort's sharing version, read with it, says the cache is current
        "insights for a role": 2,
        "cohort csv": 4,
        "my assessments": 3,
        "results": 2,
        "plan": 2,
    }


def test_results_and_plan_cost_the_same_with_7_roles_or_1000():
    shipped = generate(students=1, results=1, cohort=1, pool=1)
    student = shipped.cohort.memberships.get().student
    own = make.logged_in(student)
    small = Result.objects.get(assessment__owner=student)
    compiled_catalogue()
    before = {"results": queries(own, f"/results/{small.id}/"), "plan": queries(own, f"/results/{small.id}/plan/")}

    big = synthetic_catalogue(roles=1000, skills=400, requirements=20)
    forget_generated()
    grown = generate(students=1, results=1, cohort=1, pool=1, catalogue=big)
    student = grown.cohort.memberships.get().student
    own = make.logged_in(student)
    large = Result.objects.get(assessment__owner=student)
    assert len(large.catalogue.data["roles"]) == 1000
    after = {"results": queries(own, f"/results/{large.id}/"), "plan": queries(own, f"/results/{large.id}/plan/")}

    # The result's own 1,000-role snapshot is read once per process, then kept compiled: the same queries.
    assert before == after, (before, after)
