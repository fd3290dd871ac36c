"""A questionnaire step's page is drawn once for everyone on that step and filled in for each student
(`careerfit.rendering.render_skeleton`): what each student's page must still show, and only to them."""

import re
from html import escape

import pytest
from django.test import Client

from accounts.models import User
from assessments.tests import journey
from careerfit import rendering
from careerfit.tests.test_menu import menu
from counselling.tests import factories as make
from roles.models import SkillCategory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MESSAGES = re.compile(r'\n +<div class="mb-3" role="status">.*?\n +</div>\n +(?=\n)', re.S)


def programming():
    return journey.steps()[1]


def answered(client, **levels) -> str:
    """A student who has answered the programming step (every skill "0 · None" but those given) and moved on;
    the address of that step, which now shows their answers."""
    assessment_id = journey.start(client)
    journey.fill_profile(client, assessment_id)
    step = programming()
    url = journey.step_url(assessment_id, step.number)
    data = {**{skill.slug: "0" for skill in step.skills}, "action": "next", **levels}
    assert client.post(url, data).status_code == 302
    return url


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return TOKEN.sub("TOKEN", response.content.decode())


def checked(html: str) -> dict[str, str]:
    return dict(re.findall(r'name="([a-z0-9-]+)" id="[^"]+" value="([^"]+)" checked', html))


def live_fits(html: str) -> str:
    return re.search(r'<div id="live-fit" aria-live="polite">(.*?)</aside>', html, re.S).group(1)


def ticked(html: str) -> list[str]:
    return re.findall(r'type="checkbox" name="used" value="([^"]+)" id="[^"]+" checked', html)


def private_link(html: str) -> str | None:
    link = re.search(r'id="private-link" class="form-control" type="text" readonly value="([^"]+)"', html)
    return link and link.group(1)


@pytest.fixture
def students():
    """Three students on the same step with different answers: two without an account, one signed in."""
    ana, ben = Client(), Client()
    cleo = make.logged_in(User.objects.create_user("cleo@example.ca", "a-long-password"))
    return {
        ana: answered(ana, python="4", git="3", **{"git--evidence": "<b>my repo</b>"}),
        ben: answered(ben),  # every skill "0 · None": no question left to ask on the page, and no fit yet
        cleo: answered(cleo, java="not-sure", **{"system-design": "2"}),
    }


def test_each_student_gets_the_same_page_of_their_own_whoever_opened_the_step_before_them(students):
    first = {client: page(client, url) for client, url in students.items()}
    rendering._skeletons.clear()
    again = {client: page(client, url) for client, url in reversed(students.items())}

    assert again == first
    ana, ben, cleo = first.values()
    assert checked(ana) == {"python": "4", "git": "3"}
    assert checked(ben) == {}
    assert checked(cleo) == {"java": "not-sure", "system-design": "2"}
    assert 'value="&lt;b&gt;my repo&lt;/b&gt;"' in ana and "my repo" not in ben + cleo
    assert "Rated “0 · None”: " in ben and 'type="radio"' not in ben
    assert "Python" not in re.search(r"Rated “0 · None”: ([^.]+)\.", ana).group(1)
    assert "<meter" in live_fits(ana) and "<meter" in live_fits(cleo) and live_fits(ana) != live_fits(cleo)
    assert "Answer a few skills to see which roles fit you best." in live_fits(ben)


def test_each_page_posts_to_its_own_assessment_and_names_no_one_elses(students):
    pages = {url: page(client, url) for client, url in students.items()}

    for url, html in pages.items():
        assert f'hx-post="{url}"' in html
        for other in pages.keys() - {url}:
            assert other.split("/")[2] not in html


def test_only_a_step_of_an_assessment_without_an_account_shows_its_private_link(students):
    for client, url in students.items():
        html = page(client, url)
        if client.session.get("_auth_user_id"):
            assert private_link(html) is None and "Your private link" not in html
        else:
            assert private_link(html) == "http://testserver" + url.removesuffix("step/2/")


def test_each_student_logs_out_with_their_own_token_from_the_shared_page():
    browsers, tokens = [], []
    for number in range(2):
        student = User.objects.create_user(f"s{number}@example.ca", "a-long-password")
        url = answered(make.logged_in(student), python="2")
        browser = Client(enforce_csrf_checks=True)  # checked for CSRF as a real browser is
        browser.force_login(student)
        found = set(TOKEN.findall(browser.get(url).content.decode()))
        assert len(found) == 1  # the step's form and the log-out form in the header
        browsers.append(browser)
        tokens.append(found.pop())
    assert tokens[0] != tokens[1]

    assert browsers[0].post("/accounts/logout/", {"csrfmiddlewaretoken": tokens[1]}).status_code == 403
    for browser, token in zip(browsers, tokens, strict=True):
        assert browser.post("/accounts/logout/", {"csrfmiddlewaretoken": token}).status_code == 302


