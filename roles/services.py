"""Writes to the catalogue: loading catalogue files, and the catalogue editors' group."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, models, transaction

from roles import models as m
from roles.catalogue_files import ROLE_LIST_FIELDS, UNIQUE_NAMES, CatalogueData, Row
from roles.levels import MAX_LEVEL

CATALOGUE_EDITORS = "Catalogue editors"


class CatalogueLoadError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class LoadSummary:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    def lines(self) -> list[str]:
        lines = []
        for verb, counts in (("created", self.created), ("updated", self.updated), ("deleted", self.deleted)):
            for label, count in sorted(counts.items()):
                if count:
                    lines.append(f"{verb} {count} {label}")
        return lines


def _label(model: type[models.Model], count: int = 2) -> str:
    meta = model._meta
    return str(meta.verbose_name if count == 1 else meta.verbose_name_plural)


class _Writer:
    """Upserts rows by natural key, writing only what differs, and counts what it did."""

    def __init__(self, summary: LoadSummary, prune: bool):
        self.summary = summary
        self.prune = prune

    def upsert(
        self, model: type[models.Model], existing: models.Model | None, values: dict[str, Any], **key: Any
    ) -> models.Model:
        if existing is None:
            obj = model(**key, **values)
            obj.save()
            self.summary.created[_label(model)] += 1
            return obj
        changed = [name for name, value in values.items() if getattr(existing, name) != value]
        if changed:
            for name in changed:
                setattr(existing, name, values[name])
            existing.save(update_fields=changed)
            self.summary.updated[_label(model)] += 1
        return existing

    def delete(self, queryset: models.QuerySet) -> None:
        _, per_model = queryset.delete()
        for label, count in per_model.items():
            if count:
                model = _model_for_label(label)
                self.summary.deleted[_label(model) if model else label] += count


def _model_for_label(label: str) -> type[models.Model] | None:
    from django.apps import apps

    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _lines(items: list[str]) -> str:
    return "\n".join(items)


def _check_name_conflicts(data: CatalogueData, present: set[str], prune: bool) -> list[str]:
    """Names the database already uses for a row with another slug, which the load would collide with."""
    models_by_section = {
        "categories": m.SkillCategory,
        "skills": m.Skill,
        "stages": m.Stage,
        "roles": m.Role,
        "certifications": m.Certification,
        "institutions": m.Institution,
    }
    problems = []
    for section, name_field in UNIQUE_NAMES.items():
        model = models_by_section[section]
        rows = data[section]
        for slug, name in model.objects.values_list("slug", name_field):
            if slug in rows or (prune and section in present):
                continue
            for row in rows.values():
                if row[name_field].casefold() == name.casefold():
                    problems.append(
                        f"{section}[{row['slug']}]: {name_field} {row[name_field]!r} is already used by "
                        f"'{slug}' in the database (rename one of them, or load with --prune to remove '{slug}')"
                    )
    return problems


@transaction.atomic
def catalogue_load(*, data: CatalogueData, present: set[str], prune: bool = False) -> LoadSummary:
    """Upsert a checked catalogue by slug in one transaction; with `prune`, delete what the files omit.

    `present` names the sections the files contain: pruning never touches a section the files leave out.
    Raises CatalogueLoadError (and changes nothing) if the database refuses a row.
    """
    problems = _check_name_conflicts(data, present, prune)
    if problems:
        raise CatalogueLoadError(problems)
    summary = LoadSummary()
    writer = _Writer(summary, prune)
    try:
        with transaction.atomic():
            if prune:
                _prune_rows(writer, data, present)
            _load(writer, data, present)
    except IntegrityError as error:
        raise CatalogueLoadError([f"the database refused the catalogue: {error}"]) from None
    return summary


def _prune_rows(writer: _Writer, data: CatalogueData, present: set[str]) -> None:
    order = [
        ("advice", m.Advice),
        ("institutions", m.Institution),
        ("education_paths", m.EducationPath),
        ("resources", m.LearningResource),
        ("roles", m.Role),
        ("certifications", m.Certification),
        ("links", m.GuidanceLink),
        ("skills", m.Skill),
        ("stages", m.Stage),
        ("categories", m.SkillCategory),
    ]
    for section, model in order:
        if section not in present:
            continue
        if section == "skills":
            # Rows that point at a skill about to go, from roles and skills the files keep (PROTECT keys).
            kept = list(data["skills"])
            writer.delete(m.Requirement.objects.exclude(skill__slug__in=kept))
            writer.delete(m.Prerequisite.objects.exclude(required_skill__slug__in=kept))
        writer.delete(model.objects.exclude(slug__in=list(data[section])))


def _load(writer: _Writer, data: CatalogueData, present: set[str]) -> None:
    categories = _load_simple(
        writer,
        m.SkillCategory,
        data["categories"],
        lambda r: {
            "name": r["name"],
            "description": r["description"],
            "position": r["position"],
        },
    )
    stages = _load_simple(
        writer,
        m.Stage,
        data["stages"],
        lambda r: {
            "name": r["name"],
            "description": r["description"],
            "position": r["position"],
        },
    )
    categories = categories or dict(m.SkillCategory.objects.values_list("slug", "id"))
    stages = stages or dict(m.Stage.objects.values_list("slug", "id"))

    def skill_values(row: Row) -> dict:
        values = {
            "name": row["name"],
            "category_id": categories[row["category"]],
            "kind": row["kind"],
            "description": row["description"],
        }
        for level in range(1, MAX_LEVEL + 1):
            values[f"descriptor_{level}"] = row["can"][level - 1]
            values[f"hours_to_level_{level}"] = row["hours"][level - 1]
        return values

    _load_simple(writer, m.Skill, data["skills"], skill_values)
    skills = dict(m.Skill.objects.values_list("slug", "id"))
    _load_prerequisites(writer, data, skills)

    certifications = _load_with_m2m(
        writer,
        m.Certification,
        data["certifications"],
        lambda r: {"name": r["name"], "issuer": r["issuer"], "url": r["url"], "description": r["description"]},
        "skills",
        skills,
    )
    certifications = certifications or dict(m.Certification.objects.values_list("slug", "id"))
    _load_simple(
        writer,
        m.GuidanceLink,
        data["links"],
        lambda r: {
            "group": r["group"],
            "title": r["title"],
            "url": r["url"],
            "description": r["description"],
            "position": r["position"],
        },
    )

    def role_values(row: Row) -> dict:
        values = {name: row[name] for name in ("title", "summary", "overview", "outlook", "published")}
        values.update({name: _lines(row[name]) for name in ROLE_LIST_FIELDS})
        return values

    roles = _load_with_m2m(writer, m.Role, data["roles"], role_values, "certifications", certifications)
    if data["roles"]:
        _load_role_children(writer, data["roles"], roles, skills)
    roles = roles or dict(m.Role.objects.values_list("slug", "id"))

    _load_simple(
        writer,
        m.LearningResource,
        data["resources"],
        lambda r: {
            "skill_id": skills[r["skill"]],
            "title": r["title"],
            "url": r["url"],
            "kind": r["kind"],
            "cost": r["cost"],
            "hours": r["hours"],
            "min_level": r["levels"][0],
            "max_level": r["levels"][1],
        },
    )
    _load_with_m2m(
        writer,
        m.EducationPath,
        data["education_paths"],
        lambda r: {
            "kind": r["kind"],
            "name": r["name"],
            "duration": r["duration"],
            "min_months": r["min_months"],
            "max_months": r["max_months"],
            "who_for": r["who_for"],
            "focus": r["focus"],
            "note": r["note"],
            "position": r["position"],
        },
        "stages",
        stages,
    )
    _load_simple(
        writer,
        m.Institution,
        data["institutions"],
        lambda r: {
            "name": r["name"],
            "kind": r["kind"],
            "city": r["city"],
            "url": r["url"],
        },
    )
    _load_simple(
        writer,
        m.Advice,
        data["advice"],
        lambda r: {
            "stage_id": stages[r["stage"]] if r["stage"] else None,
            "role_id": roles[r["role"]] if r["role"] else None,
            "title": r["title"],
            "items": _lines(r["items"]),
            "position": r["position"],
        },
    )


def _load_simple(writer: _Writer, model: type[models.Model], rows: dict[str, Row], values) -> dict[str, int]:
    if not rows:
        return {}
    existing = {obj.slug: obj for obj in model.objects.filter(slug__in=list(rows))}
    ids = {}
    for slug, row in rows.items():
        obj = writer.upsert(model, existing.get(slug), values(row), slug=slug)
        ids[slug] = obj.id
    return ids


def _load_with_m2m(
    writer: _Writer, model: type[models.Model], rows: dict[str, Row], values, m2m: str, targets: dict[str, int]
) -> dict[str, int]:
    if not rows:
        return {}
    existing = {obj.slug: obj for obj in model.objects.filter(slug__in=list(rows)).prefetch_related(m2m)}
    ids = {}
    for slug, row in rows.items():
        before = existing.get(slug)
        obj = writer.upsert(model, before, values(row), slug=slug)
        current = {related.slug for related in getattr(before, m2m).all()} if before else set()
        wanted = {related: targets[related] for related in row[m2m]}
        if set(wanted) != current:
            getattr(obj, m2m).set(list(wanted.values()))
            if before is not None:
                writer.summary.updated[_label(model)] += 1
        ids[slug] = obj.id
    return ids


def _load_prerequisites(writer: _Writer, data: CatalogueData, skills: dict[str, int]) -> None:
    if not data["skills"]:
        return
    file_skill_ids = {skills[slug] for slug in data["skills"]}
    existing = {
        (p.skill_id, p.required_skill_id): p for p in m.Prerequisite.objects.filter(skill_id__in=file_skill_ids)
    }
    wanted = set()
    for slug, row in data["skills"].items():
        for required, level in row["prerequisites"].items():
            key = (skills[slug], skills[required])
            wanted.add(key)
            writer.upsert(
                m.Prerequisite, existing.get(key), {"minimum_level": level}, skill_id=key[0], required_skill_id=key[1]
            )
    if writer.prune:
        stale = [p.id for key, p in existing.items() if key not in wanted]
        if stale:
            writer.delete(m.Prerequisite.objects.filter(id__in=stale))


def _load_role_children(writer: _Writer, rows: dict[str, Row], roles: dict[str, int], skills: dict[str, int]) -> None:
    role_ids = [roles[slug] for slug in rows]
    salaries = {(s.role_id, s.label): s for s in m.SalaryRange.objects.filter(role_id__in=role_ids)}
    requirements = {(r.role_id, r.skill_id): r for r in m.Requirement.objects.filter(role_id__in=role_ids)}
    steps = {
        (s.role_id, s.position): s
        for s in m.RoadmapStep.objects.filter(role_id__in=role_ids).prefetch_related("skills")
    }
    questions = {(q.role_id, q.position): q for q in m.RoleQuestion.objects.filter(role_id__in=role_ids)}
    keep: dict[str, set] = {"salaries": set(), "requirements": set(), "steps": set(), "questions": set()}

    for slug, row in rows.items():
        role_id = roles[slug]
        for salary in row["salaries"]:
            key = (role_id, salary["label"])
            keep["salaries"].add(key)
            writer.upsert(
                m.SalaryRange,
                salaries.get(key),
                {
                    "experience": salary["experience"],
                    "minimum": salary["min"],
                    "maximum": salary["max"],
                    "period": salary["period"],
                    "region": salary["region"],
                    "source": salary["source"],
                    "note": salary["note"],
                    "position": salary["position"],
                },
                role_id=role_id,
                label=salary["label"],
            )
        for requirement in row["requirements"]:
            key = (role_id, skills[requirement["skill"]])
            keep["requirements"].add(key)
            writer.upsert(
                m.Requirement,
                requirements.get(key),
                {
                    "required_level": requirement["level"],
                    "importance": requirement["importance"],
                },
                role_id=role_id,
                skill_id=key[1],
            )
        for step in row["roadmap"]:
            key = (role_id, step["position"])
            keep["steps"].add(key)
            before = steps.get(key)
            obj = writer.upsert(
                m.RoadmapStep,
                before,
                {"title": step["title"], "description": step["description"]},
                role_id=role_id,
                position=step["position"],
            )
            current = {s.slug for s in before.skills.all()} if before else set()
            if set(step["skills"]) != current:
                obj.skills.set([skills[s] for s in step["skills"]])
                if before is not None:
                    writer.summary.updated[_label(m.RoadmapStep)] += 1
        for question in row["questions"]:
            key = (role_id, question["position"])
            keep["questions"].add(key)
            writer.upsert(
                m.RoleQuestion,
                questions.get(key),
                {
                    "question": question["question"],
                    "answer": question["answer"],
                },
                role_id=role_id,
                position=question["position"],
            )

    if writer.prune:
        for name, existing, model in (
            ("salaries", salaries, m.SalaryRange),
            ("requirements", requirements, m.Requirement),
            ("steps", steps, m.RoadmapStep),
            ("questions", questions, m.RoleQuestion),
        ):
            stale = [obj.id for key, obj in existing.items() if key not in keep[name]]
            if stale:
                writer.delete(model.objects.filter(id__in=stale))


def catalogue_editors_group_sync() -> Group:
    """The "Catalogue editors" group holds exactly the permissions on catalogue models."""
    group, _ = Group.objects.get_or_create(name=CATALOGUE_EDITORS)
    permissions = Permission.objects.filter(content_type__app_label="roles").exclude(
        content_type__model="catalogueversion"
    )
    group.permissions.set(permissions)
    return group
