"""Sessions kept in the database as Django's `db` engine keeps them (settings.SESSION_ENGINE), in
`accounts.models.Session`, which holds the signed-in person's id beside the session's data.

Only the read differs, and what a save writes. Every signed-in request reads its session, then its person, before
anything else: here one plain SQL statement, built once per process from the models' metadata, reads both, and
`accounts.backends.UserBackend` takes the person from it instead of a query of its own. The ORM took 0.29 ms a
request to build the session's one-row query against 0.04 ms to run it, and on PostgreSQL each statement saved
is a round trip to the server (0.12 to 0.17 ms). Saving, expiring, logging out and `clearsessions` are Django's own.
"""

import functools

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends import db
from django.db import connection
from django.utils import timezone

from accounts.backends import user_from_row, user_select


class SessionStore(db.SessionStore):
    def __init__(self, session_key=None):
        super().__init__(session_key)
        self._user_read = None

    @classmethod
    def get_model_class(cls):
        from accounts.models import Session

        return Session

    @property
    def user_read(self):
        """The person signed in, as read with the session (None if nobody was, or the session was saved before its
        person's id had a column); `UserBackend` still checks they are the one the session's data names."""
        self._get_session()  # read once, on first use
        return self._user_read

    def load(self) -> dict:
        """The session's data if its key exists and has not expired; else an empty session with no key,
        as Django's engine does, so that the next save makes a new key rather than reuse the one sent."""
        from counselling.selectors import COUNSELLORS_GROUP

        self._user_read = None
        with connection.cursor() as cursor:
            cursor.execute(
                _read_sql(),
                [COUNSELLORS_GROUP, self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return {}
        self._user_read = user_from_row(row[1:])
        return self.decode(row[0])

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        if SESSION_KEY in data:
            session.user_id = get_user_model()._meta.pk.to_python(data[SESSION_KEY])
        return session


@functools.cache
def _read_sql() -> str:
    """SELECT the data of the session with key %s that expires after %s, then its person's columns (`user_select`,
    whose parameter comes first), nulls if nobody is signed in."""
    meta = SessionStore.get_model_class()._meta
    user = get_user_model()._meta
    q = connection.ops.quote_name
    # Only identifiers from the models' own metadata are written into the statement; values are parameters.
    return (
        f"SELECT s.{q(meta.get_field('session_data').column)}, {user_select()}"  # noqa: S608
        f" FROM {q(meta.db_table)} s LEFT JOIN {q(user.db_table)} u"
        f" ON u.{q(user.pk.column)} = s.{q(meta.get_field('user').column)}"
        f" WHERE s.{q(meta.get_field('session_key').column)} = %s AND s.{q(meta.get_field('expire_date').column)} > %s"
    )
