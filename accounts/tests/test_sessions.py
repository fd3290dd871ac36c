"""Sessions are read with one plain statement (accounts.sessions), which reads the signed-in person too, and
behave as Django's database sessions: a live session signs its person in, an expired or unknown one signs nobody
in and is never reused, and every check Django makes of a session still holds."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as OldStore
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.backends import USER_BACKEND, UserBackend
from accounts.models import Session, User
from accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db

LOGIN_REDIRECT = "/accounts/login/?next=/my/assessments/"


@pytest.fixture
def ana(client):
    user = User.objects.create_user("ana@example.ca", "a-long-password", display_name="Ana")
    client.force_login(user)
    return user


def test_a_live_session_signs_its_person_in(client, ana):
    response = client.get("/my/assessments/")
    assert response.status_code == 200
    assert response.wsgi_request.user == ana


def test_an_expired_session_signs_nobody_in_even_before_clearsessions_removes_it(client, ana):
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/my/assessments/")
    assert (response.status_code, response.url) == (302, LOGIN_REDIRECT)


def test_a_session_reads_back_what_was_saved():
    store = SessionStore()
    store.update({"careerfit_last_seen": 1764000000.5, "answers": {"python": 3}, "name": "Zoë"})
    store.save()
    again = SessionStore(store.session_key)
    assert dict(again.items()) == {"careerfit_last_seen": 1764000000.5, "answers": {"python": 3}, "name": "Zoë"}


def test_an_unknown_or_expired_key_is_dropped_so_the_next_save_makes_a_new_one():
    expired = SessionStore()
    expired["x"] = 1
    expired.set_expiry(timezone.now() - timedelta(minutes=1))
    expired.save()
    for sent in ("no-such-session-key-at-all-0000000", expired.session_key):
        store = SessionStore(sent)
        assert dict(store.items()) == {}
        assert store.session_key is None
        store["y"] = 2
        store.save()
        assert store.session_key not in (None, sent)


def statements_of(client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def reads_a_user_by_id(sql: str) -> bool:
    return sql.startswith("SELECT u.") and 'FROM "accounts_user" u WHERE' in sql


def test_a_signed_in_request_reads_its_session_and_its_person_in_one_statement(client, ana):
    assert Session.objects.get().user_id == ana.pk  # written from the session's data when it is saved

    statements = statements_of(client, "/roles/")

    assert 'FROM "accounts_session" s LEFT JOIN "accounts_user" u' in statements[0]
    assert not any(reads_a_user_by_id(sql) for sql in statements)
    assert client.get("/roles/").wsgi_request.user == ana


def test_a_session_saved_before_its_person_had_a_column_still_signs_them_in(client, ana):
    """As the sessions moved across by the migration are, until their next save."""
    Session.objects.update(user=None)

    statements = statements_of(client, "/my/assessments/")

    assert sum(reads_a_user_by_id(sql) for sql in statements) == 1
    assert client.get("/my/assessments/").wsgi_request.user == ana


def test_the_person_a_session_signs_in_is_the_one_its_data_names_whatever_its_column_says(client, ana):
    bea = User.objects.create_user("bea@example.ca", "a-long-password", display_name="Bea")
    Session.objects.update(user=bea)

    assert client.get("/my/assessments/").wsgi_request.user == ana


def test_a_password_changed_elsewhere_still_ends_the_session(client, ana):
    """Django's own check of the session's password hash runs on the person read with the session."""
    ana.set_password("another-long-password")
    ana.save()

    response = client.get("/my/assessments/")

    assert (response.status_code, response.url) == (302, LOGIN_REDIRECT)


def test_a_deactivated_account_is_signed_out_at_its_next_request(client, ana):
    User.objects.filter(pk=ana.pk).update(is_active=False)

    response = client.get("/my/assessments/")

    assert (response.status_code, response.url) == (302, LOGIN_REDIRECT)


def test_the_person_read_with_one_requests_session_serves_no_later_lookup(client, ana):
    """Once the request has its user, the backend reads afresh: a deactivation after it takes effect at once."""
    assert client.get("/my/assessments/").status_code == 200
    User.objects.filter(pk=ana.pk).update(is_active=False)

    assert UserBackend().get_user(ana.pk) is None


def test_deleting_an_account_deletes_its_sessions_and_no_one_elses(client, ana):
    bea = User.objects.create_user("bea@example.ca", "a-long-password", display_name="Bea")
    Client().force_login(bea)
    anonymous = SessionStore()
    anonymous.update({"careerfit_last_seen": 1764000000.5})
    anonymous.save()
    assert sorted(Session.objects.values_list("user_id", flat=True), key=str) == sorted([ana.pk, bea.pk, None], key=str)

    ana.delete()

    assert sorted(Session.objects.values_list("user_id", flat=True), key=str) == sorted([bea.pk, None], key=str)


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_each_live_session_across_and_back():
    """Those signed in stay signed in across the deploy that adds the table, and across its reversal."""
    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", "0006_latest_result_titles")])
    before = [("accounts", "0006_latest_result_titles"), ("sessions", "0001_initial")]
    OldSession = executor.loader.project_state(before).apps.get_model("sessions", "Session")
    ana = User.objects.create_user("ana@example.ca", "a-long-password", display_name="Ana")
    signed_in = OldStore()
    signed_in.update(
        {SESSION_KEY: str(ana.pk), BACKEND_SESSION_KEY: USER_BACKEND, HASH_SESSION_KEY: ana.get_session_auth_hash()}
    )
    signed_in.save()
    OldSession.objects.create(session_key="e" * 32, session_data="", expire_date=timezone.now() - timedelta(days=1))

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert list(Session.objects.values_list("session_key", "user_id")) == [(signed_in.session_key, None)]
    assert not OldSession.objects.exists()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = signed_in.session_key
    assert client.get("/my/assessments/").wsgi_request.user == ana

    executor.loader.build_graph()
    executor.migrate([("accounts", "0006_latest_result_titles")])
    assert list(OldSession.objects.values_list("session_key", flat=True)) == [signed_in.session_key]

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
