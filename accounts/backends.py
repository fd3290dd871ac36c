"""How a signed-in person is loaded on each request."""

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db import connection

from careerfit.sql import Columns, Read

# The path settings.AUTHENTICATION_BACKENDS names it by: what `login()` records in the session.
USER_BACKEND = "accounts.backends.UserBackend"

# The person this request's session read brought with it (`accounts.sessions`), while Django's `auth.get_user`
# asks the backend for the session's user; nothing is set at any other time.
_read_with_session: ContextVar = ContextVar("user_read_with_session", default=None)


class UserBackend(ModelBackend):
    """Django's ModelBackend, whose per-request lookup of the signed-in user also answers whether they are a
    counsellor (`counselling.selectors.is_counsellor`), so the menu costs no query of its own. The answer is
    read afresh on every request: removing someone from the Counsellors group takes effect at once.

    The session's own statement reads the user too (`accounts.sessions`), so a signed-in request runs no query
    here; a session saved before its person's id had a column of its own, or naming someone else, is read with
    one plain SQL statement (`careerfit.sql`; standard EXISTS, the same on SQLite and PostgreSQL): compiling the
    annotated query took 0.8 ms a request, five times what running it takes, and a raw queryset still took 0.16 ms.
    """

    def get_user(self, user_id):
        user = _read_with_session.get()
        if user is None or user.pk != user_id:
            from counselling.selectors import COUNSELLORS_GROUP

            user = user_from_row(_user_read().row([COUNSELLORS_GROUP, user_id]))
        return user if user is not None and self.user_can_authenticate(user) else None


@contextmanager
def read_with_session(user) -> Iterator[None]:
    """While inside, `UserBackend.get_user` takes `user` (the person read with the request's session, or None)
    when it is the one asked for."""
    token = _read_with_session.set(user)
    try:
        yield
    finally:
        _read_with_session.reset(token)


def user_from_row(row: tuple | None):
    """The user that a row of `user_columns()` (then whether they are a counsellor) makes, or None for no row
    or a row of nulls (a session of nobody signed in, joined to no user)."""
    from counselling.selectors import COUNSELLOR_FLAG

    columns = user_columns()
    if row is None or row[columns.fields.index(columns.model._meta.pk)] is None:
        return None
    user = columns.instance(row[:-1])
    setattr(user, COUNSELLOR_FLAG, bool(row[-1]))  # SQLite answers 0 or 1
    return user


@functools.cache
def user_columns() -> Columns:
    return Columns.of(get_user_model(), "u")


@functools.cache
def user_select() -> str:
    """What a statement SELECTs of the user it joins as `u`: every column, then whether they are in the group
    named by the statement's first parameter (the Counsellors)."""
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
        f"{user_columns().select('u')}, EXISTS(SELECT 1 FROM {q(memberships.db_table)} m"  # noqa: S608
        f" JOIN {q(Group._meta.db_table)} g ON g.{q(Group._meta.pk.column)} = m.{group_column}"
        f" WHERE m.{user_column} = u.{user_id} AND g.{q('name')} = %s)"
    )


@functools.cache
def _user_read() -> Read:
    """SELECT the user whose id is the second parameter, and last whether they are in the group the first names."""
    User = get_user_model()
    q = connection.ops.quote_name
    sql = f"SELECT {user_select()} FROM {q(User._meta.db_table)} u WHERE u.{q(User._meta.pk.column)} = %s"  # noqa: S608
    return Read(sql, (user_columns(),))
