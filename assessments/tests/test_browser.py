"""The student journey in a real browser: with JavaScript, without it, and on a phone; WCAG AA on each page."""

import re

import pytest
from playwright.sync_api import expect

from assessments.models import Answer, Result
from conftest import follow, settle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


SKIP = "Next, with the skills I skipped as “0 · None”"


def next_skills_page(page) -> bool:
    """Leave this skills step as "0 · None" for whatever is not answered: Continue with nothing ticked on a
    quick pass, or the skip button on a rating page. False when there is no skills step left."""
    for name in ("Continue", SKIP):
        button = page.get_by_role("button", name=name, exact=True)
        if button.count():
            follow(page, button)
            return True
    return False


def skip_remaining_steps(page) -> None:
    """Answer every skills step left with "0 · None" until the review, one page load at a time."""
    while next_skills_page(page):
        pass


def rate_only(page, levels: dict[str, str]) -> None:
    """On a quick pass, tick these skills (by name) and continue to rate them."""
    for name in levels:
        page.get_by_role("group", name="Which of these have you used at all?").get_by_label(name, exact=True).check()
    follow(page, page.get_by_role("button", name="Continue", exact=True))


def test_a_student_takes_the_assessment_sees_live_fits_results_what_if_and_the_plan(browser_page):
    page = browser_page.page
    browser_page.goto("/")
    browser_page.assert_accessible()
    follow(page, page.get_by_role("button", name="Start the assessment"))

    expect(page).to_have_title(re.compile(r"^Step 1 of 13: About you"))
    browser_page.assert_accessible()
    page.get_by_label("Career switcher").check()
    page.get_by_label("Hours a week you can spend learning").fill("8")
    page.get_by_label("Data Scientist").check()
    follow(page, page.get_by_role("button", name="Next", exact=True))

    expect(page).to_have_title(re.compile(r"^Step 2 of 13: Programming"))
    expect(page.locator("#live-fit")).to_contain_text("Answer a few skills")
    browser_page.assert_accessible()
    rate_only(page, {"Python": "3"})  # the quick pass: only what the student has used is rated
    expect(page.locator("fieldset.skill-question")).to_have_count(1)
    page.get_by_role("group", name="Python").get_by_label(re.compile(r"^3 · Intermediate")).check()
    # htmx saves the answer and updates the best fits beside the questions, without leaving the page.
    expect(page.locator("#live-fit li")).to_have_count(3)
    expect(page.locator("#live-fit")).to_contain_text("Junior Software Developer")
    browser_page.assert_accessible()
    skip_remaining_steps(page)

    expect(page).to_have_title(re.compile(r"^Step 13 of 13: Review your answers"))
    browser_page.assert_accessible()
    follow(page, page.get_by_role("button", name="See my results"))

    expect(page.get_by_role("heading", name="Your results", exact=True)).to_be_visible()
    expect(page.locator("svg.gap-chart")).to_be_visible()
    browser_page.assert_accessible()
    page.get_by_label("If this skill").select_option(label="SQL")
    page.get_by_label("were at level").select_option(label="4 · Advanced")
    url = page.url
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#what-if-result")).to_contain_text("If SQL were at level 4 instead of 0:")
    assert page.url == url  # the what-if came in place, and nothing was saved
    assert Result.objects.get().answers["sql"]["level"] == 0

    follow(page, page.get_by_role("link", name=re.compile("^See your learning plan for")))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your learning plan")
    browser_page.assert_accessible()
    page.get_by_label("Hours a week").fill("20")
    follow(page, page.get_by_role("button", name="Change pace"))
    expect(page.locator("p.lead-sm")).to_contain_text("at 20 hours a week")


def start_as_a_high_school_student(some_page, hours: int) -> None:
    """From the home page to the first skills step."""
    page = some_page.page
    some_page.goto("/")
    follow(page, page.get_by_role("button", name="Start the assessment"))
    page.get_by_label("High-school student").check()
    page.get_by_label("Hours a week you can spend learning").fill(str(hours))
    follow(page, page.get_by_role("button", name="Next", exact=True))
    expect(page).to_have_title(re.compile(r"^Step 2 of 13"))


