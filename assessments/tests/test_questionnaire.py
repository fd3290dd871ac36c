"""The questionnaire: steps, saving as the student goes, and every kind of bad post."""

import re
from html import escape, unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from assessments.models import Answer, Assessment, AssessmentStatus, Result
from assessments.scoring import score
from assessments.tests import journey
from roles.selectors import compiled_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(client):
    assessment_id = journey.start(client)
    journey.fill_profile(client, assessment_id)
    return assessment_id


def programming(assessment_id):
    step = journey.steps()[1]
    return step, journey.step_url(assessment_id, step.number)


def all_zero(step, **changes) -> dict:
    return {**{skill.slug: "0" for skill in step.skills}, "action": "next", **changes}


def assessment_writes(queries) -> list[str]:
    """The statements captured that wrote to an assessment or its answers (a session's own writes aside)."""
    return [query["sql"] for query in queries if re.match(r"(INSERT|UPDATE|DELETE).*assessments_", query["sql"])]


def test_each_step_names_its_place_in_the_heading_the_title_and_a_progress_bar(client, started):
    _step, url = programming(started)
    total = len(journey.steps())

    html = client.get(url).content.decode()

    assert f"<title>Step 2 of {total}: Programming &amp; software engineering · CareerFit</title>" in html
    assert f"Step 2 of {total}: Programming &amp; software engineering</h1>" in html
    assert f'<progress id="progress" class="step-progress w-100 mb-3" max="{total}" value="2">' in html


def test_each_skill_shows_its_own_level_descriptors_and_not_sure_in_a_fieldset(client, started):
    html = client.get(programming(started)[1] + "?all=1").content.decode()
    python = html[html.index('<legend class="h5 mb-1">Python</legend>') :]
    python = python[: python.index("</fieldset>")]

    assert "<strong>3 · Intermediate</strong> I can build a complete program on my own" in python
    assert "<strong>Not sure</strong>" in python
    assert python.count('type="radio" name="python"') == 7
    assert 'for="id_python--evidence"' in python  # the evidence note has its own label


def test_a_new_step_asks_first_which_skills_were_used_at_all(client, started):
    step, url = programming(started)

    html = client.get(url).content.decode()

    assert "Which of these have you used at all?" in html
    assert html.count('type="checkbox" name="used"') == len(step.skills)
    assert 'type="radio"' not in html


def test_ticking_none_rates_the_whole_step_none_and_moves_on(client, started):
    step, url = programming(started)

    response = client.post(url, {"mode": "quick", "action": "next"})

    assert response.url == journey.step_url(started, step.number + 1)
    saved = Answer.objects.filter(assessment_id=started)
    assert sorted(saved.values_list("skill", flat=True)) == sorted(skill.slug for skill in step.skills)
    assert set(saved.values_list("level", flat=True)) == {0}
    assert journey.assessment(started).reached_step == step.number + 1


def test_only_the_ticked_skills_are_asked_and_the_rest_keep_none(client, started):
    step, url = programming(started)
    others = [skill for skill in step.skills if skill.slug not in ("python", "git")]

    again = client.post(url, {"mode": "quick", "action": "next", "used": ["python", "git"]})
    html = client.get(again.url).content.decode()

    assert again.url == url
    asked = [unescape(name) for name in re.findall(r'<legend class="h5 mb-1">([^<]+)</legend>', html)]
    assert asked == [skill.name for skill in step.skills if skill.slug in ("python", "git")]
    assert f"Rated “0 · None”: {escape(others[0].name)}" in html and 'href="?all=1"' in html
    moved = client.post(url, {"python": "3", "git": "2", "python--evidence": "my game", "action": "next"})
    assert moved.url == journey.step_url(started, step.number + 1)
    levels = dict(Answer.objects.filter(assessment_id=started).values_list("skill", "level"))
    assert levels.pop("python") == 3 and levels.pop("git") == 2
    assert set(levels) == {skill.slug for skill in others} and set(levels.values()) == {0}


