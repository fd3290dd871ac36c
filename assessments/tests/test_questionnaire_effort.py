"""How much a student has to do to finish the questionnaire on a phone: interactions (checks and presses) and
pixels scrolled, for a beginner and an experienced persona. Printed for the record; budgets keep it low."""

import re

import pytest
from playwright.sync_api import expect

from conftest import follow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Written from the seeds' stages before measuring: what each has actually used, at what level.
BEGINNER = {"python": 2, "html-css": 1, "communication": 2, "collaboration": 2, "excel": 1}
EXPERIENCED = {
    "python": 3, "git": 4, "code-review": 3, "software-testing": 3, "linux": 4, "shell-scripting": 4,
    "networking": 3, "docker": 4, "kubernetes": 3, "helm": 2, "terraform": 3, "troubleshooting": 4, "aws": 3,
    "ci-cd": 4, "github-actions": 3, "jenkins": 2, "observability": 3, "amazon-cloudwatch": 2, "iam": 3,
    "sql": 2, "communication": 3, "collaboration": 4, "documentation-storytelling": 3, "agile-delivery": 3,
    "problem-framing": 3, "time-management": 3,
}  # fmt: skip
# (interactions, pixels scrolled) at most. Before the quick pass (every skill on one page per step, a skip
# button at the bottom): beginner 20 and 78,854 px, experienced 41 and 78,515 px. With it: 29 and 10,315 px,
# 75 and 24,056 px: a few more taps (tick, then rate), a seventh to a third of the scrolling. With compact
# levels (a row of buttons, and only the chosen level's meaning once answered): 29 and 9,207 px, 75 and
# 18,015 px.
BUDGET = {"beginner": (35, 11_000), "experienced": (85, 21_500)}


class Effort:
    def __init__(self, page):
        self.page = page
        self.interactions = 0
        self.scrolled = 0
        self._y = 0

    def new_page(self):
        self._y = 0

    def act(self, locator, action="click", *args):
        getattr(locator, action)(*args)
        self.interactions += 1
        self._count_scroll()

    def navigate(self, locator):
        locator.scroll_into_view_if_needed()
        self._count_scroll()
        follow(self.page, locator)
        self.interactions += 1
        self.new_page()

    def _count_scroll(self):
        y = self.page.evaluate("window.scrollY")
        self.scrolled += abs(y - self._y)
        self._y = y


def answer_questionnaire(phone_page, levels: dict) -> Effort:
    page = phone_page.page
    effort = Effort(page)
    phone_page.goto("/")
    effort.navigate(page.get_by_role("button", name="Start the assessment"))
    effort.act(page.get_by_label("Career switcher"), "check")
    effort.act(page.get_by_label("Hours a week you can spend learning"), "fill", "6")
    effort.navigate(page.get_by_role("button", name="Next", exact=True))
    while not page.title().startswith("Step 13"):
        quick = page.get_by_role("group", name=re.compile("Which of these have you used"))
        if quick.count():
            for checkbox in quick.get_by_role("checkbox").all():
                slug = checkbox.get_attribute("value")
                if slug in levels:
                    effort.act(checkbox, "check")
            effort.navigate(page.get_by_role("button", name="Continue", exact=True))
            continue
        for group in page.locator("fieldset.skill-question").all():
            slug = group.locator("input[type=radio]").first.get_attribute("name")
            if slug in levels and not group.get_by_label(re.compile(rf"^{levels[slug]} · ")).is_checked():
                # Each change is saved by htmx; wait for it as a person would, so none is cut short.
                with page.expect_response(lambda response: response.request.method == "POST"):
                    effort.act(group.get_by_label(re.compile(rf"^{levels[slug]} · ")), "check")
        skip = page.get_by_role("button", name="Next, with the skills I skipped as “0 · None”")
        effort.navigate(skip if skip.count() else page.get_by_role("button", name="Next", exact=True))
    expect(page).to_have_title(re.compile(r"^Step 13 of 13"))
    return effort


@pytest.mark.parametrize(("persona", "levels"), [("beginner", BEGINNER), ("experienced", EXPERIENCED)])
def test_finishing_the_questionnaire_on_a_phone_takes_little_effort(phone_page, persona, levels, capsys):
    effort = answer_questionnaire(phone_page, levels)

    with capsys.disabled():
        print(f"\n{persona}: {effort.interactions} interactions, {effort.scrolled:,} px scrolled at 375 px")
    most_interactions, most_pixels = BUDGET[persona]
    assert effort.interactions <= most_interactions and effort.scrolled <= most_pixels
