"""Reads for the student journey: access scoped to the person asking, history, snapshot catalogues."""

from __future__ import annotations

import threading
from collections import OrderedDict
from uuid import UUID

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from assessments.models import Assessment, AssessmentStatus, CatalogueSnapshot, Result
from roles.compiled import CompiledCatalogue
from roles.selectors import compiled_catalogue


def _visible(user, owner_field: str) -> Q:
    """Rows whose owner is `user`, or that nobody owns (an anonymous assessment: its link is the key)."""
    anonymous = Q(**{f"{owner_field}__isnull": True})
    return anonymous | Q(**{owner_field: user}) if user.is_authenticated else anonymous


def assessment_for(*, user, assessment_id: UUID) -> Assessment:
    """The assessment if `user` may open it; 404 for anyone else's (never 403, which would confirm it exists)."""
    try:
        return Assessment.objects.filter(_visible(user, "owner")).get(id=assessment_id)
    except Assessment.DoesNotExist:
        raise Http404("No such assessment.") from None


def result_for(*, user, result_id: UUID) -> Result:
    """The result if `user` may open it, with its catalogue snapshot's fingerprint but not its data."""
    try:
        return (
            Result.objects.filter(_visible(user, "assessment__owner"))
            .select_related("assessment", "catalogue")
            .defer("catalogue__data")
            .get(id=result_id)
        )
    except Result.DoesNotExist:
        raise Http404("No such result.") from None


_snapshots: OrderedDict[str, CompiledCatalogue] = OrderedDict()
_snapshots_lock = threading.Lock()
SNAPSHOTS_KEPT = 8


def catalogue_for_result(result: Result) -> CompiledCatalogue:
    """The catalogue a result was scored with: today's compiled one if unchanged, else its snapshot."""
    current = compiled_catalogue()
    fingerprint = result.catalogue.fingerprint
    if current.fingerprint == fingerprint:
        return current
    with _snapshots_lock:
        if fingerprint in _snapshots:
            _snapshots.move_to_end(fingerprint)
            return _snapshots[fingerprint]
    data = CatalogueSnapshot.objects.filter(fingerprint=fingerprint).values_list("data", flat=True).get()
    catalogue = CompiledCatalogue.from_dict(data)
    with _snapshots_lock:
        _snapshots[fingerprint] = catalogue
        while len(_snapshots) > SNAPSHOTS_KEPT:
            _snapshots.popitem(last=False)
    return catalogue


def catalogue_changed_since(result: Result) -> bool:
    return compiled_catalogue().fingerprint != result.catalogue.fingerprint


# The result columns a list needs: never the big JSON snapshots.
RESULT_LIST_FIELDS = (
    "id",
    "created_at",
    "kind",
    "best_role_title",
    "best_fit",
    "target_role_title",
    "assessment_id",
    "catalogue__fingerprint",
)


def history(*, user) -> dict[str, QuerySet]:
    """A student's results, newest first, and the assessments they have not submitted yet (2 queries)."""
    return {
        "results": Result.objects.owned_by(user).select_related("catalogue").only(*RESULT_LIST_FIELDS),
        "drafts": Assessment.objects.owned_by(user)
        .filter(status=AssessmentStatus.DRAFT)
        .annotate(answer_count=Count("answers"))
        .order_by("-updated_at"),
    }


def latest_draft_for(*, user, session_ids: list[str]) -> Assessment | None:
    """The unfinished assessment to offer on the landing page: the user's, or one this browser started."""
    drafts = Assessment.objects.drafts()
    if user.is_authenticated:
        return drafts.filter(owner=user).order_by("-updated_at").first()
    if not session_ids:
        return None
    return drafts.filter(id__in=session_ids, owner__isnull=True).order_by("-updated_at").first()
