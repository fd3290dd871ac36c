"""Assessments (a student's answers, saved step by step) and results (snapshots of what was shown).

Personal rows are found by UUID. An assessment with no owner is anonymous: its UUID is its private link.
"""

from __future__ import annotations

import hashlib
import json
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessments.planning import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK, Plan
from assessments.scoring import levels_from_answers, scored_level
from careerfit.sql import DecodedOnFirstUse
from roles.choices import YearsInTech
from roles.levels import MAX_LEVEL


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("In progress")
    SUBMITTED = "submitted", _("Submitted")


class AssessmentQuerySet(models.QuerySet):
    def owned_by(self, user) -> AssessmentQuerySet:
        return self.filter(owner=user) if user.is_authenticated else self.none()

    def drafts(self) -> AssessmentQuerySet:
        return self.filter(status=AssessmentStatus.DRAFT)


class Assessment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="assessments"
    )
    status = models.CharField(max_length=9, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT)
    stage = models.SlugField(_("stage"), blank=True, help_text=_("The slug of a catalogue stage."))
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"), null=True, blank=True)
    interests = models.JSONField(_("roles of interest"), default=list, blank=True)
    experience = models.CharField(
        _("years in tech"), max_length=7, choices=YearsInTech.choices, default=YearsInTech.NONE
    )
    reached_step = models.PositiveSmallIntegerField(default=1, help_text=_("The furthest step the student may open."))
    retake_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="retakes")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=True)
                | Q(hours_per_week__gte=MIN_HOURS_PER_WEEK, hours_per_week__lte=MAX_HOURS_PER_WEEK),
                name="assessments_assessment_hours_range",
                violation_error_message=_("Hours per week must be from 1 to 60."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=AssessmentStatus.values), name="assessments_assessment_status_valid"
            ),
            models.CheckConstraint(condition=Q(reached_step__gte=1), name="assessments_assessment_step_positive"),
        ]

    def __str__(self) -> str:
        return f"assessment {self.id} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("assessments:resume", args=[self.id])

    @property
    def is_draft(self) -> bool:
        return self.status == AssessmentStatus.DRAFT


