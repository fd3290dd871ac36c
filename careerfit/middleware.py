"""Site-wide response rules that no view should have to remember."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _

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


SIGNED_IN_AT = "careerfit_signed_in_at"
LAST_SEEN = "careerfit_last_seen"
# Requests that save questionnaire answers: an ended session still saves them before logging out.
SAVES_ANSWERS = {"assessments:step"}


class SessionTimeoutMiddleware:
    """Log out after SESSION_IDLE_MINUTES without a request or SESSION_MAX_HOURS after logging in.

    A questionnaire step posted just after the session ended is saved first, then the student is logged out
    and asked to log in again, landing where they were: nothing they typed is lost.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.get_response(request)
        now = time.time()
        session = request.session
        signed_in_at = session.setdefault(SIGNED_IN_AT, now)
        last_seen = session.get(LAST_SEEN, now)
        idle = now - last_seen > settings.SESSION_IDLE_MINUTES * 60
        too_old = now - signed_in_at > settings.SESSION_MAX_HOURS * 60 * 60
        if not (idle or too_old):
            if now - last_seen >= 60 or LAST_SEEN not in session:  # one session write a minute at most
                session[LAST_SEEN] = now
            return self.get_response(request)
        message = (
            _("You were logged out after %(minutes)s minutes without activity. Log in to go on where you were.")
            % {"minutes": settings.SESSION_IDLE_MINUTES}
            if idle
            else _("You were logged out after %(hours)s hours. Log in to go on where you were.")
            % {"hours": settings.SESSION_MAX_HOURS}
        )
        if request.method == "POST" and _url_name(request) in SAVES_ANSWERS:
            response = self.get_response(request)  # the answers are saved; then log in to go on
            logout(request)
            messages.info(request, message)
            going_to = response.url if response.status_code in (301, 302, 303) else request.path
            return redirect_to_login(going_to)
        logout(request)
        messages.info(request, message)
        if request.method in ("GET", "HEAD"):
            return redirect_to_login(request.get_full_path())
        return redirect_to_login(request.META.get("HTTP_REFERER") or "/")


def _url_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


def session_started(sender, request, user, **kwargs) -> None:
    """On logging in (connected in accounts.apps): the session's clock starts now."""
    if hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = request.session[LAST_SEEN] = time.time()
