"""The catalogue's declaration (`roles.schema`) meets the database: read any section, write any entry.

Every field is read and written by how the declaration says it is stored (its own column, `Column`,
`Lines`, `Spread`, `Ref`, `RefSet` or `Children`), so a new field needs no code here. Reads cost a fixed
number of queries per section, whatever its size; writes change only the columns and rows that differ.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models

from roles.models import split_lines
from roles.schema import (
    SECTIONS,
    Catalogue,
    Children,
    Column,
    Entry,
    Lines,
    Ref,
    RefList,
    RefSet,
    Spread,
    child_class,
    entry_class,
    field_binding,
)


def model_of(cls: type[Entry]) -> type[models.Model]:
    return apps.get_model(cls.stored_as)


def _foreign_key(model: type[models.Model], column: str) -> models.ForeignKey:
    return model._meta.get_field(column)


def _children_relation(model: type[models.Model], accessor: str) -> tuple[type[models.Model], str]:
    """The child model behind a reverse accessor, and the name of its foreign key to the parent."""
    relation = next(r for r in model._meta.related_objects if r.get_accessor_name() == accessor)
    return relation.related_model, relation.field.name


# ------------------------------------------------------------------------------ reading


class _Slugs:
    """Slug ↔ primary key, one query per section, fetched when first needed."""

    def __init__(self) -> None:
        self._by_section: dict[str, dict[int, str]] = {}

    def of(self, section: str) -> dict[int, str]:
        if section not in self._by_section:
            model = model_of(entry_class(section))
            self._by_section[section] = dict(model.objects.order_by().values_list("pk", "slug"))
        return self._by_section[section]

    def ids(self, section: str) -> dict[str, int]:
        return {slug: pk for pk, slug in self.of(section).items()}

    def forget(self, section: str) -> None:
        self._by_section.pop(section, None)


def _m2m_targets(model: type[models.Model], name: str, owner_ids: Iterable[int]) -> dict[int, list[int]]:
    """For each owner row, the primary keys its many-to-many field `name` points at (one query)."""
    m2m = model._meta.get_field(name)
    through = m2m.remote_field.through
    source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    targets: dict[int, list[int]] = defaultdict(list)
    for owner, other in through.objects.filter(**{f"{source}__in": list(owner_ids)}).values_list(
        f"{source}_id", f"{target}_id"
    ):
        targets[owner].append(other)
    return targets


def _ordered_targets(model: type[models.Model], binding: RefList, owner_ids: Iterable[int]) -> dict[int, list[int]]:
    """For each owner row, the primary keys its ordered list points at, in order (one query)."""
    member_model, owner_fk = _children_relation(model, binding.accessor)
    target = member_model._meta.get_field(binding.column).attname
    targets: dict[int, list[int]] = defaultdict(list)
    rows = member_model.objects.filter(**{f"{owner_fk}__in": list(owner_ids)}).order_by("position", "pk")
    for owner, other in rows.values_list(f"{owner_fk}_id", target):
        targets[owner].append(other)
    return targets


def _read_rows(cls: type[Entry], rows: list[models.Model], slugs: _Slugs) -> list[dict[str, Any]]:
    """The entries' field values for these rows of `cls`'s model, in the declaration's terms."""
    model = model_of(cls)
    ids = [row.pk for row in rows]
    related: dict[str, Any] = {}
    for name in cls.model_fields:
        binding = field_binding(cls, name)
        if isinstance(binding, RefSet):
            related[name] = _m2m_targets(model, name, ids)
        elif isinstance(binding, RefList):
            related[name] = _ordered_targets(model, binding, ids)
        elif isinstance(binding, Children):
            child_model, parent_fk = _children_relation(model, binding.accessor)
            children = child_model.objects.filter(**{f"{parent_fk}__in": ids})
            if _keeps_place(child_model):
                children = children.order_by("position", "pk")
            grouped: dict[int, list[models.Model]] = defaultdict(list)
            child_rows = list(children)
            for child in child_rows:
                grouped[getattr(child, f"{parent_fk}_id")].append(child)
            values = _read_rows(child_class(cls, name), child_rows, slugs)
            by_child = {child.pk: value for child, value in zip(child_rows, values, strict=True)}
            related[name] = {parent: [by_child[c.pk] for c in kids] for parent, kids in grouped.items()}
    entries = []
    for row in rows:
        values: dict[str, Any] = {}
        for name in cls.model_fields:
            binding = field_binding(cls, name)
            if binding is None:
                values[name] = getattr(row, name)
            elif isinstance(binding, Column):
                values[name] = getattr(row, binding.name)
            elif isinstance(binding, Lines):
                values[name] = split_lines(getattr(row, name))
            elif isinstance(binding, Spread):
                values[name] = [getattr(row, column) for column in binding.columns]
            elif isinstance(binding, Ref):
                pk = getattr(row, _foreign_key(model, binding.column or name).attname)
                values[name] = None if pk is None else slugs.of(binding.section)[pk]
            elif isinstance(binding, (RefSet, RefList)):
                values[name] = [slugs.of(binding.section)[pk] for pk in related[name].get(row.pk, ())]
            elif isinstance(binding, Children):
                values[name] = related[name].get(row.pk, [])
        entries.append(values)
    return entries


