"""The persona panel (panel.yaml): load it, score it against a catalogue, and summarise the results.

`python -m assessments.tests.panel` prints each persona's top roles and the panel's figures for the
shipped catalogue files: top-1 and top-2 hit rates, how often the role planned for by default is one the
counsellor would defend, the median spread of fits, plan hours.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ruamel.yaml import YAML

from assessments.engine_io import ScoreRequest, score_response
from assessments.planning import Plan
from roles.compiled import CompiledCatalogue

PANEL = Path(__file__).with_name("panel.yaml")
START = date(2026, 1, 5)


@dataclass(frozen=True)
class Persona:
    name: str
    stage: str
    experience: str
    hours: int
    interests: tuple[str, ...]
    ratings: dict[str, int]
    not_sure: tuple[str, ...]
    acceptable: tuple[str, ...]
    why: str

    @property
    def beginner(self) -> bool:
        return self.experience in ("none", "under-2")


def load_panel() -> list[Persona]:
    data = YAML(typ="safe").load(PANEL)
    return [
        Persona(
            name=p["name"],
            stage=p["stage"],
            experience=p["experience"],
            hours=p["hours"],
            interests=tuple(p.get("interests") or ()),
            ratings=dict(p.get("ratings") or {}),
            not_sure=tuple(p.get("not_sure") or ()),
            acceptable=tuple(p.get("acceptable") or ()),
            why=p["why"],
        )
        for p in data["personas"]
    ]


@dataclass(frozen=True)
class Outcome:
    persona: Persona
    top: tuple[tuple[str, int], ...]  # (role slug, fit), best first
    plan_role: str | None
    plan_hours: int | None
    plan: Plan | None = None

    @property
    def hit1(self) -> bool:
        """The best fit is a role the counsellor would defend; for a persona who should get no role yet
        (no acceptable roles), no role is put forward."""
        if not self.persona.acceptable:
            return self.plan_role is None
        return bool(self.top) and self.top[0][0] in self.persona.acceptable

    @property
    def hit2(self) -> bool:
        if not self.persona.acceptable:
            return self.plan_role is None
        return any(slug in self.persona.acceptable for slug, _ in self.top[:2])

    @property
    def hit_target(self) -> bool:
        """The role CareerFit plans for by default (the best fit, or among near-ties the one the student is
        curious about) is one the counsellor would defend."""
        if not self.persona.acceptable:
            return self.plan_role is None
        return self.plan_role in self.persona.acceptable

    @property
    def spread(self) -> int:
        fits = [fit for _, fit in self.top]
        return max(fits) - min(fits) if fits else 0


def evaluate(catalogue: CompiledCatalogue, persona: Persona) -> Outcome:
    """What CareerFit answers this persona: the same request and answer as the API's (and the results page's)."""
    known = catalogue.skill_by_slug
    request = ScoreRequest.model_validate(
        {
            # "Not sure" is left unrated, as the questionnaire leaves it.
            "ratings": {skill: level for skill, level in persona.ratings.items() if skill in known},
            "hours_per_week": persona.hours,
            "stage": persona.stage,
            "experience": persona.experience,
            "interests": [slug for slug in persona.interests if slug in catalogue.role_by_slug],
        },
        context={"catalogue": catalogue},
    )
    answer = score_response(catalogue=catalogue, request=request, today=START)
    return Outcome(
        persona=persona,
        top=tuple((role.slug, role.fit) for role in answer.roles if not role.outgrown),
        plan_role=answer.plan.role if answer.plan else None,
        plan_hours=answer.plan.total_hours if answer.plan else None,
        plan=answer.plan,
    )


def summary(outcomes: list[Outcome]) -> dict[str, float]:
    judged = [o for o in outcomes if o.persona.acceptable]
    return {
        "top1": sum(o.hit1 for o in judged) / len(judged),
        "top2": sum(o.hit2 for o in judged) / len(judged),
        "target": sum(o.hit_target for o in judged) / len(judged),
        "beginner_spread": statistics.median(o.spread for o in judged if o.persona.beginner),
        "experienced_spread": statistics.median(o.spread for o in judged if not o.persona.beginner),
    }


def main() -> None:
    from django.conf import settings

    from roles.catalogue_files import read_catalogue
    from roles.compiled import compile_catalogue

    result = read_catalogue(settings.CATALOGUE_DIR)
    catalogue = compile_catalogue(result.catalogue, version=0)
    outcomes = [evaluate(catalogue, persona) for persona in load_panel()]
    for o in outcomes:
        mark = "✓" if o.hit1 else ("½" if o.hit2 else "✗")
        top = ", ".join(f"{slug} {fit}" for slug, fit in o.top[:3])
        print(f"{mark} {o.persona.name[:58]:58} | {top} | plan: {o.plan_role} {o.plan_hours} h")
    print({key: round(value, 3) for key, value in summary(outcomes).items()})


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerfit.settings_test")
    django.setup()
    main()
