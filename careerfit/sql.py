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
    # How many of the last fields are kept as read, and converted when first used (`DecodedOnFirstUse`).
    later: int = 0

    @classmethod
    def of(
        cls, model: type[models.Model], alias: str, *, only: tuple[str, ...] = (), later: tuple[str, ...] = ()
    ) -> Columns:
        """Every concrete field of `model`, or those named in `only`, in that order; those named in `later` go
        last, and their instances keep the values read as they are until a field is first used: a JSON column
        is decoded only if the request needs it."""
        meta = model._meta
        fields = tuple(meta.get_field(name) for name in only) if only else tuple(meta.concrete_fields)
        if later:
            fields = (*(field for field in fields if field.name not in later), *(meta.get_field(n) for n in later))
        converters = []
        for field in fields:
            column = field.get_col(alias)
            backend, own = connection.ops.get_db_converters(column), column.get_db_converters(connection)
            converters.append((column, (*backend, *own)))
        return cls(model, fields, tuple(converters), len(later))

    def select(self, alias: str) -> str:
        return ", ".join(f"{alias}.{connection.ops.quote_name(field.column)}" for field in self.fields)

    def values(self, values) -> list:
        """The values read for these columns as the fields' own values (datetimes, UUIDs), as the ORM gives them."""
        return [_converted(value, converters) for converters, value in zip(self.converters, values, strict=True)]

    def instance(self, values) -> models.Model:
        now = len(self.fields) - self.later
        read = list(zip(self.converters, values, strict=True))
        instance = self.model.from_db(
            connection.alias,
            [field.attname for field in self.fields[:now]],
            [_converted(value, converters) for converters, value in read[:now]],
        )
        if self.later:
            instance._read_as_is = {
                field.attname: (value, converters)
                for field, (converters, value) in zip(self.fields[now:], read[now:], strict=True)
            }
        return instance


def _converted(value, converters: tuple):
    column, convert_all = converters
    for convert in convert_all:
        value = convert(value, column, connection)
    return value


class DecodedOnFirstUse:
    """For a model some of whose columns a plain read keeps as read (`Columns.of(..., later=...)`): Django takes
    them for deferred fields, and loads one when it is first used, by `refresh_from_db`; here it is converted
    from the value already read, without a query. So is a refresh of such a field before its first use. A
    refresh of the whole instance forgets those values, so that every field is read afresh."""

    def as_read(self, name: str):
        """A field's value as the database gave it (a JSON column's text), until it is first used or set; else
        None."""
        read = self.__dict__.get("_read_as_is")
        return read[name][0] if read and name in read and name not in self.__dict__ else None

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        read = self.__dict__.get("_read_as_is")
        if read and fields is not None and all(name in read for name in fields):
            for name in fields:
                self.__dict__[name] = _converted(*read.pop(name))
            return
        if fields is None:
            self.__dict__.pop("_read_as_is", None)
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)


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
