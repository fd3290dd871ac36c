"""Database triggers that raise a cohort's sharing version (`SharingVersion`) whenever what its insights count
changes: a sharing begins, ends or goes, or a sharing student's latest result or its target changes.

As with the catalogue's (`roles.triggers`), triggers catch every route — a service, the admin, `QuerySet.update()`,
a cascade, a raw SQL session — which model signals cannot, and they are (re)installed after every `migrate`, since
SQLite drops a table's triggers when a migration rebuilds it. Each fires only when a column insights read changes:
a counsellor's review status, a login or a new display name leave the version alone.

SQLite's trigger for each row; PostgreSQL's for each statement, taking its locks in the order of the cohorts' ids.

Only identifiers from the models' own metadata are written into these statements; they take no values.
"""

# ruff: noqa: S608 (statements written from identifiers only, as above)

from __future__ import annotations

from typing import NamedTuple

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.backends.base.base import BaseDatabaseWrapper

PREFIX = "counselling_sharing_version"


def _names() -> dict[str, str]:
    """The tables and columns the triggers are written with, quoted, from the models' own metadata."""
    version = apps.get_model("counselling", "SharingVersion")._meta
    membership = apps.get_model("counselling", "Membership")._meta
    cohort, user = apps.get_model("counselling", "Cohort")._meta, get_user_model()._meta
    names = {
        "version": version.db_table,
        "version_cohort": version.pk.column,
        "membership": membership.db_table,
        "membership_id": membership.pk.column,
        "cohort_of": membership.get_field("cohort").column,
        "student_of": membership.get_field("student").column,
        "ended_at": membership.get_field("ended_at").column,
        "cohort": cohort.db_table,
        "cohort_id": cohort.pk.column,
        "user": user.db_table,
        "user_id": user.pk.column,
        "latest_result": user.get_field("latest_result").column,
        "latest_target": user.get_field("latest_target_role").column,
    }
    return {key: f'"{name}"' for key, name in names.items()}


class Trigger(NamedTuple):
    table: str
    event: str  # INSERT, UPDATE, DELETE or (PostgreSQL's) TRUNCATE
    body: str
    when: str = ""  # SQLite's: the condition on the row
    transition: str = ""  # PostgreSQL's: the tables of the statement's rows its body reads


def _bump(n: dict[str, str], cohorts: str, *, vendor: str) -> str:
    """Raise the version of each cohort the SELECT `cohorts` names (a row for it if it has none)."""
    number = "number" if vendor == "sqlite" else f"{n['version']}.number"
    return (
        f"INSERT INTO {n['version']} ({n['version_cohort']}, number, changed_at) {cohorts}"
        f" ON CONFLICT ({n['version_cohort']}) DO UPDATE SET number = {number} + 1, changed_at = excluded.changed_at;"
    )


def _changed(old: str, new: str, *columns: str, n: dict[str, str], is_not: str) -> str:
    return " OR ".join(f"{old}.{n[column]} {is_not} {new}.{n[column]}" for column in columns)


def _sqlite_triggers(n: dict[str, str]) -> dict[str, Trigger]:
    """A trigger for each row. SQLite writes one transaction at a time, so the order of the bumps is of no matter."""
    now = "strftime('%Y-%m-%d %H:%M:%f', 'now')"

    def bump(cohorts: str) -> str:
        return _bump(n, cohorts, vendor="sqlite")

    def changed(*columns: str) -> str:
        return _changed("OLD", "NEW", *columns, n=n, is_not="IS NOT")

    # An upsert after a SELECT is parsed only if the SELECT has a WHERE.
    old_cohort = f"SELECT OLD.{n['cohort_of']}, 1, {now} WHERE true"
    new_cohort = f"SELECT NEW.{n['cohort_of']}, 1, {now} WHERE true"
    students_cohorts = (
        f"SELECT DISTINCT {n['cohort_of']}, 1, {now} FROM {n['membership']}"
        f" WHERE {n['student_of']} = NEW.{n['user_id']} AND {n['ended_at']} IS NULL"
    )
    return {
        "membership_insert": Trigger(n["membership"], "INSERT", bump(new_cohort)),
        "membership_update": Trigger(
            n["membership"],
            "UPDATE",
            f"{bump(old_cohort)} {bump(new_cohort)}",
            when=changed("cohort_of", "student_of", "ended_at"),
        ),
        "membership_delete": Trigger(n["membership"], "DELETE", bump(old_cohort)),
        "student": Trigger(n["user"], "UPDATE", bump(students_cohorts), when=changed("latest_result", "latest_target")),
        "cohort_delete": Trigger(
            n["cohort"],
            "DELETE",
            f"DELETE FROM {n['version']} WHERE {n['version_cohort']} = OLD.{n['cohort_id']};",
        ),
    }