def test_answers_not_on_the_page_keep_their_evidence(client, started):
    step, url = programming(started)
    client.post(url, all_zero(step, **{"git--evidence": "I made a repo once"}))

    client.post(url, {"python": "2", "action": "next"})  # git is rated 0, so not on the page

    assert Answer.objects.get(assessment_id=started, skill="git").evidence == "I made a repo once"
    assert Answer.objects.get(assessment_id=started, skill="python").level == 2


def test_a_quick_pass_naming_another_steps_skill_is_refused_and_saves_nothing(client, started):
    _, url = programming(started)

    response = client.post(url, {"mode": "quick", "action": "next", "used": ["kubernetes"]})

    assert response.status_code == 400 and "This step asks about other skills" in response.content.decode()
    assert not Answer.objects.filter(assessment_id=started).exists()


def test_back_from_a_quick_pass_saves_nothing(client, started):
    _, url = programming(started)

    response = client.post(url, {"mode": "quick", "action": "back", "used": ["python"]})

    assert response.url == journey.step_url(started, 1)
    assert not Answer.objects.filter(assessment_id=started).exists()


def test_a_step_is_saved_and_the_next_one_opens(client, started):
    step, url = programming(started)

    response = client.post(url, all_zero(step, python="3", **{"python--evidence": "https://github.com/me/app"}))

    assert response.url == journey.step_url(started, 3)
    python = Answer.objects.get(assessment_id=started, skill="python")
    assert (python.level, python.not_sure, python.evidence) == (3, False, "https://github.com/me/app")
    assert journey.assessment(started).reached_step == 3


def test_back_and_next_keep_every_answer(client, started):
    step, url = programming(started)
    client.post(url, all_zero(step, python="4", git="not-sure"))
    client.post(journey.step_url(started, 3), {"html-css": "2", "action": "back"})  # partly answered

    back = client.get(url).content.decode()
    forward = client.get(journey.step_url(started, 3)).content.decode()

    assert re.search(r'name="python" id="[^"]+" value="4" checked', back)
    assert re.search(r'name="git" id="[^"]+" value="not-sure" checked', back)
    assert re.search(r'name="html-css" id="[^"]+" value="2" checked', forward)


def test_a_saved_answer_comes_back_chosen_with_its_evidence_open_as_typed(client, started):
    step, url = programming(started)
    typed = '<b>"my repo"</b> & more'
    client.post(url, all_zero(step, python="not-sure", git="3", **{"git--evidence": typed}))

    html = client.get(url + "?all=1").content.decode()

    git, python = fieldset(html, "Git &amp; version control"), fieldset(html, "Python")
    assert re.findall(r'value="([^"]+)" checked', git) == ["3"]
    assert re.findall(r'value="([^"]+)" checked', python) == ["not-sure"]
    assert '<details class="mt-2" open>' in git and f'value="{escape(typed)}"' in git and "<b>" not in git
    assert '<details class="mt-2">' in python and 'id="id_python--evidence" value=""' in python
    assert "aria-invalid" not in html and "border-danger" not in html and 'id="form-errors"' not in html


def test_an_edited_skill_is_asked_in_its_new_words(client, started):
    from roles.models import Skill

    url = programming(started)[1] + "?all=1"
    before = fieldset(client.get(url).content.decode(), "Python")
    Skill.objects.filter(slug="python").update(
        name="Python 3", description="The language, not the snake.", descriptor_3="I can ship a <small> package."
    )

    html = client.get(url).content.decode()

    assert "I can build a complete program on my own" in before
    python = fieldset(html, "Python 3")
    assert '<p class="text-body-secondary mb-2">The language, not the snake.</p>' in python
    assert "<strong>3 · Intermediate</strong> I can ship a &lt;small&gt; package." in python
    assert "I can build a complete program on my own" not in html
    assert 'for="id_python--evidence" class="form-label">Evidence for Python 3 (optional)</label>' in python


