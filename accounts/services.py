"""Writes and exports for accounts."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Prefetch

from accounts.models import User
from assessments.models import Result
from assessments.presenters import result_ranking


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
    return {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "date_joined": user.date_joined.isoformat(),
        },
        "assessments": assessments,
    }


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete the account and everything in it: assessments, answers, results."""
    user.delete()
