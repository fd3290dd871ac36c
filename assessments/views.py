"""The student journey: landing page, questionnaire, results, plan, history and growth."""

from __future__ import annotations

import csv
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments import selectors, services
from assessments import session as browser
from assessments.charts import gap_chart
from assessments.forms import (
    NOT_SURE,
    ConfirmForm,
    PaceForm,
    ProfileForm,
    SkillsForm,
    TargetForm,
    WhatIfForm,
    evidence_field,
)
from assessments.models import Assessment, Result
from assessments.questionnaire import PROFILE, REVIEW, Step, questionnaire_steps
from assessments.scoring import score
from assessments.snapshots import plan_items
from counselling.selectors import notes_for_student
from roles.compiled import CompiledCatalogue
from roles.levels import LEVEL_MEANINGS, Importance, Level
from roles.selectors import compiled_catalogue

LIVE_TOP = 3


# ------------------------------------------------------------------------------------------ landing


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    catalogue = compiled_catalogue()
    return render(
        request,
        "assessments/home.html",
        {
            "draft": selectors.latest_draft_for(user=request.user, session_ids=browser.started_ids(request)),
            "role_count": len(catalogue.roles),
            "skill_count": len(catalogue.skills),
            "skill_step_count": sum(1 for s in questionnaire_steps(catalogue) if s.is_skills),
            "roles": catalogue.roles,
            "levels": [(level, LEVEL_MEANINGS[level]) for level in Level],
        },
    )


@require_POST
def start(request: HttpRequest) -> HttpResponse:
    assessment = services.assessment_start(owner=request.user)
    browser.remember_started(request, assessment)
    return redirect("assessments:step", assessment.id, 1)


@require_GET
def resume(request: HttpRequest, assessment_id: UUID) -> HttpResponse:
    assessment = selectors.assessment_for(user=request.user, assessment_id=assessment_id)
    if not assessment.is_draft:
        return redirect(_submitted_result(assessment))
    steps = questionnaire_steps(compiled_catalogue())
    return redirect("assessments:step", assessment.id, min(assessment.reached_step, len(steps)))


def _submitted_result(assessment: Assessment) -> Result:
    return assessment.results.order_by("created_at").first()


# ------------------------------------------------------------------------------------------ questionnaire


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, assessment_id: UUID, number: int) -> HttpResponse:
    assessment = selectors.assessment_for(user=request.user, assessment_id=assessment_id)
    if not assessment.is_draft:
        messages.info(request, _("This assessment is already submitted. Here is its result."))
        return redirect(_submitted_result(assessment))
    catalogue = compiled_catalogue()
    steps = questionnaire_steps(catalogue)
    if not 1 <= number <= len(steps):
        raise Http404("No such step.")
    reached = min(assessment.reached_step, len(steps))
    if number > reached:
        # Steps open one after another: nothing posted to a later step is saved.
        messages.error(request, _("Please finish this step first."))
        return redirect("assessments:step", assessment.id, reached)
    current = steps[number - 1]
    context = {
        "assessment": assessment,
        "step": current,
        "steps": steps,
        "total": len(steps),
        "private_link": request.build_absolute_uri(assessment.get_absolute_url()),
    }
    if current.key == PROFILE:
        return _profile_step(request, assessment, catalogue, context)
    if current.key == REVIEW:
        return _review_step(request, assessment, catalogue, context)
    return _skills_step(request, assessment, catalogue, current, context)


