"""The database connection as configured: on PostgreSQL a statement the app runs again and again is
prepared on the server once and then only executed, sparing a parse and a plan each time."""

import pytest
from django.db import connection

from roles.models import Role


@pytest.mark.django_db
def test_a_statement_run_again_and_again_is_prepared_on_postgresql():
    for _ in range(6):
        list(Role.objects.filter(slug="data-analyst"))

    if connection.vendor == "sqlite":  # no server to parse or plan: nothing to prepare, nothing to set
        assert "server_side_binding" not in connection.settings_dict["OPTIONS"]
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert any('FROM "roles_role" WHERE "roles_role"."slug" = $1' in statement for statement in prepared), prepared
