"""How a signed-in person is loaded on each request."""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db import connection

# The path settings.AUTHENTICATION_BACKENDS names it by: what `login()` records in the session.
USER_BACKEND = "accounts.backends.UserBackend"


class UserBackend(ModelBackend):
    """Django's ModelBackend, whose per-request lookup of the signed-in user also answers whether they are a
    counsellor (`counselling.selectors.is_counsellor`), so the menu costs no query of its own. The answer is
    read afresh on every request: removing someone from the Counsellors group takes effect at once.

    This lookup runs on every signed-in request, so it is written as one plain SQL statement (standard
    EXISTS, the same on SQLite and PostgreSQL) rather than built by the ORM: compiling the annotated
    query took 0.8 ms a request, five times what running it takes.
    """

    def get_user(self, user_id):
        from counselling.selectors import COUNSELLOR_FLAG, COUNSELLORS_GROUP

        User = get_user_model()
        found = list(User._default_manager.raw(_user_with_flag_sql(), [COUNSELLORS_GROUP, user_id]))
        if not found:
            return None
        user = found[0]
        setattr(user, COUNSELLOR_FLAG, bool(getattr(user, COUNSELLOR_FLAG)))  # SQLite answers 0 or 1
        return user if self.user_can_authenticate(user) else None


@functools.cache
def _user_with_flag_sql() -> str:
    """SELECT the user with id %s, and whether they are in the group named %s, as COUNSELLOR_FLAG."""
    from counselling.selectors import COUNSELLOR_FLAG

    User = get_user_model()
    memberships = User.groups.through._meta
    q = connection.ops.quote_name
    user_id, user_column, group_column = (
        q(User._meta.pk.column),
        q(memberships.get_field("user").column),
        q(memberships.get_field("group").column),
    )
    # Only identifiers from the models' own metadata are written into the statement; values are parameters.
    return (
        f"SELECT u.*, EXISTS(SELECT 1 FROM {q(memberships.db_table)} m"  # noqa: S608
        f" JOIN {q(Group._meta.db_table)} g ON g.{q(Group._meta.pk.column)} = m.{group_column}"
        f" WHERE m.{user_column} = u.{user_id} AND g.{q('name')} = %s) AS {q(COUNSELLOR_FLAG)}"
        f" FROM {q(User._meta.db_table)} u WHERE u.{user_id} = %s"
    )
