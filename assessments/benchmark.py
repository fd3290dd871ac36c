"""Catalogues and timings for `manage.py bench_engine` (`make bench-engine`).

Synthetic catalogues have 2,000 skills and roles of 40 requirements each; the ESCO catalogue maps every
occupation to a role, essential skills to core requirements at level 3 and optional skills to
nice-to-have requirements at level 2. The engine is timed against the simplest NumPy formulation of the
same arithmetic (gather every requirement's level, weigh, sum per role, sort), in the same run.
"""

from __future__ import annotations

import csv
import gc
import io
import random
import statistics
import time
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from assessments.planning import plan
from assessments.scoring import score
from roles.compiled import CompiledCatalogue, compile_catalogue
from roles.levels import IMPORTANCE_WEIGHTS, Importance
from roles.schema import Catalogue, Category, Prerequisite, Requirement, RoadmapStep, Role, Skill

HOURS = (2, 8, 20, 50, 100)
START = date(2026, 1, 5)


def synthetic_catalogue(*, roles: int, requirements: int = 40, skills: int = 2000, seed: int = 1) -> CompiledCatalogue:
    rng = random.Random(seed)
    slugs = [f"s{index:05d}" for index in range(skills)]
    skill_specs = []
    foundations = skills // 10
    for index, slug in enumerate(slugs):
        # Like a real catalogue, prerequisites point at foundations (Docker needs Linux, pandas needs Python):
        # half the skills need one or two of the first tenth, and a few foundations need an earlier one.
        if index >= foundations:
            count, pool = rng.choice((0, 1, 1, 2)), foundations
        else:
            count, pool = (rng.choice((0, 0, 0, 1)) if index else 0), index
        prerequisites = tuple(
            Prerequisite(skill=slugs[p], level=rng.randint(1, 3)) for p in sorted(set(rng.sample(range(pool), count)))
        )
        skill_specs.append(_skill(slug, f"Skill {index}", "general", prerequisites=prerequisites))
    importances = [Importance.CORE] * 3 + [Importance.IMPORTANT] * 4 + [Importance.NICE] * 3
    role_specs = []
    for index in range(roles):
        chosen = rng.sample(slugs, requirements)
        reqs = tuple(
            Requirement(skill=s, level=rng.choice((1, 2, 2, 3, 3, 3, 4)), importance=rng.choice(importances).value)
            for s in chosen
        )
        phases = tuple(RoadmapStep(title=f"Phase {p + 1}", skills=tuple(chosen[p * 8 : p * 8 + 8])) for p in range(5))
        role_specs.append(
            Role(
                slug=f"role-{index:05d}",
                title=f"Role {rng.random():.6f}",
                summary="-",
                requirements=reqs,
                roadmap=phases,
            )
        )
    return compile_catalogue(
        Catalogue(
            categories=(Category(slug="general", name="General"),), skills=tuple(skill_specs), roles=tuple(role_specs)
        ),
        version=1,
    )


def _skill(slug: str, name: str, category: str, prerequisites: tuple = ()) -> Skill:
    return Skill(
        slug=slug,
        name=name,
        category=category,
        can=("I can name it.",) * 5,
        hours=HOURS,
        prerequisites=prerequisites,
    )


def esco_catalogue(directory: Path) -> CompiledCatalogue:
    """ESCO v1.1.1's occupations and their essential and optional skills, from the two published zips."""

    def rows(archive: str, member: str):
        with zipfile.ZipFile(directory / archive) as bundle:
            name = next(n for n in bundle.namelist() if n.endswith(member))
            with bundle.open(name) as raw:
                yield from csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))

    def key(uri: str) -> str:
        return uri.rsplit("/", 1)[-1]

    skills = {
        key(row["conceptUri"]): _skill(key(row["conceptUri"]), row["preferredLabel"] or key(row["conceptUri"]), "esco")
        for row in rows("esco-v1.1.1-classification-en-csv.zip", "skills_en.csv")
    }
    titles = {
        key(row["conceptUri"]): row["preferredLabel"]
        for row in rows("esco-v1.1.1-classification-en-csv.zip", "occupations_en.csv")
    }
    requirements: dict[str, dict[str, Requirement]] = {}
    for row in rows("esco-v1.1.1-relations-csv.zip", "occupationSkillRelations.csv"):
        skill = key(row["skillUri"])
        if skill not in skills:
            continue
        essential = row["relationType"] == "essential"
        requirements.setdefault(key(row["occupationUri"]), {})[skill] = Requirement(
            skill=skill,
            level=3 if essential else 2,
            importance=(Importance.CORE if essential else Importance.NICE).value,
        )
    roles = tuple(
        Role(
            slug=occupation, title=titles.get(occupation) or occupation, summary="-", requirements=tuple(reqs.values())
        )
        for occupation, reqs in sorted(requirements.items())
    )
    return compile_catalogue(
        Catalogue(categories=(Category(slug="esco", name="ESCO"),), skills=tuple(skills.values()), roles=roles),
        version=1,
    )


