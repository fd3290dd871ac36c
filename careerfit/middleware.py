"""Site-wide response rules that no view should have to remember."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

# Pages under these paths are someone's own (answers, results, plans, accounts, cohorts, reset links).
PERSONAL_PREFIXES = ("/assessment/", "/results/", "/my/", "/sharing/", "/counsellor/", "/accounts/", "/admin/")


def carries_personal_data(request: HttpRequest) -> bool:
    """A signed-in person's page (it shows their name at least), anything of an anonymous student's session,
    and every personal path, whoever asks."""
    if request.path.startswith(PERSONAL_PREFIXES):
        return True
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return True
    session = getattr(request, "session", None)
    return session is not None and not session.is_empty()


class NoStorePersonalPagesMiddleware:
    """`Cache-Control: no-store` on every response that carries personal data, so no browser or proxy keeps a
    copy after logout, after a student stops sharing, or on a shared school computer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if carries_personal_data(request):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
