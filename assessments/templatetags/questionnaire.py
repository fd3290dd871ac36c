"""The questionnaire's level questions and the review's answers, drawn in Python.

A skills step asks a dozen or more questions of seven radios each, and drawing them was most of the step's
time: first as template loops over bound fields, then as filters that escaped every label on every request.
What no answer changes (the legend, the radios but for "checked", the meanings of the levels, the evidence
box but for its value) is now escaped once per skill wording and language; a request fills in the answer.

The review lists every answer, 123 with the shipped catalogue: as a template loop its rows took three quarters
of the page's time.

A skills step's questions and its live fits are called by the step's view (`level_questions`, `live_fits`): they
are the parts of the page that are each student's own, put into a page drawn once for everyone on that step
(`careerfit.rendering.render_skeleton`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html import escape

from django import template
from django.utils.html import conditional_escape, urlize
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from assessments.forms import EVIDENCE_HELP, EVIDENCE_MAX_LENGTH, Question, evidence_field, level_choices, skill_texts
from roles.formatting import level_label
from roles.levels import Level
from roles.schema import Skill

register = template.Library()


def level_questions(questions) -> str:
    """A step's level questions, each a row of buttons (0 to 5 and "not sure") over the meaning of each level,
    and its optional evidence behind "Add evidence (optional)", open when it holds something or an error.

    Each radio is named by its meaning ("3 · Intermediate I can …", aria-labelledby) and each meaning is a
    label for it too, so either can be pressed. While nothing is chosen every meaning shows; once a level is
    chosen only its meaning does (careerfit.css, `:has`), which keeps a step of many skills short on a phone.
    """
    language = get_language()
    return mark_safe("".join(_question(question, _drawn(question.skill, language)) for question in questions))


def _question(question: Question, drawn: _Drawn) -> str:
    errors, chosen, ident = question.errors, question.chosen, drawn.ident
    invalid = ' aria-invalid="true"' if errors else ""
    radios = "".join(
        f"{before}{' checked' if value == chosen else ''}{invalid}{after}" for value, before, after in drawn.radios
    )
    if errors:
        opening = (
            f'<fieldset class="skill-question card card-body mb-3 border-danger" aria-describedby="{ident}_error">'
            f'{drawn.legend}<p id="{ident}_error" class="text-danger fw-semibold mb-2">{_joined(errors)}</p>'
        )
    else:
        opening = f'<fieldset class="skill-question card card-body mb-3">{drawn.legend}'
    evidence, evidence_errors, evidence_ident = question.evidence, question.evidence_errors, drawn.evidence_ident
    if evidence_errors:
        described = f"{evidence_ident}_helptext {evidence_ident}_error"
        evidence_error = f'<div id="{evidence_ident}_error" class="invalid-feedback">{_joined(evidence_errors)}</div>'
    else:
        described, evidence_error = f"{evidence_ident}_helptext", ""
    return (  # every value is escaped, here or in `_drawn`
        f'{opening}<div class="levels"><div class="level-buttons">{radios}</div>{drawn.meanings}</div>'
        f'<details class="mt-2"{" open" if evidence or evidence_errors else ""}>{drawn.evidence_label}'
        f'<input type="text" class="form-control{" is-invalid" if evidence_errors else ""}"'
        f' name="{drawn.evidence_name}" id="{evidence_ident}" value="{escape(evidence)}"'
        f' maxlength="{EVIDENCE_MAX_LENGTH}" aria-describedby="{described}">{drawn.evidence_help}{evidence_error}'
        "</div></details></fieldset>"
    )


@register.filter
def review_rows(rows) -> str:
    """A review table's rows, one a skill (`rows` of (skill, its saved answer or None)): the skill, the answer
    ("Not answered", "Not sure" or its level, "3 · Intermediate") and the evidence with its links made live,
    as the `urlize` filter makes them."""
    not_answered, not_sure, levels = _answer_cells(get_language())
    html = []
    for skill, answer in rows:
        if answer is None:
            given, evidence = not_answered, ""
        else:
            given = not_sure if answer.not_sure else levels[answer.level]
            evidence = urlize(answer.evidence, nofollow=True, autoescape=True) if answer.evidence else ""
        html.append(
            f'<tr><th scope="row" class="fw-normal">{escape(skill.name)}</th>'
            f'<td>{given}</td><td class="text-break">{evidence}</td></tr>'
        )
    return mark_safe("\n".join(html))  # every value above is escaped, the evidence by urlize


@lru_cache(maxsize=16)
def _answer_cells(language: str | None) -> tuple[str, str, dict[int, str]]:
    """What the review writes for no answer, for "not sure" and for each level, escaped, in a language."""
    return (
        f'<span class="text-body-secondary">{escape(_("Not answered"))}</span>',
        escape(_("Not sure")),
        {level: escape(level_label(level)) for level in Level.values},
    )


def live_fits(live_top) -> str:
    """The live panel's best fits so far: each role's title and fit, and a meter of it labelled "Fit for …"; ""
    with none yet. The panel is redrawn on every answer; each line is drawn once per title, fit and language."""
    if not live_top:
        return ""
    language = get_language()
    lines = "".join(_live_fit_line(role_fit.role.title, role_fit.fit, language) for role_fit in live_top)
    return mark_safe(f'<ol class="list-unstyled mb-0">{lines}</ol>')  # escaped in _live_fit_line


@lru_cache(maxsize=4096)
def _live_fit_line(title: str, fit: int, language: str | None) -> str:
    label = escape(_("Fit for %(title)s") % {"title": title})
    return (
        f'<li class="mb-2"><div class="d-flex justify-content-between"><span>{escape(title)}</span>'
        f'<span class="fw-semibold">{fit} %</span></div>'
        f'<meter class="w-100" min="0" max="100" value="{fit}" aria-label="{label}">{fit} %</meter></li>'
    )


def _joined(errors) -> str:
    return " ".join(escape(str(error)) for error in errors)


@dataclass(frozen=True)
class _Drawn:
    """A question's markup that no answer changes, escaped."""

    ident: str
    legend: str  # the legend, and the skill's description under it
    radios: tuple[tuple[str, str, str], ...]  # (value, the radio up to "checked", the rest of its button)
    meanings: str
    evidence_ident: str
    evidence_name: str
    evidence_label: str  # the summary, and the label of the evidence box
    evidence_help: str


