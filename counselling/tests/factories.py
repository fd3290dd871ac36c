"""Students, counsellors and cohorts for counselling tests, built through the services."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.test import Client

from accounts.models import User
from assessments import services as assessments
from assessments.forms import AnswerInput
from assessments.models import Result
from counselling import services
from counselling.models import COUNSELLORS_GROUP, Cohort


def counsellor(email: str, name: str = "") -> User:
    user = User.objects.create_user(email, "a-long-password", display_name=name or email.split("@")[0].title())
    user.groups.add(Group.objects.get(name=COUNSELLORS_GROUP))
    return user


def cohort(name: str, *counsellors: User) -> Cohort:
    created = services.cohort_create(counsellor=counsellors[0], name=name)
    created.counsellors.add(*counsellors[1:])
    return created


def student(
    email: str,
    name: str,
    *,
    levels: dict | None = None,
    target: str | None = None,
    stage: str = "post-secondary",
    evidence: str = "",
) -> User:
    """A student with one submitted result (unless levels is None)."""
    user = User.objects.create_user(email, "a-long-password", display_name=name, age_band="13-17")
    if levels is not None:
        add_result(user, levels, target=target, stage=stage, evidence=evidence)
    return user


def add_result(
    user: User, levels: dict, *, target: str | None = None, stage: str = "post-secondary", evidence: str = ""
) -> Result:
    assessment = assessments.assessment_start(owner=user)
    assessments.assessment_save_profile(
        assessment=assessment, stage=stage, hours_per_week=6, interests=[], reach_step=2
    )
    assessments.assessment_save_answers(
        assessment=assessment,
        answers={skill: AnswerInput(level, False, evidence) for skill, level in levels.items()},
    )
    result = assessments.assessment_submit(assessment=assessment)
    if target:
        result = assessments.result_replan(result=result, target_role=target)
    return result


def backdate(user: User, when) -> None:
    """The user's results scored at `when`, as if they had been, with the copies of the time kept up."""
    Result.objects.filter(assessment__owner=user).update(created_at=when)
    assessments.latest_result_refresh(owner_ids=[user.pk])


def share(user: User, with_cohort: Cohort):
    return services.membership_join(student=user, cohort=with_cohort)


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
