"""Sharing for students; cohorts, review, notes, insights and exports for counsellors."""

from __future__ import annotations

import csv
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.presenters import csv_cell, plan_csv_response, plan_page, result_page
from counselling import selectors, services
from counselling.charts import fit_histogram, heatmap
from counselling.forms import CohortFilterForm, CohortForm, ConsentForm, JoinCodeForm, NoteForm, StatusForm
from counselling.insights import MIN_STUDENTS, cohort_insights
from counselling.models import Cohort, Membership, ReviewStatus, ViewKind, normalise_join_code
from roles.compiled import CompiledCatalogue, worked_out

PAGE_SIZE = 25


# ------------------------------------------------------------------------------------------ students


def _sharing_page(request: HttpRequest, form: JoinCodeForm, *, status: int = 200) -> HttpResponse:
    return render(
        request,
        "counselling/sharing.html",
        {
            "shares": selectors.shares_of(student=request.user),
            "form": form,
            "notes": selectors.notes_for_student(student_id=request.user.pk),
            "views": selectors.views_of(student=request.user)[:50],
        },
        status=status,
    )


@login_required
@require_safe
def sharing(request: HttpRequest) -> HttpResponse:
    return _sharing_page(request, JoinCodeForm())


@login_required
@require_POST
def join(request: HttpRequest) -> HttpResponse:
    form = JoinCodeForm(request.POST)
    if form.is_valid():
        code = normalise_join_code(form.cleaned_data["code"])
        if Cohort.objects.filter(join_code=code).exists():
            return redirect("counselling:consent", code)
        form.add_error("code", _("No cohort has this code. Check it with your counsellor; codes can change."))
    return _sharing_page(request, form, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def consent(request: HttpRequest, code: str) -> HttpResponse:
    cohort = Cohort.objects.filter(join_code=normalise_join_code(code)).prefetch_related("counsellors").first()
    if cohort is None:
        raise Http404("No cohort has this code.")
    form = ConsentForm(
        request.POST if request.method == "POST" else None,
        initial={"display_name": request.user.display_name},
        student=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_join(
                student=request.user,
                cohort=cohort,
                display_name=form.cleaned_data["display_name"],
                age_band=form.cleaned_data.get("age_band", ""),
                guardian_name=form.cleaned_data.get("guardian_name", "") if form.needs_guardian() else "",
            )
        except services.AlreadySharing:
            messages.info(request, _("You already share with %(cohort)s.") % {"cohort": cohort.name})
        else:
            messages.success(request, _("You now share your results with %(cohort)s.") % {"cohort": cohort.name})
        return redirect("counselling:sharing")
    status = 400 if request.method == "POST" else 200
    return render(request, "counselling/consent.html", {"cohort": cohort, "form": form}, status=status)


@login_required
@require_POST
def stop(request: HttpRequest, membership_id: UUID) -> HttpResponse:
    try:
        membership = Membership.objects.active().select_related("cohort").get(id=membership_id, student=request.user)
    except Membership.DoesNotExist:
        raise Http404("No such sharing.") from None
    services.membership_end(membership=membership)
    messages.success(
        request,
        _("You no longer share with %(cohort)s. Its counsellors cannot see your results.")
        % {"cohort": membership.cohort.name},
    )
    return redirect("counselling:sharing")


# ------------------------------------------------------------------------------------------ counsellors


def _cohort(request: HttpRequest, cohort_id: UUID) -> Cohort:
    return selectors.cohort_for(counsellor=request.user, cohort_id=cohort_id)


@login_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    selectors.require_counsellor(request.user)
    return render(
        request,
        "counselling/dashboard.html",
        {
            "cohorts": selectors.cohorts_for(counsellor=request.user),
            "form": CohortForm(),
        },
    )


@login_required
@require_POST
def cohort_new(request: HttpRequest) -> HttpResponse:
    selectors.require_counsellor(request.user)
    form = CohortForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "counselling/dashboard.html",
            {
                "cohorts": selectors.cohorts_for(counsellor=request.user),
                "form": form,
            },
            status=400,
        )
    cohort = services.cohort_create(counsellor=request.user, name=form.cleaned_data["name"])
    messages.success(request, _("Cohort created. Give students its join code: %(code)s") % {"code": cohort.join_code})
    return redirect(cohort)


@login_required
@require_safe
def cohort(request: HttpRequest, cohort_id: UUID) -> HttpResponse:
    starting = selectors.cohort_page_for(counsellor=request.user, cohort_id=cohort_id)
    cohort = starting.cohort
    filters = CohortFilterForm(request.GET or None, catalogue=starting.catalogue())
    options = filters.cleaned_data if filters.is_valid() else {}
    table = selectors.CohortTable(
        cohort=cohort,
        query=options.get("q", ""),
        status=options.get("status", ""),
        target=options.get("target", ""),
        sort=options.get("sort") or "latest",
    )
    page = table.page(request.GET.get("page"), PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "counselling/cohort.html",
        {
            "cohort": cohort,
            "filters": filters,
            "page": page,
            "rows": page.object_list,
            "query": query.urlencode(),
            "counsellors": starting.counsellors,
        },
    )


@login_required
@require_POST
def cohort_code(request: HttpRequest, cohort_id: UUID) -> HttpResponse:
    cohort = services.cohort_regenerate_code(cohort=_cohort(request, cohort_id))
    messages.success(
        request,
        _("New join code: %(code)s. The old code no longer works; students already sharing keep sharing.")
        % {"code": cohort.join_code},
    )
    return redirect(cohort)


@login_required
@require_safe
def cohort_csv(request: HttpRequest, cohort_id: UUID) -> HttpResponse:
    cohort = _cohort(request, cohort_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="careerfit-cohort-{timezone.localdate():%Y-%m-%d}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Student"),
            _("Sharing since"),
            _("Status"),
            _("Latest result"),
            _("Best fit"),
            _("Fit (%)"),
            _("Target role"),
            _("Results"),
        ]
    )
    counts = selectors.result_counts(cohort=cohort)
    for row in selectors.CohortTable(cohort=cohort, sort="name").all():
        writer.writerow(
            [
                csv_cell(value)
                for value in (
                    row.display_name or _("(no name)"),
                    timezone.localtime(row.consented_at).date().isoformat(),
                    ReviewStatus(row.status).label,
                    timezone.localtime(row.latest_at).date().isoformat() if row.latest_at else "",
                    row.best_role_title,
                    "" if row.best_fit is None else row.best_fit,
                    row.target_role_title,
                    counts.get(row.student_uuid, 0),
                )
            ]
        )
    return response