def test_enter_on_a_skills_step_goes_forward_never_back(browser_page):
    page = browser_page.page
    start_as_a_high_school_student(browser_page, hours=5)
    page.get_by_label("Python", exact=True).press("Space")
    page.get_by_label("Git & version control", exact=True).press("Space")
    settle(page)  # a save in flight would be aborted by leaving
    with page.expect_navigation():  # Enter on the quick pass continues, it does not go back
        page.get_by_label("Git & version control", exact=True).press("Enter")
    expect(page.locator("fieldset.skill-question")).to_have_count(2)
    python = page.get_by_role("group", name="Python")
    python.get_by_label(re.compile(r"^2 · ")).check()

    # Enter in an evidence field, as a student finishing a sentence would.
    python.get_by_text("Add evidence (optional)").click()
    evidence = page.get_by_label("Evidence for Python (optional)")
    evidence.fill("a game I made in class")
    settle(page)
    with page.expect_navigation():
        evidence.press("Enter")

    expect(page).not_to_have_title(re.compile(r"^Step 1 of 13"))
    expect(page).to_have_title(re.compile(r"^Step 2 of 13"))  # Git still needs an answer
    expect(page.locator("#form-errors")).to_be_focused()
    assert page.get_by_role("group", name="Python").get_by_label(re.compile(r"^2 · ")).is_checked()
    browser_page.assert_accessible()


def test_a_level_is_chosen_from_a_row_of_buttons_and_only_its_meaning_stays(phone_page):
    page = phone_page.page
    start_as_a_high_school_student(phone_page, hours=5)
    rate_only(page, {"Python": 2, "Git & version control": 3})
    python = page.get_by_role("group", name="Python")
    meanings = python.locator(".level-meaning")

    # Before an answer, every level's meaning for this skill shows beside the buttons.
    expect(meanings.filter(visible=True)).to_have_count(7)
    expect(python.get_by_text(re.compile(r"^3 · Intermediate I can"))).to_be_visible()

    # The button "3" chooses level 3, named by its meaning; then only that meaning stays.
    with page.expect_response(lambda response: response.request.method == "POST"):
        python.locator(".level-button").filter(has_text=re.compile(r"^3$")).click()
    chosen = python.get_by_role("radio", name=re.compile(r"^3 · Intermediate I can"))
    expect(chosen).to_be_checked()
    expect(meanings.filter(visible=True)).to_have_count(1)
    expect(meanings.filter(visible=True)).to_have_text(re.compile(r"^3 · Intermediate I can"))

    # A meaning is a label too: pressing it chooses its level.
    git = page.get_by_role("group", name="Git & version control")
    with page.expect_response(lambda response: response.request.method == "POST"):
        git.get_by_text(re.compile(r"^1 · Aware")).click()
    expect(git.get_by_role("radio", name=re.compile(r"^1 · Aware"))).to_be_checked()
    phone_page.assert_accessible(wcag22=True)


def test_answers_changed_in_quick_succession_are_saved_one_after_another_and_none_is_cut_short(browser_page):
    """A student who clicks faster than the saves come back: each save waits for the one before it, so none is
    aborted (the browser would report it), the server never takes two at once, and the last choice for a skill
    is the one kept, without pressing Next. The first save is held back here, as a slow connection would."""
    page = browser_page.page
    start_as_a_high_school_student(browser_page, hours=5)
    rate_only(page, {"Python": 2, "Git & version control": 3})
    held = []
    page.route(
        re.compile(r"/step/\d+/$"),
        lambda route: held.append(route) if route.request.method == "POST" else route.fallback(),
    )
    python = page.get_by_role("group", name="Python")
    python.get_by_label(re.compile(r"^2 · ")).check()
    page.get_by_role("group", name="Git & version control").get_by_label(re.compile(r"^3 · ")).check()
    python.get_by_label(re.compile(r"^4 · ")).check()
    assert len(held) == 1  # the first is on its way; the others wait for it

    saves = []
    for _ in range(250):  # 5 s at most
        while held:
            route = held.pop(0)
            saves.append(route.request.post_data_json)
            route.continue_()
        if not page.locator(".htmx-request").count():
            break
        page.wait_for_timeout(20)
    # The first, then the last: the one between them would be outdated when its turn came.
    assert [save.get("python") for save in saves] == ["2", "4"]
    levels = dict(Answer.objects.filter(skill__in=["python", "git"]).values_list("skill", "level"))
    assert levels == {"python": 4, "git": 3}
    expect(page.locator("#live-fit li")).to_have_count(3)


