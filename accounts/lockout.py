"""Login lockout, on top of django-axes: who is counted, from which address, and what a locked-out person reads.

Two limits, so that neither a spread attack nor a shared school address gets through or locks everyone:
- per account, across every address: `LOGIN_FAILURES_PER_ACCOUNT` failures lock that e-mail address
  (spelled in any case) wherever the attempts come from;
- per address, across every account: `LOGIN_FAILURES_PER_ADDRESS` failures lock that address. It is set
  higher, because a whole class can sit behind one school address.
Both last `AXES_COOLOFF_TIME` from the latest failure. The client's address is the connection's, or, behind
`TRUSTED_PROXIES` reverse proxies, the one the nearest of them saw; anything a client writes itself is ignored.
"""

from __future__ import annotations

import ipaddress
import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def client_address(request: HttpRequest) -> str | None:
    """The address of whoever connected: REMOTE_ADDR, or behind N trusted proxies the Nth from the right in
    X-Forwarded-For (each proxy appends what it saw, so entries further left are the client's own words)."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXIES
    if not proxies:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def lockout_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The account an attempt is counted against: its e-mail address, without surrounding spaces or case."""
    value = (credentials or {}).get("username")
    if value is None:
        value = request.POST.get(settings.AXES_USERNAME_FORM_FIELD, "")
    value = str(value).strip().lower()
    return value or None


def _address_attempts(request: HttpRequest):
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    return AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=timezone.now() - get_cool_off(request))


class LockoutHandler(AxesDatabaseHandler):
    """django-axes' database handler, counting failures per account (its own lockout parameter) and, besides,
    per address against the higher per-address limit."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        per_account = super().get_failures(request, credentials)
        per_address = _address_attempts(request).aggregate(total=Sum("failures_since_start"))["total"] or 0
        if per_address >= settings.LOGIN_FAILURES_PER_ADDRESS:
            # Locked from this address: report at least the account limit, which is what axes compares with.
            return max(per_account, get_failure_limit(request, credentials))
        return per_account


def minutes_left(request: HttpRequest, credentials: dict | None = None) -> int:
    """Whole minutes until the latest failure that counts against this login is older than the cool-off."""
    username = lockout_username(request, credentials)
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    counted = Q(ip_address=address)
    if username:
        counted |= Q(username=username)
    latest = AccessAttempt.objects.filter(counted).aggregate(latest=Max("attempt_time"))["latest"]
    if latest is None:
        return 0
    seconds = (latest + get_cool_off(request) - timezone.now()).total_seconds()
    return max(1, math.ceil(seconds / 60))


def lockout_response(request: HttpRequest, original_response=None, credentials: dict | None = None) -> HttpResponse:
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes_left": minutes_left(request, credentials)},
        status=429,
    )
