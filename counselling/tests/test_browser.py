"""Counselling pages in a real browser, each checked against WCAG 2.1 AA."""

import re

import pytest
from playwright.sync_api import expect

from conftest import follow
from counselling.tests import factories as make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, browser_page, email: str) -> None:
    browser_page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill("a-long-password")
    follow(page, page.get_by_role("button", name="Log in"))


def test_a_student_joins_a_cohort_and_a_counsellor_reviews_them(browser_page, chromium, live_server):
    lee = make.counsellor("lee@school.ca", "Ms Lee")
    cohort = make.cohort("Grade 12 CS", lee)
    for index in range(5):
        make.share(
            make.student(f"s{index}@x.ca", f"Student {index}", levels={"linux": 3}, target="devops-engineer"), cohort
        )
    make.student("maya@example.ca", "", levels={"python": 3, "linux": 2})
    page = browser_page.page

    # The student joins with the code, reads what will be shared, and agrees.
    log_in(page, browser_page, "maya@example.ca")
    browser_page.goto("/sharing/")
    browser_page.assert_accessible()
    page.get_by_label("Join code").fill(cohort.join_code.lower())
    follow(page, page.get_by_role("button", name="Continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Share with Grade 12 CS?")
    browser_page.assert_accessible()
    page.get_by_label("Your name as counsellors will see it").fill("Maya")
    page.get_by_label("I agree to share my results").check()
    follow(page, page.get_by_role("button", name="Share my results"))
    expect(page.get_by_role("status")).to_contain_text("You now share your results with Grade 12 CS.")

    # The counsellor finds her, opens her result and leaves a note.
    other = chromium.new_context()
    counsellor = other.new_page()
    counsellor.goto(live_server.url + "/accounts/login/")
    counsellor.get_by_label("E-mail address").fill("lee@school.ca")
    counsellor.get_by_label("Password").fill("a-long-password")
    follow(counsellor, counsellor.get_by_role("button", name="Log in"))
    follow(counsellor, counsellor.get_by_role("link", name="Counsellor"))
    follow(counsellor, counsellor.get_by_role("link", name="Grade 12 CS", exact=True))
    counsellor.get_by_label("Search by name").fill("maya")
    follow(counsellor, counsellor.get_by_role("button", name="Show"))
    follow(counsellor, counsellor.get_by_role("link", name="Maya", exact=True))
    follow(counsellor, counsellor.get_by_role("link", name=re.compile(r"^\d+ \w+ \d{4}$")).first)
    expect(counsellor.get_by_text("Maya's result, shared with Grade 12 CS. Read only.")).to_be_visible()
    follow(counsellor, counsellor.get_by_role("link", name="Back to the student's file"))
    counsellor.get_by_role("textbox", name="Note").fill("Try the Linux club.")
    counsellor.get_by_label("Share this note with the student").check()
    follow(counsellor, counsellor.get_by_role("button", name="Add the note"))
    expect(counsellor.get_by_role("status")).to_contain_text("Note saved.")
    other.close()

    # The student sees the note and who looked at her result.
    browser_page.goto("/sharing/")
    expect(page.get_by_text("Try the Linux club.")).to_be_visible()
    expect(page.get_by_role("cell", name="Ms Lee")).to_be_visible()


def test_the_counsellor_pages_meet_wcag_aa(browser_page):
    lee = make.counsellor("lee@school.ca", "Ms Lee")
    cohort = make.cohort("Grade 12 CS", lee)
    for index in range(6):
        make.share(
            make.student(f"s{index}@x.ca", f"Student {index}", levels={"linux": 3, "git": 2}, target="devops-engineer"),
            cohort,
        )
    page = browser_page.page
    log_in(page, browser_page, "lee@school.ca")
    student = cohort.memberships.first().student

    for path in (
        "/counsellor/",
        f"/counsellor/cohorts/{cohort.id}/",
        f"/counsellor/cohorts/{cohort.id}/insights/",
        f"/counsellor/cohorts/{cohort.id}/students/{student.uuid}/",
    ):
        browser_page.goto(path)
        browser_page.assert_accessible()
