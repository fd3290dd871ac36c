"""A student's file: shared results read-only, notes, review status, and the audit the student sees."""

import re
from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.formats import date_format

from assessments.models import Result
from counselling.models import Note, ResultView, StatusChange
from counselling.tests import factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    lee = make.counsellor("lee@school.ca", "Ms Lee")
    grade12 = make.cohort("Grade 12 CS", lee)
    maya = make.student("maya@example.ca", "Maya", levels={"python": 3, "sql": 2}, evidence="github.com/maya")
    make.share(maya, grade12)
    return lee, grade12, maya, Result.objects.get()


def file_url(grade12, maya, suffix=""):
    return f"/counsellor/cohorts/{grade12.id}/students/{maya.uuid}/{suffix}"


def test_the_file_lists_every_shared_result(setting):
    lee, grade12, maya, result = setting
    later = make.add_result(maya, {"python": 4})

    html = make.logged_in(lee).get(file_url(grade12, maya)).content.decode()

    assert f"/counsellor/cohorts/{grade12.id}/results/{result.id}/" in html
    assert f"/counsellor/cohorts/{grade12.id}/results/{later.id}/" in html
    assert "maya@example.ca" not in html


def test_each_result_is_listed_newest_first_with_its_day_roles_and_plan(setting):
    lee, grade12, maya, first = setting
    # Scored at 2 a.m. UTC on 1 March: still 28 February in Toronto, the site's time zone.
    Result.objects.filter(id=first.id).update(
        created_at=datetime(2026, 3, 1, 2, 0, tzinfo=UTC), kind="rescored", best_role_title="R&D <Lead>"
    )
    later = make.add_result(maya, {"python": 4}, target="data-scientist")

    html = make.logged_in(lee).get(file_url(grade12, maya)).content.decode()

    listed = re.findall(r'<li class="mb-2">(.*?)</li>', html, re.DOTALL)
    today = date_format(timezone.localdate(), "DATE_FORMAT")
    base = f"/counsellor/cohorts/{grade12.id}/results"
    assert [" ".join(item.split()) for item in listed] == [
        f'<a href="{base}/{later.id}/">{today}</a> · {later.best_role_title} {later.best_fit} % · target Data Scientist'
        f' · <a href="{base}/{later.id}/plan/">plan<span class="visually-hidden"> of {today}</span></a>',
        f'<a href="{base}/{first.id}/">28 Feb 2026</a> <span class="badge text-bg-light border">re-scored</span>'
        f" · R&amp;D &lt;Lead&gt; {first.best_fit} % · target {first.target_role_title}"
        f' · <a href="{base}/{first.id}/plan/">plan<span class="visually-hidden"> of 28 Feb 2026</span></a>',
    ]


def test_the_file_is_headed_by_the_students_name_their_cohort_and_the_day_they_began_sharing(setting):
    lee, grade12, maya, _ = setting
    membership = grade12.memberships.get()
    # Agreed at 2 a.m. UTC on 1 March: still 28 February in Toronto, the site's time zone.
    membership.consented_at = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
    membership.save()
    client = make.logged_in(lee)

    html = client.get(file_url(grade12, maya)).content.decode()
    maya.display_name = ""
    maya.save()
    unnamed = client.get(file_url(grade12, maya)).content.decode()

    crumbs = (
        '<a href="/counsellor/">Your cohorts</a></li>'
        f'<li class="breadcrumb-item"><a href="/counsellor/cohorts/{grade12.id}/">Grade 12 CS</a>'
    )
    assert crumbs in html and crumbs in unnamed
    assert '<li class="breadcrumb-item active" aria-current="page">Maya</li>' in html and "<h1>Maya</h1>" in html
    assert "<h1>(no name)</h1>" in unnamed and "Maya" not in unnamed
    assert (
        "Shares with this cohort since 28 Feb 2026." in html and "Shares with this cohort since 28 Feb 2026." in unnamed
    )