@login_required
@require_safe
def insights(request: HttpRequest, cohort_id: UUID) -> HttpResponse:
    starting = selectors.cohort_page_for(counsellor=request.user, cohort_id=cohort_id)
    cohort, catalogue = starting.cohort, starting.catalogue()
    role = request.GET.get("role") or None
    if role is not None and role not in catalogue.role_by_slug:
        messages.error(request, _("Choose a role from the list."))
        return redirect("counselling:insights", cohort.id)
    counts = starting.insights()
    # The figures and charts follow from the counts and the role alone, and the template caches what it
    # renders from them under that key: they are worked out only when it renders them afresh.
    figures = SimpleLazyObject(lambda: cohort_insights(tallies=counts.tallies, targets=counts.targets, role_slug=role))
    return render(
        request,
        "counselling/insights.html",
        {
            "cohort": cohort,
            "students": counts.students,
            "insights": figures,
            "figures_key": f"{counts.key}:{role or ''}",
            "heatmap": SimpleLazyObject(lambda: heatmap(figures)),
            "histogram": SimpleLazyObject(lambda: fit_histogram(figures.fit_buckets)),
            "role_choices": worked_out(catalogue, _insight_role_choices),
            "selected_role": role or "",
            "minimum": MIN_STUDENTS,
        },
    )


def _insight_role_choices(catalogue: CompiledCatalogue) -> list[tuple[str, str]]:
    return [("", _("Each student's own target role"))] + [
        (role.slug, _("Students aiming at %(title)s") % {"title": role.title}) for role in catalogue.roles
    ]


def _membership(request: HttpRequest, cohort_id: UUID, student_uuid: UUID) -> Membership:
    return selectors.membership_for(counsellor=request.user, cohort_id=cohort_id, student_uuid=student_uuid)


