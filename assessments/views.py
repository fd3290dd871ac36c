"""The student journey: landing page, questionnaire, results, plan, history and growth."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timezone import get_current_timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments import presenters, selectors, services
from assessments import session as browser
from assessments.forms import (
    NOT_SURE,
    AnswerInput,
    ChoiceForm,
    ConfirmForm,
    PaceForm,
    ProfileForm,
    Question,
    SkillsForm,
    TargetForm,
    UsedSkillsForm,
    evidence_field,
)
from assessments.models import Assessment, Result
from assessments.presenters import plan_csv_response, plan_page, result_page
from assessments.questionnaire import PROFILE, REVIEW, Step, questionnaire_steps
from assessments.scoring import score, scored_level
from assessments.selectors import SavedAnswer
from assessments.templatetags.questionnaire import level_questions, live_fits
from careerfit.addresses import address
from careerfit.rendering import render_skeleton
from counselling.selectors import notes_for_student
from roles.compiled import CompiledCatalogue
from roles.levels import LEVEL_MEANINGS, Level
from roles.selectors import compiled_catalogue

LIVE_TOP = 3


# ------------------------------------------------------------------------------------------ landing


@require_safe
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
            "catalogue_key": catalogue.fingerprint,  # the scale and the role links are cached by it
        },
    )


@require_POST
def start(request: HttpRequest) -> HttpResponse:
    assessment = services.assessment_start(owner=request.user)
    browser.remember_started(request, assessment)
    return redirect(address("assessments:step", assessment.id, 1))


@require_safe
def resume(request: HttpRequest, assessment_id: UUID) -> HttpResponse:
    assessment = selectors.assessment_for(user=request.user, assessment_id=assessment_id)
    if not assessment.is_draft:
        return redirect(_submitted_result(assessment))
    steps = questionnaire_steps(compiled_catalogue())
    return redirect(address("assessments:step", assessment.id, min(assessment.reached_step, len(steps))))


def _submitted_result(assessment: Assessment) -> Result:
    return assessment.results.order_by("created_at").first()


# ------------------------------------------------------------------------------------------ questionnaire


@require_http_methods(["GET", "HEAD", "POST"])
def step(request: HttpRequest, assessment_id: UUID, number: int) -> HttpResponse:
    assessment, answers, catalogue = selectors.questionnaire_for(user=request.user, assessment_id=assessment_id)
    if not assessment.is_draft:
        messages.info(request, _("This assessment is already submitted. Here is its result."))
        return redirect(_submitted_result(assessment))
    steps = questionnaire_steps(catalogue)
    if not 1 <= number <= len(steps):
        raise Http404("No such step.")
    reached = min(assessment.reached_step, len(steps))
    if number > reached:
        # Steps open one after another: nothing posted to a later step is saved.
        messages.error(request, _("Please finish this step first."))
        return redirect(address("assessments:step", assessment.id, reached))
    current = steps[number - 1]
    context = {
        "assessment": assessment,
        "step": current,
        "steps": steps,
        "total": len(steps),
        # Shown only for an assessment without an account, the only way back to it.
        "private_link": "" if assessment.owner_id else request.build_absolute_uri(assessment.get_absolute_url()),
    }
    if current.key == PROFILE:
        return _profile_step(request, assessment, catalogue, context)
    if current.key == REVIEW:
        return _review_step(request, assessment, catalogue, answers, context)
    return _skills_step(request, assessment, catalogue, answers, current, context)


def _profile_step(request, assessment: Assessment, catalogue: CompiledCatalogue, context: dict) -> HttpResponse:
    initial = {
        "stage": assessment.stage,
        "hours_per_week": assessment.hours_per_week,
        "interests": assessment.interests,
        "experience": assessment.experience,
    }
    form = ProfileForm(request.POST if request.method == "POST" else None, catalogue=catalogue, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.assessment_save_profile(
            assessment=assessment,
            stage=form.cleaned_data["stage"],
            hours_per_week=form.cleaned_data["hours_per_week"],
            interests=form.cleaned_data["interests"],
            experience=form.cleaned_data["experience"],
            reach_step=2,
        )
        return redirect(address("assessments:step", assessment.id, 2))
    return render(request, "assessments/step_profile.html", {**context, "form": form})


def _live_top(catalogue: CompiledCatalogue, levels: dict[str, int]) -> list:
    """The best fits for the levels answered so far (skill slug -> scored level)."""
    levels = {skill: level for skill, level in levels.items() if skill in catalogue.skill_by_slug}
    # Nothing but "0 · None" so far (a quick pass ticked nothing) ranks nothing worth showing.
    return list(score(catalogue=catalogue, levels=levels).top(LIVE_TOP)) if any(levels.values()) else []


def _skills_step(
    request,
    assessment: Assessment,
    catalogue: CompiledCatalogue,
    answers: dict[str, SavedAnswer],
    current: Step,
    context: dict,
) -> HttpResponse:
    number = current.number
    # One read of every answer serves this step's questions and the live fits beside them.
    saved = {skill.slug: answers[skill.slug] for skill in current.skills if skill.slug in answers}
    levels = {slug: answer.scored_level for slug, answer in answers.items()}
    if request.method == "POST" and request.POST.get("mode") == "quick":
        return _quick_pass(request, assessment, catalogue, current, context, saved, levels)
    if request.method == "GET" and not saved and "all" not in request.GET:
        return _quick_pass_page(request, assessment, catalogue, current, context, form=None, levels=levels)
    if request.method == "POST":
        action = request.POST.get("action", "next")
        data = request.POST.dict()  # each of a step's fields takes one value; a copy of the QueryDict took 0.06 ms
        for slug, answer in saved.items():  # skills not on the page (rated 0 in the quick pass) keep their answer
            if slug not in data:
                data[slug] = NOT_SURE if answer.not_sure else str(answer.level)
                data.setdefault(evidence_field(slug), answer.evidence)
        if action == "fill-none":
            for skill in current.skills:
                if not data.get(skill.slug):
                    data[skill.slug] = "0"
        autosave = request.htmx and "action" not in request.POST
        moving_on = action in ("next", "fill-none") and not autosave
        form = SkillsForm(data, skills=current.skills, require_all=moving_on)
        if form.is_valid():
            given = form.answers()
            services.assessment_save_answers(
                assessment=assessment, answers=given, reach_step=number + 1 if moving_on else None, saved=saved
            )
            if autosave:  # the answers as saved: those read, with this post's upserted
                levels |= {slug: scored_level(answer.level, answer.not_sure) for slug, answer in given.items()}
                return _live_panel(request, assessment, catalogue, levels, saved=True)
            return redirect(address("assessments:step", assessment.id, number - 1 if action == "back" else number + 1))
        if autosave:
            return _live_panel(request, assessment, catalogue, levels, saved=False)
    else:
        form = None  # the saved answers are drawn as they are: nothing to validate
    # Skills rated 0 · None (in the quick pass, usually) are listed in a line, not asked again, unless ?all.
    none_yet = (
        set()
        if "all" in request.GET
        else {
            slug
            for slug, answer in saved.items()
            if answer.level == 0 and not answer.not_sure and request.POST.get(slug) in (None, "0")
        }
    )
    shown = [skill for skill in current.skills if skill.slug not in none_yet]
    questions = (
        [Question.saved(skill, saved.get(skill.slug)) for skill in shown]
        if form is None
        else [form.question(skill) for skill in shown]
    )
    live_top = _live_top(catalogue, levels)
    _remember_live_top(request, assessment, live_top, None)
    # What this student alone sees; the rest of the page is the same for everyone on this step.
    own = {
        "post_path": request.path,
        "questions_html": level_questions(questions),
        "rated_none": mark_safe(", ".join(escape(skill.name) for skill in current.skills if skill.slug in none_yet)),
        "live_fits": live_fits(live_top),
        "private_link": context["private_link"],
    }
    if form is None:
        return render_skeleton(
            request,
            "assessments/step_skills.html",
            key=(catalogue.fingerprint, number),  # which decides the step and the number of steps
            shared={"step": current, "total": context["total"]},
            holes=own,
        )
    return render(
        request,
        "assessments/step_skills.html",
        {**context, **own, "refused": True, "non_field_errors": form.non_field_errors(), "questions": questions},
    )


def _quick_pass_page(
    request,
    assessment,
    catalogue,
    current: Step,
    context: dict,
    form: UsedSkillsForm | None,
    levels: dict[str, int],
    status: int = 200,
):
    """The quick pass: with `form` None, a step's first visit, nothing ticked yet, the same boxes for everyone on
    the step, drawn from its skeleton (the form is built only when the skeleton is: 5 % of the page's time); with
    a posted `form`, what the student ticked and why it was refused."""
    live_top = _live_top(catalogue, levels)
    _remember_live_top(request, assessment, live_top, None)
    own = {"live_fits": live_fits(live_top), "private_link": context["private_link"]}
    if form is None:
        return render_skeleton(
            request,
            "assessments/step_quick.html",
            key=(catalogue.fingerprint, current.number),
            shared=lambda: {
                "step": current,
                "total": context["total"],
                "form": UsedSkillsForm(skills=current.skills),
                "checked": (),
            },
            holes=own,
        )
    return render(
        request,
        "assessments/step_quick.html",
        {**context, **own, "form": form, "checked": set(form["used"].value() or [])},
        status=status,
    )


def _quick_pass(
    request, assessment, catalogue, current: Step, context: dict, saved: dict, levels: dict[str, int]
) -> HttpResponse:
    """Skills not ticked are saved as 0 · None (answers already given stay); with none ticked the step is
    done, otherwise the student rates the ticked ones on the same step."""
    number = current.number
    if request.POST.get("action") == "back":
        return redirect(address("assessments:step", assessment.id, number - 1))
    form = UsedSkillsForm(request.POST, skills=current.skills)
    if not form.is_valid():
        return _quick_pass_page(request, assessment, catalogue, current, context, form, levels, status=400)
    used = set(form.cleaned_data["used"])
    services.assessment_save_answers(
        assessment=assessment,
        answers={
            skill.slug: AnswerInput(0, False, "")
            for skill in current.skills
            if skill.slug not in used and skill.slug not in saved
        },
        reach_step=None if used else number + 1,
        saved=saved,
    )
    return redirect(address("assessments:step", assessment.id, number if used else number + 1))


LIVE_SHOWN = "careerfit_live_fit_shown"


def _remember_live_top(request, assessment: Assessment, live_top, saved: bool | None) -> bool:
    """Record what the live panel shows; False when it already shows exactly that."""
    signature = repr(([(role_fit.role.slug, role_fit.fit) for role_fit in live_top], saved))
    shown = request.session.get(LIVE_SHOWN, {})
    if shown.get(str(assessment.id)) == signature:
        return False
    request.session[LIVE_SHOWN] = {str(assessment.id): signature}  # only the assessment on screen
    return True


def _live_panel(
    request, assessment: Assessment, catalogue: CompiledCatalogue, levels: dict[str, int], *, saved: bool
) -> HttpResponse:
    """The live top three after an answer changes, or 204 (htmx swaps nothing) when they did not change, so a
    screen reader does not announce the same fits again."""
    live_top = _live_top(catalogue, levels)
    if not _remember_live_top(request, assessment, live_top, saved):
        return HttpResponse(status=204)
    return render(request, "assessments/_live_fit.html", {"live_fits": live_fits(live_top), "saved": saved})


def _review_rows(answers: dict[str, SavedAnswer], steps) -> tuple[list[dict], list]:
    """Each skills step with its rows, (skill, its answer or None), for the `review_rows` filter; and the answers
    given, a level or "not-sure" each."""
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
            rows.append((skill, answer))
        groups.append({"step": current, "rows": rows})
    return groups, given


def _review_step(
    request, assessment: Assessment, catalogue: CompiledCatalogue, answers: dict[str, SavedAnswer], context: dict
) -> HttpResponse:
    groups, given = _review_rows(answers, context["steps"])
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
            "unanswered": sum(1 for group in groups for _skill, answer in group["rows"] if answer is None),
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


@require_http_methods(["GET", "HEAD", "POST"])
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


@require_safe
def result_detail(request: HttpRequest, result_id: UUID) -> HttpResponse:
    result = selectors.result_for(user=request.user, result_id=result_id, with_notes_shared=True)
    owner = result.assessment.owner_id
    notes = notes_for_student(student_id=owner) if result.notes_shared else ()
    return result_page(request, result, counsellor_notes=notes)


@require_POST
def result_target(request: HttpRequest, result_id: UUID) -> HttpResponse:
    result = selectors.result_for(user=request.user, result_id=result_id)
    catalogue = presenters.result_catalogue(result)
    form = TargetForm(request.POST, roles=[(role.slug, role.title) for role in catalogue.roles])
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
    return redirect(address("assessments:step", retake.id, 1))


@require_safe
def plan_detail(request: HttpRequest, result_id: UUID) -> HttpResponse:
    result = selectors.result_for(user=request.user, result_id=result_id)
    return plan_page(request, result)


@require_POST
def plan_pace(request: HttpRequest, result_id: UUID) -> HttpResponse:
    result = selectors.result_for(user=request.user, result_id=result_id)
    if result.plan is None:
        messages.error(request, _("Choose a role to plan for first."))
        return redirect("assessments:plan", result.id)
    form = PaceForm(request.POST)
    if not form.is_valid():
        return plan_page(request, result, form)
    services.result_replan(result=result, hours_per_week=form.cleaned_data["hours_per_week"])
    return redirect("assessments:plan", result.id)


@require_POST
def plan_choice(request: HttpRequest, result_id: UUID) -> HttpResponse:
    result = selectors.result_for(user=request.user, result_id=result_id)
    form = ChoiceForm(request.POST)
    try:
        if not form.is_valid():
            raise ValueError(form.errors.as_text())
        services.result_replan(result=result, choice=(form.cleaned_data["group"], form.cleaned_data["skill"]))
    except ValueError:
        messages.error(request, _("Choose one of the skills listed for that requirement."))
    else:
        messages.success(request, _("Your plan now teaches the skill you chose."))
    return redirect("assessments:plan", result.id)


@require_safe
def plan_csv(request: HttpRequest, result_id: UUID) -> HttpResponse:
    return plan_csv_response(selectors.result_for(user=request.user, result_id=result_id))


# ------------------------------------------------------------------------------------------ history and growth


@login_required
@require_safe
def history(request: HttpRequest) -> HttpResponse:
    results, drafts, current_fingerprint = selectors.history(user=request.user)
    # The growth form's two menus offer every result: each label is built once here and both menus drawn by
    # the `options` filter, instead of two template loops formatting every date twice.
    here, when = get_current_timezone(), get_format("DATETIME_FORMAT")
    compare_choices = [
        (
            result.id,
            f"{format_date(result.created_at.astimezone(here), when)} · {result.best_role_title} {result.best_fit} %",
        )
        for result in results
    ]
    return render(
        request,
        "assessments/history.html",
        {
            "results": results,
            "drafts": drafts,
            "current_fingerprint": current_fingerprint,
            "can_compare": len(results) >= 2,
            "compare_choices": compare_choices,
        },
    )


@login_required
@require_safe
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
    names = {
        skill.slug: skill.name for result in (before, after) for skill in presenters.result_catalogue(result).skills
    }
    skills = []
    for skill in sorted(set(before.answers) | set(after.answers), key=lambda s: names.get(s, s).casefold()):
        was, now = before.answers.get(skill), after.answers.get(skill)
        was_level = scored_level(was["level"], was["not_sure"]) if was else 0
        now_level = scored_level(now["level"], now["not_sure"]) if now else 0
        if was_level != now_level:
            skills.append(
                {"name": names.get(skill, skill), "was": was_level, "now": now_level, "change": now_level - was_level}
            )
    was_fit = {role_fit.role.slug: role_fit.fit for role_fit in presenters.result_ranking(before)}
    roles = [
        {
            "title": role_fit.role.title,
            "was": was_fit[role_fit.role.slug],
            "now": role_fit.fit,
            "change": role_fit.fit - was_fit[role_fit.role.slug],
        }
        for role_fit in presenters.result_ranking(after)
        if role_fit.role.slug in was_fit
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
