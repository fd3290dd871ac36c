"""Reads of the catalogue: the compiled catalogue (cached per catalogue version) and what role pages show."""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass

from django.db import connection

from roles import catalogue_db
from roles import models as m
from roles.choices import CertificationLevel
from roles.compiled import CompiledCatalogue, compile_catalogue
from roles.schema import (
    Advice,
    AnyOf,
    Category,
    Certification,
    EducationPath,
    Institution,
    Link,
    Requirement,
    Role,
    Skill,
)

IMPORTANCE_ORDER = {"core": 0, "important": 1, "nice": 2}
LEVEL_ORDER = tuple(CertificationLevel.values)
VERSION_ID = 1  # the one row of CatalogueVersion


def catalogue_version_number() -> int:
    """The current catalogue version; one indexed read of one row.

    Nearly every page asks, so the read is one plain statement built once per process: the ORM took 0.3 ms a
    request to build the query against 0.03 ms to run it.
    """
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(), [VERSION_ID])
        row = cursor.fetchone()
    return row[0] if row else 0


@functools.cache
def _version_sql() -> str:
    """SELECT the number of the catalogue version with id %s."""
    meta = m.CatalogueVersion._meta
    q = connection.ops.quote_name
    # Only identifiers from the model's own metadata are written into the statement; the id is a parameter.
    return f"SELECT {q(meta.get_field('number').column)} FROM {q(meta.db_table)} WHERE {q(meta.pk.column)} = %s"  # noqa: S608


def version_column() -> str:
    """The catalogue's version number as a column of another statement, for a page that reads something else first:
    `compiled_catalogue(version=…)` then needs no statement of its own. Its one parameter, `VERSION_ID`, comes
    where the column is written. A statement of the same request reads the same row `catalogue_version_number`
    would, so an edit made through another server is seen just as soon; 0 before the catalogue has a version, as
    there."""
    return f"COALESCE(({_version_sql()}), 0)"


def prerequisite_graph(*, exclude_skill_id: int | None = None) -> dict[str, set[str]]:
    """Every skill's prerequisites as slugs (one query), leaving out one skill's own rows if asked."""
    graph: dict[str, set[str]] = {}
    rows = m.Prerequisite.objects.values_list("skill_id", "skill__slug", "required_skill__slug")
    for skill_id, skill, required in rows:
        if skill_id != exclude_skill_id:
            graph.setdefault(skill, set()).add(required)
    return graph


# ------------------------------------------------------------------------------ the compiled catalogue

_compiled: CompiledCatalogue | None = None
_compiled_lock = threading.Lock()


def compiled_catalogue(*, version: int | None = None) -> CompiledCatalogue:
    """The published catalogue, compiled; rebuilt only when the catalogue version has changed.

    Costs one indexed query when the cached copy is current, or none when given the `version` this request has
    just read (`version_column`). Each process keeps its own copy and checks the shared version number, so
    several app servers behind one database stay correct.
    """
    global _compiled
    if version is None:
        version = catalogue_version_number()
    cached = _compiled
    if cached is not None and cached.version == version:
        return cached
    with _compiled_lock:
        cached = _compiled
        if cached is not None and cached.version == version:
            return cached
        # An edit that lands while reading would leave a newer catalogue under an older number; the
        # next request then sees a newer number and rebuilds, so the cache is never stale for long.
        built = compile_catalogue(catalogue_db.read_catalogue(), version=version)
        _compiled = built
        return built


# ------------------------------------------------------------------------------ role pages


@dataclass(frozen=True)
class RolePage:
    role: Role
    requirements_by_category: tuple[tuple[Category, tuple[tuple[Requirement, Skill], ...]], ...]
    any_of: tuple[tuple[AnyOf, tuple[Skill, ...]], ...]
    roadmap: tuple[tuple[str, str, tuple[Skill, ...]], ...]  # (title, description, skills)
    certifications: tuple[tuple[Certification, Certification | None], ...]  # and its successor, if retired
    comes_from: tuple[Role, ...]  # the published roles that lead to this one
    leads_to: tuple[Role, ...]
    advice: tuple[Advice, ...]
    education_paths: tuple[EducationPath, ...]
    universities: tuple[Institution, ...]
    colleges: tuple[Institution, ...]
    links: tuple[Link, ...]


def role_page(*, slug: str, catalogue: CompiledCatalogue | None = None) -> RolePage | None:
    """Everything a published role's page shows, from the compiled catalogue (no query per row)."""
    catalogue = catalogue or compiled_catalogue()
    role = catalogue.role_by_slug.get(slug)
    if role is None:
        return None
    skills = catalogue.skill_by_slug
    known = [r for r in role.requirements if r.skill in skills]
    category_order = {category.slug: index for index, category in enumerate(catalogue.categories)}
    grouped: dict[str, list[tuple[Requirement, Skill]]] = {}
    for requirement in sorted(
        known,
        key=lambda r: (IMPORTANCE_ORDER[r.importance], -r.level, skills[r.skill].name.casefold()),
    ):
        skill = skills[requirement.skill]
        grouped.setdefault(skill.category, []).append((requirement, skill))
    stage_order = {stage.slug: index for index, stage in enumerate(catalogue.stages)}
    certifications = catalogue.certification_by_slug
    focus = {f.path: f.focus for f in role.education_focus}
    return RolePage(
        role=role,
        requirements_by_category=tuple(
            (catalogue.category_by_slug[category], tuple(rows))
            for category, rows in sorted(grouped.items(), key=lambda item: category_order[item[0]])
        ),
        roadmap=tuple(
            (step.title, step.description, tuple(skills[s] for s in step.skills if s in skills))
            for step in role.roadmap
        ),
        any_of=tuple(
            (group, tuple(skills[s] for s in group.skills if s in skills))
            for group in sorted(role.any_of, key=lambda g: (IMPORTANCE_ORDER[g.importance], -g.level, g.name))
        ),
        certifications=tuple(
            (certification, certifications.get(certification.successor) if certification.successor else None)
            for certification in sorted(
                (certifications[c] for c in role.certifications if c in certifications),
                key=lambda c: (not c.active, LEVEL_ORDER.index(c.level), c.name.casefold()),
            )
        ),
        comes_from=tuple(r for r in catalogue.roles if role.slug in r.leads_to),
        leads_to=tuple(catalogue.role_by_slug[s] for s in role.leads_to if s in catalogue.role_by_slug),
        advice=tuple(
            sorted(
                (a for a in catalogue.advice if role.slug in a.roles),
                key=lambda a: min((stage_order.get(s, len(stage_order)) for s in a.stages), default=len(stage_order)),
            )
        ),
        education_paths=tuple(
            path.model_copy(update={"focus": focus[path.slug]}) if path.slug in focus else path
            for path in catalogue.education_paths
        ),
        universities=tuple(i for i in catalogue.institutions if i.kind == "university"),
        colleges=tuple(i for i in catalogue.institutions if i.kind == "college"),
        links=catalogue.links,
    )


def role_preview(*, slug: str) -> RolePage | None:
    """A role's page as it would be published, read straight from the database: drafts included."""
    catalogue = compile_catalogue(catalogue_db.read_catalogue(), version=catalogue_version_number(), keep=slug)
    return role_page(slug=slug, catalogue=catalogue)
