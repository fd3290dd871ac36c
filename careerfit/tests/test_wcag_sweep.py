"""WCAG 2.2 AA on every page we own, as a student, a counsellor and a visitor see it: axe at 1280 and 375 px in
light and dark, and no sideways scrolling at 320 px (WCAG 1.4.10 reflow)."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from assessments.models import Assessment
from assessments.tests import journey
from conftest import WCAG_22_AA, wait_until_still
from counselling.tests import factories as make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VISITOR_PAGES = [
    "/",
    "/roles/",
    "/roles/devops-engineer/",
    "/roles/?level=entry&q=analyst",
    "/privacy/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password-reset/",
    "/accounts/signup/sent/",
    "/accounts/signup/confirm/MQ/a-token/",
    "/no-such-page/",
]
STUDENT_PAGES = [
    "/my/assessments/",
    "/results/{result}/",
    "/results/{result}/plan/",
    "/accounts/me/",
    "/sharing/",
    "/sharing/join/{other_code}/",
    "/assessment/{draft}/step/1/",
    "/assessment/{draft}/step/2/",
    "/assessment/{draft}/step/2/?all=1",
    "/assessment/{draft}/step/{last}/",
]
COUNSELLOR_PAGES = [
    "/counsellor/",
    "/counsellor/cohorts/{cohort}/",
    "/counsellor/cohorts/{cohort}/insights/",
    "/counsellor/cohorts/{cohort}/students/{student}/",
    "/counsellor/cohorts/{cohort}/results/{result}/",
    "/counsellor/cohorts/{cohort}/results/{result}/plan/",
]


# Forms sent back with errors: (visitor, page, the button pressed with nothing filled in).
ERROR_STATES = [
    ("anonymous", "/accounts/signup/", "Create my account"),
    ("anonymous", "/accounts/login/", "Log in"),
    ("student", "/assessment/{draft}/step/2/?all=1", "Next"),
    ("student", "/sharing/", "Continue"),
    ("counsellor", "/counsellor/", "Create"),
]


@pytest.fixture
def world(shipped_catalogue):
    lee = make.counsellor("lee@school.ca", "Ms Lee")
    cohort = make.cohort("Grade 12 Computer Science, period 3", lee)
    other = make.cohort("Grade 11 Co-op", make.counsellor("kim@school.ca", "Mr Kim"))
    for index, (levels, target) in enumerate(
        [
            ({"linux": 3, "docker": 2}, "devops-engineer"),
            ({"python": 3, "sql": 3}, "data-analyst"),
            ({"html-css": 3, "javascript": 2}, "web-developer"),
            ({"troubleshooting": 3}, "it-support-specialist"),
            ({"python": 2}, "junior-software-developer"),
            ({"sql": 2, "statistics": 2}, "data-scientist"),
        ]
    ):
        make.share(make.student(f"s{index}@x.ca", f"Student {index}", levels=levels, target=target), cohort)
    ana = make.student("ana@example.ca", "Ana", levels={"python": 3, "sql": 2, "linux": 2}, evidence="github.com/ana")
    make.share(ana, cohort)
    result = ana.assessments.get().results.get()
    student = Client()
    student.force_login(ana)
    draft_id = journey.start(student)
    journey.fill_profile(student, draft_id)
    ids = {
        "result": result.id,
        "cohort": cohort.id,
        "student": ana.uuid,
        "other_code": other.join_code,
        "draft": draft_id,
        "last": len(journey.steps()),
    }
    assert Assessment.objects.filter(id=draft_id).exists()
    return {"anonymous": None, "student": ana, "counsellor": lee}, ids


def pages_by_visitor(ids):
    return {
        "anonymous": VISITOR_PAGES,
        "student": [path.format(**ids) for path in STUDENT_PAGES],
        "counsellor": [path.format(**ids) for path in COUNSELLOR_PAGES],
    }


def signed_in_context(chromium, live_server, user, **options):
    context = chromium.new_context(**options)
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
def test_every_page_meets_wcag_22_aa(chromium, live_server, world, scheme, width):
    from axe_playwright_python.sync_playwright import Axe

    users, ids = world
    failures = []
    for visitor, paths in pages_by_visitor(ids).items():
        context = signed_in_context(
            chromium, live_server, users[visitor], viewport={"width": width, "height": 900}, color_scheme=scheme
        )
        page = context.new_page()
        for path in paths:
            page.goto(live_server.url + path)
            results = Axe().run(page, options=WCAG_22_AA)
            if results.violations_count:
                failures.append(f"{visitor} {path}:\n{results.generate_report()}")
        for who, path, button in ERROR_STATES:
            if who != visitor:
                continue
            page.goto(live_server.url + path.format(**ids))
            with page.expect_navigation():
                page.get_by_role("button", name=button, exact=True).click()
            expect(page.locator("#form-errors")).to_be_focused()
            wait_until_still(page)
            results = Axe().run(page, options=WCAG_22_AA)
            if results.violations_count:
                failures.append(f"{visitor} {path} with errors:\n{results.generate_report()}")
        context.close()

    assert not failures, "\n\n".join(failures)


# The innermost elements reaching past the screen's (or paper's) right edge, to say what to fix.
WIDEST_ELEMENTS = """
(edge) => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > edge + 1
               && ![...e.children].some(c => c.getBoundingClientRect().right > edge + 1))
  .slice(0, 5)
  .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
            + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')