def read_section(section: str, *, slugs: _Slugs | None = None) -> tuple[Entry, ...]:
    """Every entry of a section in the database, in its stored order."""
    cls = entry_class(section)
    model = model_of(cls)
    rows = model.objects.order_by("position", "pk") if cls.positioned else model.objects.order_by("pk")
    return tuple(cls.model_validate(values) for values in _read_rows(cls, list(rows), slugs or _Slugs()))


def read_catalogue(sections: Iterable[str] = SECTIONS) -> Catalogue:
    """The catalogue in the database (or some of its sections), in the declaration's shape."""
    slugs = _Slugs()
    return Catalogue(**{section: read_section(section, slugs=slugs) for section in sections})


def known_slugs() -> dict[str, set[str]]:
    """Every section's slugs in the database (one query per section)."""
    return {section: set(model_of(entry_class(section)).objects.values_list("slug", flat=True)) for section in SECTIONS}


# ------------------------------------------------------------------------------ checking against the columns


def length_problems(cls: type[Entry], entry: Entry, place: str = "") -> list[tuple[str, str]]:
    """Text longer than its column allows, as (place, message), for file checks the schema cannot make."""
    model = model_of(cls)
    problems = []
    for name in cls.model_fields:
        binding = field_binding(cls, name)
        value = getattr(entry, name)
        if binding is None or isinstance(binding, Column):
            columns = [((binding.name if binding else name), value, name)]
        elif isinstance(binding, Spread):
            columns = [
                (column, item, f"{name}[{index}]")
                for index, (column, item) in enumerate(zip(binding.columns, value, strict=True), start=1)
            ]
        elif isinstance(binding, Children):
            child = child_class(cls, name)
            for index, item in enumerate(value, start=1):
                problems += length_problems(child, item, f"{place}.{name}[{index}]")
            continue
        else:
            continue
        for column, item, label in columns:
            limit = getattr(model._meta.get_field(column), "max_length", None)
            if isinstance(item, str) and limit and len(item) > limit:
                problems.append((place, f"'{label}' is {len(item)} characters long; the most allowed is {limit}"))
    return problems


# ------------------------------------------------------------------------------ writing


def _label(model: type[models.Model]) -> str:
    return str(model._meta.verbose_name_plural)


@dataclass
class WriteSummary:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    def lines(self) -> list[str]:
        lines = []
        for verb, counts in (("created", self.created), ("updated", self.updated), ("deleted", self.deleted)):
            lines += [f"{verb} {count} {label}" for label, count in sorted(counts.items()) if count]
        return lines


