"""The counsellor's dashboard and cohort table: search, filter, sort, paginate, in a fixed number of queries."""

import re
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from assessments import services as assessment_services
from assessments.models import Result
from counselling import services
from counselling.models import Membership
from counselling.tests import factories as make
from roles.selectors import compiled_catalogue

pytestmark = pytest.mark.django_db

DEVOPS = {"linux": 3, "shell-scripting": 3, "git": 3, "docker": 3, "kubernetes": 2, "ci-cd": 2}
DATA = {"python": 3, "sql": 3, "pandas": 3, "statistics": 3, "excel": 3}


@pytest.fixture
def lee():
    return make.counsellor("lee@school.ca", "Ms Lee")


@pytest.fixture
def grade12(lee):
    return make.cohort("Grade 12 CS", lee)


def names(html: str) -> list[str]:
    return re.findall(
        r'<th scope="row" class="fw-normal"><a href="/counsellor/cohorts/[^"]+/students/[^"]+/">([^<]+)</a>', html
    )


def test_the_dashboard_lists_the_counsellors_cohorts_with_codes_and_counts(lee, grade12):
    make.share(make.student("a@example.ca", "Ana", levels=DATA), grade12)
    make.cohort("Someone else's", make.counsellor("other@school.ca"))

    html = make.logged_in(lee).get("/counsellor/").content.decode()

    assert "Grade 12 CS" in html and grade12.join_code in html and "Someone else" not in html
    assert re.search(r"Grade 12 CS</a></th><td><code>[A-Z0-9-]+</code></td><td class=\"num\">1</td>", html)


def test_a_counsellor_can_create_a_cohort(lee):
    response = make.logged_in(lee).post("/counsellor/cohorts/new/", {"name": "Bootcamp, fall intake"})

    cohort = lee.cohorts_counselled.get()
    assert cohort.name == "Bootcamp, fall intake" and response.url == f"/counsellor/cohorts/{cohort.id}/"
    assert make.logged_in(lee).post("/counsellor/cohorts/new/", {"name": ""}).status_code == 400


def test_the_cohort_table_shows_each_students_latest_result_and_status(lee, grade12):
    ana = make.student("a@example.ca", "Ana", levels=DATA)
    make.add_result(ana, DEVOPS)  # a later result, which the table shows
    make.share(ana, grade12)
    make.share(make.student("b@example.ca", "Ben"), grade12)  # no result yet

    html = make.logged_in(lee).get(f"/counsellor/cohorts/{grade12.id}/").content.decode()

    assert names(html) == ["Ana", "Ben"]
    ana_row = html[html.index(">Ana<") : html.index(">Ben<")]
    assert "DevOps Engineer · " in ana_row and '<span class="badge status-new">New</span>' in ana_row
    assert "none yet" in html[html.index(">Ben<") :]
    assert "a@example.ca" not in html


def test_a_row_shows_the_results_date_and_status_and_escapes_what_students_typed(lee, grade12):
    ana = make.student("a@example.ca", '<b>Ana</b> & "Co"', levels=DATA)
    # Scored at 2 a.m. UTC on 1 March: still 28 February in Toronto, the site's time zone.
    make.backdate(ana, datetime(2026, 3, 1, 2, 0, tzinfo=UTC))
    # Titles as an admin may have written them when the result was scored.
    Result.objects.filter(assessment__owner=ana).update(best_role_title="R&D <Lead>", target_role_title='QA & "Ops"')
    assessment_services.latest_result_refresh(owner_ids=[ana.pk])
    make.share(ana, grade12)
    Membership.objects.filter(student=ana).update(status="follow-up")
    make.share(make.student("b@example.ca", ""), grade12)  # no name and no result

    html = make.logged_in(lee).get(f"/counsellor/cohorts/{grade12.id}/").content.decode()

    assert names(html) == ["&lt;b&gt;Ana&lt;/b&gt; &amp; &quot;Co&quot;", "(no name)"]  # latest result first
    assert "<b>Ana" not in html
    ana.refresh_from_db()
    scored = date_format(timezone.localtime(ana.latest_result.created_at), "DATE_FORMAT")
    ana_row = html[html.index("&lt;b&gt;Ana") :].split("</tr>")[0]
    assert f"<td>{scored}</td>" in ana_row and "28" in scored
    assert "<td>R&amp;D &lt;Lead&gt; · " in ana_row
    assert '<td>QA &amp; &quot;Ops&quot;</td><td><span class="badge status-follow-up">Follow up</span></td>' in ana_row
    unnamed_row = html[html.index("(no name)") :].split("</tr>")[0]
    assert '<span class="text-body-secondary">none yet</span></td><td>—</td><td>—</td>' in unnamed_row


