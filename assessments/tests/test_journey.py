"""A student's whole journey through the test client: anonymous start to growth, weeks later."""

import re

import pytest

from assessments.models import Answer, Assessment, Result
from assessments.presenters import result_ranking
from assessments.tests import journey
from assessments.tests.journey import DATA_SCIENTIST_LIKE
from careerfit.testing import sign_up

pytestmark = pytest.mark.django_db


def test_anonymous_start_to_results_plan_account_history_retake_and_growth(client):
    # The landing page says what CareerFit does and starts the assessment, without an account.
    home = client.get("/").content.decode()
    assert "Which tech careers fit your skills?" in home and "about 15 minutes" in home
    assert "tick the ones you have used, then rate only those" in home
    assert "What is stored, and who can see it" in home
    assessment_id = journey.start(client)

    # About you, then every skill step, with the private link shown on each.
    first = client.get(journey.step_url(assessment_id, 1)).content.decode()
    assert f"/assessment/{assessment_id}/" in first and "Your private link" in first
    journey.fill_profile(client, assessment_id, stage="career-switcher", hours=8, interests=["data-scientist"])
    journey.answer_all(client, assessment_id, DATA_SCIENTIST_LIKE)
    assert Answer.objects.filter(assessment_id=assessment_id).count() == 123

    # The review lists every answer with links to change them; submitting shows the result.
    review = client.get(journey.step_url(assessment_id, len(journey.steps()))).content.decode()
    assert "Review your answers" in review and review.count(">Change<") == len(journey.steps()) - 1
    assert re.search(r"Python</th>\s*<td>3 · Intermediate</td>", review)
    result_id = journey.submit(client, assessment_id)
    page = client.get(f"/results/{result_id}/").content.decode()
    assert "Roles ranked by fit" in page
    assert re.search(
        r'<span class="text-body-secondary">1\.</span> <a href="/roles/data-analyst/">Data Analyst</a>', page
    )
    # The role they are curious about is where their first job leads.
    ladder = page.split('id="ladder-heading"')[1].split("</section>")[0]
    assert (
        "From Data Analyst, with experience" in ladder and 'href="/roles/data-scientist/">Data Scientist</a>' in ladder
    )
    assert "Keep it in an account" in page

    # The learning plan for the target role, with its pace, and as CSV.
    plan = client.get(f"/results/{result_id}/plan/").content.decode()
    assert "Your learning plan: Data Analyst" in plan and "8 hours a week" in plan
    assert "After Data Analyst" in plan and ">Plan for Data Scientist</button>" in plan
    assert client.get(f"/results/{result_id}/plan.csv")["Content-Type"].startswith("text/csv")

    # Keeping the result: sign up, and it is in the new account.
    keep = client.post(f"/assessment/{assessment_id}/keep/")
    assert keep.status_code == 302 and keep.url.startswith("/accounts/signup/?next=/results/")
    signup = sign_up(client, "maya@example.ca", display_name="Maya", next=f"/results/{result_id}/")
    assert signup.status_code == 302 and signup.url == f"/results/{result_id}/"
    assert Assessment.objects.get(id=assessment_id).owner.email == "maya@example.ca"

    # My assessments lists the result; retaking starts a new assessment with the last answers filled in.
    history = client.get("/my/assessments/").content.decode()
    assert "Data Analyst" in history and f"/results/{result_id}/" in history
    retake = client.post(f"/results/{result_id}/retake/")
    retake_id = retake.url.split("/")[2]
    assert Answer.objects.filter(assessment_id=retake_id, skill="python", level=3).exists()
    step_two = client.get(journey.step_url(retake_id, 2)).content.decode()
    assert re.search(r'name="python" id="[^"]+" value="3" checked', step_two)

    # Weeks later: Python and machine learning went up.
    journey.answer_all(
        client, retake_id, {**DATA_SCIENTIST_LIKE, "python": 4, "machine-learning": 3, "scikit-learn": 3}
    )
    later_id = journey.submit(client, retake_id)
    growth = client.get(f"/my/growth/?before={result_id}&after={later_id}").content.decode()
    assert re.search(r"Python: 3 · Intermediate → 4 · Advanced", growth)
    assert re.search(r"Machine learning fundamentals: 2 · Beginner → 3 · Intermediate", growth)
    before, after = Result.objects.get(id=result_id), Result.objects.get(id=later_id)
    data_scientist_change = (
        result_ranking(after).for_role("data-scientist").fit - result_ranking(before).for_role("data-scientist").fit
    )
    assert data_scientist_change > 0
    assert re.search(
        rf"Data Scientist</th><td class=\"num\">\d+ %</td><td class=\"num\">\d+ %</td>\s*"
        rf"<td class=\"num text-success\">\+{data_scientist_change}</td>",
        growth,
    )
