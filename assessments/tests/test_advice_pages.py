"""What a student sees of the advice: the answer in short, alternatives they can switch, professional
skills to practise, certifications that suit them, salaries for their experience, and the role pages."""

import re

import pytest

from assessments import framing
from assessments.models import Result
from assessments.scoring import score
from assessments.tests import journey
from assessments.tests.builders import make_catalogue
from assessments.tests.journey import DATA_SCIENTIST_LIKE

# ------------------------------------------------------------------------------ the answer in short (pure)

TWO_ROLES = make_catalogue(
    skills={"a": {}, "b": {}, "c": {}, "d": {}},
    roles={
        # Alpha: a 3 core (9) + b 2 important (4) = 13 points possible; Beta the same with c for b.
        "alpha": {"title": "Alpha", "requires": [("a", 3, "core"), ("b", 2, "important")]},
        "beta": {"title": "Beta", "requires": [("a", 3, "core"), ("c", 2, "important")]},
        "gamma": {"title": "Gamma", "requires": [("d", 3, "core")]},
    },
)


def ranked(levels):
    return score(catalogue=TWO_ROLES, levels=levels)


def test_a_clear_lead_is_a_clear_answer_and_the_plan_is_for_it():
    ranking = ranked({"a": 3, "b": 1})  # Alpha 11/13 = 84 %, Beta 9/13 = 69 %

    said = framing.verdict(ranking)

    assert (said.kind, said.best.role.slug, said.best.fit, said.runner_up.fit) == ("clear", "alpha", 84, 69)
    assert framing.default_target(ranking).role.slug == "alpha"
    # Curiosity about a role fifteen points behind does not move the plan there.
    assert framing.default_target(ranking, interests=["beta"]).role.slug == "alpha"


def test_two_roles_within_five_points_are_too_close_to_call_with_what_would_separate_them():
    ranking = ranked({"a": 3, "b": 1, "c": 1})  # both 11/13 = 84 %

    said = framing.verdict(ranking)

    assert (said.kind, said.best.role.slug, said.runner_up.role.slug) == ("close", "alpha", "beta")
    # One more level of b adds 100 · 2 / 13 = 15.4 points to Alpha and none to Beta; c the other way round.
    assert [(s.role.role.slug, s.skill, s.gain) for s in said.separators] == [("alpha", "b", 15.4), ("beta", "c", 15.4)]
    # Among roles this close, the one the student is curious about is the one to plan for.
    assert framing.default_target(ranking).role.slug == "alpha"
    assert framing.default_target(ranking, interests=["beta"]).role.slug == "beta"


def test_a_low_best_fit_says_it_is_early_and_nothing_at_all_plans_nothing():
    one_role = make_catalogue(skills={"a": {}}, roles={"only": {"requires": [("a", 5, "core")]}})
    assert framing.verdict(score(catalogue=one_role, levels={"a": 1})).kind == "early"  # 20 %
    assert framing.verdict(score(catalogue=one_role, levels={"a": 2})).kind == "clear"  # 40 %
    assert framing.verdict(ranked({"d": 1})).kind == "clear"  # Gamma 3/9 = 33 %, the others 0 %
    # Alpha and Beta at 3/13 = 23 % each: too close to call comes before "early".
    assert framing.verdict(ranked({"a": 1})).kind == "close"

    assert framing.verdict(ranked({})).kind == "none"
    assert framing.default_target(ranked({})) is None


# ------------------------------------------------------------------------------ the pages

pytestmark = pytest.mark.django_db


def page(client, result, suffix=""):
    response = client.get(f"/results/{result.id}/{suffix}")
    assert response.status_code == 200
    return response.content.decode()


def finished(client, levels, **profile) -> Result:
    _, result_id = journey.complete(client, levels, **profile)
    return Result.objects.get(id=result_id)


