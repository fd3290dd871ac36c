"""Writes and exports for accounts: everything CareerFit holds about a person, to download or to delete.

`PERSONAL_DATA` declares, for every model that holds a person's data, how the export and the deletion
cover it. A test walks the model graph from the user model and fails if a model is missing here.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from accounts.models import Session, User
from assessments.models import Assessment, AssessmentStatus, Result
from assessments.presenters import result_ranking
from counselling.models import Membership, Note, ResultView

# model label → how the export and the deletion cover it.
PERSONAL_DATA = {
    "accounts.user": "exported as account; deleted",
    "assessments.assessment": "exported under assessments; deleted with the account (owner cascades)",
    "assessments.answer": "exported under each assessment; deleted with it",
    "assessments.result": "exported under each assessment; deleted with it",
    "assessments.targetrequirement": "derived from a result's answers and target role, both exported with the "
    "result; deleted with it (cascades)",
    "counselling.membership": "exported as sharing (each consent and its wording version); deleted (cascades)",
    "counselling.statuschange": "exported under each sharing as review history; deleted with the membership",
    "counselling.note": "shared notes exported; every note about the person deleted (cascades)",
    "counselling.resultview": "exported as who viewed what; deleted (cascades); a counsellor's own views keep "
    "the student's audit, with the counsellor shown as a deleted account",
    "counselling.cohort": "a counsellor's cohorts are exported by name; the cohort stays for its other members",
    "counselling.sharingversion": "not personal: a count and a time for each cohort, raised when who shares with it "
    "or their latest results change; goes with the cohort",
    "admin.logentry": "an editor's admin history: deleted with the account (cascades), not exported (no "
    "personal data beyond what the editor changed in the catalogue)",
    "auth.group": "group names exported as roles; membership removed with the account",
    "auth.permission": "granted only to staff; removed with the account",
    "axes.accesslog": "exported as login records; deleted (matched by e-mail address)",
    "axes.accessattempt": "exported as failed logins; deleted (matched by e-mail address)",
    "axes.accessfailurelog": "exported as failed logins; deleted (matched by e-mail address)",
    "axes.accessattemptexpiration": "part of a failed-login record; deleted with it",
    "accounts.session": "not exported (a browser's sign-in); deleted with the account (cascades), and expired "
    "ones are purged by purge_stale",
}


def _login_records(user: User):
    return (
        AccessLog.objects.filter(username__iexact=user.email),
        AccessAttempt.objects.filter(username__iexact=user.email),
        AccessFailureLog.objects.filter(username__iexact=user.email),
    )


def _when(value) -> str | None:
    return value.isoformat() if value else None


def user_export(*, user: User) -> dict[str, Any]:
    """Everything CareerFit holds about a person, for them to download."""
    assessments = []
    results = Prefetch("results", queryset=Result.objects.select_related("catalogue").defer("catalogue__data"))
    for assessment in user.assessments.prefetch_related("answers", results).order_by("created_at"):
        assessments.append(
            {
                "id": str(assessment.id),
                "created_at": assessment.created_at.isoformat(),
                "status": assessment.status,
                "stage": assessment.stage,
                "hours_per_week": assessment.hours_per_week,
                "interests": assessment.interests,
                "answers": [
                    {"skill": a.skill, "level": a.level, "not_sure": a.not_sure, "evidence": a.evidence}
                    for a in assessment.answers.all()
                ],
                "results": [
                    {
                        "id": str(result.id),
                        "created_at": result.created_at.isoformat(),
                        "kind": result.kind,
                        "answers": result.answers,
                        "profile": result.profile,
                        "ranking": [
                            {"rank": role_fit.rank, "role": role_fit.role.slug, "fit": role_fit.fit}
                            for role_fit in result_ranking(result)
                        ],
                        "target_role": result.target_role,
                        "plan": result.plan,
                    }
                    for result in assessment.results.all()
                ],
            }
        )
    memberships = (
        Membership.objects.filter(student=user)
        .select_related("cohort")
        .prefetch_related("status_changes__changed_by")
        .order_by("consented_at")
    )
    logins, attempts, failures = _login_records(user)
    return {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "age_band": user.age_band,
            "date_joined": user.date_joined.isoformat(),
            "last_login": _when(user.last_login),
            "roles": sorted(user.groups.values_list("name", flat=True)),
        },
        "assessments": assessments,
        "sharing": [
            {
                "cohort": membership.cohort.name,
                "consented_at": membership.consented_at.isoformat(),
                "consent_wording_version": membership.consent_version,
                "guardian_consent": (
                    {
                        "guardian_name": membership.guardian_name,
                        "consented_at": _when(membership.guardian_consented_at),
                        "wording_version": membership.guardian_consent_version,
                    }
                    if membership.guardian_consented_at
                    else None
                ),
                "stopped_at": _when(membership.ended_at),
                "review_status": membership.status,
                "review_history": [
                    {
                        "status": change.status,
                        "changed_at": change.changed_at.isoformat(),
                        "changed_by": str(change.changed_by) if change.changed_by else "a deleted account",
                    }
                    for change in membership.status_changes.all()
                ],
            }
            for membership in memberships
        ],
        "notes_shared_with_you": [
            {
                "cohort": note.cohort.name,
                "author": str(note.author) if note.author else "a deleted account",
                "created_at": note.created_at.isoformat(),
                "text": note.text,
            }
            for note in Note.objects.filter(student=user, shared_with_student=True).select_related("cohort", "author")
        ],
        "who_viewed_your_results": [
            {
                "counsellor": str(view.counsellor) if view.counsellor else "a deleted account",
                "cohort": view.cohort.name if view.cohort else None,
                "result": str(view.result_id),
                "what": view.kind,
                "viewed_at": view.viewed_at.isoformat(),
            }
            for view in ResultView.objects.filter(student=user).select_related("counsellor", "cohort")
        ],
        "as_counsellor": {
            "cohorts": sorted(user.cohorts_counselled.values_list("name", flat=True)),
            "notes_written": Note.objects.filter(author=user).count(),
            "results_viewed": ResultView.objects.filter(counsellor=user).count(),
        },
        "login_records": [
            {
                "logged_in_at": record.attempt_time.isoformat(),
                "logged_out_at": _when(record.logout_time),
                "address": record.ip_address,
                "browser": record.user_agent,
            }
            for record in logins.order_by("attempt_time")
        ],
        "failed_logins": [
            {"at": record.attempt_time.isoformat(), "address": record.ip_address, "browser": record.user_agent}
            for record in failures.order_by("attempt_time")
        ]
        + [
            {
                "at": record.attempt_time.isoformat(),
                "address": record.ip_address,
                "browser": record.user_agent,
                "failures": record.failures_since_start,
            }
            for record in attempts.order_by("attempt_time")
        ],
    }


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete the account and everything in it: assessments, answers, results, sharing, notes about the
    person, the audit of views of their results, and their login records."""
    for records in _login_records(user):
        records.delete()
    user.delete()


