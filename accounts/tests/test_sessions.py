"""Sessions are read with one plain statement (accounts.sessions) and behave as Django's database sessions:
a live session signs its person in, an expired or unknown one signs nobody in and is never reused."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.models import User
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
