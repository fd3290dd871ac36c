"""My assessments: every result and unfinished assessment, in a fixed number of queries."""

import re
from datetime import UTC, datetime
from html import unescape

import pytest
from django.template import Context, Template
from django.test import Client

from accounts.models import User
from assessments import services
from assessments.forms import AnswerInput
from assessments.models import Assessment, Result
from assessments.tests import journey
from roles import models as m
from roles.selectors import compiled_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def student():
    client = Client()
    client.force_login(User.objects.create_user("sam@example.ca", "a-long-password"))
    return client


def test_history_lists_results_newest_first_and_unfinished_assessments(student):
    _, first = journey.complete(student, {"python": 2})
    _, second = journey.complete(student, {"python": 4, "sql": 3})
    draft = journey.start(student)

    html = student.get("/my/assessments/").content.decode()

    assert html.index(f"/results/{second}/") < html.index(f"/results/{first}/")
    assert f"/assessment/{draft}/" in html and "0 answers" in html
    assert "See your growth" in html
    # A printed list has no form to compare with, so no heading for one either.
    assert '<section aria-labelledby="growth-heading" class="mb-4 d-print-none">' in html


def test_the_growth_menus_offer_every_result_and_start_on_the_two_latest(student):
    ids = [journey.complete(student, levels)[1] for levels in ({"python": 2}, {"python": 4, "sql": 3}, {"python": 5})]
    newest_first = [str(result_id) for result_id in reversed(ids)]

    html = student.get("/my/assessments/").content.decode()

    def menu(name: str) -> list[tuple[str, bool, str]]:
        select = re.search(rf'<select id="{name}" name="{name}" class="form-select">(.*?)</select>', html, re.S)[1]
        options = re.findall(r'<option value="([0-9a-f-]{36})"( selected)?>([^<]*)</option>', select)
        return [(value, bool(chosen), unescape(label)) for value, chosen, label in options]

    for name, chosen in (("before", newest_first[1]), ("after", newest_first[0])):
        assert [value for value, _, _ in menu(name)] == newest_first
        assert [value for value, selected, _ in menu(name) if selected] == [chosen]
    # Each result by its local date and time, its best fit and that fit's score.
    dated = Template('{{ when|date:"DATETIME_FORMAT" }}')
    for value, _, label in menu("before"):
        result = Result.objects.get(id=value)
        when = dated.render(Context({"when": result.created_at}))
        assert label == f"{when} · {result.best_role_title} {result.best_fit} %"


def test_history_runs_the_same_queries_for_two_results_or_eight(student, django_assert_num_queries):
    for _ in range(2):
        journey.complete(student, {"python": 2})
    compiled_catalogue()
    # the session with its user and whether they are a counsellor (the navigation shows counsellors their
    # dashboard); results with their catalogue fingerprint and today's catalogue version; drafts with answer
    # counts.
    with django_assert_num_queries(3):
        student.get("/my/assessments/")
    for _ in range(6):
        journey.complete(student, {"python": 3})
    with django_assert_num_queries(3):
        html = student.get("/my/assessments/").content.decode()
    assert len(set(re.findall(r'href="/results/([0-9a-f-]{36})/"', html))) == 8


def test_history_shows_only_the_students_own(student):
    other = Client()
    other.force_login(User.objects.create_user("other@example.ca", "a-long-password"))
    _, theirs = journey.complete(other, {"python": 2})
    their_draft = journey.start(other)
    journey.complete(student, {"python": 2})
    anonymous_draft = journey.start(Client())

    html = student.get("/my/assessments/").content.decode()

    assert len(result_rows(html)) == 1 and f"/results/{theirs}/" not in html
    assert draft_items(html) == [] and f"/assessment/{their_draft}/" not in html
    assert f"/assessment/{anonymous_draft}/" not in html


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def result_rows(html: str) -> list[tuple[list[str], list[str]]]:
    """Each row of the results table: its cells' text, and the addresses it links to."""
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    rows = re.findall(r"<tr>(.*?)</tr>", body[1], re.S) if body else []
    return [
        (
            [text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)],
            re.findall(r'href="([^"]+)"', row),
        )
        for row in rows
    ]


def draft_items(html: str) -> list[tuple[str, list[str]]]:
    """Each assessment in progress: its text, and the addresses it links to."""
    section = re.search(r'<section aria-labelledby="drafts-heading".*?</section>', html, re.S)
    items = re.findall(r"<li[^>]*>(.*?)</li>", section[0], re.S) if section else []
    return [(text(item), re.findall(r'href="([^"]+)"', item)) for item in items]