def stale_querysets(*, now) -> dict[str, QuerySet]:
    """What the retention periods (settings.RETENTION_DAYS) say to remove, by what it is."""
    days = settings.RETENTION_DAYS
    anonymous = Assessment.objects.filter(owner__isnull=True)
    return {
        "anonymous drafts": anonymous.filter(
            status=AssessmentStatus.DRAFT, updated_at__lt=now - timedelta(days=days["anonymous_drafts"])
        ),
        "anonymous results never kept in an account": anonymous.exclude(status=AssessmentStatus.DRAFT).filter(
            updated_at__lt=now - timedelta(days=days["anonymous_results"])
        ),
        "login records": AccessLog.objects.filter(attempt_time__lt=now - timedelta(days=days["login_records"])),
        "failed-login records": AccessAttempt.objects.filter(
            attempt_time__lt=now - timedelta(days=days["login_records"])
        ),
        "failed-login log entries": AccessFailureLog.objects.filter(
            attempt_time__lt=now - timedelta(days=days["login_records"])
        ),
        "expired sessions": Session.objects.filter(expire_date__lt=now),
        "accounts never confirmed": User.objects.filter(
            email_confirmed=False, date_joined__lt=now - timedelta(days=days["unconfirmed_accounts"])
        ),
    }


def purge_stale(*, now, dry_run: bool = False) -> dict[str, int]:
    """Remove what is past its retention period, in one transaction; with dry_run, only count it."""
    with transaction.atomic():
        counts = {label: queryset.count() for label, queryset in stale_querysets(now=now).items()}
        if not dry_run:
            for queryset in stale_querysets(now=now).values():
                queryset.delete()
    return counts


def signup_request(*, request, email: str, password: str, display_name: str, age_band: str) -> None:
    """Sign-up that does not reveal which addresses have accounts: whatever the address, the answer is "check
    your e-mail". A new address gets an unconfirmed account and a link to confirm it; an address with an
    account gets a message saying so (and how to log in or reset the password). An unconfirmed account signed
    up for again takes the new details, so whoever reads the mail, not whoever signed up first, decides."""
    email = email.strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None and existing.email_confirmed:
        make_password(password)  # the same work as a new account, so the time taken tells nothing
        _send(request, existing, "accounts/signup_exists_subject.txt", "accounts/signup_exists_email.txt")
        return
    user = existing or User(email=email, is_active=False, email_confirmed=False)
    user.display_name, user.age_band = display_name, age_band
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # the same address signed up twice at once: the other request mails it
        return
    _send(request, user, "accounts/signup_confirm_subject.txt", "accounts/signup_confirm_email.txt")


def _send(request, user: User, subject_template: str, body_template: str) -> None:
    context = {
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "protocol": "https" if request.is_secure() else "http",
        "domain": request.get_host(),
    }
    subject = "".join(render_to_string(subject_template, context).splitlines())
    send_mail(subject, render_to_string(body_template, context), None, [user.email])


def signup_confirm(*, uidb64: str, token: str) -> User | None:
    """The unconfirmed account a sign-up link belongs to, now confirmed and active; None for a bad link."""
    try:
        user = User.objects.get(pk=int(urlsafe_base64_decode(uidb64).decode()), email_confirmed=False)
    except (ValueError, TypeError, OverflowError, UnicodeDecodeError, User.DoesNotExist):
        return None
    if not default_token_generator.check_token(user, token):
        return None
    user.is_active = user.email_confirmed = True
    user.save(update_fields=["is_active", "email_confirmed"])
    return user