def test_the_status_history_names_who_changed_it_newest_first_and_a_dash_for_a_closed_account(setting):
    lee, grade12, maya, _ = setting
    ava = make.counsellor("ava@school.ca", "Mr Ava")
    grade12.counsellors.add(ava)
    make.logged_in(ava).post(file_url(grade12, maya, "status/"), {"status": "follow-up"})
    make.logged_in(lee).post(file_url(grade12, maya, "status/"), {"status": "reviewed"})
    ava.delete()

    html = make.logged_in(lee).get(file_url(grade12, maya)).content.decode()

    history = re.findall(r"<li>([A-Za-z ]+ · [^<]+) · [^<]+</li>", html)
    assert history == ["Reviewed · Ms Lee", "Follow up · —"]


def test_the_file_shows_only_this_students_results_and_this_sharings_status_history(setting):
    lee, grade12, maya, result = setting
    ben = make.student("ben@example.ca", "Ben", levels={"linux": 3})
    make.share(ben, grade12)
    robotics = make.cohort("Robotics club", lee)
    make.share(maya, robotics)
    client = make.logged_in(lee)
    client.post(file_url(grade12, ben, "status/"), {"status": "follow-up"})
    client.post(file_url(robotics, maya, "status/"), {"status": "reviewed"})

    html = client.get(file_url(grade12, maya)).content.decode()

    assert re.findall(r'/results/([^/]+)/"', html) == [str(result.id)]
    assert "History" not in html and "Follow up ·" not in html and "Reviewed ·" not in html


def test_the_file_runs_the_same_five_queries_however_many_results_notes_and_status_changes(
    setting, django_assert_num_queries
):
    lee, grade12, maya, _ = setting
    client = make.logged_in(lee)
    assert client.post(file_url(grade12, maya, "notes/"), {"text": "First look."}).status_code == 302
    assert client.post(file_url(grade12, maya, "status/"), {"status": "reviewed"}).status_code == 302
    # the session with its user and whether they are a counsellor; the sharing, with its cohort (if it is this
    # counsellor's), the student and whether there are notes and status changes; the results; the notes, with
    # their authors; the status changes, with who made them.
    with django_assert_num_queries(5):
        client.get(file_url(grade12, maya))
    for week in range(3):
        make.add_result(maya, {"python": 3 + week % 2})
        client.post(file_url(grade12, maya, "notes/"), {"text": f"Week {week}"})
        client.post(file_url(grade12, maya, "status/"), {"status": ["reviewed", "follow-up", "new"][week]})
    with django_assert_num_queries(5):
        html = client.get(file_url(grade12, maya)).content.decode()
    assert html.count("Week ") == 3 and html.count("/plan/") == 4
    assert all(f"<li>{status} · Ms Lee · " in html for status in ("Reviewed", "Follow up", "New"))


def test_the_file_reads_notes_and_status_changes_only_once_this_sharing_has_some(setting, django_assert_num_queries):
    lee, grade12, maya, _ = setting
    client = make.logged_in(lee)

    def viewed(statements: int) -> str:
        with django_assert_num_queries(statements):
            response = client.get(file_url(grade12, maya))
        assert response.status_code == 200
        return response.content.decode()

    # Another student's note and status change in this cohort, and a note and a status change about this student
    # in another cohort, are not this file's: the session, the sharing and the results are all it reads.
    ben = make.student("ben@example.ca", "Ben", levels={"linux": 3})
    make.share(ben, grade12)
    assert client.post(file_url(grade12, ben, "notes/"), {"text": "About Ben."}).status_code == 302
    assert client.post(file_url(grade12, ben, "status/"), {"status": "follow-up"}).status_code == 302
    robotics = make.cohort("Robotics club", make.counsellor("kim@school.ca", "Mr Kim"))
    make.share(maya, robotics)
    robotics_file = make.logged_in(robotics.counsellors.get())
    assert robotics_file.post(file_url(robotics, maya, "notes/"), {"text": "Robotics only."}).status_code == 302
    assert robotics_file.post(file_url(robotics, maya, "status/"), {"status": "reviewed"}).status_code == 302
    html = viewed(3)
    assert "About Ben." not in html and "Robotics only." not in html and "History" not in html

    assert client.post(file_url(grade12, maya, "status/"), {"status": "follow-up"}).status_code == 302
    html = viewed(4)
    assert "<li>Follow up · Ms Lee · " in html and "Robotics only." not in html

    colleague = make.counsellor("ana@school.ca", "Ms Ana")
    grade12.counsellors.add(colleague)
    note = make.logged_in(colleague).post(file_url(grade12, maya, "notes/"), {"text": "A colleague's note."})
    assert note.status_code == 302
    html = viewed(5)
    assert "A colleague&#x27;s note." in html and "Robotics only." not in html


