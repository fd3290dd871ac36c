"""Writes for counselling: cohorts, consent, review status, notes and the view audit."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.utils import timezone

from counselling.models import (
    COUNSELLORS_GROUP,
    Cohort,
    Membership,
    Note,
    ResultView,
    ReviewStatus,
    StatusChange,
    new_join_code,
)

# Bump when the wording on the consent page changes, so each consent records what the student read.
CONSENT_VERSION = "2026-11-v1"
# The same for the wording a parent or guardian agrees to when the student is under 13.
GUARDIAN_CONSENT_VERSION = "2026-11-guardian-v1"


class AlreadySharing(Exception):
    pass


def counsellors_group_sync() -> Group:
    group, _ = Group.objects.get_or_create(name=COUNSELLORS_GROUP)
    return group


def cohort_create(*, counsellor, name: str) -> Cohort:
    with transaction.atomic():
        cohort = Cohort.objects.create(name=name)
        cohort.counsellors.add(counsellor)
    return cohort


def cohort_regenerate_code(*, cohort: Cohort) -> Cohort:
    """A new join code; the old one stops working. Students already sharing keep sharing."""
    for _ in range(5):
        cohort.join_code = new_join_code()
        try:
            with transaction.atomic():
                cohort.save(update_fields=["join_code"])
            return cohort
        except IntegrityError:  # an astronomically unlikely clash with another cohort's code
            continue
    raise RuntimeError("could not find an unused join code")


@transaction.atomic
def membership_join(
    *, student, cohort: Cohort, display_name: str | None = None, age_band: str = "", guardian_name: str = ""
) -> Membership:
    """Record the student's consent to share with the cohort's counsellors; under 13, their guardian's too."""
    changed = []
    if display_name is not None and display_name != student.display_name:
        student.display_name = display_name
        changed.append("display_name")
    if age_band and not student.age_band:
        student.age_band = age_band
        changed.append("age_band")
    if changed:
        student.save(update_fields=changed)
    if student.needs_guardian_consent and not guardian_name:
        raise ValueError("a student under 13 shares only with a parent's or guardian's consent")
    if Membership.objects.active().filter(cohort=cohort, student=student).exists():
        raise AlreadySharing(cohort.name)
    try:
        with transaction.atomic():
            now = timezone.now()
            guardian = (
                {
                    "guardian_name": guardian_name,
                    "guardian_consented_at": now,
                    "guardian_consent_version": GUARDIAN_CONSENT_VERSION,
                }
                if student.needs_guardian_consent
                else {}
            )
            # The student's row is locked, as `latest_result_refresh` locks it by updating it first: a result
            # saved at the same moment is either copied here or copies itself onto this sharing afterwards.
            latest_result_at = (
                get_user_model()
                .objects.select_for_update()
                .filter(pk=student.pk)
                .values_list("latest_result_at", flat=True)
                .get()
            )
            return Membership.objects.create(
                cohort=cohort,
                student=student,
                consented_at=now,
                consent_version=CONSENT_VERSION,
                latest_result_at=latest_result_at,
                **guardian,
            )
    except IntegrityError:  # the same consent submitted twice at once
        raise AlreadySharing(cohort.name) from None


def membership_end(*, membership: Membership) -> Membership:
    """Stop sharing: the cohort's counsellors lose access at once."""
    if membership.ended_at is None:
        membership.ended_at = timezone.now()
        membership.save(update_fields=["ended_at"])
    return membership


@transaction.atomic
def membership_set_status(*, membership: Membership, status: str, changed_by) -> Membership:
    status = ReviewStatus(status)
    if membership.status != status:
        membership.status = status
        membership.save(update_fields=["status"])
        StatusChange.objects.create(membership=membership, status=status, changed_by=changed_by)
    return membership


def note_add(*, cohort: Cohort, student, author, text: str, shared_with_student: bool) -> Note:
    return Note.objects.create(
        cohort=cohort, student=student, author=author, text=text, shared_with_student=shared_with_student
    )


def result_view_record(*, counsellor, cohort: Cohort, result, kind: str) -> ResultView:
    return ResultView.objects.create(
        counsellor=counsellor, student_id=result.assessment.owner_id, cohort=cohort, result=result, kind=kind
    )
