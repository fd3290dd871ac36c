"""The questionnaire's steps: about you, one step per skill category, then a review. Pure code."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy as _

from roles.compiled import CompiledCatalogue, worked_out
from roles.schema import Skill

PROFILE = "profile"
REVIEW = "review"


@dataclass(frozen=True)
class Step:
    number: int
    key: str  # "profile", a skill category's slug, or "review"
    title: str
    description: str = ""
    skills: tuple[Skill, ...] = ()
    heading: str = ""  # "Step 2 of 6: Programming", the page's title and its h1

    @property
    def is_skills(self) -> bool:
        return bool(self.skills)


def questionnaire_steps(catalogue: CompiledCatalogue) -> tuple[Step, ...]:
    """The steps for this catalogue, in the active language (their titles are translated), worked out once for
    each: every step page and the landing page ask."""
    return worked_out(catalogue, _steps)


def _steps(catalogue: CompiledCatalogue) -> tuple[Step, ...]:
    by_category: dict[str, list[Skill]] = {}
    for skill in catalogue.skills:
        by_category.setdefault(skill.category, []).append(skill)
    steps = [Step(1, PROFILE, str(_("About you")), str(_("Where you are now and how much time you have.")))]
    for category in catalogue.categories:
        skills = sorted(by_category.get(category.slug, ()), key=lambda s: s.name.casefold())
        if skills:
            steps.append(Step(len(steps) + 1, category.slug, category.name, category.description, tuple(skills)))
    steps.append(Step(len(steps) + 1, REVIEW, str(_("Review your answers"))))
    heading = str(_("Step %(number)s of %(total)s: %(title)s"))
    return tuple(
        replace(step, heading=heading % {"number": step.number, "total": len(steps), "title": step.title})
        for step in steps
    )