def test_a_counsellor_sees_the_students_result_and_plan_read_only_and_each_view_is_recorded(setting):
    lee, grade12, maya, result = setting
    client = make.logged_in(lee)

    page = client.get(f"/counsellor/cohorts/{grade12.id}/results/{result.id}/").content.decode()
    plan = client.get(f"/counsellor/cohorts/{grade12.id}/results/{result.id}/plan/").content.decode()

    assert "Maya's result, shared with Grade 12 CS. Read only." in page
    assert "<h1>Maya's results</h1>" in page and "Your results" not in page
    assert "Roles ranked by fit" in page and "Why this score" in page
    for control in ("/rescore/", "/retake/", "/target/", "/delete/", "/keep/", "Keep it in an account"):
        assert control not in page
    assert "Your learning plan" in plan and "/plan/pace/" not in plan
    assert list(ResultView.objects.values_list("counsellor", "student", "cohort", "kind")) == [
        (lee.id, maya.id, grade12.id, "plan"),
        (lee.id, maya.id, grade12.id, "result"),
    ]


@pytest.mark.parametrize(
    ("headers", "query"),
    [({"HTTP_HX_REQUEST": "true"}, ""), ({"HTTP_HX_REQUEST": "true"}, "?skill=python&level=5"), ({}, "?skill=sql")],
    ids=["htmx full page", "htmx what-if panel", "what-if without htmx"],
)
def test_every_view_of_a_shared_result_is_recorded_whatever_the_headers(setting, headers, query):
    lee, grade12, _, result = setting

    response = make.logged_in(lee).get(f"/counsellor/cohorts/{grade12.id}/results/{result.id}/{query}", **headers)

    assert response.status_code == 200 and "Python" in response.content.decode()
    assert list(ResultView.objects.values_list("counsellor", "result", "kind")) == [(lee.id, result.id, "result")]


def test_the_student_sees_who_viewed_what_and_when(setting):
    lee, grade12, maya, result = setting
    make.logged_in(lee).get(f"/counsellor/cohorts/{grade12.id}/results/{result.id}/")

    html = make.logged_in(maya).get("/sharing/").content.decode()

    assert re.search(r"<td>Ms Lee</td><td>Grade 12 CS</td>\s*<td>Result: <a href=\"/results/" + str(result.id), html)


def test_a_status_change_is_recorded_with_who_and_when(setting):
    lee, grade12, maya, _ = setting
    client = make.logged_in(lee)

    client.post(file_url(grade12, maya, "status/"), {"status": "follow-up"})
    client.post(file_url(grade12, maya, "status/"), {"status": "reviewed"})
    client.post(file_url(grade12, maya, "status/"), {"status": "archived"})

    changes = list(StatusChange.objects.order_by("changed_at").values_list("status", "changed_by"))
    assert changes == [("follow-up", lee.id), ("reviewed", lee.id)]
    html = client.get(file_url(grade12, maya)).content.decode()
    assert "Reviewed · Ms Lee · " in html and "Follow up · Ms Lee · " in html


def test_the_status_menu_offers_each_students_own_status_selected(setting):
    lee, grade12, maya, _ = setting
    client = make.logged_in(lee)
    client.get(file_url(grade12, maya))  # the "new" menu, rendered once and kept

    client.post(file_url(grade12, maya, "status/"), {"status": "follow-up"})
    html = client.get(file_url(grade12, maya)).content.decode()

    assert re.findall(r'<option value="([-a-z]+)" selected>', html) == ["follow-up"]
    assert 'Now: <span class="badge status-follow-up">Follow up</span>' in html