def test_closing_the_tab_loses_nothing_the_link_resumes_at_the_furthest_step(client, started):
    step, url = programming(started)
    client.post(url, all_zero(step))

    elsewhere = Client()  # another device with the private link
    response = elsewhere.get(f"/assessment/{started}/")

    assert response.url == journey.step_url(started, 3)
    assert elsewhere.get(response.url).status_code == 200


def test_steps_cannot_be_skipped_by_opening_or_posting_to_a_later_one(client, started):
    later = journey.step_url(started, 5)

    assert client.get(later).url == journey.step_url(started, 2)
    response = client.post(later, {"linux": "3", "action": "next"})

    assert response.url == journey.step_url(started, 2)
    assert not Answer.objects.filter(assessment_id=started).exists()
    assert journey.assessment(started).reached_step == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"python": "9"}, "Choose one of the levels shown for Python."),
        ({"python": "-1"}, "Choose one of the levels shown for Python."),
        ({"python": ""}, "Choose a level for Python, or “Not sure”."),
        ({"kubernetes": "3"}, "This step asks about other skills (kubernetes was sent)."),
        ({"python--evidence": "x" * 501}, "Ensure this value has at most 500 characters"),
    ],
)
def test_a_bad_post_gets_a_clear_error_and_saves_nothing(client, started, changes, message):
    step, url = programming(started)

    response = client.post(url, all_zero(step, **changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Answer.objects.filter(assessment_id=started).exists()
    assert journey.assessment(started).reached_step == 2


def test_a_missing_answer_is_pointed_at_with_a_link_and_tied_to_its_fieldset(client, started):
    step, url = programming(started)
    data = all_zero(step)
    del data["git"]

    html = client.post(url, data).content.decode()

    assert '<a href="#id_git_0">Choose a level for Git &amp; version control, or “Not sure”.</a>' in html
    assert re.search(
        r'<fieldset class="skill-question card card-body mb-3 border-danger" aria-describedby="id_git_error">', html
    )
    assert '<p id="id_git_error" class="text-danger fw-semibold mb-2">' in html


def fieldset(html: str, legend: str) -> str:
    found = html[html.index(f'<legend class="h5 mb-1">{legend}</legend>') :]
    return found[: found.index("</fieldset>")]


def test_evidence_that_is_too_long_stays_open_as_typed_with_its_error_tied_to_it(client, started):
    step, url = programming(started)
    typed = '<b>"my repo"</b> ' + "x" * 500

    html = client.post(url, all_zero(step, **{"git--evidence": typed})).content.decode()

    git, python = fieldset(html, "Git &amp; version control"), fieldset(html, "Python")
    assert '<details class="mt-2" open>' in git
    assert f'value="{escape(typed)}"' in git and "<b>" not in git
    assert 'class="form-control is-invalid" name="git--evidence" id="id_git--evidence"' in git
    assert 'aria-describedby="id_git--evidence_helptext id_git--evidence_error"' in git
    assert (
        '<div id="id_git--evidence_error" class="invalid-feedback">'
        f"Ensure this value has at most 500 characters (it has {len(typed)}).</div>"
    ) in git
    assert '<details class="mt-2">' in python and "is-invalid" not in python, "the other notes stay closed"
    assert 'aria-describedby="id_python--evidence_helptext"' in python


def test_the_skipped_skills_can_be_answered_as_none_in_one_go(client, started):
    step, url = programming(started)

    response = client.post(url, {"python": "2", "action": "fill-none"})

    assert response.url == journey.step_url(started, 3)
    levels = dict(Answer.objects.filter(assessment_id=started).values_list("skill", "level"))
    assert levels["python"] == 2 and levels["git"] == 0 and len(levels) == len(step.skills)


def test_a_missing_csrf_token_is_refused_and_nothing_is_saved(started):
    step, url = programming(started)
    strict = Client(enforce_csrf_checks=True)

    assert strict.post(url, all_zero(step)).status_code == 403
    assert strict.post("/assessment/start/").status_code == 403
    assert not Answer.objects.filter(assessment_id=started).exists()


def test_another_students_assessment_id_is_a_404(client):
    owner = Client()
    from accounts.models import User

    owner.force_login(User.objects.create_user("owner@example.ca", "a-long-password"))
    theirs = journey.start(owner)

    assert client.get(journey.step_url(theirs, 1)).status_code == 404
    assert client.post(journey.step_url(theirs, 1), {"stage": "newcomer", "hours_per_week": "3"}).status_code == 404
    assert Assessment.objects.get(id=theirs).stage == ""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"stage": "high-school", "hours_per_week": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"stage": "high-school", "hours_per_week": "61"}, "Ensure this value is less than or equal to 60."),
        ({"stage": "high-school", "hours_per_week": "lots"}, "Enter a whole number."),
        ({"stage": "astronaut", "hours_per_week": "5"}, "Select a valid choice. astronaut is not one of the available"),
        ({"hours_per_week": "5"}, "This field is required."),
        ({"stage": "high-school", "hours_per_week": "5", "interests": ["nope"]}, "Select a valid choice. nope is not"),
    ],
)
def test_the_profile_step_refuses_bad_values_clearly(client, data, message):
    assessment_id = journey.start(client)

    response = client.post(journey.step_url(assessment_id, 1), data)

    assert response.status_code == 200 and message in response.content.decode()
    assert journey.assessment(assessment_id).stage == "" and journey.assessment(assessment_id).reached_step == 1


