"""Pages whose unchanging parts are rendered once and cached (`{% cache %}`), forms included, and pages
cached whole.

A cached fragment must not keep a CSRF token: the token belongs to one browser and is masked afresh
for every response. So a page rendered with `render_cached_page` gets a placeholder wherever a
template writes `{% csrf_token %}`, in cached fragments and elsewhere alike, and the response then
carries this request's own token in its place. Nothing secret is ever cached, and a fragment rendered
for one request serves every later one.

A page given a `page_key` is cached whole, the same way. The key is everything the page shows of its own
(say, a result and its target), and the frame adds what base.html shows around it: the address, the host,
the language, whether the visitor is signed in, staff or a counsellor, and the static files' manifest, so a
cache shared across a deploy never serves a page naming the old files. A request with a query string or
with messages waiting to be shown is always rendered afresh.

A page that is mostly the same for everyone, with a few parts of each request's own (a questionnaire step: its
wording and layout, and one student's answers and fits), is drawn from a skeleton (`render_skeleton`).
"""

import hashlib
import re
from collections.abc import Callable

from django.contrib.messages import get_messages
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.autoreload import file_changed
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from careerfit.context_processors import assets, menu
from counselling.selectors import is_counsellor

# Letters and digits only, like a real token, so that no escaping can change it on the way.
CSRF_PLACEHOLDER = "csrfPlaceholderForCachedFragments0000000000000000000000000000000"
PAGE_SECONDS = 24 * 60 * 60


def render_cached_page(
    request: HttpRequest,
    template_name: str,
    context: Callable[[], dict],
    *,
    status: int = 200,
    page_key: tuple | None = None,
) -> HttpResponse:
    """The page, its CSRF tokens this request's own; `context` is called only if the page is rendered."""
    key = _whole_page_key(request, template_name, page_key) if page_key is not None and status == 200 else None
    content = cache.get(key) if key else None
    if content is None:
        response = render(request, template_name, {**context(), "csrf_token": CSRF_PLACEHOLDER}, status=status)
        if key:
            cache.set(key, response.content, PAGE_SECONDS)
    else:
        response = HttpResponse(content)
    response.content = response.content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    return response


def _whole_page_key(request: HttpRequest, template_name: str, page_key: tuple) -> str | None:
    if request.GET or get_messages(request):
        return None
    user = request.user
    frame = (
        template_name,
        request.path,
        request.scheme,
        request.get_host(),
        get_language(),
        user.is_authenticated,
        user.is_staff,
        is_counsellor(user),
        getattr(staticfiles_storage, "manifest_hash", ""),  # set by production's storage (hashed names)
    )
    digest = hashlib.blake2b(repr((frame, page_key)).encode(), digest_size=16).hexdigest()
    return f"page-v1:{digest}"


# ------------------------------------------------------------------------------------------ skeletons

# Letters and digits only, like the CSRF placeholder, so that no escaping can change a hole on the way.
_HOLE = "skeletonHole{}x0000000000000000"
_HOLES = re.compile(r"skeletonHole(\d+)x0000000000000000")
_SKELETONS_KEPT = 256  # a 45 KB step page each: the steps of a catalogue times the kinds of visitor and languages
_skeletons: dict[tuple, tuple[tuple[str, ...], tuple[int, ...]]] = {}


def render_skeleton(
    request: HttpRequest,
    template_name: str,
    *,
    key: tuple,
    shared: dict | Callable[[], dict],
    holes: dict[str, str],
) -> HttpResponse:
    """The page drawn once per process for each `key` with everything but its `holes`, which each request fills.

    `shared` is the context that everyone whose request has this `key` sees alike, and `key` names it (say, the
    catalogue's fingerprint and a step's number); given as a function, it is called only when the page is drawn
    (a form's fields, built for the skeleton and not for every request). `holes` is what this request alone
    shows: each value is drawn where the template writes `{{ name }}`, escaped as that would escape it (HTML
    built in Python comes as a safe string). Whether each hole is empty is part of the key, so a template may
    test one (`{% if name %}`), but must not filter or compare it. The skeleton is rendered with nothing of the
    request: base.html gets only the facts its frame is drawn from (the language, signed in or not, staff,
    counsellor, the menu entry, the static files), as `{% rendered_once %}` does. So nothing personal can be kept
    in it, and a personal value a template reached for outside the holes would be missing from every page, not
    shown to someone else. The CSRF token is a hole of its own. A request with messages waiting is rendered as
    any other page.

    Rendering a questionnaire step's template took 0.6 of the page's 1.3 to 1.5 ms in-process (SQLite); this
    function now takes 0.14 ms of it, most of that masking the CSRF token and encoding the page, as every page
    with a form does.
    """
    if get_messages(request):
        return render(request, template_name, {**_context(shared), **holes})
    user = request.user
    # base.html's frame, as its parts are drawn once (careerfit/templatetags/site.py): from these facts alone.
    frame = {
        "LANGUAGE_CODE": get_language(),
        "user": {"is_authenticated": user.is_authenticated, "is_staff": user.is_staff},
        "is_counsellor": bool(is_counsellor(user)),
        **menu(request),
        **assets(request),
    }
    names = tuple(holes)
    # The frame's repr stands for it: its facts are booleans and strings, in the order written above.
    full_key = (template_name, key, repr(frame), tuple(name for name in names if holes[name]))
    skeleton = _skeletons.get(full_key)
    if skeleton is None:
        context = {
            **_context(shared),
            **frame,
            **{name: mark_safe(_HOLE.format(index)) if holes[name] else "" for index, name in enumerate(names)},
            "csrf_token": mark_safe(_HOLE.format(len(names))),
        }
        skeleton = _split(render_to_string(template_name, context), template_name)
        if len(_skeletons) >= _SKELETONS_KEPT:
            _skeletons.clear()
        _skeletons[full_key] = skeleton
    texts, filled = skeleton
    values = [conditional_escape(holes[name]) for name in names]
    if len(names) in filled:
        values.append(get_token(request))
    html = [texts[0]]
    for index, text in zip(filled, texts[1:], strict=True):
        html += (values[index], text)
    return HttpResponse("".join(html))


def _context(shared: dict | Callable[[], dict]) -> dict:
    return shared() if callable(shared) else shared


def _split(html: str, template_name: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The skeleton's texts and, between each two, the number of the hole that goes there."""
    parts = _HOLES.split(html)
    texts, filled = tuple(parts[0::2]), tuple(int(number) for number in parts[1::2])
    if any("skeletonhole" in text.casefold() for text in texts):
        raise ImproperlyConfigured(f"{template_name} changes a hole (a filter?): a hole can only be drawn or tested.")
    return texts, filled


@receiver([setting_changed, file_changed])
def _forget(file_path=None, **kwargs) -> None:
    """What was drawn goes when tests change URLs, static storage or languages, and when `make run`'s server takes
    an edited template afresh without restarting (any changed file but Python, which restarts it)."""
    if file_path is None or file_path.suffix != ".py":
        _skeletons.clear()