def test_the_file_offers_an_empty_note_form_and_the_status_menu_whether_drawn_afresh_or_from_the_cache(setting):
    lee, grade12, maya, _ = setting
    client = make.logged_in(lee)
    cache.clear()  # the two forms are drawn afresh, then from the cache

    for _view in range(2):
        html = client.get(file_url(grade12, maya)).content.decode()
        (textarea,) = re.findall(r'<textarea name="text"[^>]*>', html)
        assert 'id="id_text"' in textarea and 'maxlength="4000"' in textarea
        assert '<input type="checkbox" name="shared_with_student"' in html
        assert re.findall(r'<option value="([-a-z]+)" selected>', html) == ["new"]
        assert "error-summary" not in html


def test_a_status_not_on_the_menu_is_refused_with_a_message_and_changes_nothing(setting):
    lee, grade12, maya, _ = setting

    response = make.logged_in(lee).post(file_url(grade12, maya, "status/"), {"status": "archived"}, follow=True)

    html = response.content.decode()
    assert response.redirect_chain == [(file_url(grade12, maya), 302)]
    assert "Choose a status from the list." in html and 'Now: <span class="badge status-new">New</span>' in html
    assert not StatusChange.objects.exists()


def test_private_notes_stay_with_counsellors_and_shared_ones_reach_the_student(setting):
    lee, grade12, maya, result = setting
    colleague = make.counsellor("kim@school.ca", "Mr Kim")
    grade12.counsellors.add(colleague)
    client = make.logged_in(lee)

    client.post(
        file_url(grade12, maya, "notes/"), {"text": "Strong Python; suggest co-op.", "shared_with_student": "on"}
    )
    client.post(file_url(grade12, maya, "notes/"), {"text": "Check in about anxiety at exams."})

    assert "Check in about anxiety" in make.logged_in(colleague).get(file_url(grade12, maya)).content.decode()
    student_pages = (
        make.logged_in(maya).get(f"/results/{result.id}/").content.decode()
        + make.logged_in(maya).get("/sharing/").content.decode()
    )
    assert "Strong Python; suggest co-op." in student_pages
    assert "anxiety" not in student_pages


def test_a_students_results_page_reads_notes_only_once_one_is_shared_with_them(setting, django_assert_num_queries):
    lee, grade12, maya, result = setting
    own, counsellor = make.logged_in(maya), make.logged_in(lee)

    def viewed(statements: int) -> str:
        with django_assert_num_queries(statements):
            response = own.get(f"/results/{result.id}/")
        assert response.status_code == 200
        return response.content.decode()

    omar = make.student("omar@example.ca", "Omar", levels={"python": 1})
    make.share(omar, grade12)
    counsellor.post(file_url(grade12, omar, "notes/"), {"text": "About Omar.", "shared_with_student": "on"})
    own.get(f"/results/{result.id}/")  # the page is then drawn from the cache
    # The session with its person, then the result with whether a note was shared: nothing to read the notes for.
    assert "Notes from your counsellors" not in viewed(2)  # Omar's note is his
    counsellor.post(file_url(grade12, maya, "notes/"), {"text": "Check in about anxiety at exams."})
    assert "anxiety" not in viewed(2)
    counsellor.post(
        file_url(grade12, maya, "notes/"), {"text": "Strong Python; suggest co-op.", "shared_with_student": "on"}
    )
    html = viewed(3)
    assert "Strong Python; suggest co-op." in html and "anxiety" not in html