"""


def test_a_plan_printed_from_a_dark_mode_device_is_black_on_white(chromium, live_server, world):
    users, ids = world
    context = signed_in_context(chromium, live_server, users["student"], color_scheme="dark")
    page = context.new_page()
    page.goto(f"{live_server.url}/results/{ids['result']}/plan/")
    assert page.evaluate("document.documentElement.dataset.bsTheme") == "dark"
    page.emulate_media(media="print", color_scheme="dark")
    colours = page.evaluate(
        """() => ['h1', 'h2', '.text-body-secondary', 'body'].map(s => {
               const e = document.querySelector(s); return e && getComputedStyle(e).color; })"""
    )
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    context.close()

    assert colours[0] == colours[1] == colours[3] == "rgb(0, 0, 0)", colours
    assert colours[2] in (None, "rgb(51, 51, 51)"), colours
    assert background == "rgb(255, 255, 255)"


def test_keyboard_focus_is_always_visible(chromium, live_server, world):
    """Tab through the sign-up form and the header: every stop shows a ring at least 2 px wide in our colour,
    not Bootstrap's faint glow."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/accounts/signup/")
    stops = []
    for _ in range(14):
        page.keyboard.press("Tab")
        stops.append(
            page.evaluate(
                """() => { const e = document.activeElement, s = getComputedStyle(e);
                    return [e.tagName + (e.name ? '[' + e.name + ']' : '') + (e.getAttribute('href') || ''),
                            s.outlineStyle, parseFloat(s.outlineWidth)]; }"""
            )
        )
    context.close()
    stops = [stop for stop in stops if stop[0] != "BODY"]  # past the last link, focus leaves the page

    assert len({stop[0] for stop in stops}) >= 10, stops
    assert [stop for stop in stops if stop[1] == "none" or stop[2] < 2] == []


def test_no_page_scrolls_sideways_at_320_px(chromium, live_server, world):
    users, ids = world
    too_wide = []
    for visitor, paths in pages_by_visitor(ids).items():
        context = signed_in_context(chromium, live_server, users[visitor], viewport={"width": 320, "height": 700})
        page = context.new_page()
        for path in paths:
            page.goto(live_server.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                widest = page.evaluate(WIDEST_ELEMENTS, 320)
                too_wide.append(f"{visitor} {path}: {width} px, widest: {widest}")
        context.close()

    assert not too_wide, "\n".join(too_wide)


# A4 less print.css's 1.5 cm margins is 18 cm: 680 CSS px.
PAPER_WIDTH = 680


def test_no_printed_page_is_wider_than_the_paper(chromium, live_server, world):
    """Printed, every page fits the paper's width: nothing is cut off at its right edge."""
    users, ids = world
    too_wide = []
    for visitor, paths in pages_by_visitor(ids).items():
        context = signed_in_context(
            chromium, live_server, users[visitor], viewport={"width": PAPER_WIDTH, "height": 900}
        )
        page = context.new_page()
        page.emulate_media(media="print")
        for path in paths:
            page.goto(live_server.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PAPER_WIDTH:
                widest = page.evaluate(WIDEST_ELEMENTS, PAPER_WIDTH)
                too_wide.append(f"{visitor} {path}: {width} px, widest: {widest}")
        context.close()

    assert not too_wide, "\n".join(too_wide)


def test_every_role_page_fits_its_tables_on_a_320_px_screen(chromium, live_server, shipped_catalogue):
    """A student comparing roles on a small phone reads every table of a role page without scrolling it
    sideways: salaries, each category's skills and the "any one of" requirements."""
    from roles.selectors import compiled_catalogue

    context = chromium.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    too_wide = []
    for slug in compiled_catalogue().role_by_slug:
        page.goto(f"{live_server.url}/roles/{slug}/")
        too_wide += page.evaluate(
            """(slug) => [...document.querySelectorAll('.table-responsive')]
                .filter(e => e.scrollWidth > e.clientWidth + 1)
                .map(e => `${slug}: ${e.getAttribute('aria-label')} ${e.scrollWidth}/${e.clientWidth} px`)""",
            slug,
        )
    context.close()

    assert too_wide == []