def test_with_javascript_changes_are_saved_as_they_happen_and_the_top_three_update(client, started):
    _step, url = programming(started)

    response = client.post(url, {"python": "4", "git": "3", "software-testing": "3"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html  # a fragment for the live panel
    assert len(re.findall(r"<li class=\"mb-2\">", html)) == 3
    assert Answer.objects.filter(assessment_id=started, skill="python", level=4).exists()
    assert journey.assessment(started).reached_step == 2  # saving as you go does not open the next step


def test_a_change_that_leaves_the_top_three_as_they_are_swaps_nothing(client, started):
    step, url = programming(started)
    other = next(skill.slug for skill in step.skills if skill.slug != "python")
    client.get(url)
    first = client.post(url, {"python": "4"}, HTTP_HX_REQUEST="true")

    same = client.post(url, {"python": "4", other: "0"}, HTTP_HX_REQUEST="true")
    changed = client.post(url, {"python": "1", other: "5"}, HTTP_HX_REQUEST="true")

    assert first.status_code == 200
    assert same.status_code == 204 and same.content == b"", "nothing new for a screen reader to announce"
    assert Answer.objects.filter(assessment_id=started, skill=other, level=5).exists(), "every change is saved"
    assert changed.status_code == 200 and changed.content != first.content


def live_fits(html: str) -> list[tuple[str, int]]:
    return [
        (unescape(title), int(fit))
        for title, fit in re.findall(r'<span>([^<]+)</span><span class="fw-semibold">(\d+) %', html)
    ]


def test_the_live_fits_after_a_change_count_every_answer_saved_so_far(client, started):
    programming_step, programming_url = programming(started)
    web = journey.steps()[2]
    client.post(programming_url, all_zero(programming_step, python="4"))  # an earlier step, moved on from
    client.post(journey.step_url(started, web.number), {web.skills[0].slug: "0"}, HTTP_HX_REQUEST="true")

    response = client.post(journey.step_url(started, web.number), {web.skills[0].slug: "5"}, HTTP_HX_REQUEST="true")

    levels = {skill.slug: 0 for skill in programming_step.skills} | {"python": 4, web.skills[0].slug: 5}
    expected = score(catalogue=compiled_catalogue(), levels=levels).top(3)
    assert response.status_code == 200
    assert live_fits(response.content.decode()) == [(role_fit.role.title, role_fit.fit) for role_fit in expected]
    page = client.get(journey.step_url(started, web.number)).content.decode()
    assert live_fits(page) == live_fits(response.content.decode()), "the page shows the same fits when reopened"


def test_each_live_fit_is_a_meter_named_for_its_role(client, started):
    _step, url = programming(started)

    html = client.post(url, {"python": "4", "git": "3"}, HTTP_HX_REQUEST="true").content.decode()

    fits = live_fits(html)
    assert len(fits) == 3
    for title, fit in fits:
        assert f'<meter class="w-100" min="0" max="100" value="{fit}" aria-label="Fit for {escape(title)}">' in html


def test_a_step_reads_its_assessment_with_the_catalogue_version_then_its_answers_once(client, started):
    _step, url = programming(started)
    client.post(url, {"python": "4", "git": "3"}, HTTP_HX_REQUEST="true")

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200

    reads = [
        query["sql"]
        for query in queries
        if any(table in query["sql"] for table in ("assessments_assessment", "assessments_answer", "catalogueversion"))
    ]
    assert len(reads) == 2, "one read serves the access check and the catalogue, one the questions and live fits"
    assessment, answers = reads
    assert "catalogueversion" in assessment and "assessments_answer" not in assessment
    assert "JOIN" not in answers, "sorted by the assessment's id, not joined to sort by the assessment's ordering"
    assert [answer.skill for answer in journey.assessment(started).answers.all()] == ["git", "python"]


def test_a_post_reads_the_answers_once_and_writes_only_those_that_changed(client, started):
    step, url = programming(started)
    client.post(url, all_zero(step, python="2", action="back"))

    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, all_zero(step, python="4", git="not-sure", **{"git--evidence": "a repo"}))

    assert response.url == journey.step_url(started, 3)
    answers = [query["sql"] for query in queries if "assessments_answer" in query["sql"]]
    assert len([sql for sql in answers if sql.startswith("SELECT")]) == 1, "the view's read serves the save too"
    (written,) = [sql for sql in answers if not sql.startswith("SELECT")]
    assert {skill.slug for skill in step.skills} & set(re.findall(r"[\w-]+", written)) == {"python", "git"}
    saved = {answer.skill: (answer.level, answer.not_sure, answer.evidence) for answer in Answer.objects.all()}
    assert saved["python"] == (4, False, "") and saved["git"] == (None, True, "a repo")
    assert len(saved) == len(step.skills) and {saved[slug][0] for slug in saved.keys() - {"python", "git"}} == {0}


def test_moving_on_after_the_answers_were_saved_as_the_student_went_writes_one_row_without_a_transaction(
    client, started
):
    step, url = programming(started)
    answers = all_zero(step, python="3")
    del answers["action"]
    assert client.post(url, answers, HTTP_HX_REQUEST="true").status_code == 200  # saved as the student went

    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {**answers, "action": "next"})

    assert response.url == journey.step_url(started, 3)
    statements = [query["sql"] for query in queries if "accounts_session" not in query["sql"]]
    writes = [sql for sql in statements if not sql.startswith("SELECT")]
    assert len(writes) == 1 and writes[0].startswith('UPDATE "assessments_assessment"'), statements
    assert journey.assessment(started).reached_step == 3
    assert Answer.objects.get(assessment_id=started, skill="python").level == 3