def test_without_javascript_every_step_works_with_plain_form_posts(no_script_page):
    page = no_script_page.page
    start_as_a_high_school_student(no_script_page, hours=4)
    rate_only(page, {"Python": "2", "Git & version control": "1"})
    page.get_by_role("group", name="Python").get_by_label(re.compile(r"^2 · Beginner")).check()
    follow(page, page.get_by_role("button", name="Next", exact=True))

    # Without an answer for every skill, Next explains what is missing and keeps what was given.
    expect(page.get_by_role("alert")).to_contain_text("Choose a level for")
    expect(page.get_by_role("group", name="Python").get_by_label(re.compile(r"^2 · Beginner"))).to_be_checked()
    skip_remaining_steps(page)
    follow(page, page.get_by_role("button", name="See my results"))

    expect(page.get_by_role("heading", name="Your results", exact=True)).to_be_visible()
    page.get_by_label("If this skill").select_option(label="Python")
    page.get_by_label("were at level").select_option(label="5 · Expert")
    follow(page, page.get_by_role("button", name="Show"))
    expect(page.locator("#what-if-result")).to_contain_text("If Python were at level 5 instead of 2:")


def test_on_a_phone_the_pages_fit_the_screen(phone_page):
    page = phone_page.page
    phone_page.goto("/")
    follow(page, page.get_by_role("button", name="Start the assessment"))
    page.get_by_label("Newcomer to Ontario").check()
    page.get_by_label("Hours a week you can spend learning").fill("10")
    follow(page, page.get_by_role("button", name="Next", exact=True))

    for _ in range(2):
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{page.url} is {width}px wide on a 375px screen"
        next_skills_page(page)
    skip_remaining_steps(page)
    page.get_by_role("checkbox", name="Yes, these answers are right.").check()
    follow(page, page.get_by_role("button", name="See my results"))
    for path in ("", "plan/"):
        if path:
            # Nothing rated, nothing fits: no plan until the student chooses a role to work towards.
            assert page.get_by_role("link", name=re.compile("^See your learning plan for")).count() == 0
            page.get_by_label("Target role").select_option(label="DevOps Engineer")
            follow(page, page.get_by_role("button", name="Plan for this role"))
            assert page.url.endswith("/plan/") and "DevOps Engineer" in page.locator("h1").inner_text()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{page.url} is {width}px wide on a 375px screen"
    phone_page.assert_accessible()


def test_the_catalogue_pages_meet_wcag_aa(browser_page):
    for path in ("/roles/", "/roles/ai-ml-engineer/", "/accounts/login/", "/accounts/signup/"):
        browser_page.goto(path)
        browser_page.assert_accessible()


def test_three_beginners_see_a_first_job_within_reach_and_the_ladder_to_a_seed_role(browser_page, django_user_model):
    from assessments.tests.test_entry_roles import BOOTCAMP, GRADE_12, NEWCOMER, result_for

    user = django_user_model.objects.create_user("kim@example.ca", "a-long-password")
    expected = {
        GRADE_12.name: ("Security Operations (SOC) Analyst", "Cybersecurity Engineer (Security Architect)"),
        BOOTCAMP.name: ("Junior Software Developer", "Software Architect"),
        NEWCOMER.name: ("Cloud Support Associate (Junior Cloud Engineer)", "Cloud Solutions Architect"),
    }
    results = {persona.name: result_for(user, persona) for persona in (GRADE_12, BOOTCAMP, NEWCOMER)}
    page = browser_page.page
    browser_page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill("kim@example.ca")
    page.get_by_label("Password").fill("a-long-password")
    follow(page, page.get_by_role("button", name="Log in"))

    for name, result in results.items():
        entry, seed = expected[name]
        browser_page.goto(f"/results/{result.id}/")
        expect(
            page.locator("#answer-heading + *, #answer-heading ~ p").filter(has_text="Your plan is for")
        ).to_contain_text(f"Your plan is for {entry}.")
        ladder = page.locator("section", has=page.get_by_role("heading", name="Where it leads"))
        expect(ladder.get_by_role("link", name=entry).first).to_be_visible()
        expect(ladder.get_by_role("link", name=seed).first).to_be_visible()
        browser_page.assert_accessible()

    # On the plan, the next rung is one click away.
    browser_page.goto(f"/results/{results[NEWCOMER.name].id}/plan/")
    follow(page, page.get_by_role("button", name="Plan for DevOps Engineer"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your learning plan: DevOps Engineer")
    browser_page.assert_accessible()
