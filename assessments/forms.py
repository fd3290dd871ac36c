"""Forms for the questionnaire and results. They validate and normalise; services do the writing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache, partial

from django import forms
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from assessments.planning import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK
from roles.choices import YearsInTech
from roles.compiled import CompiledCatalogue
from roles.levels import LEVEL_MEANINGS, Level
from roles.schema import Skill

NOT_SURE = "not-sure"
EVIDENCE_MAX_LENGTH = 500
EVIDENCE_HELP = _("A link or a sentence that shows this level, such as a project or a course.")
# Fields every questionnaire post may carry besides the answers themselves.
CONTROL_FIELDS = {"csrfmiddlewaretoken", "action"}


class ProfileForm(forms.Form):
    stage = forms.ChoiceField(label=_("Where are you now?"), widget=forms.RadioSelect)
    hours_per_week = forms.IntegerField(
        label=_("Hours a week you can spend learning"),
        min_value=MIN_HOURS_PER_WEEK,
        max_value=MAX_HOURS_PER_WEEK,
        help_text=_("From 1 to 60. Your plan is timed at this pace, and you can change it later."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    experience = forms.ChoiceField(
        label=_("How long have you worked in tech?"),
        choices=YearsInTech.choices,
        initial=YearsInTech.NONE,
        widget=forms.RadioSelect,
        help_text=_(
            "Any job where these skills were part of the work. It decides which salaries and certifications fit you."
        ),
    )
    interests = forms.MultipleChoiceField(
        label=_("Roles you are curious about (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("When two roles fit you about as well, your plan follows the one you are curious about."),
    )

    def __init__(self, *args, catalogue: CompiledCatalogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(stage.slug, stage.name) for stage in catalogue.stages]
        self.fields["interests"].choices = [(role.slug, role.title) for role in catalogue.roles]


@dataclass(frozen=True)
class AnswerInput:
    level: int | None
    not_sure: bool
    evidence: str


def level_choices(skill: Skill) -> tuple[tuple[str, str], ...]:
    """Each level with what it means for this skill: "<strong>3 · Intermediate</strong> I can …"."""
    return _level_choices(tuple(skill.can), get_language())


@lru_cache(maxsize=1024)
def _level_choices(can: tuple[str, ...], language: str | None) -> tuple[tuple[str, str], ...]:
    """Built once per skill wording and language: a questionnaire step asks for dozens of them."""
    meanings = [LEVEL_MEANINGS[Level.NONE], *can]
    choices = [
        (str(level), format_html("<strong>{} · {}</strong> {}", level, Level(level).label, meaning))
        for level, meaning in enumerate(meanings)
    ]
    choices.append((NOT_SURE, format_html("<strong>{}</strong> {}", _("Not sure"), _("(counts as 0 for now)"))))
    return tuple(choices)


class LevelField(forms.ChoiceField):
    """A skill's level, as radios: 0 to 5, each with what it means for this skill, or "not sure".

    `levels` are the choices as built once per skill wording and language. Django would normalize a list of
    choices twice (field and widget) for each of a step's skills on every request, and a callable's each time
    it is read, so the field is given a callable, and the check of an answer reads `levels` instead.
    """

    widget = forms.RadioSelect

    def __init__(self, *, skill: Skill, **kwargs):
        self.levels = level_choices(skill)
        super().__init__(choices=partial(level_choices, skill), **kwargs)

    def valid_value(self, value) -> bool:
        return any(value == choice for choice, _label in self.levels)


class UsedSkillsForm(forms.Form):
    """The quick pass of a step: which of its skills has the student used at all? The others count as
    0 · None, so the student rates only what they have touched."""

    used = forms.MultipleChoiceField(
        label=_("Which of these have you used at all?"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, skills: Iterable[Skill], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["used"].choices = [(skill.slug, skill.name) for skill in skills]
        self.fields["used"].error_messages["invalid_choice"] = _(
            "This step asks about other skills (%(value)s was sent). Tick the skills shown and try again."
        )


class SkillsForm(forms.Form):
    """One questionnaire step: for each skill, a level from 0 to 5 or "not sure", and optional evidence.

    With `require_all`, every skill needs an answer (moving on); without it, what is answered is kept
    (going back, or saving as the student goes). Fields for skills that are not on this step are refused.
    """

    def __init__(self, *args, skills: Iterable[Skill], require_all: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.skills = tuple(skills)
        self.fields.update(_skills_fields(self.skills, get_language(), require_all))

    def clean(self):
        cleaned = super().clean()
        unexpected = sorted(key for key in self.data if key not in self.fields and key not in CONTROL_FIELDS)
        if unexpected:
            raise forms.ValidationError(
                _("This step asks about other skills (%(fields)s was sent). Answer the questions shown and try again.")
                % {"fields": ", ".join(unexpected)},
                code="unexpected",
            )
        return cleaned

    def question(self, skill: Skill) -> Question:
        """The skill's question as this post left it: the answer sent, and what is wrong with it."""
        level, evidence = self[skill.slug], self[evidence_field(skill.slug)]
        return Question(
            skill, str(level.value() or ""), evidence.value() or "", tuple(level.errors), tuple(evidence.errors)
        )

    def answers(self) -> dict[str, AnswerInput]:
        """The answered skills, normalised; unanswered ones are left out."""
        answers = {}
        for skill in self.skills:
            value = self.cleaned_data.get(skill.slug)
            if not value:
                continue
            evidence = self.cleaned_data.get(evidence_field(skill.slug), "").strip()
            if value == NOT_SURE:
                answers[skill.slug] = AnswerInput(None, True, evidence)
            else:
                answers[skill.slug] = AnswerInput(int(value), False, evidence)
        return answers