@pytest.mark.parametrize(
    ("post", "autosave", "minutes_since_saved", "written"),
    [
        pytest.param({"action": "back"}, False, 4, False, id="back-over-the-step-soon-after"),
        pytest.param({}, True, 4, False, id="the-same-level-picked-again-soon-after"),
        pytest.param({"action": "back"}, False, 6, True, id="back-over-the-step-later"),
        pytest.param({"action": "back", "python": "4"}, False, 4, True, id="an-answer-changed"),
        pytest.param({"action": "next"}, False, 4, True, id="the-next-step-opened"),
    ],
)
def test_a_post_that_changes_nothing_soon_after_a_save_writes_nothing(
    client, started, post, autosave, minutes_since_saved, written
):
    """A draft's `updated_at` says when it was last worked on to within five minutes (the purge of stale drafts
    counts days, "my assessments" shows the date): a post that changes no answer and opens no step writes no row
    that soon after the last write, and any other post writes as before."""
    from datetime import timedelta

    from django.utils import timezone

    step, url = programming(started)
    assert client.post(url, all_zero(step, python="3", action="back")).status_code == 302  # step 3 not yet open
    saved_at = timezone.now() - timedelta(minutes=minutes_since_saved)
    Assessment.objects.filter(id=started).update(updated_at=saved_at)
    answers = all_zero(step, **{"python": "3", **post})
    if autosave:
        del answers["action"]
    before = timezone.now()

    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, answers, **({"HTTP_HX_REQUEST": "true"} if autosave else {}))

    assert response.status_code == (200 if autosave else 302)
    writes = assessment_writes(queries)
    assessment = journey.assessment(started)
    if written:
        assert writes, "the post writes"
        assert before <= assessment.updated_at <= timezone.now()
    else:
        assert writes == []
        assert assessment.updated_at == saved_at
    assert assessment.reached_step == (3 if post.get("action") == "next" else 2)
    python = Answer.objects.get(assessment_id=started, skill="python")
    assert python.level == int(post.get("python", "3"))