def _student_page(
    request: HttpRequest,
    cohort: Cohort,
    membership: Membership,
    *,
    note_form: NoteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "counselling/student.html",
        {
            "cohort": cohort,
            "membership": membership,
            "student": membership.student,
            **selectors.student_file(cohort=cohort, membership=membership),
            # A status that does not validate is refused with a message on the page redirected to: this form is
            # never bound, and has no errors to summarise. Unbound, each form is drawn from the cache (the
            # template's {% cache %}), so it is made only when that misses: making both took 5 % of the file.
            "status_form": SimpleLazyObject(lambda: StatusForm(initial={"status": membership.status})),
            "status_label": ReviewStatus(membership.status).label,
            "note_form": note_form or SimpleLazyObject(NoteForm),
            "note_refused": note_form is not None,
        },
        status=status,
    )


@login_required
@require_safe
def student(request: HttpRequest, cohort_id: UUID, student_uuid: UUID) -> HttpResponse:
    membership = _membership(request, cohort_id, student_uuid)
    return _student_page(request, membership.cohort, membership)


@login_required
@require_POST
def student_status(request: HttpRequest, cohort_id: UUID, student_uuid: UUID) -> HttpResponse:
    membership = _membership(request, cohort_id, student_uuid)
    cohort = membership.cohort
    form = StatusForm(request.POST)
    if form.is_valid():
        services.membership_set_status(
            membership=membership, status=form.cleaned_data["status"], changed_by=request.user
        )
        messages.success(
            request, _("Status changed to %(status)s.") % {"status": ReviewStatus(form.cleaned_data["status"]).label}
        )
    else:
        messages.error(request, _("Choose a status from the list."))
    return redirect("counselling:student", cohort.id, student_uuid)


@login_required
@require_POST
def student_note(request: HttpRequest, cohort_id: UUID, student_uuid: UUID) -> HttpResponse:
    membership = _membership(request, cohort_id, student_uuid)
    cohort = membership.cohort
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _student_page(request, cohort, membership, note_form=form, status=400)
    services.note_add(
        cohort=cohort,
        student=membership.student,
        author=request.user,
        text=form.cleaned_data["text"],
        shared_with_student=form.cleaned_data["shared_with_student"],
    )
    messages.success(request, _("Note saved."))
    return redirect("counselling:student", cohort.id, student_uuid)


@login_required
@require_safe
def result(request: HttpRequest, cohort_id: UUID, result_id: UUID) -> HttpResponse:
    cohort = _cohort(request, cohort_id)
    shared = selectors.shared_result_for(cohort=cohort, result_id=result_id)
    # Every view is recorded, the what-if panel's too: the student is promised the whole audit, whatever the headers.
    services.result_view_record(counsellor=request.user, cohort=cohort, result=shared, kind=ViewKind.RESULT)
    return result_page(
        request,
        shared,
        read_only=True,
        result_url=reverse("counselling:result", args=[cohort.id, shared.id]),
        plan_url=reverse("counselling:plan", args=[cohort.id, shared.id]),
        extra={"cohort": cohort, "student": shared.assessment.owner},
    )


@login_required
@require_safe
def plan(request: HttpRequest, cohort_id: UUID, result_id: UUID) -> HttpResponse:
    cohort = _cohort(request, cohort_id)
    shared = selectors.shared_result_for(cohort=cohort, result_id=result_id)
    services.result_view_record(counsellor=request.user, cohort=cohort, result=shared, kind=ViewKind.PLAN)
    return plan_page(
        request,
        shared,
        read_only=True,
        result_url=reverse("counselling:result", args=[cohort.id, shared.id]),
        csv_url=reverse("counselling:plan_csv", args=[cohort.id, shared.id]),
        extra={"cohort": cohort, "student": shared.assessment.owner},
    )


@login_required
@require_safe
def plan_csv(request: HttpRequest, cohort_id: UUID, result_id: UUID) -> HttpResponse:
    cohort = _cohort(request, cohort_id)
    shared = selectors.shared_result_for(cohort=cohort, result_id=result_id)
    services.result_view_record(counsellor=request.user, cohort=cohort, result=shared, kind=ViewKind.PLAN_CSV)
    return plan_csv_response(shared)
