"""Walk the questionnaire through the test client, the way a student's browser would."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from uuid import UUID

from assessments.models import Assessment
from assessments.questionnaire import questionnaire_steps
from roles.selectors import compiled_catalogue


def steps():
    return questionnaire_steps(compiled_catalogue())


def step_url(assessment_id, number: int) -> str:
    return f"/assessment/{assessment_id}/step/{number}/"


def start(client) -> UUID:
    response = client.post("/assessment/start/")
    assert response.status_code == 302, response
    return UUID(response.url.split("/")[2])


def fill_profile(client, assessment_id, *, stage="high-school", hours=6, interests=(), experience="none") -> None:
    response = client.post(
        step_url(assessment_id, 1),
        {
            "stage": stage,
            "hours_per_week": str(hours),
            "experience": experience,
            "interests": list(interests),
            "action": "next",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]


Levels = Mapping[str, int | str] | Callable[[str], int | str] | None


def answer_all(client, assessment_id, levels: Levels = None) -> None:
    """Answer every skills step; `levels` gives each skill's answer (default 0; "not-sure" allowed)."""
    for step in steps():
        if not step.is_skills:
            continue
        data = {"action": "next"}
        for skill in step.skills:
            value = levels(skill.slug) if callable(levels) else (levels or {}).get(skill.slug, 0)
            data[skill.slug] = str(value)
        response = client.post(step_url(assessment_id, step.number), data)
        assert response.status_code == 302, response.content.decode()[:3000]


def submit(client, assessment_id, **extra) -> UUID:
    response = client.post(step_url(assessment_id, len(steps())), extra)
    assert response.status_code == 302, response.content.decode()[:3000]
    return UUID(response.url.split("/")[2])


def complete(
    client, levels=None, *, stage="high-school", hours=6, experience="none", interests=()
) -> tuple[UUID, UUID]:
    """A whole assessment, from start to result: returns (assessment id, result id)."""
    assessment_id = start(client)
    fill_profile(client, assessment_id, stage=stage, hours=hours, experience=experience, interests=interests)
    answer_all(client, assessment_id, levels)
    confirm = {} if levels else {"confirm_same": "on"}
    return assessment_id, submit(client, assessment_id, **confirm)


def assessment(assessment_id) -> Assessment:
    return Assessment.objects.get(id=assessment_id)


DATA_SCIENTIST_LIKE = {
    "python": 3,
    "sql": 3,
    "pandas": 3,
    "statistics": 2,
    "excel": 3,
    "communication": 3,
    "git": 2,
    "matplotlib": 2,
    "exploratory-data-analysis": 2,
    "scikit-learn": 1,
    "machine-learning": 2,
    "linux": 1,
}
