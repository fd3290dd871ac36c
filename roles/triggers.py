"""Database triggers that bump the catalogue version whenever a catalogue table changes.

Triggers catch every route — Django admin, `load_catalogue`, `QuerySet.update()`, bulk operations, a raw
SQL session — which model signals cannot. They are (re)installed after every `migrate`, for every table of
the `roles` app, including many-to-many tables; so a new catalogue model is covered without extra work, and
SQLite's table rebuilds during migrations (which drop a table's triggers) cannot leave a table uncovered.
SQLite and PostgreSQL get the same behaviour, each in its own dialect.
"""

from __future__ import annotations

from django.apps import apps
from django.db.backends.base.base import BaseDatabaseWrapper

FUNCTION_NAME = "roles_bump_catalogue_version"


def version_table() -> str:
    return apps.get_model("roles", "CatalogueVersion")._meta.db_table


# Tables of the `roles` app that are bookkeeping about the catalogue rather than catalogue data.
NOT_CATALOGUE = ("CatalogueVersion", "CatalogueBaseline")


def catalogue_tables() -> list[str]:
    """Every table that holds catalogue data: all `roles` models and their many-to-many tables."""
    skipped = {apps.get_model("roles", name)._meta.db_table for name in NOT_CATALOGUE}
    tables = {
        model._meta.db_table
        for model in apps.get_app_config("roles").get_models(include_auto_created=True)
        if model._meta.db_table not in skipped
    }
    return sorted(tables)


def _trigger_name(table: str, event: str = "") -> str:
    return f"{table}_bump_version{'_' + event.lower() if event else ''}"


def _sqlite_statements(tables: list[str]) -> list[str]:
    version = version_table()
    bump = (
        f'INSERT INTO "{version}" (id, number, changed_at) '
        "VALUES (1, 1, strftime('%Y-%m-%d %H:%M:%f', 'now')) "
        "ON CONFLICT (id) DO UPDATE SET number = number + 1, changed_at = excluded.changed_at;"
    )
    statements = []
    for table in tables:
        for event in ("INSERT", "UPDATE", "DELETE"):
            name = _trigger_name(table, event)
            statements.append(f'DROP TRIGGER IF EXISTS "{name}"')
            statements.append(f'CREATE TRIGGER "{name}" AFTER {event} ON "{table}" BEGIN {bump} END')
    return statements


def _postgresql_statements(tables: list[str]) -> list[str]:
    version = version_table()
    statements = [
        f"""CREATE OR REPLACE FUNCTION {FUNCTION_NAME}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "{version}" (id, number, changed_at) VALUES (1, 1, now())
    ON CONFLICT (id) DO UPDATE SET number = "{version}".number + 1, changed_at = now();
    RETURN NULL;
END
$$"""
    ]
    for table in tables:
        name = _trigger_name(table)
        statements.append(f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"')
        statements.append(
            f'CREATE TRIGGER "{name}" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
            f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION_NAME}()"
        )
    return statements


def install_catalogue_triggers(connection: BaseDatabaseWrapper) -> None:
    existing = set(connection.introspection.table_names())
    tables = [table for table in catalogue_tables() if table in existing]
    if version_table() not in existing:
        return
    if connection.vendor == "sqlite":
        statements = _sqlite_statements(tables)
    elif connection.vendor == "postgresql":
        statements = _postgresql_statements(tables)
    else:
        raise NotImplementedError(f"CareerFit supports SQLite and PostgreSQL, not {connection.vendor}.")
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