def _postgresql_triggers(n: dict[str, str]) -> dict[str, Trigger]:
    """A trigger for each statement, reading the rows it changed (its transition tables), so that it takes the locks
    on the cohorts' versions all at once and in the order of the cohorts' ids: two transactions changing the same
    cohorts cannot then each hold one and wait for the other's."""

    def bump(cohorts: str) -> str:
        return _bump(n, cohorts, vendor="postgresql") + " RETURN NULL;"

    def changed(*columns: str) -> str:
        return _changed("o", "n", *columns, n=n, is_not="IS DISTINCT FROM")

    cohort_of, both = n["cohort_of"], "OLD TABLE AS old_rows NEW TABLE AS new_rows"
    return {
        "membership_insert": Trigger(
            n["membership"],
            "INSERT",
            bump(f"SELECT DISTINCT {cohort_of}, 1, now() FROM new_rows ORDER BY 1"),
            transition="NEW TABLE AS new_rows",
        ),
        "membership_update": Trigger(
            n["membership"],
            "UPDATE",
            bump(
                "SELECT DISTINCT cohort, 1, now() FROM old_rows o"
                f" JOIN new_rows n ON n.{n['membership_id']} = o.{n['membership_id']}"
                f" CROSS JOIN LATERAL (VALUES (o.{cohort_of}), (n.{cohort_of})) AS c (cohort)"
                f" WHERE {changed('cohort_of', 'student_of', 'ended_at')} ORDER BY 1"
            ),
            transition=both,
        ),
        "membership_delete": Trigger(
            n["membership"],
            "DELETE",
            bump(f"SELECT DISTINCT {cohort_of}, 1, now() FROM old_rows ORDER BY 1"),
            transition="OLD TABLE AS old_rows",
        ),
        "student": Trigger(
            n["user"],
            "UPDATE",
            bump(
                f"SELECT DISTINCT m.{cohort_of}, 1, now() FROM new_rows n"
                f" JOIN old_rows o ON o.{n['user_id']} = n.{n['user_id']}"
                f" JOIN {n['membership']} m ON m.{n['student_of']} = n.{n['user_id']}"
                f" WHERE ({changed('latest_result', 'latest_target')}) AND m.{n['ended_at']} IS NULL ORDER BY 1"
            ),
            transition=both,
        ),
        # Emptied at once (SQLite has no TRUNCATE: its DELETE without a WHERE fires the triggers for each row).
        "membership_truncate": Trigger(
            n["membership"], "TRUNCATE", bump(f"SELECT {n['cohort_id']}, 1, now() FROM {n['cohort']} ORDER BY 1")
        ),
        "cohort_delete": Trigger(
            n["cohort"],
            "DELETE",
            f"DELETE FROM {n['version']} WHERE {n['version_cohort']} IN (SELECT {n['cohort_id']} FROM old_rows);"
            " RETURN NULL;",
            transition="OLD TABLE AS old_rows",
        ),
    }


def _triggers(n: dict[str, str], *, vendor: str) -> dict[str, Trigger]:
    triggers = _sqlite_triggers(n) if vendor == "sqlite" else _postgresql_triggers(n)
    return {f"{PREFIX}_{short}": trigger for short, trigger in triggers.items()}


def _drop(name: str, table: str, *, vendor: str) -> str:
    return f'DROP TRIGGER IF EXISTS "{name}"' + ("" if vendor == "sqlite" else f" ON {table}")


def _statements(n: dict[str, str], *, vendor: str) -> list[str]:
    statements = []
    for name, trigger in _triggers(n, vendor=vendor).items():
        statements.append(_drop(name, trigger.table, vendor=vendor))
        if vendor == "sqlite":
            when = f" WHEN ({trigger.when})" if trigger.when else ""
            statements.append(
                f'CREATE TRIGGER "{name}" AFTER {trigger.event} ON {trigger.table} FOR EACH ROW{when}'
                f" BEGIN {trigger.body} END"
            )
        else:
            function = f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql"
            statements.append(f"{function} AS $$ BEGIN {trigger.body} END $$")
            referencing = f" REFERENCING {trigger.transition}" if trigger.transition else ""
            statements.append(
                f'CREATE TRIGGER "{name}" AFTER {trigger.event} ON {trigger.table}{referencing}'
                f" FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
            )
    return statements


def install_sharing_triggers(connection: BaseDatabaseWrapper) -> None:
    names = _names()
    tables = {names[key].strip('"') for key in ("version", "membership", "cohort", "user")}
    if not tables <= set(connection.introspection.table_names()):
        return
    if connection.vendor not in ("sqlite", "postgresql"):
        raise NotImplementedError(f"CareerFit supports SQLite and PostgreSQL, not {connection.vendor}.")
    with connection.cursor() as cursor:
        for statement in _statements(names, vendor=connection.vendor):
            cursor.execute(statement)


def drop_sharing_triggers(connection: BaseDatabaseWrapper) -> None:
    """Remove the triggers, as the migration that made their table does when it is undone: left behind, every write
    to a sharing would fail for want of it."""
    with connection.cursor() as cursor:
        for name, trigger in _triggers(_names(), vendor=connection.vendor).items():
            cursor.execute(_drop(name, trigger.table, vendor=connection.vendor))
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")