def test_each_result_shows_its_day_best_fit_target_plan_and_whether_its_catalogue_is_todays(student):
    # A title that needs escaping, scored into the first result and kept there after the catalogue moves on.
    m.Role.objects.filter(slug="junior-software-developer").update(title='Junior & "Dev" <x>')
    _, first_id = journey.complete(student, {"python": 2})
    m.Role.objects.filter(slug="junior-software-developer").update(title="Junior Software Developer")
    first = Result.objects.get(id=first_id)
    rescored = services.result_rescore(result=first)
    # 03:30 UTC is still the evening before in Toronto: each row shows the student's own day.
    Result.objects.filter(id=first.id).update(created_at=datetime(2026, 3, 2, 3, 30, tzinfo=UTC))
    Result.objects.filter(id=rescored.id).update(created_at=datetime(2026, 4, 10, 15, 0, tzinfo=UTC))

    rows = result_rows(student.get("/my/assessments/").content.decode())

    assert rows == [
        (
            [
                "10 Apr 2026 re-scored",
                f"Junior Software Developer · {rescored.best_fit} %",
                "Junior Software Developer",
                "current",
            ],
            [f"/results/{rescored.id}/", f"/results/{rescored.id}/plan/"],
        ),
        (
            ["1 Mar 2026", f'Junior & "Dev" <x> · {first.best_fit} %', 'Junior & "Dev" <x>', "older"],
            [f"/results/{first.id}/", f"/results/{first.id}/plan/"],
        ),
    ]


def test_a_catalogue_edit_made_since_the_last_view_turns_each_result_older(student):
    # The catalogue's version is read with the results: this server has compiled today's catalogue and shown
    # the result as current when the catalogue is edited (as through another server), and the next view says so.
    def catalogues() -> list[tuple[str, str]]:
        """Each result's address and whether its catalogue is today's."""
        rows = result_rows(student.get("/my/assessments/").content.decode())
        return [(links[0], cells[-1]) for cells, links in rows]

    _, result_id = journey.complete(student, {"python": 2})
    assert catalogues() == [(f"/results/{result_id}/", "current")]

    m.Role.objects.filter(slug="data-analyst").update(title="Data & Reporting Analyst")

    assert catalogues() == [(f"/results/{result_id}/", "older")]
    rescored = services.result_rescore(result=Result.objects.get(id=result_id))
    assert catalogues() == [(f"/results/{rescored.id}/", "current"), (f"/results/{result_id}/", "older")]


def test_drafts_alone_are_listed_without_reading_the_catalogue(student, django_assert_num_queries):
    draft = journey.start(student)
    compiled_catalogue()
    # the session with its user; results (none); drafts with answer counts: no fingerprint to compare.
    with django_assert_num_queries(3):
        html = student.get("/my/assessments/").content.decode()
    assert result_rows(html) == []
    assert [links for _, links in draft_items(html)] == [[f"/assessment/{draft}/", f"/assessment/{draft}/delete/"]]


def test_each_assessment_in_progress_says_when_it_was_saved_and_how_many_answers_it_holds(student):
    untouched, one, three = journey.start(student), journey.start(student), journey.start(student)
    for assessment_id, skills in ((one, ["python"]), (three, ["python", "sql", "git"])):
        services.assessment_save_answers(
            assessment=journey.assessment(assessment_id),
            answers={skill: AnswerInput(level=2, not_sure=False, evidence="") for skill in skills},
        )
    saved = {
        untouched: datetime(2026, 1, 1, 4, 59, tzinfo=UTC),  # 31 December, 23:59 in Toronto
        one: datetime(2026, 2, 14, 12, 0, tzinfo=UTC),
        three: datetime(2026, 2, 20, 12, 0, tzinfo=UTC),
    }
    for assessment_id, when in saved.items():
        Assessment.objects.filter(id=assessment_id).update(updated_at=when)

    items = draft_items(student.get("/my/assessments/").content.decode())

    links = {draft: [f"/assessment/{draft}/", f"/assessment/{draft}/delete/"] for draft in saved}
    assert items == [
        ("Assessment last saved on 20 Feb 2026 · 3 answers · Delete this assessment in progress", links[three]),
        ("Assessment last saved on 14 Feb 2026 · 1 answer · Delete this assessment in progress", links[one]),
        ("Assessment last saved on 31 Dec 2025 · 0 answers · Delete this assessment in progress", links[untouched]),
    ]


def test_deleting_an_assessment_deletes_its_results(student):
    assessment_id, result_id = journey.complete(student, {"python": 2})

    student.post(f"/assessment/{assessment_id}/delete/")

    assert student.get(f"/results/{result_id}/").status_code == 404
    assert f"/results/{result_id}/" not in student.get("/my/assessments/").content.decode()
