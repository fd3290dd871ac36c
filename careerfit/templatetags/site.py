"""The parts of base.html that are the same on every page for everyone who shares a few facts.

`{% rendered_once "site/header.html" signed_in=user.is_authenticated … %}` renders the template with those facts
as its only context, and the language active, once per process for each combination: no request can reach
what it draws, so no fact can be forgotten from the key, and a deploy (new processes) draws it afresh. A
fragment may hold `{% csrf_token %}`: it is drawn with a placeholder that each use replaces with this request's
token, so no token is ever kept or shared.
"""

from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from careerfit.rendering import CSRF_PLACEHOLDER

register = template.Library()


@register.simple_tag(takes_context=True)
def rendered_once(context, template_name: str, **facts) -> str:
    """Facts are strings, or taken for their truth (a lazy `is_counsellor` becomes a plain bool)."""
    key = tuple(sorted((name, value if isinstance(value, str) else bool(value)) for name, value in facts.items()))
    html = _rendered(template_name, get_language(), key)
    if CSRF_PLACEHOLDER in html:
        html = mark_safe(html.replace(CSRF_PLACEHOLDER, str(context.get("csrf_token", ""))))
    return html


@lru_cache(maxsize=256)
def _rendered(template_name: str, language: str | None, facts: tuple) -> str:
    return mark_safe(render_to_string(template_name, {**dict(facts), "csrf_token": CSRF_PLACEHOLDER}))


@receiver(setting_changed)
def _forget(**kwargs) -> None:
    """Tests change URLs, static storage or languages: what was drawn under the old settings is dropped."""
    _rendered.cache_clear()