@pytest.mark.parametrize(
    ("changes", "minutes_since_saved", "written"),
    [
        pytest.param({}, 4, False, id="the-same-profile-soon-after"),
        pytest.param({}, 6, True, id="the-same-profile-later"),
        pytest.param({"hours": 10}, 4, True, id="hours-changed"),
        pytest.param({"interests": ("data-analyst",)}, 4, True, id="an-interest-added"),
        pytest.param({"experience": "under-2"}, 4, True, id="experience-changed"),
    ],
)
def test_the_profile_posted_again_unchanged_soon_after_a_save_writes_nothing(
    client, started, changes, minutes_since_saved, written
):
    """The profile step follows the skills steps' rule: unchanged within five minutes of the last write, no row is
    written; any change, or the same profile later, is saved and marks the draft as worked on."""
    from datetime import timedelta

    from django.utils import timezone

    profile = {"stage": "high-school", "hours": 6, "interests": (), "experience": "none"}  # as `started` saved it
    saved_at = timezone.now() - timedelta(minutes=minutes_since_saved)
    Assessment.objects.filter(id=started).update(updated_at=saved_at)
    before = timezone.now()

    with CaptureQueriesContext(connection) as queries:
        journey.fill_profile(client, started, **{**profile, **changes})

    writes = assessment_writes(queries)
    assessment = journey.assessment(started)
    assert (writes != [], before <= assessment.updated_at) == (written, written)
    if not written:
        assert assessment.updated_at == saved_at
    expected = {**profile, **changes}
    assert (assessment.hours_per_week, assessment.interests, assessment.experience) == (
        expected["hours"],
        list(expected["interests"]),
        expected["experience"],
    )
    assert assessment.reached_step == 2


def test_a_profile_unchanged_that_opens_the_next_step_is_saved(started):
    """Even just saved and unchanged, a profile posted from a draft that has not yet opened step 2 opens it."""
    from assessments import services

    Assessment.objects.filter(id=started).update(reached_step=1)
    assessment = journey.assessment(started)
    services.assessment_save_profile(
        assessment=assessment,
        stage=assessment.stage,
        hours_per_week=assessment.hours_per_week,
        interests=assessment.interests,
        experience=assessment.experience,
        reach_step=2,
    )

    assert journey.assessment(started).reached_step == 2


def test_answers_are_kept_only_with_the_assessments_update_beside_them(started, monkeypatch):
    """Changed answers and the step they open are written in one transaction: if the second write fails, the
    first is undone."""
    from django.db import DatabaseError

    from assessments import services
    from assessments.forms import AnswerInput
    from careerfit import sql

    def failing(instance, fields):
        raise DatabaseError("the disk is full")

    monkeypatch.setattr(sql, "update", failing)
    assessment = journey.assessment(started)

    with pytest.raises(DatabaseError):
        services.assessment_save_answers(
            assessment=assessment, answers={"python": AnswerInput(3, False, "")}, reach_step=3, saved={}
        )
    assert not Answer.objects.filter(assessment_id=started).exists()


