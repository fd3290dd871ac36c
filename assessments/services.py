"""Writes for the student journey. Keyword-only, typed, one transaction where several rows change."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import nullcontext
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from assessments.forms import AnswerInput
from assessments.framing import default_target, suited
from assessments.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    CatalogueSnapshot,
    Result,
    ResultKind,
    TargetRequirement,
)
from assessments.planning import DEFAULT_HOURS_PER_WEEK, Plan, plan
from assessments.questionnaire import questionnaire_steps
from assessments.scoring import levels_from_answers, score, unrated_skills
from assessments.selectors import SavedAnswer, answers_of, catalogue_for_result
from careerfit import sql
from counselling.models import Membership
from roles.choices import YearsInTech
from roles.compiled import CompiledCatalogue
from roles.selectors import compiled_catalogue


def assessment_start(*, owner=None, retake_of: Assessment | None = None) -> Assessment:
    return Assessment.objects.create(owner=owner if owner and owner.is_authenticated else None, retake_of=retake_of)


# A draft's `updated_at` says when it was last worked on, to within this: the purge of stale drafts counts days and
# "my assessments" shows the date. A post that changes nothing, this soon after the last write, writes nothing (a
# student going back over saved steps; on PostgreSQL each commit waits for the write-ahead log to reach the disk).
WORKED_ON_WITHIN = timedelta(minutes=5)


def _worked_on_long_ago(assessment: Assessment) -> bool:
    return assessment.updated_at <= timezone.now() - WORKED_ON_WITHIN


def assessment_save_profile(
    *,
    assessment: Assessment,
    stage: str,
    hours_per_week: int,
    interests: list[str],
    reach_step: int,
    experience: str = YearsInTech.NONE,
) -> Assessment:
    given = (stage, hours_per_week, list(interests), experience)
    saved = (assessment.stage, assessment.hours_per_week, list(assessment.interests), assessment.experience)
    if given == saved and reach_step <= assessment.reached_step and not _worked_on_long_ago(assessment):
        return assessment
    assessment.stage = stage
    assessment.hours_per_week = hours_per_week
    assessment.interests = list(interests)
    assessment.experience = experience
    assessment.reached_step = max(assessment.reached_step, reach_step)
    assessment.save(update_fields=["stage", "hours_per_week", "interests", "experience", "reached_step", "updated_at"])
    return assessment


def assessment_save_answers(
    *,
    assessment: Assessment,
    answers: Mapping[str, AnswerInput],
    reach_step: int | None = None,
    saved: Mapping[str, SavedAnswer] | None = None,
) -> Assessment:
    """Upsert the given answers (other skills' answers stay as they were) and open the next step.

    `saved` are the answers as the caller read them (`answers_of`), so that unchanged answers are not written;
    they are read here when not given. The answers that changed are written in one statement that inserts or
    updates each, so two tabs saving the same skill at once both succeed (the later answer stays), even when
    what they read is already out of date.
    """
    if saved is None:
        saved = answers_of(assessment)
    changed = [
        Answer(assessment=assessment, skill=skill, level=given.level, not_sure=given.not_sure, evidence=given.evidence)
        for skill, given in answers.items()
        if (answer := saved.get(skill)) is None
        or (answer.level, answer.not_sure, answer.evidence) != (given.level, given.not_sure, given.evidence)
    ]
    fields: tuple[str, ...] = ()
    if reach_step and reach_step > assessment.reached_step:
        assessment.reached_step = reach_step
        fields += ("reached_step",)
    if changed or fields or _worked_on_long_ago(assessment):
        fields += ("updated_at",)
    # A post that changes no answer (moving on after the answers were saved as the student went) writes one row
    # at most, which needs no transaction around it: on PostgreSQL its BEGIN and COMMIT were two more round trips.
    with transaction.atomic() if changed else nullcontext():
        Answer.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["assessment", "skill"],
            update_fields=["level", "not_sure", "evidence"],
        )
        if fields:
            sql.update(assessment, fields)  # the ORM's save took four times as long
    return assessment


def _answers_snapshot(assessment: Assessment) -> dict[str, dict[str, Any]]:
    return {
        answer.skill: {"level": answer.level, "not_sure": answer.not_sure, "evidence": answer.evidence}
        for answer in assessment.answers.order_by("skill")
    }


def _profile_snapshot(assessment: Assessment, catalogue: CompiledCatalogue) -> dict[str, Any]:
    stage = catalogue.stage_by_slug.get(assessment.stage)
    return {
        "stage": stage.slug if stage else "",
        "stage_name": stage.name if stage else "",
        "hours_per_week": assessment.hours_per_week,
        "interests": [slug for slug in assessment.interests if slug in catalogue.role_by_slug],
        "experience": assessment.experience,
    }


def catalogue_snapshot_store(catalogue: CompiledCatalogue) -> CatalogueSnapshot:
    snapshot, _ = CatalogueSnapshot.objects.get_or_create(
        fingerprint=catalogue.fingerprint, defaults={"version": catalogue.version, "data": catalogue.to_dict()}
    )
    return snapshot


def scored_fields(
    *,
    catalogue: CompiledCatalogue,
    answers: Mapping[str, Mapping[str, Any]],
    profile: Mapping[str, Any],
    target: str | None,
    start: date,
    choices: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Everything a result stores about its scores and plan, computed once.

    The plan is for `target` if the catalogue still has it, else for the default target (`framing`); when
    nothing fits at all yet there is no target and no plan, rather than a plan for a role at 0 %.
    """
    levels = {skill: level for skill, level in levels_from_answers(answers).items() if skill in catalogue.skill_by_slug}
    ranking = score(catalogue=catalogue, levels=levels)
    experience = profile.get("experience")
    at_level, _ = suited(ranking, experience)
    best = at_level[0] if at_level else ranking.best()
    if target in catalogue.role_by_slug:
        target_slug = target
    else:
        chosen = default_target(ranking, interests=profile.get("interests", ()), experience=experience)
        target_slug = chosen.role.slug if chosen else ""
    learning_plan = (
        _plan_for(catalogue, answers, profile, target_slug, start=start, choices=choices or {}) if target_slug else None
    )
    return {
        "plan": learning_plan.model_dump(mode="json") if learning_plan else None,
        "target_role": target_slug,
        "target_role_title": learning_plan.role_title if learning_plan else "",
        "best_role_title": best.role.title,
        "best_fit": best.fit,
    }


def target_requirements_store(*, result: Result, catalogue: CompiledCatalogue) -> None:
    """Record the result's target requirements with the student's levels (TargetRequirement), replacing any."""
    result.target_requirements.all().delete()
    role = catalogue.role_by_slug.get(result.target_role)
    if role is None:
        return
    TargetRequirement.objects.bulk_create(target_requirements(role, catalogue, result.levels(), result=result))


def target_requirements(role, catalogue: CompiledCatalogue, levels: Mapping[str, int], **fields) -> list:
    skills = catalogue.skill_by_slug
    return [
        TargetRequirement(
            target_role=role.slug,
            skill=requirement.skill,
            skill_name=skills[requirement.skill].name if requirement.skill in skills else requirement.skill,
            required=requirement.level,
            level=levels.get(requirement.skill, 0),
            **fields,
        )
        for requirement in role.requirements
    ]


def _plan_for(
    catalogue: CompiledCatalogue,
    answers: Mapping[str, Mapping[str, Any]],
    profile: Mapping[str, Any],
    target: str,
    *,
    start: date,
    choices: Mapping[str, str],
    hours_per_week: int | None = None,
) -> Plan:
    levels = {skill: level for skill, level in levels_from_answers(answers).items() if skill in catalogue.skill_by_slug}
    return plan(
        catalogue=catalogue,
        levels=levels,
        hours_per_week=hours_per_week or profile["hours_per_week"] or DEFAULT_HOURS_PER_WEEK,
        role_slug=target,
        stage=profile["stage"] or None,
        start=start,
        experience=profile.get("experience") or YearsInTech.NONE,
        choices=choices,
        unrated=unrated_skills(answers, catalogue.skill_by_slug),
    )


def assessment_submit(*, assessment: Assessment) -> Result:
    """Score the assessment and save the result. Submitting again returns the result already saved."""
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        existing = locked.results.filter(kind=ResultKind.SUBMITTED).first()
        if existing is not None:
            return existing
        catalogue = compiled_catalogue()
        profile = _profile_snapshot(locked, catalogue)
        answers = _answers_snapshot(locked)
        try:
            with transaction.atomic():
                result = Result.objects.create(
                    assessment=locked,
                    kind=ResultKind.SUBMITTED,
                    catalogue=catalogue_snapshot_store(catalogue),
                    answers=answers,
                    profile=profile,
                    **scored_fields(
                        catalogue=catalogue, answers=answers, profile=profile, target=None, start=timezone.localdate()
                    ),
                )
        except IntegrityError:  # a simultaneous submission got there first
            return locked.results.get(kind=ResultKind.SUBMITTED)
        target_requirements_store(result=result, catalogue=catalogue)
        locked.status = AssessmentStatus.SUBMITTED
        locked.save(update_fields=["status", "updated_at"])
        if locked.owner_id:
            latest_result_refresh(owner_ids=[locked.owner_id])
        return result


@transaction.atomic
def result_rescore(*, result: Result) -> Result:
    """A new result from the same answers against today's catalogue; the old result stays as it was."""
    catalogue = compiled_catalogue()
    profile = {**result.profile, "interests": [s for s in result.profile["interests"] if s in catalogue.role_by_slug]}
    if profile["stage"] and profile["stage"] not in catalogue.stage_by_slug:
        profile.update(stage="", stage_name="")
    rescored = Result.objects.create(
        assessment=result.assessment,
        kind=ResultKind.RESCORED,
        rescored_from=result,
        catalogue=catalogue_snapshot_store(catalogue),
        answers=result.answers,
        profile=profile,
        **scored_fields(
            catalogue=catalogue,
            answers=result.answers,
            profile=profile,
            target=result.target_role,
            start=timezone.localdate(),
        ),
    )
    target_requirements_store(result=rescored, catalogue=catalogue)
    if result.assessment.owner_id:
        latest_result_refresh(owner_ids=[result.assessment.owner_id])
    return rescored


@transaction.atomic
def result_replan(
    *,
    result: Result,
    target_role: str | None = None,
    hours_per_week: int | None = None,
    choice: tuple[str, str] | None = None,
) -> Result:
    """Change the plan's target role, weekly hours or the skill learnt for an "any one of" requirement
    (`choice`: its name and the skill), against the catalogue the result was scored with."""
    catalogue = catalogue_for_result(result)
    target = target_role or result.target_role
    if target not in catalogue.role_by_slug:
        raise ValueError(f"unknown role {target!r}")
    current = result.learning_plan()
    choices = current.choices() if current and current.role == target else {}
    if choice is not None:
        name, skill = choice
        group = next((g for g in catalogue.role_by_slug[target].any_of if g.name == name), None)
        if group is None or skill not in group.skills:
            raise ValueError(f"{skill!r} is not one of {name!r}")
        choices[name] = skill
    learning_plan = _plan_for(
        catalogue,
        result.answers,
        result.profile,
        target,
        start=timezone.localdate(),
        choices=choices,
        hours_per_week=hours_per_week or (current.hours_per_week if current else None),
    )
    result.plan = learning_plan.model_dump(mode="json")
    result.target_role = target
    result.target_role_title = learning_plan.role_title
    result.save(update_fields=["plan", "target_role", "target_role_title"])
    target_requirements_store(result=result, catalogue=catalogue)
    if result.assessment.owner_id:
        latest_result_refresh(owner_ids=[result.assessment.owner_id])
    return result


@transaction.atomic
def assessment_retake(*, result: Result, owner) -> Assessment:
    """A new assessment pre-filled with the answers and profile of `result`, ready to review and change."""
    source = result.assessment
    retake = Assessment.objects.create(
        owner=owner if owner.is_authenticated else None,
        retake_of=source,
        stage=result.profile["stage"],
        hours_per_week=result.profile["hours_per_week"],
        interests=result.profile["interests"],
        experience=result.experience or YearsInTech.NONE,
        # Every step is answered already, so every step, the review included, is open.
        reached_step=len(questionnaire_steps(compiled_catalogue())),
    )
    Answer.objects.bulk_create(
        Answer(
            assessment=retake,
            skill=skill,
            level=answer["level"],
            not_sure=answer["not_sure"],
            evidence=answer["evidence"],
        )
        for skill, answer in result.answers.items()
    )
    return retake


@transaction.atomic
def assessments_claim(*, user, assessment_ids: Iterable[str]) -> int:
    """Give anonymous assessments (and so their results) to `user`; returns how many were claimed."""
    claimed = Assessment.objects.filter(id__in=list(assessment_ids), owner__isnull=True).update(owner=user)
    if claimed:
        latest_result_refresh(owner_ids=[user.pk])
    return claimed


@transaction.atomic
def assessment_delete(*, assessment: Assessment) -> None:
    owner_id = assessment.owner_id
    assessment.delete()
    if owner_id:
        latest_result_refresh(owner_ids=[owner_id])


def latest_result_refresh(*, owner_ids: Iterable[int]) -> None:
    """Point each owner at their most recent result, or at none, with its time, best fit, target role and the two
    roles' titles, and copy that time onto their sharings with cohorts (`Membership.latest_result_at`), in two
    statements, recomputed rather than patched so that nothing can drift: called in the transaction of every write
    that adds, removes or hands over results or changes a result's target."""
    owner_ids = list(owner_ids)
    User = get_user_model()
    newest = Result.objects.filter(assessment__owner=OuterRef("pk")).order_by("-created_at", "-id")
    User.objects.filter(id__in=owner_ids).update(
        latest_result=Subquery(newest.values("id")[:1]),
        latest_result_at=Subquery(newest.values("created_at")[:1]),
        latest_best_fit=Subquery(newest.values("best_fit")[:1]),
        latest_target_role=Subquery(newest.values("target_role")[:1]),
        latest_best_role_title=Subquery(newest.values("best_role_title")[:1]),
        latest_target_role_title=Subquery(newest.values("target_role_title")[:1]),
    )
    Membership.objects.filter(student__in=owner_ids).update(
        latest_result_at=Subquery(User.objects.filter(pk=OuterRef("student")).values("latest_result_at")[:1])
    )
