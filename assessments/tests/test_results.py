"""Results and plans: what they show, what-if, re-planning, re-scoring and the CSV download."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from assessments.models import CatalogueSnapshot, Result, ResultKind
from assessments.planning import Plan
from assessments.presenters import result_ranking
from assessments.scoring import score
from assessments.tests import journey
from assessments.tests.journey import DATA_SCIENTIST_LIKE
from counselling.tests import factories as make
from roles import models as m
from roles.selectors import compiled_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def result(client):
    """A career switcher close to a data scientist, who chose Data Scientist as the role to plan for."""
    _, result_id = journey.complete(client, DATA_SCIENTIST_LIKE, stage="career-switcher", hours=8)
    assert client.post(f"/results/{result_id}/target/", {"target": "data-scientist"}).status_code == 302
    return Result.objects.get(id=result_id)


def page(client, result, suffix="") -> str:
    response = client.get(f"/results/{result.id}/{suffix}")
    assert response.status_code == 200
    return response.content.decode()


def test_every_role_is_ranked_with_fit_salary_and_unmet_core_as_the_engine_scores_it(client, result):
    expected = score(catalogue=compiled_catalogue(), levels=result.levels())
    html = page(client, result)

    shown = re.findall(
        r'<a href="/roles/([-a-z]+)/">[^<]+</a>.*?<p class="fs-4 fw-semibold mb-0">(\d+) %</p>', html, re.S
    )
    assert shown == [(r.role.slug, str(r.fit)) for r in expected]
    assert "$90,000–$150,000 a year" in html
    best = expected.best()
    assert f"{best.unmet_core} core requirement{'' if best.unmet_core == 1 else 's'} not met" in html


def test_the_roles_the_student_is_curious_about_are_marked(client):
    assessment_id = journey.start(client)
    journey.fill_profile(client, assessment_id, interests=["devops-engineer"])
    journey.answer_all(client, assessment_id, {"python": 2})
    html = client.get(f"/results/{journey.submit(client, assessment_id)}/").content.decode()

    marked = re.findall(r'href="/roles/([-a-z]+)/">[^<]+</a>(?:(?!</h3>).)*You are curious about it', html, re.S)
    assert marked == ["devops-engineer"]


def test_why_this_score_lists_each_contribution_and_gap(client, result):
    html = page(client, result)
    explanation = score(catalogue=compiled_catalogue(), levels=result.levels()).explain("data-scientist")

    assert f"Why this score: {explanation.points} of {explanation.possible} points" in html
    # Python: core (3), you 3, needed 3: 9 of 9 points, no gap. Statistics: core, you 2 of 3: 6 of 9, gap 3.
    assert re.search(
        r"Python<br><span[^>]*>Core \(3\)</span></th>\s*<td class=\"num\">3 → 3</td>\s*"
        r"<td class=\"num\">9 / 9</td>\s*<td class=\"num\">—</td>",
        html,
    )
    assert re.search(
        r"Statistics &amp; probability<br><span[^>]*>Core \(3\)</span></th>\s*<td class=\"num\">2 → 3</td>"
        r"\s*<td class=\"num\">6 / 9</td>\s*<td class=\"num\">3</td>",
        html,
    )
    # An "any one of" requirement names the member that counted and all the members that would do.
    assert re.search(
        r"A dashboard tool: Power BI<br><span[^>]*>Core \(3\) · any one of Power BI · Tableau</span></th>\s*"
        r"<td class=\"num\">0 → 3</td>\s*<td class=\"num\">0 / 9</td>\s*<td class=\"num\">9</td>",
        html,
    )


def test_the_gap_chart_and_its_table_show_the_same_gaps_in_the_same_order(client, result):
    html = page(client, result)
    target_gaps = result_ranking(result).explain(result.target_role).gaps
    chart = html[html.index('<svg class="gap-chart"') : html.index("</svg>")]
    table = html[html.index("The same gaps as a table") :]
    table = table[: table.index("</table>")]

    assert 'role="img" aria-labelledby="gap-chart-title gap-chart-desc"' in chart
    chart_rows = re.findall(
        r'<text class="label"[^>]*>([^<]+)</text>.*?<text class="figures"[^>]*>(\d) → (\d)</text>', chart, re.S
    )
    table_rows = re.findall(
        r'<th scope="row" class="fw-normal">([^<]+)<br>.*?<td class="num">(\d) → (\d)</td>', table, re.S
    )
    assert len(chart_rows) == len(target_gaps) > 5
    assert chart_rows == table_rows
    # Each bar is drawn to scale: 51.2 units a level ((320 - 64) / 5), the figures 6 units past the needed bar.
    bars = re.findall(
        r'<rect class="needed" x="2" y="[^"]+" width="([^"]+)"[^>]*></rect>\s*'
        r'(?:<rect class="current" x="2" y="[^"]+" width="([^"]+)"[^>]*></rect>)?\s*'
        r'<text class="figures" x="([^"]+)"[^>]*>(\d) → (\d)</text>',
        chart,
    )
    assert len(bars) == len(chart_rows)
    for needed, current, figures_x, have, need in bars:
        assert needed == f"{int(need) * 51.2:.1f}" and figures_x == f"{int(need) * 51.2 + 6:.1f}"
        assert current == (f"{int(have) * 51.2:.1f}" if int(have) else "")
    assert re.findall(r'<text class="group"[^>]*>([^<]+)</text>', chart) == ["Core", "Important", "Nice to have"]


def test_what_if_shows_a_new_ranking_without_touching_the_saved_result(client, result):
    before = {field: getattr(result, field) for field in ("answers", "plan", "best_fit", "target_role")}
    was_fit = result_ranking(result).for_role("ai-ml-engineer").fit

    html = page(client, result, "?skill=machine-learning&level=4")

    assert "If Machine learning fundamentals were at level 4 instead of 2:" in html
    levels = {**result.levels(), "machine-learning": 4}
    new_fit = score(catalogue=compiled_catalogue(), levels=levels).for_role("ai-ml-engineer").fit
    assert re.search(
        rf"AI / ML Engineer</th>\s*<td class=\"num\">{was_fit} %</td>\s*<td class=\"num\">{new_fit} %</td>", html
    )
    saved = Result.objects.get(id=result.id)
    assert {field: getattr(saved, field) for field in before} == before


def test_what_if_answers_htmx_with_just_the_table(client, result):
    response = client.get(f"/results/{result.id}/", {"skill": "sql", "level": "5"}, HTTP_HX_REQUEST="true")

    assert (
        "<html" not in response.content.decode() and "If SQL were at level 5 instead of 3:" in response.content.decode()
    )


@pytest.mark.parametrize("query", ["?skill=cobol&level=3", "?skill=python&level=9", "?skill=python&level=high"])
def test_a_bad_what_if_gets_a_clear_message(client, result, query):
    html = page(client, result, query)

    assert "is-invalid" in html and "Select a valid choice." in html


def test_changing_the_target_role_replans_against_the_results_own_catalogue(client, result):
    response = client.post(f"/results/{result.id}/target/", {"target": "devops-engineer"})

    result.refresh_from_db()
    assert response.url == f"/results/{result.id}/plan/"
    assert (result.target_role, result.plan["role_title"]) == ("devops-engineer", "DevOps Engineer")
    assert "Your learning plan: DevOps Engineer" in page(client, result, "plan/")
    assert client.post(f"/results/{result.id}/target/", {"target": "astronaut"}).status_code == 302
    result.refresh_from_db()
    assert result.target_role == "devops-engineer"


def test_changing_the_pace_moves_the_weeks_and_the_finish_date(client, result):
    total = result.plan["total_hours"]

    client.post(f"/results/{result.id}/plan/pace/", {"hours_per_week": "20"})

    result.refresh_from_db()
    assert result.plan["hours_per_week"] == 20
    assert result.plan["weeks"] == -(-total // 20)
    assert result.plan["finish_date"] == (timezone.localdate() + timedelta(weeks=result.plan["weeks"])).isoformat()
    html = page(client, result, "plan/")
    assert f"{result.plan['weeks']} weeks at 20 hours a week" in html


def test_the_plan_says_one_hour_in_the_singular(client):
    """A data-analyst plan whose last phase (pandas, 0 to 1) is one hour, at one hour a week: the summary, the
    phase and the step read "1 hour", never "1 hours"."""
    ana = make.student(
        "ana@example.ca", "Ana", levels={"python": 3, "sql": 2, "linux": 2, "git": 3}, target="data-analyst"
    )
    result = ana.assessments.get().results.get()
    client.force_login(ana)
    assert client.post(f"/results/{result.id}/plan/pace/", {"hours_per_week": "1"}).status_code == 302
    result.refresh_from_db()
    phases = Plan.model_validate(result.plan).phases()
    assert any(phase.hours == 1 for phase in phases), "a one-hour phase, so that the singular is exercised"
    html = page(client, result, "plan/")
    assert f"{result.plan['total_hours']} hours: {result.plan['weeks']} weeks at 1 hour a week" in html
    assert "· 1 hour</span>" in html
    assert not re.search(r"\b1 (hours|weeks)\b", html)


@pytest.mark.parametrize("hours", ["0", "61", "", "soon"])
def test_a_bad_pace_is_refused_clearly_and_changes_nothing(client, result, hours):
    before = result.plan

    response = client.post(f"/results/{result.id}/plan/pace/", {"hours_per_week": hours})

    assert response.status_code == 400
    assert 'id="id_hours_per_week_error"' in response.content.decode()
    assert Result.objects.get(id=result.id).plan == before


def test_the_plan_shows_phases_items_resources_certifications_and_guidance_for_the_stage(client, result):
    html = page(client, result, "plan/")

    assert "Programming Basics" in html and "Statistics &amp; EDA" in html
    assert re.search(r"Statistics &amp; probability: 2 · Beginner → 3 · Intermediate</h3>", html)
    assert "OpenIntro Statistics" in html
    assert "Certifications that cover your gaps" in html
    assert "Education and advice for you (Career switcher)" in html
    assert "Certificate (graduate certificate or micro-credential)" in html and "Seneca" in html
    assert "Download CSV" in html


def test_the_plan_downloads_as_csv_with_every_item(client, result):
    response = client.get(f"/results/{result.id}/plan.csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))

    assert response["Content-Disposition"].startswith('attachment; filename="careerfit-plan-data-scientist-')
    assert rows[0][:5] == ["Phase", "Skill", "From level", "To level", "Hours"]
    items = result.learning_plan().items
    # An "any one of" requirement says which requirement the skill meets: "A dashboard tool: Power BI".
    assert [row[1] for row in rows[1 : 1 + len(items)]] == [
        f"{item.group}: {item.skill_name}" if item.group else item.skill_name for item in items
    ]
    assert ["A dashboard tool: Power BI"] in [row[1:2] for row in rows]
    assert rows[-1][0] == "Total" and rows[-1][4] == str(result.plan["total_hours"])


def test_csv_cells_cannot_become_spreadsheet_formulas(client, result):
    m.Skill.objects.filter(slug="statistics").update(name="=HYPERLINK(1)")
    client.post(f"/results/{result.id}/rescore/")
    rescored = Result.objects.filter(kind=ResultKind.RESCORED).get()

    text = client.get(f"/results/{rescored.id}/plan.csv").content.decode("utf-8-sig")

    assert "'=HYPERLINK(1)" in text and ",=HYPERLINK" not in text


def shown_scores(html: str) -> list[tuple[str, str]]:
    """Each role's fit and "why this score" points, as the results page shows them."""
    return re.findall(r'<p class="fs-4 fw-semibold mb-0">(\d+) %</p>.*?Why this score: (\d+ of \d+) points', html, re.S)