class Writer:
    """Makes rows match entries, writing only what differs, and counts what it did."""

    def __init__(self) -> None:
        self.summary = WriteSummary()
        self.slugs = _Slugs()

    def _columns(
        self, cls: type[Entry], entry: Entry, model: type[models.Model], *, defer: str | None = None
    ) -> dict[str, Any]:
        """Column values for an entry; references into the section `defer` are left for `relate`, since
        what they point at may come later in the same section."""
        values: dict[str, Any] = {}
        for name in cls.model_fields:
            binding = field_binding(cls, name)
            value = getattr(entry, name)
            if isinstance(binding, Ref) and binding.section == defer:
                continue
            if binding is None:
                values[name] = value
            elif isinstance(binding, Column):
                values[binding.name] = value
            elif isinstance(binding, Lines):
                values[name] = "\n".join(value)
            elif isinstance(binding, Spread):
                values.update(zip(binding.columns, value, strict=True))
            elif isinstance(binding, Ref):
                attname = _foreign_key(model, binding.column or name).attname
                values[attname] = None if value is None else self.slugs.ids(binding.section)[value]
        return values

    def _save(self, model: type[models.Model], row: models.Model | None, values: Mapping[str, Any]) -> models.Model:
        if row is None:
            row = model(**values)
            row.save()
            self.summary.created[_label(model)] += 1
            return row
        changed = [name for name, value in values.items() if getattr(row, name) != value]
        if changed:
            for name in changed:
                setattr(row, name, values[name])
            row.save(update_fields=changed)
            self.summary.updated[_label(model)] += 1
        return row

    def write(self, section: str, entry: Entry, *, position: int | None = None) -> None:
        """Create or update one entry of a section (its own columns first; relations in `relate`)."""
        cls = entry_class(section)
        model = model_of(cls)
        values = self._columns(cls, entry, model, defer=section)
        if cls.positioned and position is not None:
            values["position"] = position
        row = model.objects.filter(slug=entry.slug).first()
        created = row is None
        self._save(model, row, values)
        if created:
            self.slugs.forget(section)

    def relate(self, section: str, entry: Entry, *, new: bool = False) -> None:
        """Make an entry's many-to-many relations and child rows match it (after every entry exists)."""
        cls = entry_class(section)
        model = model_of(cls)
        row = model.objects.get(slug=entry.slug)
        within = {
            _foreign_key(model, binding.column or name).attname: getattr(entry, name)
            for name in cls.model_fields
            if isinstance(binding := field_binding(cls, name), Ref) and binding.section == section
        }
        changed = {column: None if slug is None else self.slugs.ids(section)[slug] for column, slug in within.items()}
        changed = {column: pk for column, pk in changed.items() if getattr(row, column) != pk}
        if changed:  # the references `write` left for now, such as a certification's successor
            model.objects.filter(pk=row.pk).update(**changed)
            if not new:
                self.summary.updated[_label(model)] += 1
        self._relations(cls, entry, row, new=new)

    def _relations(self, cls: type[Entry], entry: Entry, row: models.Model, *, new: bool = False) -> None:
        model = type(row)
        for name in cls.model_fields:
            binding = field_binding(cls, name)
            if isinstance(binding, RefSet):
                manager = getattr(row, name)
                current = set(manager.values_list("slug", flat=True))
                if current != set(getattr(entry, name)):
                    ids = self.slugs.ids(binding.section)
                    manager.set([ids[slug] for slug in getattr(entry, name)])
                    if not new:  # a row just created was counted once, as created
                        self.summary.updated[_label(model)] += 1
            elif isinstance(binding, RefList):
                self._ordered(binding, getattr(entry, name), row, new=new)
            elif isinstance(binding, Children):
                self._children(cls, name, binding, entry, row)

    def _ordered(self, binding: RefList, wanted: tuple[str, ...], row: models.Model, *, new: bool) -> None:
        member_model, owner_fk = _children_relation(type(row), binding.accessor)
        target = member_model._meta.get_field(binding.column).attname
        members = member_model.objects.filter(**{owner_fk: row}).order_by("position", "pk")
        ids = self.slugs.ids(binding.section)
        if list(members.values_list(target, flat=True)) == [ids[slug] for slug in wanted]:
            return
        members.delete()
        member_model.objects.bulk_create(
            member_model(**{f"{owner_fk}_id": row.pk, target: ids[slug], "position": position})
            for position, slug in enumerate(wanted)
        )
        if not new:
            self.summary.updated[_label(type(row))] += 1

    def _children(self, cls: type[Entry], name: str, binding: Children, entry: Entry, row: models.Model) -> None:
        child = child_class(cls, name)
        child_model, parent_fk = _children_relation(type(row), binding.accessor)
        existing = list(child_model.objects.filter(**{parent_fk: row}))
        wanted = getattr(entry, name)

        columns = [_column_name(child, child_model, k) for k in binding.key] or ["position"]
        by_key = {tuple(getattr(child_row, c) for c in columns): child_row for child_row in existing}
        kept = set()
        for index, item in enumerate(wanted):
            values = self._columns(child, item, child_model)
            values[f"{parent_fk}_id"] = row.pk
            if _keeps_place(child_model):
                values["position"] = index + binding.first
            key = tuple(values[c] for c in columns)
            existing_row = by_key.get(key)
            child_row = self._save(child_model, existing_row, values)
            kept.add(key)
            self._relations(child, item, child_row, new=existing_row is None)
        stale = [child_row.pk for key, child_row in by_key.items() if key not in kept]
        if stale:
            self.delete(child_model.objects.filter(pk__in=stale))

    def delete(self, queryset: models.QuerySet) -> None:
        _, per_model = queryset.delete()
        for label, count in per_model.items():
            if count:
                self.summary.deleted[_label(apps.get_model(label))] += count


def _keeps_place(model: type[models.Model]) -> bool:
    """Whether the model stores its rows' order (children matched by a key may keep one too)."""
    return any(field.name == "position" for field in model._meta.concrete_fields)


def _column_name(cls: type[Entry], model: type[models.Model], name: str) -> str:
    """The column a scalar or `Ref` field is written to, as `_columns` names it."""
    binding = field_binding(cls, name)
    if isinstance(binding, Column):
        return binding.name
    if isinstance(binding, Ref):
        return _foreign_key(model, binding.column or name).attname
    return name
