"""The site's menu (templates/base.html) shows each person what they may open, marks the page they are on, and
logs out with their own token, although its HTML is rendered once and cached for everyone alike."""

import re

import pytest
from django.test import Client

from accounts.models import User
from counselling.tests import factories as make

pytestmark = pytest.mark.django_db

MENU_PAGES = {
    "/roles/": "Roles",
    "/my/assessments/": "My assessments",
    "/sharing/": "Sharing",
    "/counsellor/": "Counsellor",
    "/accounts/me/": "Account",
}


def menu(html: str) -> list[str]:
    """The menu's entries in order, the current page's starred."""
    nav = re.search(r'<nav class="site-nav" aria-label="Main">(.*?)</nav>', html, re.S).group(1)
    entries = re.findall(r'<a href="[^"]+"( aria-current="page")?>([^<]+)</a>|<button[^>]*>([^<]+)</button>', nav)
    return [f"{name}*" if current else name or button for current, name, button in entries]


def test_each_page_of_the_menu_is_marked_as_the_current_one_and_no_other_page_is():
    lee = make.counsellor("lee@school.ca", "Ms Lee")
    lee.is_staff = True
    lee.save()
    client = make.logged_in(lee)
    everything = ["Roles", "My assessments", "Sharing", "Counsellor", "Catalogue admin", "Account", "Log out"]

    for path, name in MENU_PAGES.items():
        response = client.get(path)
        assert response.status_code == 200, path
        assert menu(response.content.decode()) == [f"{entry}*" if entry == name else entry for entry in everything]
    grade12 = make.cohort("Grade 12", lee)
    for path in ("/", "/privacy/", "/roles/data-scientist/", f"/counsellor/cohorts/{grade12.id}/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert menu(response.content.decode()) == everything, path


def test_everyone_sees_the_menu_for_who_they_are_whoever_came_before(client):
    student = make.logged_in(User.objects.create_user("ana@example.ca", "a-long-password"))
    counsellor = make.logged_in(make.counsellor("lee@school.ca", "Ms Lee"))
    admin = make.logged_in(User.objects.create_user("ed@example.ca", "a-long-password", is_staff=True))
    expected = {
        counsellor: ["Roles*", "My assessments", "Sharing", "Counsellor", "Account", "Log out"],
        student: ["Roles*", "My assessments", "Sharing", "Account", "Log out"],
        admin: ["Roles*", "My assessments", "Sharing", "Catalogue admin", "Account", "Log out"],
        client: ["Roles*", "Log in", "Sign up"],
    }
    for _ in range(2):
        for who, entries in expected.items():
            assert menu(who.get("/roles/").content.decode()) == entries


def test_each_person_logs_out_with_their_own_token_from_the_cached_menu():
    ana = User.objects.create_user("ana@example.ca", "a-long-password")
    browsers = [Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)]
    tokens = []
    for browser in browsers:
        browser.force_login(ana)
        html = browser.get("/roles/").content.decode()
        form = re.search(r'<form method="post" action="/accounts/logout/">(.*?)</form>', html, re.S).group(1)
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1))
    assert tokens[0] != tokens[1]

    # A token from another browser is refused; each browser's own logs it out.
    assert browsers[0].post("/accounts/logout/", {"csrfmiddlewaretoken": "x" * 64}).status_code == 403
    for browser, token in zip(browsers, tokens, strict=True):
        assert browser.post("/accounts/logout/", {"csrfmiddlewaretoken": token}).status_code == 302
        assert browser.get("/my/assessments/").status_code == 302


def test_the_head_header_and_footer_are_drawn_afresh_when_a_setting_they_use_changes(client, settings):
    """They are drawn once per process (careerfit/templatetags/site.py): a changed setting, as tests make and a
    deploy does, must not leave pages linking to the old addresses."""
    assert '<link rel="stylesheet" href="/static/css/careerfit.css">' in client.get("/").content.decode()

    settings.STATIC_URL = "/assets/"
    html = client.get("/").content.decode()

    assert '<link rel="stylesheet" href="/assets/css/careerfit.css">' in html
    assert '<script src="/assets/js/careerfit.js" defer></script>' in html


def test_a_fragment_is_drawn_from_its_facts_alone():
    """Whatever the page's context holds, a fragment sees only the facts it is given, so a fact left out of its
    key cannot leak one visitor's page into another's."""
    from django.template import engines

    page = engines["django"].from_string(
        '{% load site %}{% rendered_once "site/header.html" signed_in=signed_in menu_current="" %}'
    )
    html = page.render({"signed_in": True, "counsellor": True, "staff": True, "csrf_token": "T" * 64})

    assert menu(html) == ["Roles", "My assessments", "Sharing", "Account", "Log out"]
    assert 'name="csrfmiddlewaretoken" value="' + "T" * 64 + '"' in html


def test_a_fragment_is_drawn_for_each_number_and_for_text_marked_safe_or_not():
    """Numbers are facts as they are, not taken for their truth (steps 2 and 3 would share a heading), and text
    already marked safe is drawn unescaped while the same text unmarked is escaped, so each keeps its own."""
    from django.template import engines
    from django.utils.safestring import mark_safe

    page = engines["django"].from_string(
        '{% load site %}{% rendered_once "assessments/_step_heading.html" heading=heading number=number total=6 %}'
    )

    def drawn(heading, number):
        return page.render({"heading": heading, "number": number})

    assert 'max="6" value="2">2/6</progress>' in drawn("Step 2", 2)
    assert 'max="6" value="3">3/6</progress>' in drawn("Step 2", 3)
    assert '<h1 class="h2">&lt;i&gt;Step&lt;/i&gt;</h1>' in drawn("<i>Step</i>", 2)
    assert '<h1 class="h2"><i>Step</i></h1>' in drawn(mark_safe("<i>Step</i>"), 2)
    assert '<h1 class="h2">&lt;i&gt;Step&lt;/i&gt;</h1>' in drawn("<i>Step</i>", 2)