def test_an_admin_edit_leaves_the_saved_result_exactly_as_it_was(client, result):
    saved = {field: getattr(result, field) for field in ("answers", "plan", "best_fit", "target_role")}
    before = shown_scores(page(client, result))
    m.Requirement.objects.filter(role__slug="data-scientist", skill__slug="sql").update(required_level=5)

    result.refresh_from_db()
    html = page(client, result)

    assert {field: getattr(result, field) for field in saved} == saved
    assert shown_scores(html) == before and len(before) == 14
    assert "The role catalogue has changed since this result was scored" in html


def test_rescoring_makes_a_new_result_that_differs_and_keeps_the_old_one(client, result):
    m.Requirement.objects.filter(role__slug="data-scientist", skill__slug="sql").update(required_level=5)

    response = client.post(f"/results/{result.id}/rescore/")

    new = Result.objects.get(id=response.url.split("/")[2])
    assert Result.objects.filter(assessment=result.assessment).count() == 2
    assert (new.kind, new.rescored_from_id, new.answers) == (ResultKind.RESCORED, result.id, result.answers)
    assert result_ranking(new).for_role("data-scientist").fit < result_ranking(result).for_role("data-scientist").fit
    assert new.catalogue.fingerprint != result.catalogue.fingerprint
    assert "The role catalogue has changed" not in page(client, new)


def test_results_with_the_same_catalogue_share_one_snapshot(client, result):
    journey.complete(client, {"python": 1})

    assert CatalogueSnapshot.objects.count() == 1


def test_an_old_result_is_replanned_against_its_own_catalogue_not_todays(client, result):
    m.Requirement.objects.filter(role__slug="data-scientist", skill__slug="excel").update(required_level=5)
    compiled_catalogue()

    client.post(f"/results/{result.id}/plan/pace/", {"hours_per_week": "10"})

    result.refresh_from_db()
    excel = [item for item in result.learning_plan().items if item.skill == "excel"]
    assert excel == []  # the student's excel 3 met the old requirement (3); today's asks for 5


def test_the_finish_date_is_shown_as_a_date(client, result):
    finish = date.fromisoformat(result.plan["finish_date"])

    assert f"finishing around {finish.day} {finish:%b}" in page(client, result, "plan/")