@lru_cache(maxsize=64)
def _skills_fields(skills: tuple[Skill, ...], language: str | None, require_all: bool) -> dict[str, forms.Field]:
    """A step's fields, built once per step, language and strictness, and shared by the forms of that step.

    Building two fields for each of a dozen skills took two thirds of a post's validation. Sharing them is safe
    because nothing changes a field once it is built: each form gets its own dict of them (`fields.update`),
    and validating or reading a field leaves it as it was.
    """
    fields: dict[str, forms.Field] = {}
    evidence_help = str(EVIDENCE_HELP)  # in this language, once, not once a field on every post
    for skill in skills:
        required, invalid, evidence = skill_texts(skill.name, language)
        fields[skill.slug] = LevelField(
            skill=skill,
            label=skill.name,
            required=require_all,
            error_messages={"required": required, "invalid_choice": invalid},
        )
        fields[evidence_field(skill.slug)] = forms.CharField(
            label=evidence, help_text=evidence_help, max_length=EVIDENCE_MAX_LENGTH, required=False
        )
    return fields


@lru_cache(maxsize=1024)
def skill_texts(name: str, language: str | None) -> tuple[str, str, str]:
    """A skill's two error messages and its evidence label, translated once per skill and language."""
    return (
        _("Choose a level for %(skill)s, or “Not sure”.") % {"skill": name},
        _("Choose one of the levels shown for %(skill)s.") % {"skill": name},
        _("Evidence for %(skill)s (optional)") % {"skill": name},
    )


def evidence_field(skill_slug: str) -> str:
    return f"{skill_slug}--evidence"


@dataclass(frozen=True)
class Question:
    """A level question as a step draws it (`level_questions`): the skill, the answer shown (a level, "not-sure"
    or "") and its evidence, and what is wrong with them when a post was refused.

    A step's page is drawn from these rather than from a form's bound fields: shown with the answers saved, it
    needs no form at all, and a form of a dozen skills took an eighth of the page's time to build.
    """

    skill: Skill
    chosen: str = ""
    evidence: str = ""
    errors: tuple[str, ...] = ()
    evidence_errors: tuple[str, ...] = ()

    @classmethod
    def saved(cls, skill: Skill, answer) -> Question:
        """The question with the saved answer (a `selectors.SavedAnswer`), or unanswered when there is none."""
        if answer is None:
            return cls(skill)
        return cls(skill, NOT_SURE if answer.not_sure else str(answer.level), answer.evidence)

    @property
    def ident(self) -> str:
        """The id of the first radio's group, as a form gives it ("id_" and the field's name)."""
        return f"id_{self.skill.slug}"

    @property
    def evidence_ident(self) -> str:
        return f"id_{evidence_field(self.skill.slug)}"


class ConfirmForm(forms.Form):
    confirm_same = forms.BooleanField(
        label=_("Yes, these answers are right."),
        required=False,
    )


class PaceForm(forms.Form):
    hours_per_week = forms.IntegerField(
        label=_("Hours a week"),
        min_value=MIN_HOURS_PER_WEEK,
        max_value=MAX_HOURS_PER_WEEK,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class TargetForm(forms.Form):
    target = forms.ChoiceField(label=_("Plan for"))

    def __init__(self, *args, roles: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = roles


class WhatIfForm(forms.Form):
    skill = forms.ChoiceField(label=_("If this skill"))
    level = forms.TypedChoiceField(
        label=_("were at level"),
        coerce=int,
        choices=[(level.value, f"{level.value} · {level.label}") for level in Level],
    )

    def __init__(self, *args, skills: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        # The menu's (slug, name) pairs, as the template draws them. The field is given them through a
        # callable, which Django reads only to validate an answer: set as a list, they would be normalized
        # twice (field and widget) on every results page, about a millisecond for ESCO's 800 skills.
        self.skill_choices = skills
        self.fields["skill"].choices = lambda: skills


class ChoiceForm(forms.Form):
    """Which skill to learn for an "any one of" requirement of the plan's role."""

    group = forms.CharField(max_length=100)
    skill = forms.SlugField(max_length=50)
