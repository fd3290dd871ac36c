"""Fixtures shared by every app's tests."""

import pytest
from django.conf import settings
from hypothesis import settings as hypothesis_settings

# Examples are judged on what they check, never on how long one takes on a busy CI machine.
hypothesis_settings.register_profile("careerfit", deadline=None)
hypothesis_settings.load_profile("careerfit")


def load_shipped_catalogue() -> None:
    from roles.catalogue_files import read_catalogue
    from roles.services import catalogue_load

    result = read_catalogue(settings.CATALOGUE_DIR)
    assert result.ok, "\n".join(map(str, result.problems))
    catalogue_load(catalogue=result.catalogue, present=result.present)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database starts with the shipped catalogue loaded, once per session.

    pytest-django runs transactional tests after the others, and those flush the database; they ask for
    `shipped_catalogue`, which loads it again when it is missing.
    """
    with django_db_blocker.unblock():
        load_shipped_catalogue()


@pytest.fixture(autouse=True)
def fresh_compiled_catalogue():
    """Each test compiles the catalogue it sees.

    A test's writes are rolled back, version number included, so the next test can reach the same number
    with different content; in a real database the number only ever grows.
    """
    from roles import selectors

    selectors._compiled = None


@pytest.fixture
def shipped_catalogue(django_db_blocker):
    from roles.models import Role

    with django_db_blocker.unblock():
        if not Role.objects.exists():
            load_shipped_catalogue()


# ------------------------------------------------------------------------------------------ real browser

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
WCAG_22_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


@pytest.fixture(scope="session")
def chromium():
    import os
    import shutil

    executable = shutil.which("chromium")
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed; .ci/run installs it with apt-get install -y chromium")
        pytest.skip("browser tests need Debian's Chromium: apt-get install -y chromium")
    # Playwright's synchronous API runs an event loop on this thread; the ORM calls the tests make around
    # it are still synchronous, which Django otherwise refuses to believe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def follow(page, locator) -> None:
    """Click something that loads a new page and wait for that page: never read or act on the old one.
    An htmx save still in flight is let finish first, as a person's pause would (leaving aborts it, and htmx
    reports the abort as an error)."""
    settle(page)
    with page.expect_navigation():
        locator.click()


def settle(page) -> None:
    """Wait until no htmx request is in flight. A locator, not `wait_for_function`: Playwright polls a string
    predicate with `eval`, which the Content Security Policy refuses whenever the first check fails."""
    from playwright.sync_api import expect

    expect(page.locator(".htmx-request")).to_have_count(0)


def wait_until_still(page, *, timeout: float = 5.0) -> None:
    """Wait until the page has stopped scrolling. Bootstrap scrolls smoothly, so a form sent back with errors is
    still gliding to its focused summary for a few hundred milliseconds; axe measures every target's position
    and spacing, and a page in motion gives it positions from different moments (a link appears to crowd its
    neighbours). Read from Python: a `wait_for_function` predicate would be refused by the Content Security
    Policy."""
    import time

    deadline = time.monotonic() + timeout
    readings = [page.evaluate("[window.scrollX, window.scrollY]")]
    while len(readings) < 3 or readings[-1] != readings[-2] or readings[-2] != readings[-3]:
        assert time.monotonic() < deadline, f"the page was still scrolling after {timeout} s: {readings[-3:]}"
        page.wait_for_timeout(50)
        readings.append(page.evaluate("[window.scrollX, window.scrollY]"))


class BrowserPage:
    """A Playwright page that records console errors (CSP violations included) and checks WCAG AA."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.errors: list[str] = []
        page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def goto(self, path: str):
        return self.page.goto(self.base_url + path)

    def assert_accessible(self, *, wcag22: bool = False) -> None:
        from axe_playwright_python.sync_playwright import Axe

        wait_until_still(self.page)
        before = len(self.errors)
        results = Axe().run(self.page, options=WCAG_22_AA if wcag22 else WCAG_AA)
        # axe's own stylesheet probes inject styles that the Content Security Policy blocks; what the
        # browser reports while axe runs is about axe, not the page.
        del self.errors[before:]
        assert results.violations_count == 0, results.generate_report()


def _browser_page(chromium, live_server, **context_options):
    context = chromium.new_context(**context_options)
    page = BrowserPage(context.new_page(), live_server.url)
    yield page
    context.close()
    assert page.errors == [], f"the browser reported errors: {page.errors}"


@pytest.fixture
def browser_page(chromium, live_server, shipped_catalogue):
    yield from _browser_page(chromium, live_server, viewport={"width": 1280, "height": 900})


@pytest.fixture
def phone_page(chromium, live_server, shipped_catalogue):
    yield from _browser_page(
        chromium, live_server, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )


@pytest.fixture
def no_script_page(chromium, live_server, shipped_catalogue):
    yield from _browser_page(chromium, live_server, java_script_enabled=False)