def _profile_step(request, assessment: Assessment, catalogue: CompiledCatalogue, context: dict) -> HttpResponse:
    initial = {
        "stage": assessment.stage,
        "hours_per_week": assessment.hours_per_week,
        "interests": assessment.interests,
    }
    form = ProfileForm(request.POST if request.method == "POST" else None, catalogue=catalogue, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.assessment_save_profile(
            assessment=assessment,
            stage=form.cleaned_data["stage"],
            hours_per_week=form.cleaned_data["hours_per_week"],
            interests=form.cleaned_data["interests"],
            reach_step=2,
        )
        return redirect("assessments:step", assessment.id, 2)
    return render(request, "assessments/step_profile.html", {**context, "form": form})


def _saved_answers(assessment: Assessment, skills) -> dict:
    return {answer.skill: answer for answer in assessment.answers.filter(skill__in=[s.slug for s in skills])}


def _live_top(assessment: Assessment, catalogue: CompiledCatalogue) -> list:
    levels = {
        answer.skill: answer.scored_level
        for answer in assessment.answers.all()
        if answer.skill in catalogue.skill_by_slug
    }
    return list(score(catalogue=catalogue, levels=levels).top(LIVE_TOP)) if levels else []


def _skills_step(
    request, assessment: Assessment, catalogue: CompiledCatalogue, current: Step, context: dict
) -> HttpResponse:
    number = current.number
    if request.method == "POST":
        action = request.POST.get("action", "next")
        data = request.POST.copy()
        if action == "fill-none":
            for skill in current.skills:
                if not data.get(skill.slug):
                    data[skill.slug] = "0"
        autosave = request.htmx and "action" not in request.POST
        moving_on = action in ("next", "fill-none") and not autosave
        form = SkillsForm(data, skills=current.skills, require_all=moving_on)
        if form.is_valid():
            services.assessment_save_answers(
                assessment=assessment, answers=form.answers(), reach_step=number + 1 if moving_on else None
            )
            if autosave:
                return _live_panel(request, assessment, catalogue, saved=True)
            return redirect("assessments:step", assessment.id, number - 1 if action == "back" else number + 1)
        if autosave:
            return _live_panel(request, assessment, catalogue, saved=False)
    else:
        saved = _saved_answers(assessment, current.skills)
        initial = {}
        for slug, answer in saved.items():
            initial[slug] = NOT_SURE if answer.not_sure else str(answer.level)
            initial[evidence_field(slug)] = answer.evidence
        form = SkillsForm(initial=initial, skills=current.skills, require_all=True)
    questions = [
        {"skill": skill, "field": form[skill.slug], "evidence": form[evidence_field(skill.slug)]}
        for skill in current.skills
    ]
    return render(
        request,
        "assessments/step_skills.html",
        {
            **context,
            "form": form,
            "questions": questions,
            "live_top": _live_top(assessment, catalogue),
        },
    )


def _live_panel(request, assessment: Assessment, catalogue: CompiledCatalogue, *, saved: bool) -> HttpResponse:
    return render(
        request,
        "assessments/_live_fit.html",
        {
            "live_top": _live_top(assessment, catalogue),
            "saved": saved,
        },
    )


def _review_rows(assessment: Assessment, steps) -> tuple[list[dict], list]:
    answers = {answer.skill: answer for answer in assessment.answers.all()}
    groups = []
    given = []
    for current in steps:
        if not current.is_skills:
            continue
        rows = []
        for skill in current.skills:
            answer = answers.get(skill.slug)
            if answer is not None:
                given.append("not-sure" if answer.not_sure else answer.level)
            rows.append({"skill": skill, "answer": answer})
        groups.append({"step": current, "rows": rows})
    return groups, given


def _review_step(request, assessment: Assessment, catalogue: CompiledCatalogue, context: dict) -> HttpResponse:
    groups, given = _review_rows(assessment, context["steps"])
    all_same = len(given) > 1 and len(set(given)) == 1
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if all_same and not form.cleaned_data["confirm_same"]:
            form.add_error("confirm_same", _("Every answer is the same. Check them, or tick this box to confirm."))
        else:
            result = services.assessment_submit(assessment=assessment)
            return redirect(result)
    same_level = None
    if all_same:
        same_level = _("Not sure") if given[0] == "not-sure" else f"{given[0]} · {Level(given[0]).label}"
    return render(
        request,
        "assessments/step_review.html",
        {
            **context,
            "groups": groups,
            "profile_stage": catalogue.stage_by_slug.get(assessment.stage),
            "interests": [catalogue.role_by_slug[s] for s in assessment.interests if s in catalogue.role_by_slug],
            "all_same": all_same,
            "same_level": same_level,
            "unanswered": sum(1 for group in groups for row in group["rows"] if row["answer"] is None),
            "not_sure": sum(1 for value in given if value == "not-sure"),
            "form": form,
        },
    )


@require_POST
def keep(request: HttpRequest, assessment_id: UUID) -> HttpResponse:
    """Keep an anonymous assessment in an account: now if logged in, else after signing up or logging in."""
    assessment = selectors.assessment_for(user=request.user, assessment_id=assessment_id)
    target = _submitted_result(assessment) or assessment
    if assessment.owner_id is not None:
        return redirect(target)
    if request.user.is_authenticated:
        services.assessments_claim(user=request.user, assessment_ids=[assessment.id])
        messages.success(request, _("Saved to your account. You will find it under My assessments."))
        return redirect(target)
    browser.ask_to_keep(request, assessment)
    return redirect(f"{reverse('accounts:signup')}?next={target.get_absolute_url()}")


@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, assessment_id: UUID) -> HttpResponse:
    assessment = selectors.assessment_for(user=request.user, assessment_id=assessment_id)
    if request.method == "POST":
        services.assessment_delete(assessment=assessment)
        messages.success(request, _("The assessment and its results are deleted."))
        return redirect("assessments:history" if request.user.is_authenticated else "home")
    submitted = _submitted_result(assessment)
    return render(
        request,
        "assessments/delete_confirm.html",
        {
            "assessment": assessment,
            "result_count": assessment.results.count(),
            "back_url": submitted.get_absolute_url() if submitted else assessment.get_absolute_url(),
        },
    )