def student(catalogue: CompiledCatalogue, *, rated: int | None, seed: int = 7) -> dict[str, int]:
    """A student who rated `rated` skills the catalogue's roles require (all of them if None), at 1–5."""
    rng = random.Random(seed)
    required = sorted({r.skill for role in catalogue.roles for r in role.requirements})
    chosen = required if rated is None else rng.sample(required, min(rated, len(required)))
    return {skill: rng.choice((1, 2, 2, 3, 3, 4, 5)) for skill in chosen}


def engine(catalogue: CompiledCatalogue, levels: Mapping[str, int]) -> tuple[list[str], list[int]]:
    ranking = score(catalogue=catalogue, levels=levels)
    return [catalogue.roles[i].slug for i in ranking.order], [ranking.fits[i] for i in ranking.order]


def engine_with_plan(catalogue: CompiledCatalogue, levels: Mapping[str, int]) -> None:
    ranking = score(catalogue=catalogue, levels=levels)
    plan(catalogue=catalogue, levels=levels, role_slug=ranking.best().role.slug, hours_per_week=10, start=START)


def numpy_baseline(catalogue: CompiledCatalogue) -> Callable[[Mapping[str, int]], tuple[list[str], list[int]]]:
    """The simplest NumPy formulation of the fit and ranking, prepared once per catalogue."""
    import numpy as np

    skill_index = {skill.slug: i for i, skill in enumerate(catalogue.skills)}
    role_of, skill_of, weight, required, core = [], [], [], [], []
    for r, role in enumerate(catalogue.roles):
        for requirement in role.requirements:
            role_of.append(r)
            skill_of.append(skill_index[requirement.skill])
            weight.append(IMPORTANCE_WEIGHTS[Importance(requirement.importance)])
            required.append(requirement.level)
            core.append(requirement.importance == Importance.CORE)
    role_of, skill_of = np.array(role_of), np.array(skill_of)
    weight, required, core = np.array(weight), np.array(required), np.array(core)
    role_count = len(catalogue.roles)
    denominators = np.bincount(role_of, weights=weight * required, minlength=role_count).astype(np.int64)
    core_totals = np.bincount(role_of, weights=core, minlength=role_count).astype(np.int64)
    titles = [(role.title.casefold(), role.slug) for role in catalogue.roles]
    title_ranks = np.empty(role_count, dtype=np.int64)
    title_ranks[sorted(range(role_count), key=titles.__getitem__)] = np.arange(role_count)
    slugs = [role.slug for role in catalogue.roles]

    def rank(levels: Mapping[str, int]) -> tuple[list[str], list[int]]:
        current = np.zeros(len(skill_index), dtype=np.int64)
        for skill, level in levels.items():
            current[skill_index[skill]] = level
        at_requirement = current[skill_of]
        points = np.bincount(role_of, weights=weight * np.minimum(at_requirement, required), minlength=role_count)
        met = np.bincount(role_of, weights=core & (at_requirement >= required), minlength=role_count)
        fits = (100 * points.astype(np.int64)) // denominators
        order = np.lexsort((title_ranks, core_totals - met.astype(np.int64), -fits))
        return [slugs[i] for i in order], fits[order].tolist()

    return rank


def median_seconds(function: Callable[[], object], *, budget: float = 1.5, minimum: int = 15) -> float:
    """The median of repeated timings, after one warm-up call, within about `budget` seconds.

    The garbage collector is paused while timing, as `timeit` does, so a collection that happens to land
    in one call does not move the figures.
    """
    function()
    samples = []
    collecting = gc.isenabled()
    gc.disable()
    try:
        started = time.perf_counter()
        while len(samples) < minimum or (time.perf_counter() - started < budget and len(samples) < 2000):
            begin = time.perf_counter()
            function()
            samples.append(time.perf_counter() - begin)
    finally:
        if collecting:
            gc.enable()
    return statistics.median(samples)


@dataclass(frozen=True)
class Measurement:
    name: str
    roles: int
    links: int
    rated: int
    engine_ms: float
    engine_with_plan_ms: float
    numpy_ms: float
    plan_items: int

    @property
    def ratio(self) -> float:
        return self.engine_ms / self.numpy_ms


def measure(name: str, catalogue: CompiledCatalogue, levels: Mapping[str, int]) -> Measurement:
    baseline = numpy_baseline(catalogue)
    if engine(catalogue, levels) != baseline(levels):
        raise AssertionError(f"{name}: the engine and the NumPy baseline rank the roles differently")
    catalogue.scoring_index  # built once per catalogue version in production, so not timed here  # noqa: B018
    return Measurement(
        name=name,
        roles=len(catalogue.roles),
        links=sum(len(role.requirements) for role in catalogue.roles),
        rated=len(levels),
        engine_ms=1000 * median_seconds(lambda: score(catalogue=catalogue, levels=levels)),
        engine_with_plan_ms=1000 * median_seconds(lambda: engine_with_plan(catalogue, levels)),
        numpy_ms=1000 * median_seconds(lambda: baseline(levels)),
        plan_items=len(
            plan(
                catalogue=catalogue,
                levels=levels,
                role_slug=score(catalogue=catalogue, levels=levels).best().role.slug,
                start=START,
            ).items
        ),
    )
