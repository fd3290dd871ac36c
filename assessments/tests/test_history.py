"""My assessments: every result and unfinished assessment, in a fixed number of queries."""

import re
from html import unescape

import pytest
from django.template import Context, Template
from django.test import Client

from accounts.models import User
from assessments.models import Result
from assessments.tests import journey
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
    # session; the user, with whether they are a counsellor (the navigation shows counsellors their
    # dashboard); results with their catalogue fingerprint; drafts with answer counts; catalogue version.
    with django_assert_num_queries(5):
        student.get("/my/assessments/")
    for _ in range(6):
        journey.complete(student, {"python": 3})
    with django_assert_num_queries(5):
        html = student.get("/my/assessments/").content.decode()
    assert len(set(re.findall(r'href="/results/([0-9a-f-]{36})/"', html))) == 8


def test_history_shows_only_the_students_own(student):
    other = Client()
    other.force_login(User.objects.create_user("other@example.ca", "a-long-password"))
    _, theirs = journey.complete(other, {"python": 2})

    assert f"/results/{theirs}/" not in student.get("/my/assessments/").content.decode()


def test_deleting_an_assessment_deletes_its_results(student):
    assessment_id, result_id = journey.complete(student, {"python": 2})

    student.post(f"/assessment/{assessment_id}/delete/")

    assert student.get(f"/results/{result_id}/").status_code == 404
    assert f"/results/{result_id}/" not in student.get("/my/assessments/").content.decode()
