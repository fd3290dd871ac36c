"""`careerfit.rendering.render_skeleton`: a page drawn once for everyone who shares its key, with the holes
each request fills in."""

import copy
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.utils.safestring import mark_safe

from accounts.models import User
from careerfit import rendering

pytestmark = pytest.mark.django_db

TEMPLATES = {
    "page.html": "<p>{{ word }}</p><p>{{ mine }}</p><p>{{ html }}</p>{% if maybe %}<i>{{ maybe }}</i>{% endif %}",
    "reaching.html": "{{ request.path }}|{{ user.email }}|{{ user.is_authenticated }}|{{ word }}|{% csrf_token %}",
    "filtered.html": "<p>{{ mine|upper }}</p>",
    "part.html": "<p>the same for everyone</p>",
}


@pytest.fixture(autouse=True)
def templates(settings):
    engine = copy.deepcopy(django_settings.TEMPLATES[0])
    engine["APP_DIRS"] = False
    engine["OPTIONS"]["loaders"] = [("django.template.loaders.locmem.Loader", TEMPLATES)]
    settings.TEMPLATES = [engine]


def request(user=None, path="/somewhere/"):
    made = RequestFactory().get(path)
    made.user = user or AnonymousUser()
    return made


def drawn(template_name, *, user=None, path="/somewhere/", key=("k",), shared=None, **holes) -> str:
    response = rendering.render_skeleton(
        request(user, path), template_name, key=key, shared=shared or {"word": "hello"}, holes=holes
    )
    assert response.status_code == 200
    return response.content.decode()


def test_each_request_gets_its_own_holes_escaped_as_the_template_would_escape_them():
    first = drawn("page.html", mine="<b>Ana</b>", html=mark_safe("<em>ok</em>"), maybe="")
    second = drawn("page.html", mine="Ben & co", html=mark_safe("<em>fine</em>"), maybe="<m>")
    third = drawn("page.html", mine="Cleo", html="<em>not marked safe</em>", maybe="")

    assert first == "<p>hello</p><p>&lt;b&gt;Ana&lt;/b&gt;</p><p><em>ok</em></p>"
    assert second == "<p>hello</p><p>Ben &amp; co</p><p><em>fine</em></p><i>&lt;m&gt;</i>"
    assert third == "<p>hello</p><p>Cleo</p><p>&lt;em&gt;not marked safe&lt;/em&gt;</p>"


def test_a_skeleton_is_drawn_once_for_each_key_and_each_set_of_empty_holes():
    rendering._skeletons.clear()
    for name in ("Ana", "Ben", "Cleo"):
        drawn("page.html", mine=name, html="x", maybe="")
    assert len(rendering._skeletons) == 1

    drawn("page.html", mine="Dev", html="x", maybe="yes")
    drawn("page.html", key=("other",), mine="Eve", html="x", maybe="")
    assert len(rendering._skeletons) == 3


def test_a_skeleton_keeps_nothing_of_the_request_but_the_facts_its_frame_is_drawn_from():
    """A template reaching past its holes for something personal draws nothing there, for anyone: nothing one
    visitor's request holds can be shown to another."""
    ana = User.objects.create_user("ana@example.ca", "a-long-password")

    signed_in = drawn("reaching.html", user=ana, path="/assessment/ana/")
    anonymous = drawn("reaching.html", path="/assessment/ben/")

    assert signed_in.startswith('||True|hello|<input type="hidden" name="csrfmiddlewaretoken" value="')
    assert anonymous.startswith('||False|hello|<input type="hidden" name="csrfmiddlewaretoken" value="')
    assert signed_in != anonymous.replace("False", "True")  # each with a token of its own


def test_a_shared_context_given_as_a_function_is_built_only_when_the_skeleton_is_drawn():
    """A form built for the skeleton (a step's first visit) is not built again for every request that fills it."""
    rendering._skeletons.clear()
    built = []

    def shared():
        built.append(1)
        return {"word": "hello"}

    pages = [drawn("page.html", shared=shared, mine=name, html="x", maybe="") for name in ("Ana", "Ben", "Cleo")]

    assert pages == [f"<p>hello</p><p>{name}</p><p>x</p>" for name in ("Ana", "Ben", "Cleo")]
    assert len(built) == 1


def test_a_page_with_messages_waiting_is_drawn_with_the_shared_context_a_function_gives():
    from django.contrib.messages.storage.fallback import FallbackStorage

    made = request()
    made.session = {}
    made._messages = FallbackStorage(made)
    made._messages.add(20, "Saved.")

    response = rendering.render_skeleton(
        made, "page.html", key=("k",), shared=lambda: {"word": "hello"}, holes={"mine": "Ana", "html": "", "maybe": ""}
    )

    assert response.content.decode() == "<p>hello</p><p>Ana</p><p></p>"


def test_a_hole_a_template_changes_is_refused_rather_than_drawn_wrong():
    with pytest.raises(ImproperlyConfigured, match="filtered.html changes a hole"):
        drawn("filtered.html", mine="Ana")


def test_an_edited_template_is_drawn_afresh_by_the_development_server():
    """`make run` takes an edited template without restarting: a skeleton and a part drawn once from the old one go."""
    from django.utils.autoreload import file_changed

    from careerfit.templatetags.site import _rendered

    drawn("page.html", mine="Ana", html="x", maybe="")
    _rendered("part.html", "en-ca", ())  # a part `{% rendered_once %}` draws
    assert rendering._skeletons and _rendered.cache_info().currsize

    file_changed.send(sender=None, file_path=Path("templates/assessments/step_skills.html"))

    assert not rendering._skeletons and not _rendered.cache_info().currsize