def test_shared_notes_reach_the_student_newest_first_with_who_wrote_them_and_where(setting):
    lee, grade12, maya, result = setting
    colleague = make.counsellor("kim@school.ca", "Mr Kim")
    grade12.counsellors.add(colleague)
    other = make.student("omar@example.ca", "Omar", levels={"python": 1})
    make.share(other, grade12)
    for author, text in ((lee, "First: try SQL."), (colleague, "Second: apply for co-op."), (lee, "About Omar.")):
        student = other if "Omar" in text else maya
        make.logged_in(author).post(file_url(grade12, student, "notes/"), {"text": text, "shared_with_student": "on"})
    colleague.delete()  # an author's account can go; their note stays, unsigned

    for html in (
        make.logged_in(maya).get(f"/results/{result.id}/").content.decode(),
        make.logged_in(maya).get("/sharing/").content.decode(),
    ):
        notes = re.findall(r"<blockquote[^>]*><p[^>]*>([^<]+)</p>\s*<footer[^>]*>([^·]+) · ([^·]+) ·", html)
        assert [(text, author.strip(), cohort.strip()) for text, author, cohort in notes] == [
            ("Second: apply for co-op.", "A counsellor", "Grade 12 CS"),
            ("First: try SQL.", "Ms Lee", "Grade 12 CS"),
        ]


def test_the_file_shows_this_cohorts_notes_about_the_student_newest_first_with_who_wrote_them(setting):
    lee, grade12, maya, _ = setting
    unnamed = make.counsellor("kim@school.ca")
    unnamed.display_name = ""
    unnamed.save(update_fields=["display_name"])
    leaving = make.counsellor("ng@school.ca", "Mr Ng")
    grade12.counsellors.add(unnamed, leaving)
    omar = make.student("omar@example.ca", "Omar", levels={"python": 1})
    make.share(omar, grade12)
    college = make.cohort("College prep", make.counsellor("ray@school.ca", "Ms Ray"))
    make.share(maya, college)
    for author, cohort, student, text, shared in (
        (leaving, grade12, maya, "Try the SQL course.", True),
        (unnamed, grade12, maya, "Apply for co-op.", False),
        (lee, grade12, omar, "About Omar.", False),  # another student
        (college.counsellors.get(), college, maya, "From college prep.", False),  # another cohort
        (lee, grade12, maya, "Strong Python.", False),
    ):
        data = {"text": text, **({"shared_with_student": "on"} if shared else {})}
        assert make.logged_in(author).post(file_url(cohort, student, "notes/"), data).status_code == 302
    leaving.delete()  # an author's account can go; their note stays, unsigned

    html = make.logged_in(lee).get(file_url(grade12, maya)).content.decode()

    notes = re.findall(
        r'<p class="mb-1">([^<]+)</p>\s*<p class="small text-body-secondary mb-0">([^·]+) · [^·]+ · '
        r"(?:<strong>)?(shared with the student|counsellors only)",
        html,
    )
    assert notes == [
        ("Strong Python.", "Ms Lee", "counsellors only"),
        ("Apply for co-op.", "kim@school.ca", "counsellors only"),
        ("Try the SQL course.", "A former counsellor", "shared with the student"),
    ]


def test_an_empty_note_is_refused(setting):
    lee, grade12, maya, _ = setting

    response = make.logged_in(lee).post(file_url(grade12, maya, "notes/"), {"text": ""})

    html = response.content.decode()
    assert response.status_code == 400 and "This field is required." in html
    # The summary above the form names the field and links to it.
    summary = re.search(r'<div class="alert alert-danger error-summary"[^>]*id="form-errors".*?</div>', html, re.S)[0]
    assert re.findall(r'<a href="#([^"]+)">([^<]*)</a>', summary) == [("id_text", "Note: This field is required.")]
    assert not Note.objects.exists()


def test_after_the_student_stops_sharing_everything_that_was_visible_is_404(setting):
    lee, grade12, maya, result = setting
    client = make.logged_in(lee)
    urls = [
        file_url(grade12, maya),
        f"/counsellor/cohorts/{grade12.id}/results/{result.id}/",
        f"/counsellor/cohorts/{grade12.id}/results/{result.id}/plan/",
        f"/counsellor/cohorts/{grade12.id}/results/{result.id}/plan.csv",
    ]
    assert all(client.get(url).status_code == 200 for url in urls)
    membership = maya.memberships.get()

    make.logged_in(maya).post(f"/sharing/{membership.id}/stop/")

    assert [client.get(url).status_code for url in urls] == [404, 404, 404, 404]
    assert client.post(file_url(grade12, maya, "notes/"), {"text": "too late"}).status_code == 404
