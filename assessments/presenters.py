"""What the result and plan pages show, built from a saved result.

Students' pages (`assessments.views`) and counsellors' read-only copies (`counselling.views`) both build
their context here, so the two never drift apart; what only one of them has (a counsellor's notes for
the student, the counsellor's own addresses) is passed in.

A result's ranking is the fit formula applied to its answers and its own catalogue snapshot, so it is
computed here exactly as it was first shown; the plan is read as stored.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from functools import cached_property
from html import escape
from typing import NamedTuple
from uuid import UUID

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments import selectors
from assessments.charts import gap_chart, in_chart_order
from assessments.forms import PaceForm, WhatIfForm
from assessments.framing import (
    TOO_CLOSE,
    Verdict,
    path,
    reachable,
    routes_toward,
    suited,
    verdict,
    where_it_leads,
)
from assessments.models import Result, ResultKind
from assessments.planning import Plan
from assessments.scoring import Ranking, RoleFit, score
from careerfit.addresses import ANY_ID, address
from careerfit.rendering import render_cached_page
from roles.compiled import CompiledCatalogue
from roles.levels import Importance
from roles.schema import Role, Salary


class SkillLine(NamedTuple):
    """One requirement of a role as the results page explains it.

    For an "any one of" requirement, `group` is its name, `skill` the member that counted and `members`
    the names of them all. A named tuple: a results page builds one per requirement of its 25 closest roles
    (1,000 with ESCO's catalogue), and a frozen dataclass costs three times as much to make.
    """

    skill: str
    skill_name: str
    importance: str
    weight: int
    current: int
    required: int
    points: int
    possible: int
    gap_weight: int
    group: str | None = None
    members: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.group}: {self.skill_name}" if self.group else self.skill_name


@dataclass(frozen=True)
class RoleRow:
    """One role of the ranking, with the explanation of its score."""

    rank: int
    role: Role
    fit: int
    unmet_core: int
    points: int
    possible: int
    lines: tuple[SkillLine, ...]
    experience: str | None = "none"  # None: not known (a result saved before the question was asked)

    @property
    def slug(self) -> str:
        return self.role.slug

    @property
    def title(self) -> str:
        return self.role.title

    @property
    def salary(self) -> Salary | None:
        return self.role.salary_for(self.experience)

    @property
    def gaps(self) -> tuple[SkillLine, ...]:
        """The unmet requirements, heaviest first."""
        return tuple(
            sorted(
                (line for line in self.lines if line.gap_weight), key=lambda g: (-g.gap_weight, g.skill_name.casefold())
            )
        )


def result_catalogue(result: Result) -> CompiledCatalogue:
    return selectors.catalogue_for_result(result)


def result_ranking(result: Result, catalogue: CompiledCatalogue | None = None) -> Ranking:
    """The result's ranking, recomputed from its answers and its own catalogue snapshot."""
    catalogue = catalogue or result_catalogue(result)
    levels = {skill: level for skill, level in result.levels().items() if skill in catalogue.skill_by_slug}
    return score(catalogue=catalogue, levels=levels)


def ranking_rows(
    ranking: Ranking, role_fits: Iterable[RoleFit] | None = None, *, experience: str | None = "none"
) -> list[RoleRow]:
    """Each role of the ranking (or of `role_fits`, in their order) with its explanation, numbered from 1."""
    names = ranking.catalogue.skill_by_slug

    def name(slug: str) -> str:
        return names[slug].name if slug in names else slug

    rows = []
    for position, role_fit in enumerate(ranking if role_fits is None else role_fits, start=1):
        explanation = ranking.explain(role_fit.role.slug)
        rows.append(
            RoleRow(
                rank=position,
                role=role_fit.role,
                fit=role_fit.fit,
                unmet_core=role_fit.unmet_core,
                points=explanation.points,
                possible=explanation.possible,
                lines=tuple(
                    SkillLine(
                        skill=c.skill,
                        skill_name=name(c.skill),
                        importance=c.importance,
                        weight=c.weight,
                        current=c.current,
                        required=c.required,
                        points=c.points,
                        possible=c.possible,
                        gap_weight=c.gap_weight,
                        group=c.group,
                        members=tuple(name(member) for member in c.members),
                    )
                    for c in explanation.contributions
                ),
                experience=experience,
            )
        )
    return rows


# The closest roles shown with their explanations; a catalogue of thousands of roles (ESCO's size) would
# otherwise make a page of thousands of cards. Every role is still on the role list and the what-if panel.
RANKING_SHOWN = 25


class LazyRows(Sequence):
    """`ranking_rows` worked out on first use: a cached rendering of the ranking never asks for them."""

    def __init__(self, ranking: Ranking, role_fits: Iterable[RoleFit], *, experience: str | None):
        self._arguments = (ranking, role_fits, experience)

    @cached_property
    def _rows(self) -> list[RoleRow]:
        ranking, role_fits, experience = self._arguments
        return ranking_rows(ranking, role_fits, experience=experience)

    def __getitem__(self, index):
        return self._rows[index]

    def __len__(self) -> int:
        return len(self._rows)


def _role_choices(ranking: Ranking, current: str = "") -> list[tuple[str, str]]:
    """The roles offered as a target: the closest RANKING_SHOWN, by fit, and the current target."""
    shown = list(ranking[:RANKING_SHOWN])
    if current in ranking.catalogue.role_by_slug and all(f.role.slug != current for f in shown):
        shown.append(ranking.for_role(current))
    return [(role_fit.role.slug, role_fit.role.title) for role_fit in shown]


def what_if_context(query: Mapping[str, str], result: Result, catalogue: CompiledCatalogue, ranking: Ranking) -> dict:
    """The ranking if one rating were different; computed for the page, never saved."""
    # The skills of the closest roles: with thousands of roles, every skill of every role is no menu.
    required = {r.skill for role_fit in ranking[:RANKING_SHOWN] for r in role_fit.role.requirements}
    skills = sorted(
        ((slug, catalogue.skill_by_slug[slug].name) for slug in required if slug in catalogue.skill_by_slug),
        key=lambda pair: pair[1].casefold(),
    )
    if "skill" not in query:
        return {"form": WhatIfForm(skills=skills)}
    form = WhatIfForm(query, skills=skills)
    if not form.is_valid():
        return {"form": form}
    skill, level = form.cleaned_data["skill"], form.cleaned_data["level"]
    levels = dict(ranking.levels)
    before = levels.get(skill, 0)
    levels[skill] = level
    was = {role_fit.role.slug: role_fit for role_fit in ranking}
    rows = [
        {
            "title": role_fit.role.title,
            "rank": role_fit.rank,
            "was_rank": was[role_fit.role.slug].rank,
            "fit": role_fit.fit,
            "was_fit": was[role_fit.role.slug].fit,
            "change": role_fit.fit - was[role_fit.role.slug].fit,
        }
        for role_fit in score(catalogue=catalogue, levels=levels)
    ]
    return {"form": form, "rows": rows, "skill_name": dict(skills)[skill], "level": level, "before": before}


def target_reason(
    ranking: Ranking, said: Verdict, target: RoleRow | None, *, interests: Iterable[str], experience: str | None
) -> str:
    """Why the plan is for its role, when it is not simply the best fit: "chosen" (the student chose it),
    "met" (the best fit is already met), "reachable" (a beginner's first job), "curious" (a near-tie they are
    curious about) or "leads" (a near-tie that leads to a role they are curious about); "" otherwise."""
    best = said.best
    if target is None or best is None or target.slug == best.role.slug:
        return ""
    target_fit = ranking.for_role(target.slug)
    if best.fit == 100 and target_fit.fit < 100:
        return "met"
    if best.fit - target_fit.fit > TOO_CLOSE:
        return "reachable" if reachable(target_fit, experience) and not reachable(best, experience) else "chosen"
    if target.slug in interests:
        return "curious"
    if any(path(ranking.catalogue, target.slug, goal) for goal in interests):
        return "leads"
    return "chosen"


class ResultPage:
    """What a saved result's page shows, each part worked out on first use.

    Everything here follows from the result alone (its answers, its own catalogue snapshot, its target),
    so result.html caches it as rendered HTML: on most views the cache answers and none of it is computed.
    """

    def __init__(self, result: Result, query: Mapping[str, str]):
        self.result = result
        self.query = query

    @cached_property
    def catalogue(self) -> CompiledCatalogue:
        return result_catalogue(self.result)

    @cached_property
    def ranking(self) -> Ranking:
        return result_ranking(self.result, self.catalogue)

    @cached_property
    def _suited(self) -> tuple[Sequence[RoleFit], Sequence[RoleFit]]:
        return suited(self.ranking, self.result.experience)

    @cached_property
    def verdict(self) -> Verdict:
        return verdict(self.ranking, experience=self.result.experience)

    @cached_property
    def _named(self) -> dict[str, RoleRow]:
        """The rows the page's sentences name; the full ranking's rows only when drawn (`rows`)."""
        framing, catalogue = self.verdict, self.catalogue
        named = [framing.best, framing.runner_up, *(sep.role for sep in framing.separators)]
        if self.result.target_role in catalogue.role_by_slug:
            named.append(self.ranking.for_role(self.result.target_role))
        fits = {f.role.slug: f for f in named if f}.values()
        return {row.slug: row for row in ranking_rows(self.ranking, fits, experience=self.result.experience)}

    @cached_property
    def rows(self) -> LazyRows:
        return LazyRows(self.ranking, self._suited[0][:RANKING_SHOWN], experience=self.result.experience)

    @cached_property
    def ranking_total(self) -> int:
        return len(self._suited[0])

    @cached_property
    def ranking_shown(self) -> int:
        return min(self.ranking_total, RANKING_SHOWN)

    @cached_property
    def target(self) -> RoleRow | None:
        return self._named.get(self.result.target_role)

    @cached_property
    def best(self) -> RoleRow | None:
        return self._named[self.verdict.best.role.slug] if self.verdict.best else None

    @cached_property
    def runner_up(self) -> RoleRow | None:
        return self._named[self.verdict.runner_up.role.slug] if self.verdict.runner_up else None

    @cached_property
    def separators(self) -> list[dict]:
        names = self.catalogue.skill_by_slug
        return [
            {"role": self._named[sep.role.role.slug], "skill": names[sep.skill].name, "gain": sep.gain}
            for sep in self.verdict.separators
            if sep.skill in names
        ]

    @cached_property
    def outgrown(self) -> list[RoleRow]:
        return ranking_rows(self.ranking, self._suited[1][:RANKING_SHOWN], experience=self.result.experience)

    @cached_property
    def _interests(self) -> list[str]:
        return [slug for slug in self.result.profile.get("interests", ()) if slug in self.catalogue.role_by_slug]

    @cached_property
    def target_reason(self) -> str:
        return target_reason(
            self.ranking, self.verdict, self.target, interests=self._interests, experience=self.result.experience
        )

    @cached_property
    def where_it_leads(self) -> list:
        return where_it_leads(self.ranking, self.target.slug) if self.target else []

    @cached_property
    def first_steps(self) -> list:
        # A first step that is the plan's own role is already in "where it leads".
        target = self.target
        goals = [*self._interests, *([target.slug] if target else [])]
        return [
            route
            for route in routes_toward(self.ranking, goals, experience=self.result.experience)
            if not target or route.start.role.slug != target.slug
        ]

    @cached_property
    def chart(self):
        return gap_chart(self.target.gaps) if self.target else None

    @cached_property
    def gap_rows(self) -> list:
        return in_chart_order(self.target.gaps) if self.target else []

    @cached_property
    def not_sure(self) -> list[str]:
        names = self.catalogue.skill_by_slug
        unsure = sorted(skill for skill, answer in self.result.answers.items() if answer["not_sure"])
        return [names[skill].name if skill in names else skill for skill in unsure]

    @cached_property
    def target_choices(self) -> list[tuple[str, str]]:
        return _role_choices(self.ranking, self.result.target_role)

    @property
    def what_if_asked(self) -> bool:
        return "skill" in self.query

    @cached_property
    def what_if(self) -> dict:
        return what_if_context(self.query, self.result, self.catalogue, self.ranking)


def result_page(
    request,
    result: Result,
    *,
    read_only: bool = False,
    result_url: str = "",
    plan_url: str = "",
    counsellor_notes: Iterable = (),
    extra: dict | None = None,
) -> HttpResponse:
    """The result page, or only its what-if panel for an htmx request; counsellors get it read-only, at
    their own addresses. The student's own page is cached whole, until its target, its owner, its notes or
    today's catalogue change."""
    page = ResultPage(result, request.GET)
    if request.htmx and page.what_if_asked:
        return render(request, "assessments/_what_if.html", {"what_if": page.what_if})
    catalogue_changed = selectors.catalogue_changed_since(result)
    counsellor_notes = list(counsellor_notes)
    own_page = not read_only and extra is None
    page_key = (
        (
            "result",
            result.id,
            result.target_role,
            result.assessment.owner_id,
            catalogue_changed,
            [(note.id, note.text, note.author_name, note.cohort_name, note.created_at) for note in counsellor_notes],
        )
        if own_page
        else None
    )

    def context() -> dict:
        return {
            "page": page,
            "result": result,
            "assessment": result.assessment,
            "catalogue_changed": catalogue_changed,
            "anonymous": result.assessment.owner_id is None,
            "private_link": request.build_absolute_uri(result.get_absolute_url()),
            "read_only": read_only,
            "result_url": result_url or reverse("assessments:result", args=[result.id]),
            "plan_url": plan_url or reverse("assessments:plan", args=[result.id]),
            "counsellor_notes": counsellor_notes,
            **(extra or {}),
        }

    return render_cached_page(request, "assessments/result.html", context, page_key=page_key)


class PlanPage:
    """What a result's plan page shows, each part worked out on first use: plan.html caches it as rendered
    HTML for as long as the stored plan stays the same."""

    def __init__(self, result: Result):
        self.result = result

    @cached_property
    def plan(self) -> Plan | None:
        return self.result.learning_plan()

    @cached_property
    def ranking(self) -> Ranking:
        return result_ranking(self.result)

    @cached_property
    def _planned(self) -> str | None:
        plan, roles = self.plan, self.ranking.catalogue.role_by_slug
        return plan.role if plan and plan.role in roles else None

    @cached_property
    def next_rungs(self) -> list[RoleFit]:
        if not self._planned:
            return []
        roles = self.ranking.catalogue.role_by_slug
        return [self.ranking.for_role(slug) for slug in sorted(roles[self._planned].leads_to) if slug in roles]

    @cached_property
    def first_step(self) -> list:
        if not self._planned:
            return []
        return routes_toward(self.ranking, [self._planned], experience=self.result.experience)

    @cached_property
    def item_count(self) -> int:
        return len(self.plan.items) if self.plan else 0

    @cached_property
    def target_choices(self) -> list[tuple[str, str]]:
        return _role_choices(self.ranking, self.result.target_role)


def plan_page(
    request,
    result: Result,
    pace_form: PaceForm | None = None,
    *,
    read_only: bool = False,
    result_url: str = "",
    csv_url: str = "",
    extra: dict | None = None,
) -> HttpResponse:
    """The plan page; `pace_form` is a rejected change of pace, shown with its error (and never cached). The
    student's own plan is cached whole, until the plan or its owner change."""
    plan_key = result.plan_fingerprint()
    own_page = not read_only and extra is None and pace_form is None
    page_key = ("plan", result.id, plan_key, result.target_role_title, result.assessment.owner_id) if own_page else None

    def context() -> dict:
        return {
            "page": PlanPage(result),
            "plan_key": plan_key,
            "pace_form": pace_form,
            "read_only": read_only,
            "result_url": result_url or reverse("assessments:result", args=[result.id]),
            "csv_url": csv_url or reverse("assessments:plan_csv", args=[result.id]),
            "result": result,
            "assessment": result.assessment,
            "anonymous": result.assessment.owner_id is None,
            **(extra or {}),
        }

    return render_cached_page(
        request, "assessments/plan.html", context, status=400 if pace_form else 200, page_key=page_key
    )


def csv_cell(value) -> str:
    """A spreadsheet cell that cannot be read as a formula."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def plan_csv_response(result: Result) -> HttpResponse:
    learning_plan = result.learning_plan()
    if learning_plan is None:
        raise Http404("This result has no plan yet: choose a role to plan for.")
    names = learning_plan.skill_names()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"careerfit-plan-{learning_plan.role}-{result.created_at:%Y-%m-%d}.csv"
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
    for phase in learning_plan.phases():
        for item in phase.items:
            writer.writerow(
                [
                    csv_cell(value)
                    for value in (
                        phase.title,
                        f"{item.group}: {item.skill_name}" if item.group else item.skill_name,
                        item.from_level,
                        item.to_level,
                        item.hours,
                        item.start_week,
                        item.end_week,
                        Importance(item.importance).label if item.importance else _("Prerequisite"),
                        "; ".join(names.get(skill, skill) for skill in item.needed_for),
                        "; ".join(f"{r.title} <{r.url}>" for r in item.resources),
                    )
                ]
            )
    writer.writerow([])
    writer.writerow(
        [
            csv_cell(value)
            for value in (
                _("Total"),
                learning_plan.role_title,
                "",
                "",
                learning_plan.total_hours,
                "",
                learning_plan.weeks,
                ngettext(
                    "Finish by %(date)s at %(hours)s hour a week",
                    "Finish by %(date)s at %(hours)s hours a week",
                    learning_plan.hours_per_week,
                )
                % {"date": learning_plan.finish_date.isoformat(), "hours": learning_plan.hours_per_week},
            )
        ]
    )
    return response


class ResultLinks(NamedTuple):
    """What a list of results draws for each, as a student's history and their file in a cohort list them: its
    day, linked to the result and marked if it was re-scored, and its plan's address. The addresses are found,
    the badge translated and the date format read once a list."""

    result_address: str  # escaped, with ANY_ID where each result's id goes
    plan_address: str
    rescored: str
    date_format: str
    here: tzinfo

    @classmethod
    def of(cls, result_name: str, plan_name: str, *leading: UUID) -> ResultLinks:
        """For the pages named, whose addresses take `leading` (a cohort's id) and then the result's id."""
        return cls(
            escape(address(result_name, *leading, ANY_ID)),
            escape(address(plan_name, *leading, ANY_ID)),
            f' <span class="badge text-bg-light border">{escape(_("re-scored"))}</span>',
            get_format("DATE_FORMAT"),
            timezone.get_current_timezone(),
        )

    def drawn(self, result) -> tuple[str, str, str]:
        """(the result's day in the visitor's time zone, that day linked to the result with its badge, the plan's
        address), all escaped. `result` has an id, a time and a kind, as `Result` has."""
        ident = str(result.id)
        day = escape(format_date(result.created_at.astimezone(self.here).date(), self.date_format))
        badge = self.rescored if result.kind == ResultKind.RESCORED else ""
        return (
            day,
            f'<a href="{self.result_address.replace(_ANY_ID, ident)}">{day}</a>{badge}',
            self.plan_address.replace(_ANY_ID, ident),
        )


_ANY_ID = str(ANY_ID)