@lru_cache(maxsize=2048)
def _drawn(skill: Skill, language: str | None) -> _Drawn:
    """Keyed by the skill, all of whose fields are compared, so an edited skill is drawn afresh and a stale
    drawing can't be served."""
    blank = Question(skill)
    ident, evidence_ident = escape(blank.ident), escape(blank.evidence_ident)
    field_name, evidence_name = escape(skill.slug), escape(evidence_field(skill.slug))
    name, description = skill.name, skill.description
    radios = []
    meanings = []
    for index, (value, label) in enumerate(level_choices(skill)):
        value = str(value)
        radio, shown = f"{ident}_{index}", escape(value if value.isdigit() else _("Not sure"))
        value = escape(value)
        radios.append(
            (
                value,
                f'<span class="level-button"><input class="form-check-input" type="radio" name="{field_name}"'
                f' id="{radio}" value="{value}"',
                f' aria-labelledby="{radio}_meaning"><label for="{radio}" aria-hidden="true">{shown}</label></span>',
            )
        )
        meanings.append(
            f'<label class="level-meaning" id="{radio}_meaning" for="{radio}" data-level="{value}">'
            f"{conditional_escape(label)}</label>"
        )
    description_html = f'<p class="text-body-secondary mb-2">{escape(description)}</p>' if description else ""
    return _Drawn(
        ident=ident,
        legend=f'<legend class="h5 mb-1">{escape(name)}</legend>{description_html}',
        radios=tuple(radios),
        meanings=f'<div class="level-meanings">{"".join(meanings)}</div>',
        evidence_ident=evidence_ident,
        evidence_name=evidence_name,
        evidence_label=(
            f'<summary>{escape(_("Add evidence (optional)"))}</summary><div class="mt-2">'
            f'<label for="{evidence_ident}" class="form-label">{escape(skill_texts(name, language)[2])}</label>'
        ),
        evidence_help=f'<div id="{evidence_ident}_helptext" class="form-text">{escape(str(EVIDENCE_HELP))}</div>',
    )