def test_saving_over_an_answer_another_tab_made_since_updates_it_rather_than_failing(client, started):
    from assessments import services
    from assessments.forms import AnswerInput

    assessment = journey.assessment(started)
    read_before = {}  # this tab read no answer for python; another tab then saved one
    services.assessment_save_answers(assessment=assessment, answers={"python": AnswerInput(1, False, "old")})

    services.assessment_save_answers(
        assessment=assessment, answers={"python": AnswerInput(3, False, "new")}, saved=read_before
    )

    python = Answer.objects.get(assessment=assessment, skill="python")
    assert (python.level, python.evidence) == (3, "new")


def test_every_save_marks_the_draft_as_worked_on_so_the_purge_of_stale_drafts_spares_it(client, started):
    """`purge_stale` deletes anonymous drafts by `updated_at`: a step saved, or an answer saved as the student
    goes, must move it to now."""
    from datetime import timedelta

    from django.utils import timezone

    step, url = programming(started)
    long_ago = timezone.now() - timedelta(days=400)
    for post, headers, status in (
        (all_zero(step, action="back"), {}, 302),
        ({"python": "3"}, {"HTTP_HX_REQUEST": "true"}, 200),  # the live fits change: python now counts
        (all_zero(step), {}, 302),
    ):
        Assessment.objects.filter(id=started).update(updated_at=long_ago)
        before = timezone.now()
        assert client.post(url, post, **headers).status_code == status
        saved = journey.assessment(started)
        assert before <= saved.updated_at <= timezone.now()
    assert saved.reached_step == 3


def test_an_assessment_deleted_while_its_step_was_posted_keeps_no_answer(started):
    """The save reads nothing again: if the assessment is gone by the time it writes, nothing is written."""
    from django.db import DatabaseError

    from assessments import services
    from assessments.forms import AnswerInput

    assessment = journey.assessment(started)
    Assessment.objects.filter(id=started).delete()

    with pytest.raises(DatabaseError):
        services.assessment_save_answers(assessment=assessment, answers={"python": AnswerInput(3, False, "")}, saved={})
    assert not Answer.objects.filter(skill="python").exists()


def test_a_bad_live_update_saves_nothing_and_says_so(client, started):
    _step, url = programming(started)

    html = client.post(url, {"python": "9"}, HTTP_HX_REQUEST="true").content.decode()

    assert "One answer needs another look" in html
    assert not Answer.objects.filter(assessment_id=started).exists()


def go_to_review(client, assessment_id, levels):
    journey.answer_all(client, assessment_id, levels)
    return journey.step_url(assessment_id, len(journey.steps()))


def test_the_review_asks_to_confirm_when_every_answer_is_the_same(client, started):
    review = go_to_review(client, started, lambda skill: 2)

    page = client.get(review).content.decode()
    refused = client.post(review, {})

    assert "You gave every skill the same answer: 2 · Beginner." in page
    assert "Every answer is the same. Check them, or tick this box to confirm." in refused.content.decode()
    assert not Result.objects.filter(assessment_id=started).exists()
    assert client.post(review, {"confirm_same": "on"}).status_code == 302
    assert Result.objects.filter(assessment_id=started).count() == 1


def review_section(html: str, title: str) -> str:
    """A step's table on the review, without the white space between its tags."""
    found = html[html.index(f'aria-label="{title}"') :]
    return re.sub(r">\s+<", "><", found[: found.index("</table>")])


