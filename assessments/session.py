"""What the browser session remembers about anonymous assessments.

An anonymous assessment started in this browser is remembered so the landing page can offer to continue
it; for anonymous visitors the session then ends when the browser closes, because school computers are
shared. An assessment is only ever given to an account after its holder asks for it ("keep it"), and that
request lapses after an hour, so the next person to log in on the same computer cannot take it.
"""

from __future__ import annotations

import time

from django.http import HttpRequest

from assessments.models import Assessment
from assessments.services import assessments_claim

STARTED = "careerfit_started"
KEEP = "careerfit_keep"
KEEP_SECONDS = 60 * 60


def remember_started(request: HttpRequest, assessment: Assessment) -> None:
    if request.user.is_authenticated:
        return
    started = [value for value in request.session.get(STARTED, []) if value != str(assessment.id)]
    request.session[STARTED] = [str(assessment.id), *started][:10]
    request.session.set_expiry(0)


def started_ids(request: HttpRequest) -> list[str]:
    return list(request.session.get(STARTED, []))


def ask_to_keep(request: HttpRequest, assessment: Assessment) -> None:
    pending = [entry for entry in request.session.get(KEEP, []) if entry[0] != str(assessment.id)]
    request.session[KEEP] = [*pending, [str(assessment.id), time.time()]]


def claim_kept(request: HttpRequest, user) -> int:
    """After signing up or logging in: give the user the assessments this browser asked to keep."""
    pending = request.session.pop(KEEP, [])
    fresh = [assessment_id for assessment_id, asked_at in pending if time.time() - asked_at < KEEP_SECONDS]
    return assessments_claim(user=user, assessment_ids=fresh) if fresh else 0