def test_a_student_who_rated_nothing_gets_no_zero_percent_target_but_can_choose_one(client):
    result = finished(client, None)

    html = page(client, result)
    assert "No role fits yet" in html and "See your learning plan for" not in html
    assert (result.plan, result.target_role) == (None, "")
    plan = page(client, result, "plan/")
    assert "No role fits you yet, so there is no plan yet." in plan and "Plan for this role" in plan

    # Nothing to pace or switch yet: a clear message, and nothing changes.
    assert client.post(f"/results/{result.id}/plan/pace/", {"hours_per_week": "9"}).status_code == 302
    assert "Choose a role to plan for first." in page(client, result, "plan/")
    choice = {"group": "A dashboard tool", "skill": "tableau"}
    assert client.post(f"/results/{result.id}/plan/choice/", choice).status_code == 302
    result.refresh_from_db()
    assert (result.plan, result.target_role) == (None, "")

    response = client.post(f"/results/{result.id}/target/", {"target": "devops-engineer"})

    assert response.status_code == 302
    result.refresh_from_db()
    assert result.target_role == "devops-engineer" and result.plan["items"]


def test_the_answer_in_short_names_the_best_fit_the_target_and_the_heaviest_gap(client):
    result = finished(client, DATA_SCIENTIST_LIKE, stage="career-switcher")

    html = page(client, result)

    section = html.split('id="answer-heading"')[1].split("</section>")[0]
    assert "Your best fit is Data Analyst, at 60 %" in section and "Your plan is for Data Analyst." in section
    assert re.search(r"The gap that weighs most: [^<]+, from \d to \d\.", section)
    # The answer comes first, with its figure and the way on, before the ranking's cards.
    figure = html.split('class="answer-fit mb-0" aria-hidden="true">')[1].split("</p>")[0]
    assert re.sub(r"<[^>]+>|&nbsp;", " ", figure).split() == ["60", "%", "Data", "Analyst"]
    assert f'href="/results/{result.id}/plan/">Your learning plan for Data Analyst</a>' in section
    assert html.index('id="answer-heading"') < html.index('id="ranking-heading"')


def test_an_any_one_of_requirement_can_be_switched_to_another_skill_and_a_bad_switch_changes_nothing(client):
    result = finished(client, DATA_SCIENTIST_LIKE, stage="career-switcher")
    [dashboard] = [item for item in result.learning_plan().items if item.group == "A dashboard tool"]
    assert dashboard.skill == "power-bi"  # a tie at 0: the first listed
    html = page(client, result, "plan/")
    assert "Learn another for “A dashboard tool”" in html and '<option value="tableau">Tableau</option>' in html

    response = client.post(f"/results/{result.id}/plan/choice/", {"group": "A dashboard tool", "skill": "tableau"})

    assert response.status_code == 302
    result.refresh_from_db()
    [dashboard] = [item for item in result.learning_plan().items if item.group == "A dashboard tool"]
    assert dashboard.skill == "tableau" and [a.skill for a in dashboard.alternatives] == ["power-bi"]
    assert "Your plan now teaches the skill you chose." in page(client, result, "plan/")
    # A later change of pace keeps the choice.
    client.post(f"/results/{result.id}/plan/pace/", {"hours_per_week": "12"})
    result.refresh_from_db()
    assert result.learning_plan().choices()["A dashboard tool"] == "tableau"

    before = result.plan
    for bad in ({"group": "A dashboard tool", "skill": "python"}, {"group": "Nope", "skill": "tableau"}, {}):
        response = client.post(f"/results/{result.id}/plan/choice/", bad)
        assert response.status_code == 302
        assert "Choose one of the skills listed for that requirement." in page(client, result, "plan/")
        result.refresh_from_db()
        assert result.plan == before


def test_a_professional_skill_the_student_was_not_sure_of_is_practised_not_timed(client):
    result = finished(client, {**DATA_SCIENTIST_LIKE, "documentation-storytelling": "not-sure"})
    client.post(f"/results/{result.id}/target/", {"target": "data-scientist"})
    result.refresh_from_db()

    plan = result.learning_plan()
    assert "documentation-storytelling" not in [item.skill for item in plan.items]
    assert [p.skill for p in plan.practice] == ["documentation-storytelling"]
    html = page(client, result, "plan/")
    assert "Professional skills to practise as you go" in html
    assert (
        "<strong>Documentation &amp; data storytelling</strong> "
        '<span class="text-body-secondary">(Important, 3 · Intermediate)</span>: '
        "“I can write clear runbooks and reports and tell a story with data.”"
    ) in html


