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
"""

import hashlib
from collections.abc import Callable

from django.contrib.messages import get_messages
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils.translation import get_language

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