def test_each_row_shows_its_own_results_day(lee, grade12):
    scored = {
        "Ana": datetime(2026, 3, 1, 2, 0, tzinfo=UTC),  # 28 February in Toronto
        "Ben": datetime(2026, 2, 28, 15, 0, tzinfo=UTC),  # 28 February too
        "Cy": datetime(2026, 3, 1, 15, 0, tzinfo=UTC),  # 1 March
        "Di": datetime(2025, 9, 2, 13, 0, tzinfo=UTC),
    }
    for name, when in scored.items():
        student = make.student(f"{name.lower()}@example.ca", name, levels=DATA)
        make.backdate(student, when)
        make.share(student, grade12)

    html = make.logged_in(lee).get(f"/counsellor/cohorts/{grade12.id}/").content.decode()

    days = {name: html[html.index(f">{name}<") :].split("</td>")[0].rsplit("<td>", 1)[1] for name in scored}
    assert days == {"Ana": "28 Feb 2026", "Ben": "28 Feb 2026", "Cy": "1 Mar 2026", "Di": "2 Sep 2025"}


def test_students_who_stopped_sharing_disappear_from_the_table(lee, grade12):
    membership = make.share(make.student("a@example.ca", "Ana", levels=DATA), grade12)
    services.membership_end(membership=membership)

    assert names(make.logged_in(lee).get(f"/counsellor/cohorts/{grade12.id}/").content.decode()) == []


def test_search_filter_and_sort(lee, grade12):
    for email, name, levels, target in [
        ("a@x.ca", "Ana Li", DATA, "data-scientist"),
        ("b@x.ca", "Ben Roy", DEVOPS, "devops-engineer"),
        ("c@x.ca", "Cleo Ng", {"python": 1}, "data-scientist"),
    ]:
        make.share(make.student(email, name, levels=levels, target=target), grade12)
    services.membership_set_status(
        membership=Membership.objects.get(student__display_name="Ben Roy"), status="follow-up", changed_by=lee
    )
    client = make.logged_in(lee)
    url = f"/counsellor/cohorts/{grade12.id}/"

    assert names(client.get(url, {"q": "ng"}).content.decode()) == ["Cleo Ng"]
    assert names(client.get(url, {"status": "follow-up"}).content.decode()) == ["Ben Roy"]
    targeted = client.get(url, {"target": "data-scientist", "sort": "name"}).content.decode()
    assert names(targeted) == ["Ana Li", "Cleo Ng"]
    assert "2 students share with this cohort (filtered)." in targeted
    assert names(client.get(url, {"sort": "fit"}).content.decode())[-1] == "Cleo Ng"
    assert names(client.get(url, {"sort": "status"}).content.decode())[0] == "Ben Roy"  # follow-up sorts first
    assert names(client.get(url, {"sort": "nonsense", "status": "bogus"}).content.decode()) == [
        "Cleo Ng",
        "Ben Roy",
        "Ana Li",
    ]


def test_the_newest_result_comes_first_whenever_it_was_scored_or_whoever_joined_first(lee, grade12):
    ben = make.student("b@x.ca", "Ben Roy", levels=DEVOPS)
    ana = make.student("a@x.ca", "Ana Li", levels=DATA)  # scored after Ben
    cleo = make.student("c@x.ca", "Cleo Ng")
    make.share(cleo, grade12)  # no result yet: last
    make.share(ben, grade12)
    make.share(ana, grade12)  # joined last, but her result is the newest
    client = make.logged_in(lee)

    def order() -> list[str]:
        return names(client.get(f"/counsellor/cohorts/{grade12.id}/").content.decode())

    assert order() == ["Ana Li", "Ben Roy", "Cleo Ng"]
    newer = make.add_result(ben, DATA)
    assert order() == ["Ben Roy", "Ana Li", "Cleo Ng"]
    assessment_services.assessment_delete(assessment=newer.assessment)
    assert order() == ["Ana Li", "Ben Roy", "Cleo Ng"]
    make.add_result(cleo, DEVOPS)
    assert order() == ["Cleo Ng", "Ana Li", "Ben Roy"]


