"""The persona panel (panel.yaml): load it, score it against a catalogue, and summarise the results.

`python -m assessments.tests.panel` prints each persona's top roles and the panel's figures for the
shipped catalogue files: top-1 and top-2 hit rates, the spread of fits, plan hours.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ruamel.yaml import YAML

from assessments.planning import plan
from assessments.scoring import score
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

    def levels(self, catalogue: CompiledCatalogue) -> dict[str, int]:
        """The ratings CareerFit can read (skills it does not know yet are left out); "not sure" is 0."""
        known = catalogue.skill_by_slug
        return {skill: level for skill, level in self.ratings.items() if skill in known} | {
            skill: 0 for skill in self.not_sure if skill in known
        }


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

    @property
    def hit1(self) -> bool:
        return bool(self.top) and self.top[0][0] in self.persona.acceptable

    @property
    def hit2(self) -> bool:
        return any(slug in self.persona.acceptable for slug, _ in self.top[:2])

    @property
    def spread(self) -> int:
        fits = [fit for _, fit in self.top]
        return max(fits) - min(fits) if fits else 0


def evaluate(catalogue: CompiledCatalogue, persona: Persona) -> Outcome:
    levels = persona.levels(catalogue)
    ranking = score(catalogue=catalogue, levels=levels)
    best = ranking.best()
    learning_plan = (
        plan(catalogue=catalogue, levels=levels, hours_per_week=persona.hours, stage=persona.stage, start=START)
        if best is not None
        else None
    )
    return Outcome(
        persona=persona,
        top=tuple((role_fit.role.slug, role_fit.fit) for role_fit in ranking),
        plan_role=learning_plan.role if learning_plan else None,
        plan_hours=learning_plan.total_hours if learning_plan else None,
    )


def summary(outcomes: list[Outcome]) -> dict[str, float]:
    judged = [o for o in outcomes if o.persona.acceptable]
    return {
        "top1": sum(o.hit1 for o in judged) / len(judged),
        "top2": sum(o.hit2 for o in judged) / len(judged),
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