class Answer(models.Model):
    """One skill's answer: a level from 0 to 5, or "not sure" (which scores as 0, flagged)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    skill = models.SlugField(_("skill"))
    level = models.PositiveSmallIntegerField(_("level"), null=True, blank=True)
    not_sure = models.BooleanField(_("not sure"), default=False)
    evidence = models.CharField(_("evidence"), max_length=500, blank=True)

    class Meta:
        ordering = ["assessment_id", "skill"]  # by the column: "assessment" would join to sort by its ordering
        constraints = [
            models.UniqueConstraint(fields=["assessment", "skill"], name="assessments_answer_once_per_skill"),
            models.CheckConstraint(
                condition=(Q(not_sure=True) & Q(level__isnull=True))
                | (Q(not_sure=False) & Q(level__gte=0) & Q(level__lte=MAX_LEVEL)),
                name="assessments_answer_level_or_not_sure",
                violation_error_message=_("An answer is a level from 0 to 5, or “not sure”."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill}: {'not sure' if self.not_sure else self.level}"

    @property
    def scored_level(self) -> int:
        return scored_level(self.level, self.not_sure)


class CatalogueSnapshot(models.Model):
    """The compiled catalogue a result was scored against, stored once per distinct content."""

    fingerprint = models.CharField(max_length=16, unique=True)
    version = models.PositiveBigIntegerField()
    data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"catalogue {self.fingerprint} (version {self.version})"


class ResultKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    RESCORED = "rescored", _("Re-scored with a newer catalogue")


class ResultQuerySet(models.QuerySet):
    def owned_by(self, user) -> ResultQuerySet:
        return self.filter(assessment__owner=user) if user.is_authenticated else self.none()


class Result(DecodedOnFirstUse, models.Model):
    """A snapshot: the answers, the catalogue used and the scores and plan exactly as shown.

    The ranking is the fixed fit formula applied to the answers and the result's own catalogue snapshot,
    so it never changes and is not stored twice; the page computes it (`assessments.presenters`). The
    plan is stored as the engine gave it (`assessments.planning.Plan`, as JSON). It follows the student's
    choice of target role and weekly hours, always against the catalogue the result was scored with.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="results")
    kind = models.CharField(max_length=9, choices=ResultKind.choices, default=ResultKind.SUBMITTED)
    rescored_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="rescores")
    catalogue = models.ForeignKey(CatalogueSnapshot, on_delete=models.PROTECT, related_name="results")
    created_at = models.DateTimeField(auto_now_add=True)
    answers = models.JSONField()  # {skill: {"level": int | None, "not_sure": bool, "evidence": str}}
    profile = models.JSONField()  # {"stage", "stage_name", "hours_per_week", "interests", "experience"}
    target_role = models.SlugField(blank=True)  # empty when no role fits at all yet: no target, no plan
    plan = models.JSONField(null=True)  # assessments.planning.Plan as JSON
    # Copied out of the snapshot so that lists of results need no JSON parsing.
    best_role_title = models.CharField(max_length=120)
    best_fit = models.PositiveSmallIntegerField()
    target_role_title = models.CharField(max_length=120, blank=True)

    objects = ResultQuerySet.as_manager()

    # Not a column: the catalogue's version number as `selectors.result_for` read it with the result, so that the
    # request compares the result with today's catalogue without a statement of its own; None when read otherwise.
    todays_catalogue_version: int | None = None

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment"],
                condition=Q(kind=ResultKind.SUBMITTED),
                name="assessments_result_one_submission_per_assessment",
            ),
            models.CheckConstraint(condition=Q(kind__in=ResultKind.values), name="assessments_result_kind_valid"),
            models.CheckConstraint(condition=Q(best_fit__lte=100), name="assessments_result_fit_percent"),
        ]
        # A student's latest result, by assessment: what every counsellor list looks up once per student.
        indexes = [models.Index(fields=["assessment", "-created_at"], name="assessments_result_latest")]

    def __str__(self) -> str:
        return f"result {self.id}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:result", args=[self.id])

    def levels(self) -> dict[str, int]:
        """The levels the result was scored with ("not sure" counts as 0)."""
        return levels_from_answers(self.answers)

    def learning_plan(self) -> Plan | None:
        return Plan.model_validate(self.plan) if self.plan else None

    def plan_fingerprint(self) -> str:
        """Changes whenever the stored plan does (a new target, pace or choice): keys its cached rendering. Taken
        from the plan's JSON as stored while the result, read by `result_for`, has not decoded it, so that a
        cached plan page never decodes its plan. (That text is what encoding the plan gives on SQLite, not on
        PostgreSQL, whose JSON text orders keys its own way: a key only has to change with the plan.)"""
        stored = self.as_read("plan")
        return hashlib.blake2b((stored or json.dumps(self.plan)).encode(), digest_size=8).hexdigest()

    @property
    def experience(self) -> str | None:
        """The student's years in tech; None for a result saved before the question was asked."""
        return self.profile.get("experience")


class TargetRequirement(models.Model):
    """One requirement of a result's target role, as the result's own catalogue had it, with the student's level.

    Written with the result (and again when its target changes), so that cohort insights count who lacks
    what in the database (`counselling.selectors.InsightCounts`) instead of reading every result's
    answers and catalogue in Python. Derived from the result; never edited.
    """

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="target_requirements")
    target_role = models.SlugField()  # the result's target_role, copied so that counting needs no join
    skill = models.SlugField()
    skill_name = models.CharField(max_length=200)
    required = models.PositiveSmallIntegerField()
    level = models.PositiveSmallIntegerField()  # "not sure" counts as 0, as in the fit

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["result", "skill"], name="assessments_targetrequirement_once_per_skill")
        ]

    def __str__(self) -> str:
        return f"{self.skill}: {self.level} of {self.required}"