def test_search_matches_the_name_typed_ignoring_case_with_no_wildcards(lee, grade12):
    for index, name in enumerate(["Ana_1", "Anab1", "Pat 100%", "Pat 1000"]):
        make.share(make.student(f"s{index}@x.ca", name), grade12)
    client = make.logged_in(lee)
    url = f"/counsellor/cohorts/{grade12.id}/"

    assert names(client.get(url, {"q": "A_1"}).content.decode()) == ["Ana_1"]
    assert names(client.get(url, {"q": "0%", "sort": "name"}).content.decode()) == ["Pat 100%"]
    assert names(client.get(url, {"q": "pAT", "sort": "name"}).content.decode()) == ["Pat 100%", "Pat 1000"]
    nobody = client.get(url, {"q": "Zed"}).content.decode()
    assert names(nobody) == [] and "0 students share with this cohort (filtered)." in nobody


def test_the_cohort_page_names_its_counsellors_by_email(lee, grade12):
    zed = make.counsellor("zed@school.ca")
    zed.display_name = ""  # goes by no name: their e-mail stands for it
    zed.save()
    grade12.counsellors.add(make.counsellor("ava@school.ca", "<i>Mr</i> Ava"), zed)

    html = make.logged_in(lee).get(f"/counsellor/cohorts/{grade12.id}/").content.decode()

    assert "Counsellors: &lt;i&gt;Mr&lt;/i&gt; Ava, Ms Lee, zed@school.ca</p>" in html


@pytest.fixture
def thirty(grade12):
    """Thirty students sharing with Grade 12, "Student 00" to "Student 29": two pages."""
    for index in range(30):
        make.share(make.student(f"s{index}@x.ca", f"Student {index:02d}"), grade12)


def test_the_table_paginates(lee, grade12, thirty):
    client = make.logged_in(lee)

    first = client.get(f"/counsellor/cohorts/{grade12.id}/", {"sort": "name", "q": "Student"}).content.decode()
    second = client.get(f"/counsellor/cohorts/{grade12.id}/", {"sort": "name", "page": "2"}).content.decode()

    assert len(names(first)) == 25 and names(second) == [f"Student {i}" for i in range(25, 30)]
    assert "Page 1 of 2" in first and "Previous" not in first
    assert '<a class="page-link" href="?sort=name&amp;q=Student&amp;page=2">Next</a>' in first
    assert "Page 2 of 2" in second and "Next" not in second
    assert '<a class="page-link" href="?sort=name&amp;page=1">Previous</a>' in second


@pytest.mark.parametrize(
    ("asked", "shown"),
    [("2", 2), ("9", 2), ("0", 2), ("-1", 2), ("9" * 25, 2), ("two", 1), ("2.0", 1), ("", 1)],
)
def test_a_page_past_the_last_shows_the_last_and_what_is_no_page_number_the_first(lee, grade12, thirty, asked, shown):
    """As Django's paginator does: an old link to page 9 of a cohort that has shrunk, or an edited address."""
    response = make.logged_in(lee).get(f"/counsellor/cohorts/{grade12.id}/", {"sort": "name", "page": asked})

    assert response.status_code == 200
    html = response.content.decode()
    assert f"Page {shown} of 2" in html
    assert names(html) == [f"Student {i:02d}" for i in range(25 * (shown - 1), min(25 * shown, 30))]
    assert "30 students share with this cohort." in html