# ------------------------------------------------------------------------------------------ results


def what_if_context(request, result: Result) -> dict:
    """The ranking if one rating were different; computed for the page, never saved."""
    skills = sorted(result.skill_names().items(), key=lambda pair: pair[1].casefold())
    if "skill" not in request.GET:
        return {"form": WhatIfForm(skills=skills)}
    form = WhatIfForm(request.GET, skills=skills)
    if not form.is_valid():
        return {"form": form}
    skill, level = form.cleaned_data["skill"], form.cleaned_data["level"]
    levels = result.levels()
    before = levels.get(skill, 0)
    catalogue = selectors.catalogue_for_result(result)
    levels[skill] = level
    was = {row["slug"]: row for row in result.ranking}
    rows = [
        {
            "title": role_fit.role.title,
            "rank": role_fit.rank,
            "was_rank": was[role_fit.role.slug]["rank"],
            "fit": role_fit.fit,
            "was_fit": was[role_fit.role.slug]["fit"],
            "change": role_fit.fit - was[role_fit.role.slug]["fit"],
        }
        for role_fit in score(catalogue=catalogue, levels=levels)
        if role_fit.role.slug in was
    ]
    return {"form": form, "rows": rows, "skill_name": dict(skills)[skill], "level": level, "before": before}


def result_page_context(
    request, result: Result, *, read_only: bool = False, result_url: str = "", plan_url: str = ""
) -> dict:
    """What the result page shows; counsellors get it read-only, at their own addresses."""
    target = next((row for row in result.ranking if row["slug"] == result.target_role), result.ranking[0])
    not_sure = sorted(skill for skill, answer in result.answers.items() if answer["not_sure"])
    skill_names = result.skill_names()
    return {
        "result": result,
        "assessment": result.assessment,
        "ranking": result.ranking,
        "target": target,
        "chart": gap_chart(target["gaps"]),
        "not_sure": [skill_names.get(skill, skill) for skill in not_sure],
        "catalogue_changed": selectors.catalogue_changed_since(result),
        "anonymous": result.assessment.owner_id is None,
        "private_link": request.build_absolute_uri(result.get_absolute_url()),
        "target_form": TargetForm(
            initial={"target": result.target_role}, roles=[(row["slug"], row["title"]) for row in result.ranking]
        ),
        "read_only": read_only,
        "result_url": result_url or reverse("assessments:result", args=[result.id]),
        "plan_url": plan_url or reverse("assessments:plan", args=[result.id]),
        "what_if": what_if_context(request, result),
        "counsellor_notes": (
            notes_for_student(student=result.assessment.owner) if result.assessment.owner_id and not read_only else ()
        ),
    }


@require_GET
def result_detail(request: HttpRequest, result_id: UUID) -> HttpResponse:
    result = selectors.result_for(user=request.user, result_id=result_id)
    return result_page(request, result)


def result_page(request, result: Result, *, extra: dict | None = None, **options) -> HttpResponse:
    context = {**result_page_context(request, result, **options), **(extra or {})}
    if request.htmx and "skill" in request.GET:
        return render(request, "assessments/_what_if.html", context)
    return render(request, "assessments/result.html", context)


@require_POST
def result_target(request: HttpRequest, result_id: UUID) -> HttpResponse:
    result = selectors.result_for(user=request.user, result_id=result_id)
    form = TargetForm(request.POST, roles=[(row["slug"], row["title"]) for row in result.ranking])
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles in the list."))
        return redirect(result)
    services.result_replan(result=result, target_role=form.cleaned_data["target"])
    return redirect("assessments:plan", result.id)


@require_POST
def result_rescore(request: HttpRequest, result_id: UUID) -> HttpResponse:
    result = selectors.result_for(user=request.user, result_id=result_id)
    new = services.result_rescore(result=result)
    messages.success(request, _("Re-scored with today's catalogue. Your earlier result is kept as it was."))
    return redirect(new)


@require_POST
def result_retake(request: HttpRequest, result_id: UUID) -> HttpResponse:
    result = selectors.result_for(user=request.user, result_id=result_id)
    retake = services.assessment_retake(result=result, owner=request.user)
    browser.remember_started(request, retake)
    messages.info(request, _("Your last answers are filled in. Change what has changed, then submit."))
    return redirect("assessments:step", retake.id, 1)


def plan_page_context(
    request,
    result: Result,
    pace_form: PaceForm | None = None,
    *,
    read_only: bool = False,
    result_url: str = "",
    csv_url: str = "",
) -> dict:
    return {
        "read_only": read_only,
        "result_url": result_url or reverse("assessments:result", args=[result.id]),
        "csv_url": csv_url or reverse("assessments:plan_csv", args=[result.id]),
        "result": result,
        "assessment": result.assessment,
        "plan": result.plan,
        "item_count": len(plan_items(result.plan)),
        "pace_form": pace_form or PaceForm(initial={"hours_per_week": result.plan["hours_per_week"]}),
        "target_form": TargetForm(
            initial={"target": result.target_role}, roles=[(row["slug"], row["title"]) for row in result.ranking]
        ),
        "anonymous": result.assessment.owner_id is None,
    }