def certifications_shown(html):
    section = html.split('id="certifications-heading"')[1].split("</section>")[0]
    return re.findall(r'<a href="[^"]+">([^<]+)</a> <span class="text-body-secondary">\([^·]+· ([^)]+)\)', section)


def test_a_high_school_student_sees_only_foundational_certifications(client):
    result = finished(client, {"python": 1, "linux": 1}, stage="high-school")
    client.post(f"/results/{result.id}/target/", {"target": "cloud-solutions-architect"})

    shown = certifications_shown(page(client, result, "plan/"))

    assert shown and {level for _, level in shown} == {"Foundational"}


def test_experience_opens_professional_certifications_and_retired_ones_never_show(client):
    newcomer = finished(client, {"python": 2, "sql": 2}, stage="career-switcher")
    veteran = finished(client, {"python": 2, "sql": 2}, stage="career-switcher", experience="over-5")
    for result in (newcomer, veteran):
        client.post(f"/results/{result.id}/target/", {"target": "data-engineer"})

    new, old = (certifications_shown(page(client, r, "plan/")) for r in (newcomer, veteran))

    assert "Professional" not in {level for _, level in new}
    assert ("Google Professional Data Engineer", "Professional") in old
    for shown in (new, old):
        names = {name for name, _ in shown}
        assert "Microsoft Certified – Azure Data Engineer Associate" not in names  # retired 2025-03-31
        assert "AWS Certified Data Analytics – Specialty" not in names  # retired 2024-04-08


def test_the_salary_shown_is_for_the_students_experience_where_the_sources_give_one(client):
    newcomer = finished(client, {"python": 3, "machine-learning": 2}, stage="career-switcher")
    veteran = finished(client, {"python": 3, "machine-learning": 2}, stage="career-switcher", experience="over-5")

    def ai_ml_salary(result):
        html = page(client, result)
        card = html.split('href="/roles/ai-ml-engineer/"')[1].split("</li>")[0]
        return re.search(r'<span class="salary">([^<]+)</span> <span class="text-body-secondary">\(([^)]+)\)', card)

    assert ai_ml_salary(newcomer).groups() == ("$75,000–$110,000 a year", "Entry level, Ontario")
    assert ai_ml_salary(veteran).groups() == ("$120,000–$180,000 a year", "Senior or lead, Ontario")


def test_the_role_page_shows_alternatives_certification_levels_retirements_and_its_education_focus(client):
    html = client.get("/roles/ai-ml-engineer/").content.decode()

    assert "Where one of several skills will do" in html
    assert re.search(r"A deep-learning framework<div[^>]*>Any one of: PyTorch · TensorFlow · JAX</div></th>", html)
    assert "AWS Certified Machine Learning – Specialty" in html
    assert "No longer offered since" in html
    assert "Its successor: AWS Certified Machine Learning Engineer – Associate." in html
    assert "Hands-on ML/AI tools, data engineering, cloud, and MLOps." in html


def test_the_menus_mark_the_current_target_and_the_what_if_choice_and_escape_their_labels(client):
    result = finished(client, DATA_SCIENTIST_LIKE, stage="career-switcher")

    html = client.get(f"/results/{result.id}/", {"skill": "python", "level": "4"}).content.decode()

    target_menu = html[html.index('<select id="id_target"') : html.index("</select>", html.index('id="id_target"'))]
    assert re.findall(r'<option value="([^"]+)" selected>', target_menu) == [result.target_role]
    assert "QA &amp; Test Automation Analyst</option>" in target_menu
    skill_menu = html[html.index('<select id="id_skill"') : html.index("</select>", html.index('id="id_skill"'))]
    assert re.findall(r'<option value="([^"]+)" selected>', skill_menu) == ["python"]
    level_menu = html[html.index('<select id="id_level"') : html.index("</select>", html.index('id="id_level"'))]
    assert re.findall(r'<option value="([^"]+)" selected>', level_menu) == ["4"]
