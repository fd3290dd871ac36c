"""Cohorts, consented sharing, review status, notes and the audit of counsellors' views.

A counsellor sees a student's results only through an active membership: the student joined the cohort
with its code and agreed to share. Ending the membership ends access at once.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

COUNSELLORS_GROUP = "Counsellors"
# Join codes avoid letters and digits that read alike (0/O, 1/I/L), so they survive being read aloud.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_join_code() -> str:
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{code[:4]}-{code[4:]}"


def normalise_join_code(value: str) -> str:
    letters = "".join(ch for ch in value.upper() if ch.isalnum())
    return f"{letters[:4]}-{letters[4:]}" if len(letters) == CODE_LENGTH else value.strip().upper()


class Cohort(models.Model):
    """A class, a caseload or a program intake, with its counsellors and the code students join with."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=120)
    join_code = models.CharField(_("join code"), max_length=9, unique=True, default=new_join_code)
    counsellors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="cohorts_counselled")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("counselling:cohort", args=[self.id])


class SharingVersion(models.Model):
    """A number for each cohort that rises whenever what its insights count changes: who shares with it, or a
    sharing student's latest result or its target. Database triggers keep it (`counselling.triggers`), by every
    route a row can change; its insights are cached by it, so a view reads one row instead of every student's.

    No foreign key constraint: the rows a cohort's deletion removes bump it on their way out, and a trigger
    removes it with the cohort."""

    cohort = models.OneToOneField(
        Cohort, primary_key=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"sharing version {self.number} of cohort {self.cohort_id}"


class ReviewStatus(models.TextChoices):
    NEW = "new", _("New")
    REVIEWED = "reviewed", _("Reviewed")
    FOLLOW_UP = "follow-up", _("Follow up")


class MembershipQuerySet(models.QuerySet):
    def active(self) -> MembershipQuerySet:
        return self.filter(ended_at__isnull=True)


class Membership(models.Model):
    """A student sharing their results with a cohort's counsellors, from consent until they stop."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="memberships")
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    consented_at = models.DateTimeField(_("consented at"))
    consent_version = models.CharField(_("consent wording version"), max_length=20)
    guardian_name = models.CharField(_("parent or guardian"), max_length=80, blank=True)
    guardian_consented_at = models.DateTimeField(_("guardian agreed at"), null=True, blank=True)
    guardian_consent_version = models.CharField(_("guardian consent wording version"), max_length=20, blank=True)
    ended_at = models.DateTimeField(_("stopped sharing at"), null=True, blank=True)
    status = models.CharField(_("review status"), max_length=9, choices=ReviewStatus.choices, default=ReviewStatus.NEW)
    # A copy of the student's `User.latest_result_at`, set on joining and kept with it by
    # `assessments.services.latest_result_refresh`, so that a cohort's table, newest result first (its default
    # order), reads a page from the index below instead of sorting every student who shares with the cohort.
    latest_result_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-consented_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "student"],
                condition=Q(ended_at__isnull=True),
                name="counselling_membership_one_active_per_cohort",
                violation_error_message=_("You already share with this cohort."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values), name="counselling_membership_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("consented_at")),
                name="counselling_membership_ends_after_it_starts",
            ),
        ]
        indexes = [
            # The cohort table's "latest" order, as `counselling.selectors` writes it: students without a result
            # last on every database (NULL is the smallest value to SQLite and the largest to PostgreSQL), then
            # the newest result first.
            models.Index(
                "cohort",
                Q(latest_result_at__isnull=True),
                models.F("latest_result_at").desc(),
                name="counselling_membership_latest",
                condition=Q(ended_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} in {self.cohort}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class StatusChange(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=9, choices=ReviewStatus.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.membership}: {self.status}"


class Note(models.Model):
    """A counsellor's note on a student in a cohort: private to the cohort's counsellors unless shared."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="notes")
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notes_about")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="notes_written"
    )
    text = models.TextField(_("note"), max_length=4000)
    shared_with_student = models.BooleanField(_("shared with the student"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"note on {self.student} in {self.cohort}"


class ViewKind(models.TextChoices):
    RESULT = "result", _("Result")
    PLAN = "plan", _("Learning plan")
    PLAN_CSV = "plan-csv", _("Learning plan (CSV)")


class ResultView(models.Model):
    """The audit trail: a counsellor opened a student's result or plan. The student can see these."""

    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="result_views"
    )
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey(Cohort, on_delete=models.SET_NULL, null=True, related_name="+")
    result = models.ForeignKey("assessments.Result", on_delete=models.CASCADE, related_name="views")
    kind = models.CharField(max_length=8, choices=ViewKind.choices)
    viewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-viewed_at"]

    def __str__(self) -> str:
        return f"{self.counsellor} viewed {self.result} ({self.kind})"