@require_GET
def plan_detail(request: HttpRequest, result_id: UUID) -> HttpResponse:
    result = selectors.result_for(user=request.user, result_id=result_id)
    return render(request, "assessments/plan.html", plan_page_context(request, result))


@require_POST
def plan_pace(request: HttpRequest, result_id: UUID) -> HttpResponse:
    result = selectors.result_for(user=request.user, result_id=result_id)
    form = PaceForm(request.POST)
    if not form.is_valid():
        return render(request, "assessments/plan.html", plan_page_context(request, result, form), status=400)
    services.result_replan(result=result, hours_per_week=form.cleaned_data["hours_per_week"])
    return redirect("assessments:plan", result.id)


def csv_cell(value) -> str:
    """A spreadsheet cell that cannot be read as a formula."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@require_GET
def plan_csv(request: HttpRequest, result_id: UUID) -> HttpResponse:
    return plan_csv_response(selectors.result_for(user=request.user, result_id=result_id))


def plan_csv_response(result: Result) -> HttpResponse:
    plan = result.plan
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"careerfit-plan-{plan['role']}-{result.created_at:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Phase"),
            _("Skill"),
            _("From level"),
            _("To level"),
            _("Hours"),
            _("Start week"),
            _("End week"),
            _("Importance"),
            _("Needed first for"),
            _("Resources"),
        ]
    )
    for phase in plan["phases"]:
        for item in phase["items"]:
            writer.writerow(
                [
                    csv_cell(value)
                    for value in (
                        phase["title"],
                        item["skill_name"],
                        item["from_level"],
                        item["to_level"],
                        item["hours"],
                        item["start_week"],
                        item["end_week"],
                        Importance(item["importance"]).label if item["importance"] else _("Prerequisite"),
                        "; ".join(item["needed_for"]),
                        "; ".join(f"{r['title']} <{r['url']}>" for r in item["resources"]),
                    )
                ]
            )
    writer.writerow([])
    writer.writerow(
        [
            csv_cell(value)
            for value in (
                _("Total"),
                plan["role_title"],
                "",
                "",
                plan["total_hours"],
                "",
                plan["weeks"],
                _("Finish by %(date)s at %(hours)s hours a week")
                % {"date": plan["finish_date"], "hours": plan["hours_per_week"]},
            )
        ]
    )
    return response


# ------------------------------------------------------------------------------------------ history and growth


@login_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    data = selectors.history(user=request.user)
    results = list(data["results"])
    current = compiled_catalogue().fingerprint
    return render(
        request,
        "assessments/history.html",
        {
            "results": results,
            "drafts": list(data["drafts"]),
            "current_fingerprint": current,
            "can_compare": len(results) >= 2,
        },
    )


@login_required
@require_GET
def growth(request: HttpRequest) -> HttpResponse:
    try:
        before_id, after_id = UUID(request.GET.get("before", "")), UUID(request.GET.get("after", ""))
    except ValueError:
        messages.error(request, _("Choose two results to compare."))
        return redirect("assessments:history")
    before = selectors.result_for(user=request.user, result_id=before_id)
    after = selectors.result_for(user=request.user, result_id=after_id)
    if before.created_at > after.created_at:
        before, after = after, before
    names = {**before.skill_names(), **after.skill_names()}
    skills = []
    for skill in sorted(set(before.answers) | set(after.answers), key=lambda s: names.get(s, s).casefold()):
        was, now = before.answers.get(skill), after.answers.get(skill)
        was_level = 0 if not was or was["not_sure"] else was["level"]
        now_level = 0 if not now or now["not_sure"] else now["level"]
        if was_level != now_level:
            skills.append(
                {"name": names.get(skill, skill), "was": was_level, "now": now_level, "change": now_level - was_level}
            )
    was_fit = {row["slug"]: row for row in before.ranking}
    roles = [
        {
            "title": row["title"],
            "was": was_fit[row["slug"]]["fit"],
            "now": row["fit"],
            "change": row["fit"] - was_fit[row["slug"]]["fit"],
        }
        for row in after.ranking
        if row["slug"] in was_fit
    ]
    return render(
        request,
        "assessments/growth.html",
        {
            "before": before,
            "after": after,
            "rose": [s for s in skills if s["change"] > 0],
            "fell": [s for s in skills if s["change"] < 0],
            "roles": roles,
            "same_catalogue": before.catalogue.fingerprint == after.catalogue.fingerprint,
        },
    )