@pytest.mark.parametrize("first_visit", [False, True], ids=["rating", "first-visit"])
@pytest.mark.parametrize("signed_in", [False, True])
def test_a_step_filled_in_from_its_skeleton_is_the_page_the_template_draws_afresh(signed_in, first_visit):
    """With a message waiting, the page is drawn afresh by the template, not from the skeleton: apart from the
    message, the two are the same page, a step's rating page and its first visit (the quick pass) alike."""
    client = make.logged_in(User.objects.create_user("dev@example.ca", "a-long-password")) if signed_in else Client()
    assessment_id = journey.start(client)
    journey.fill_profile(client, assessment_id)
    url = journey.step_url(assessment_id, 2)
    if not first_visit:
        # Two skills ticked in the quick pass: the step asks about them, and lists the rest as "0 · None".
        assert client.post(url, {"mode": "quick", "action": "next", "used": ["python", "git"]}).url == url
    from_skeleton = page(client, url)

    response = client.get(journey.step_url(assessment_id, 3), follow=True)  # not reached yet: back to step 2
    afresh = TOKEN.sub("TOKEN", response.content.decode())

    assert response.redirect_chain == [(url, 302)]
    assert '<div class="alert alert-danger">Please finish this step first.</div>' in afresh
    assert MESSAGES.sub("", afresh) == from_skeleton
    assert page(client, url) == from_skeleton  # the message was shown once


def test_an_edit_to_a_steps_wording_shows_on_its_next_view(students):
    client, url = next(iter(students.items()))
    assert "Programming" in page(client, url)

    SkillCategory.objects.filter(name__startswith="Programming").update(
        name="Code & craft", description="Writing <em>programs</em>."
    )

    html = page(client, url)
    assert "Step 2 of" in html and ": Code &amp; craft</h1>" in html
    assert "Writing &lt;em&gt;programs&lt;/em&gt;." in html
    assert "Programming &amp; software engineering" not in html


def test_the_menu_on_a_step_is_each_persons_own_whoever_opened_the_step_before_them():
    lee = make.counsellor("lee@school.ca", "Ms Lee")  # a counsellor trying the questionnaire
    ed = User.objects.create_user("ed@example.ca", "a-long-password", is_staff=True)
    ana = User.objects.create_user("ana@example.ca", "a-long-password")
    everyone = {make.logged_in(user): user for user in (lee, ed, ana)}
    urls = {client: answered(client, python="3") for client in everyone}
    expected = {
        lee: ["Roles", "My assessments", "Sharing", "Counsellor", "Account", "Log out"],
        ed: ["Roles", "My assessments", "Sharing", "Catalogue admin", "Account", "Log out"],
        ana: ["Roles", "My assessments", "Sharing", "Account", "Log out"],
    }

    for order in (list(everyone), list(reversed(everyone))):
        rendering._skeletons.clear()
        for client in order:
            assert menu(page(client, urls[client])) == expected[everyone[client]]


def test_each_step_keeps_its_own_heading_and_wording_on_pages_drawn_once(client):
    assessment_id = journey.start(client)
    journey.fill_profile(client, assessment_id)
    steps = journey.steps()[1:4]
    for step in steps:
        data = {**{skill.slug: "0" for skill in step.skills}, step.skills[0].slug: "2", "action": "next"}
        assert client.post(journey.step_url(assessment_id, step.number), data).status_code == 302

    for _ in range(2):
        for step in steps:
            html = page(client, journey.step_url(assessment_id, step.number))
            assert f'<h1 class="h2">{escape(step.heading)}</h1>' in html
            assert f'<p class="text-measure">{escape(step.description)} ' in html
            assert re.findall(r'<legend class="h5 mb-1">([^<]+)</legend>', html) == [escape(step.skills[0].name)]


# ------------------------------------------------------------------------- a step's first visit: the quick pass


def test_each_student_on_a_steps_first_visit_gets_their_own_fits_and_link_whoever_came_before(students):
    """Each student has moved on to step 3, which they have not seen yet: it asks which skills they have used."""
    quick = {client: url.replace("/step/2/", "/step/3/") for client, url in students.items()}
    first = {client: page(client, url) for client, url in quick.items()}
    rendering._skeletons.clear()
    again = {client: page(client, url) for client, url in reversed(quick.items())}

    assert again == first
    ana, ben, cleo = first.values()
    for html in first.values():
        assert "Which of these have you used at all?" in html and ticked(html) == []
        assert html.count('type="checkbox" name="used"') == len(journey.steps()[2].skills)
    assert private_link(ana) == "http://testserver" + quick[next(iter(quick))].removesuffix("step/3/")
    assert private_link(ben) not in (None, private_link(ana)) and private_link(cleo) is None
    assert "<meter" in live_fits(ana) and "<meter" in live_fits(cleo) and live_fits(ana) != live_fits(cleo)
    assert "Answer a few skills to see which roles fit you best." in live_fits(ben)


def test_a_refused_quick_pass_keeps_its_ticks_and_the_next_visit_is_a_clean_page(client):
    assessment_id = journey.start(client)
    journey.fill_profile(client, assessment_id)
    url = journey.step_url(assessment_id, 2)
    clean = page(client, url)

    refused = client.post(url, {"mode": "quick", "action": "next", "used": ["python", "git", "kubernetes"]})

    html = TOKEN.sub("TOKEN", refused.content.decode())
    assert refused.status_code == 400 and "This step asks about other skills" in html
    assert sorted(ticked(html)) == ["git", "python"]
    assert page(client, url) == clean and ticked(clean) == []


def test_each_steps_first_visit_asks_about_its_own_skills(client):
    assessment_id = journey.start(client)
    journey.fill_profile(client, assessment_id)
    for step in journey.steps()[1:4]:
        url = journey.step_url(assessment_id, step.number)
        html = page(client, url)
        assert f'<h1 class="h2">{escape(step.heading)}</h1>' in html
        assert re.findall(r'type="checkbox" name="used" value="([^"]+)"', html) == [s.slug for s in step.skills]
        assert client.post(url, {"mode": "quick", "action": "next"}).url.endswith(f"/step/{step.number + 1}/")