def test_the_table_runs_the_same_queries_for_three_students_or_thirty(lee, grade12, django_assert_num_queries):
    client = make.logged_in(lee)
    for index in range(3):
        make.share(make.student(f"s{index}@x.ca", f"S{index}", levels=DATA), grade12)
    compiled_catalogue()
    # the session with its user and whether they are a counsellor; the cohort (for this counsellor) with its
    # counsellors' names and the catalogue version (for the target-role filter); the page of students, with what
    # their rows keep of their latest results and, for pagination, how many there are.
    with django_assert_num_queries(3):
        client.get(f"/counsellor/cohorts/{grade12.id}/")
    for index in range(3, 30):
        make.share(make.student(f"s{index}@x.ca", f"S{index}", levels=DEVOPS if index % 2 else DATA), grade12)
    with django_assert_num_queries(3):
        html = client.get(f"/counsellor/cohorts/{grade12.id}/").content.decode()
    assert len(names(html)) == 25
    # Any page with rows, and the first (with no row, none match); what is no page number asks for the first.
    for asked, shown in (({"page": "2", "sort": "fit"}, "Page 2 of 2"), ({"page": "two"}, "Page 1 of 2")):
        with django_assert_num_queries(3):
            html = client.get(f"/counsellor/cohorts/{grade12.id}/", asked).content.decode()
        assert shown in html
    with django_assert_num_queries(3):
        html = client.get(f"/counsellor/cohorts/{grade12.id}/", {"q": "Zed"}).content.decode()
    assert "0 students share with this cohort (filtered)." in html
    # Past the last page no row carries the count: it is read, then the last page, as Django's paginator reads them.
    with django_assert_num_queries(5):
        html = client.get(f"/counsellor/cohorts/{grade12.id}/", {"page": "3"}).content.decode()
    assert "Page 2 of 2" in html and len(names(html)) == 5


def test_the_table_reads_no_result_row_to_sort_filter_or_show_latest_results(lee, grade12):
    """The orders, the target filter and each row's latest result come from what each student's account and
    sharing keep of it: through their results, sorting a cohort of 500 read 500 rows of kilobytes each, and
    reading a page's 25 results took 0.2 ms, most of the rows' overflow pages on SQLite."""
    ana = make.student("a@x.ca", "Ana Li", levels=DATA, target="data-scientist")
    make.share(ana, grade12)
    result = Result.objects.get(assessment__owner=ana)
    shown = f"<td>{result.best_role_title} · {result.best_fit} %</td><td>{result.target_role_title}</td>"
    client = make.logged_in(lee)

    for asked in ({"sort": "latest"}, {"sort": "fit"}, {"sort": "name"}, {"target": "data-scientist"}):
        with CaptureQueriesContext(connection) as queries:
            html = client.get(f"/counsellor/cohorts/{grade12.id}/", asked).content.decode()
        reading = [query["sql"] for query in queries if "assessments_result" in query["sql"]]
        assert reading == [], f"{asked} reads students' results"
        assert names(html) == ["Ana Li"]
        assert shown in html


def test_counting_the_students_for_the_pages_reads_only_their_sharing(lee, grade12):
    make.share(make.student("a@x.ca", "Ana Li", levels=DATA), grade12)
    client = make.logged_in(lee)

    for sort in ("latest", "fit", "name"):
        with CaptureQueriesContext(connection) as queries:
            html = client.get(f"/counsellor/cohorts/{grade12.id}/", {"sort": sort}).content.decode()
        (page,) = [query["sql"] for query in queries if "COUNT(" in query["sql"]]
        (count,) = re.findall(r"\(SELECT COUNT\(\*\) FROM (.*?)\) FROM ", page)  # the page's count, in its rows
        assert "JOIN" not in count, f"sorting by {sort} joins only the page's query, not the count"
        assert "JOIN" in page
        assert "1 student shares with this cohort." in html


def test_a_result_without_a_target_role_shows_a_dash_for_it(lee, grade12):
    ana = make.student("a@example.ca", "Ana", levels=DATA)
    Result.objects.filter(assessment__owner=ana).update(target_role="", target_role_title="")
    assessment_services.latest_result_refresh(owner_ids=[ana.pk])
    make.share(ana, grade12)

    html = make.logged_in(lee).get(f"/counsellor/cohorts/{grade12.id}/").content.decode()

    result = Result.objects.get(assessment__owner=ana)
    ana_row = html[html.index(">Ana<") :].split("</tr>")[0]
    assert f"<td>{result.best_role_title} · {result.best_fit} %</td><td>—</td>" in ana_row
