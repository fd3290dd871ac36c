"""Reads written as one plain SQL statement, for the few that nearly every request runs, and the one write that
every questionnaire post makes (`update`).

The ORM took several times longer to build these one-row queries than the database took to answer them. Each
statement is built once per process from the models' metadata (only identifiers from it are written into the
SQL; values are parameters), and its rows become model instances or field values as the ORM's own would,
through the same database and field converters. Used by `accounts.backends`, `assessments.selectors`,
`assessments.services` (the write) and `counselling.selectors`.
"""

from __future__ import annotations

from typing import NamedTuple

from django.db import DatabaseError, connection, models


def fetch(sql: str, params: list) -> list[tuple]:
    """All the rows of a plain statement for these parameters, as the database gives them."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class Columns(NamedTuple):
    """One model's columns in a hand-written SELECT, and how each value read becomes the field's value."""

    model: type[models.Model]
    fields: tuple[models.Field, ...]
    converters: tuple[tuple, ...]

    @classmethod
    def of(cls, model: type[models.Model], alias: str, *, only: tuple[str, ...] = ()) -> Columns:
        """Every concrete field of `model`, or those named in `only`, in that order."""
        meta = model._meta
        fields = tuple(meta.get_field(name) for name in only) if only else tuple(meta.concrete_fields)
        converters = []
        for field in fields:
            column = field.get_col(alias)
            backend, own = connection.ops.get_db_converters(column), column.get_db_converters(connection)
            converters.append((column, (*backend, *own)))
        return cls(model, fields, tuple(converters))

    def select(self, alias: str) -> str:
        return ", ".join(f"{alias}.{connection.ops.quote_name(field.column)}" for field in self.fields)

    def values(self, values) -> list:
        """The values read for these columns as the fields' own values (datetimes, UUIDs), as the ORM gives them."""
        converted = []
        for (column, converters), value in zip(self.converters, values, strict=True):
            for convert in converters:
                value = convert(value, column, connection)
            converted.append(value)
        return converted

    def instance(self, values) -> models.Model:
        return self.model.from_db(connection.alias, [field.attname for field in self.fields], self.values(values))


class Read(NamedTuple):
    """A hand-written SELECT, and the models each row's columns make, in order."""

    sql: str
    parts: tuple[Columns, ...]

    def rows(self, params: list) -> list[tuple]:
        """All the statement's rows for these parameters, as the database gives them."""
        return fetch(self.sql, params)

    def row(self, params: list) -> tuple | None:
        """The one row of a statement that reads by key, or None."""
        found = self.rows(params)
        return found[0] if found else None

    def instances(self, row: tuple) -> list[models.Model]:
        found, start = [], 0
        for part in self.parts:
            found.append(part.instance(row[start : start + len(part.fields)]))
            start += len(part.fields)
        return found


def update(instance: models.Model, fields: tuple[str, ...]) -> None:
    """`instance.save(update_fields=fields)` as one plain UPDATE by primary key: each field's value is prepared
    as the ORM's save prepares it (`auto_now` included), and a row gone meanwhile is an error, as it is there.
    Nothing listens to the model's save signals it skips. Building the ORM's UPDATE took 0.2 ms, four times
    what running it takes."""
    meta = instance._meta
    columns = [meta.get_field(name) for name in fields]
    values = [column.get_db_prep_save(column.pre_save(instance, False), connection) for column in columns]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, meta.pk.get_db_prep_value(instance.pk, connection)])
        if cursor.rowcount != 1:
            raise DatabaseError(f"{meta.label} {instance.pk} was not updated: it is gone.")
