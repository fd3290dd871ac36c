"""Reads for counselling. A counsellor reaches a student only through an active membership of one of
their cohorts; everything else is a 404."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from assessments.models import Result
from assessments.selectors import catalogue_for_result
from counselling.insights import StudentLevels
from counselling.models import COUNSELLORS_GROUP, Cohort, Membership, Note, ResultView

SORTS = {
    "name": ("student__display_name", "student__id"),
    "latest": (F("latest_at").desc(nulls_last=True), "student__display_name"),
    "fit": (F("best_fit").desc(nulls_last=True), "student__display_name"),
    "status": ("status", "student__display_name"),
}


def is_counsellor(user) -> bool:
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_careerfit_is_counsellor", None)
    if cached is None:
        cached = user.groups.filter(name=COUNSELLORS_GROUP).exists()
        user._careerfit_is_counsellor = cached
    return cached


def require_counsellor(user) -> None:
    if not is_counsellor(user):
        raise PermissionDenied("Only counsellors can open this page.")


def cohorts_for(*, counsellor) -> QuerySet[Cohort]:
    return counsellor.cohorts_counselled.annotate(
        sharing=Count("memberships", filter=Q(memberships__ended_at__isnull=True))
    ).order_by("name")


def cohort_for(*, counsellor, cohort_id: UUID) -> Cohort:
    require_counsellor(counsellor)
    try:
        return counsellor.cohorts_counselled.get(id=cohort_id)
    except Cohort.DoesNotExist:
        raise Http404("No such cohort.") from None


def _latest_results() -> QuerySet[Result]:
    return Result.objects.filter(assessment__owner=OuterRef("student")).order_by("-created_at")


def cohort_rows(
    *, cohort: Cohort, query: str = "", status: str = "", target: str = "", sort: str = "latest"
) -> QuerySet[Membership]:
    """The students sharing with a cohort, each with their latest result's summary, in one query."""
    latest = _latest_results()
    result_counts = (
        Result.objects.filter(assessment__owner=OuterRef("student"))
        .values("assessment__owner")
        .annotate(count=Count("id"))
        .values("count")
    )
    rows = (
        Membership.objects.active()
        .filter(cohort=cohort)
        .select_related("student")
        .annotate(
            latest_id=Subquery(latest.values("id")[:1]),
            latest_at=Subquery(latest.values("created_at")[:1]),
            best_role=Subquery(latest.values("best_role_title")[:1]),
            best_fit=Subquery(latest.values("best_fit")[:1]),
            target_slug=Subquery(latest.values("target_role")[:1]),
            target_title=Subquery(latest.values("target_role_title")[:1]),
            result_count=Coalesce(Subquery(result_counts, output_field=IntegerField()), 0),
        )
    )
    if query:
        rows = rows.filter(student__display_name__icontains=query)
    if status:
        rows = rows.filter(status=status)
    if target:
        rows = rows.filter(target_slug=target)
    return rows.order_by(*SORTS.get(sort, SORTS["latest"]))


def membership_for(*, counsellor, cohort: Cohort, student_uuid: UUID) -> Membership:
    try:
        return Membership.objects.active().select_related("student").get(cohort=cohort, student__uuid=student_uuid)
    except Membership.DoesNotExist:
        raise Http404("This student does not share with this cohort.") from None


def shared_result_for(*, cohort: Cohort, result_id: UUID) -> Result:
    """A result whose owner shares with the cohort right now; the catalogue's data is left unloaded."""
    sharing = Membership.objects.active().filter(cohort=cohort).values("student_id")
    try:
        return (
            Result.objects.filter(assessment__owner__in=sharing)
            .select_related("assessment__owner", "catalogue")
            .defer("catalogue__data")
            .get(id=result_id)
        )
    except Result.DoesNotExist:
        raise Http404("No such shared result.") from None


def student_file(*, cohort: Cohort, membership: Membership) -> dict:
    student = membership.student
    return {
        "results": Result.objects.filter(assessment__owner=student).only(
            "id", "created_at", "kind", "best_role_title", "best_fit", "target_role_title"
        ),
        "notes": Note.objects.filter(cohort=cohort, student=student).select_related("author"),
        "status_changes": membership.status_changes.select_related("changed_by"),
    }


def shares_of(*, student) -> QuerySet[Membership]:
    return (
        Membership.objects.active()
        .filter(student=student)
        .select_related("cohort")
        .prefetch_related("cohort__counsellors")
    )


def views_of(*, student) -> QuerySet[ResultView]:
    return ResultView.objects.filter(student=student).select_related("counsellor", "cohort", "result")


def notes_for_student(*, student) -> QuerySet[Note]:
    return Note.objects.filter(student=student, shared_with_student=True).select_related("author", "cohort")


def latest_results_of(*, cohort: Cohort) -> list[Result]:
    """Each sharing student's latest result (2 queries), with its catalogue snapshot's fingerprint."""
    ids = [
        row.latest_id
        for row in Membership.objects.active()
        .filter(cohort=cohort)
        .annotate(latest_id=Subquery(_latest_results().values("id")[:1]))
        .only("id")
        if row.latest_id
    ]
    return list(
        Result.objects.filter(id__in=ids)
        .select_related("catalogue")
        .only("id", "answers", "target_role", "target_role_title", "best_fit", "catalogue__fingerprint")
    )


def student_levels(*, cohort: Cohort) -> list[StudentLevels]:
    """What insights need from each sharing student's latest result, judged by that result's own catalogue."""
    students = []
    for result in latest_results_of(cohort=cohort):
        catalogue = catalogue_for_result(result)
        role = catalogue.role_by_slug.get(result.target_role)
        if role is None:
            continue
        skills = catalogue.skill_by_slug
        students.append(
            StudentLevels(
                target=role.slug,
                target_title=role.title,
                required={r.skill: r.level for r in role.requirements},
                skill_names={r.skill: skills[r.skill].name for r in role.requirements if r.skill in skills},
                levels=result.levels(),
                best_fit=result.best_fit,
            )
        )
    return students