def test_the_review_lists_each_answer_as_given_with_its_evidence_and_links_live(client, started):
    from roles.models import Skill

    review = go_to_review(client, started, {"python": 3, "git": "not-sure"})
    step, url = programming(started)
    evidence = 'My <bot> & "tests": https://github.com/me/bot'
    client.post(url, all_zero(step, python="3", git="not-sure", **{"python--evidence": evidence}))
    python = Skill.objects.get(slug="python")
    python.pk, python.slug, python.name = None, "rust", "Rust"  # added to the catalogue after the student answered
    python.save()
    Skill.objects.filter(slug="git").update(name="Git & <GitHub>")

    html = client.get(review).content.decode()

    rows = review_section(html, "Programming &amp; software engineering").split("<tbody>")[1].split("</tr>")
    drawn = {re.search(r'<th scope="row" class="fw-normal">(.*?)</th>', row)[1]: row for row in rows[:-1]}
    assert drawn["Python"].endswith(
        '<td>3 · Intermediate</td><td class="text-break">My &lt;bot&gt; &amp; &quot;tests&quot;: '
        '<a href="https://github.com/me/bot" rel="nofollow">https://github.com/me/bot</a></td>'
    )
    assert drawn["Git &amp; &lt;GitHub&gt;"].endswith('<td>Not sure</td><td class="text-break"></td>')
    assert drawn["Rust"].endswith(
        '<td><span class="text-body-secondary">Not answered</span></td><td class="text-break"></td>'
    )
    assert drawn["Code review"].endswith('<td>0 · None</td><td class="text-break"></td>')
    assert list(drawn) == [escape(skill.name) for skill in journey.steps()[1].skills]
    assert "1 skill has no answer; it counts as 0 · None." in html
    assert '<a class="small fw-normal ms-2" href="' + url + '">Change<span class="visually-hidden">' in html


def test_varied_answers_need_no_confirmation(client, started):
    review = go_to_review(client, started, {"python": 3})

    assert "every skill the same answer" not in client.get(review).content.decode()
    assert client.post(review, {}).status_code == 302


def test_submitting_twice_makes_one_result(client, started):
    review = go_to_review(client, started, {"python": 3})

    first = client.post(review, {})
    second = client.post(review, {})

    assert Result.objects.filter(assessment_id=started).count() == 1
    assert first.url == second.url == f"/results/{Result.objects.get(assessment_id=started).id}/"
    assert journey.assessment(started).status == AssessmentStatus.SUBMITTED


def test_a_submitted_assessment_cannot_be_changed_any_more(client, started):
    review = go_to_review(client, started, {"python": 3})
    client.post(review, {})
    step, url = programming(started)

    response = client.post(url, all_zero(step, python="5"))

    assert response.status_code == 302 and response.url.startswith("/results/")
    assert Answer.objects.get(assessment_id=started, skill="python").level == 3


def test_not_sure_scores_zero_and_is_flagged_on_the_result(client, started):
    review = go_to_review(client, started, {"python": "not-sure", "sql": 3})
    result_id = client.post(review, {}).url.split("/")[2]

    result = Result.objects.get(id=result_id)
    page = client.get(f"/results/{result_id}/").content.decode()

    assert result.answers["python"] == {"level": None, "not_sure": True, "evidence": ""}
    assert result.levels()["python"] == 0
    assert "You were not sure about 1 skill:</strong> Python." in page


def test_the_landing_page_offers_to_continue_an_unfinished_assessment(client, started):
    assert f"/assessment/{started}/" in client.get("/").content.decode()
    assert "Continue where you left off" not in Client().get("/").content.decode()


def test_the_steps_are_worked_out_once_per_catalogue_and_language():
    from django.utils import translation

    from assessments.questionnaire import questionnaire_steps
    from roles.selectors import compiled_catalogue

    catalogue = compiled_catalogue()
    with translation.override("en-ca"):
        english, again = questionnaire_steps(catalogue), questionnaire_steps(catalogue)
    with translation.override("fr-ca"):
        french = questionnaire_steps(catalogue)

    assert again is english, "the same steps, not worked out again"
    assert french is not english, "their titles are translated, so each language has its own"
    assert [step.key for step in french] == [step.key for step in english]


def test_a_replaced_catalogues_steps_do_not_keep_it_in_memory():
    import gc
    import weakref

    from assessments.questionnaire import questionnaire_steps
    from roles.compiled import CompiledCatalogue
    from roles.selectors import compiled_catalogue

    edited = CompiledCatalogue(version=0, catalogue=compiled_catalogue().catalogue)
    assert questionnaire_steps(edited)
    gone = weakref.ref(edited)

    del edited
    gc.collect()

    assert gone() is None
