"""Each request loads its signed-in user afresh (accounts.backends.UserBackend): a deactivated or deleted
account, or a session naming no account, is signed out at the next request."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

from accounts.backends import USER_BACKEND
from accounts.models import User

pytestmark = pytest.mark.django_db

LOGIN_REDIRECT = "/accounts/login/?next=/my/assessments/"


@pytest.fixture
def ana(client):
    user = User.objects.create_user("ana@example.ca", "a-long-password", display_name="Ana")
    client.force_login(user)
    assert client.get("/my/assessments/").status_code == 200
    return user


def test_a_deactivated_account_is_signed_out_at_the_next_request(client, ana):
    User.objects.filter(pk=ana.pk).update(is_active=False)
    response = client.get("/my/assessments/")
    assert (response.status_code, response.url) == (302, LOGIN_REDIRECT)


def test_a_deleted_account_is_signed_out_at_the_next_request(client, ana):
    User.objects.filter(pk=ana.pk).delete()
    response = client.get("/my/assessments/")
    assert (response.status_code, response.url) == (302, LOGIN_REDIRECT)


def test_a_session_naming_no_account_is_signed_out(client):
    session = client.session
    session.update({SESSION_KEY: "99999999", BACKEND_SESSION_KEY: USER_BACKEND, HASH_SESSION_KEY: "x"})
    session.save()
    response = client.get("/my/assessments/")
    assert (response.status_code, response.url) == (302, LOGIN_REDIRECT)


def test_the_user_is_loaded_as_saved(client, ana):
    """Every field a page reads comes back from the one statement, with the right types."""
    response = client.get("/my/assessments/")
    user = response.wsgi_request.user
    saved = User.objects.get(pk=ana.pk)
    assert [getattr(user, field.attname) for field in User._meta.concrete_fields] == [
        getattr(saved, field.attname) for field in User._meta.concrete_fields
    ]
    assert user.date_joined.tzinfo is not None and user._careerfit_is_counsellor is False
