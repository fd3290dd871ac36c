"""Parts of pages that are the same for everyone who shares a few facts: base.html's head, header and footer, and
the headings and buttons of the questionnaire's steps and of the counsellor's pages.

`{% rendered_once "site/header.html" signed_in=user.is_authenticated … %}` renders the template with those facts
as its only context, and the language active, once per process for each combination: no request can reach
what it draws, so no fact can be forgotten from the key, and a deploy (new processes) draws it afresh. A
fragment may hold `{% csrf_token %}`: it is drawn with a placeholder that each use replaces with this request's
token, so no token is ever kept or shared.
"""

from functools import lru_cache
from uuid import UUID

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils.autoreload import file_changed
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from careerfit import addresses
from careerfit.rendering import CSRF_PLACEHOLDER

register = template.Library()

KEPT = (str, int, UUID)  # bool is an int


@register.simple_tag(takes_context=True)
def rendered_once(context, template_name: str, **facts) -> str:
    """Facts are strings, numbers and UUIDs as they are; anything else is taken for its truth (a lazy
    `is_counsellor` becomes a plain bool), so no object that could change is kept. Each fact's type is in the
    key too: a string already marked safe draws differently from the same text unmarked, and True equals 1."""
    facts = {name: value if isinstance(value, KEPT) else bool(value) for name, value in facts.items()}
    key = tuple(sorted((name, type(value), value) for name, value in facts.items()))
    html = _rendered(template_name, get_language(), key)
    if CSRF_PLACEHOLDER in html:
        html = mark_safe(html.replace(CSRF_PLACEHOLDER, str(context.get("csrf_token", ""))))
    return html


@register.simple_tag
def address(name: str, *arguments: UUID | int) -> str:
    """`{% url %}` for a page whose arguments are UUIDs or numbers (or which takes none), from the name's address
    reversed once per process (`careerfit.addresses`): `{% url %}` took 30 to 50 µs an address."""
    return addresses.address(name, *arguments)


@lru_cache(maxsize=1024)  # a few KB each: the site's parts, each step's heading, each cohort's
def _rendered(template_name: str, language: str | None, facts: tuple) -> str:
    context = {name: value for name, _type, value in facts}
    return mark_safe(render_to_string(template_name, {**context, "csrf_token": CSRF_PLACEHOLDER}))


@receiver([setting_changed, file_changed])
def _forget(file_path=None, **kwargs) -> None:
    """What was drawn goes when tests change URLs, static storage or languages, and when `make run`'s server takes
    an edited template afresh without restarting (any changed file but Python, which restarts it)."""
    if file_path is None or file_path.suffix != ".py":
        _rendered.cache_clear()
