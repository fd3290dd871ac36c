"""Pages whose unchanging parts are rendered once and cached (`{% cache %}`), forms included.

A cached fragment must not keep a CSRF token: the token belongs to one browser and is masked afresh
for every response. So a page rendered with `render_cached_page` gets a placeholder wherever a
template writes `{% csrf_token %}`, in cached fragments and elsewhere alike, and the response then
carries this request's own token in its place. Nothing secret is ever cached, and a fragment rendered
for one request serves every later one.
"""

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render

# Letters and digits only, like a real token, so that no escaping can change it on the way.
CSRF_PLACEHOLDER = "csrfPlaceholderForCachedFragments0000000000000000000000000000000"


def render_cached_page(request: HttpRequest, template_name: str, context: dict, *, status: int = 200) -> HttpResponse:
    response = render(request, template_name, {**context, "csrf_token": CSRF_PLACEHOLDER}, status=status)
    response.content = response.content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    return response
