"""Accounts: sign up, log in and out, password reset, lockout, keeping results, download and delete."""

import json
import re

import pytest
from django.core import mail
from django.test import Client, override_settings

from accounts.models import User
from assessments.models import Assessment, Result
from assessments.tests import journey
from careerfit.testing import sign_up

pytestmark = pytest.mark.django_db
PASSWORD = "learning-every-week"


def signup(client, email="ana@example.ca", **extra):
    return sign_up(client, email, **extra)


def test_signing_up_creates_an_account_with_an_optional_display_name_and_logs_in(client):
    response = signup(client, "Ana@Example.ca", display_name="Ana")

    user = User.objects.get()
    assert (user.email, user.display_name) == ("ana@example.ca", "Ana")
    assert response.url == "/my/assessments/"
    assert client.get("/my/assessments/").status_code == 200


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"password2": "something-else"}, "The two password fields didn’t match."),
        ({"password1": "short", "password2": "short"}, "This password is too short."),
        ({"password1": "12345678901", "password2": "12345678901"}, "This password is entirely numeric."),
    ],
)
def test_signing_up_with_bad_details_explains_and_creates_nothing(client, data, message):
    response = client.post(
        "/accounts/signup/",
        {"email": "ana@example.ca", "password1": PASSWORD, "password2": PASSWORD, "age_band": "18-plus", **data},
    )

    assert message in response.content.decode()
    assert not User.objects.exists()


def test_an_address_can_only_sign_up_once_whatever_its_case_and_sign_up_does_not_say_so(client, mailoutbox):
    User.objects.create_user("ana@example.ca", PASSWORD)

    response = client.post(
        "/accounts/signup/",
        {
            "email": "ANA@example.ca",
            "password1": "another-password",
            "password2": "another-password",
            "age_band": "13-17",
        },
    )
    for_a_new_address = Client().post(
        "/accounts/signup/",
        {
            "email": "new@example.ca",
            "password1": "another-password",
            "password2": "another-password",
            "age_band": "13-17",
        },
    )

    assert response.status_code == for_a_new_address.status_code == 302
    assert response.url == for_a_new_address.url == "/accounts/signup/sent/"
    assert User.objects.filter(email="ana@example.ca").get().check_password(PASSWORD), "nothing changed"
    assert [m.subject for m in mailoutbox] == ["You already have a CareerFit account", "Confirm your CareerFit account"]
    assert "/accounts/login/" in mailoutbox[0].body and "/accounts/password-reset/" in mailoutbox[0].body


@override_settings(SIGNUP_CONFIRMS_EMAIL=False)
def test_without_mail_sign_up_logs_in_at_once_and_says_when_an_address_is_taken(client):
    User.objects.create_user("ana@example.ca", PASSWORD)
    data = {"password1": "another-password", "password2": "another-password", "age_band": "13-17"}

    taken = client.post("/accounts/signup/", {"email": "ANA@example.ca", **data})
    created = client.post("/accounts/signup/", {"email": "ben@example.ca", **data})

    assert "An account with this e-mail address already exists. Log in instead." in taken.content.decode()
    assert created.url == "/my/assessments/" and client.get("/my/assessments/").status_code == 200


def test_logging_in_by_email_in_any_case_and_out_again(client):
    User.objects.create_user("ana@example.ca", PASSWORD)

    response = client.post("/accounts/login/", {"username": "ANA@example.ca", "password": PASSWORD})

    assert response.status_code == 302
    assert client.get("/accounts/me/").status_code == 200
    assert client.post("/accounts/logout/").url == "/"
    assert client.get("/accounts/me/").status_code == 302


def test_a_wrong_password_is_refused_and_repeated_failures_lock_the_account_here(client):
    User.objects.create_user("ana@example.ca", PASSWORD)

    first = client.post("/accounts/login/", {"username": "ana@example.ca", "password": "wrong"})
    assert "Please enter a correct e-mail address and password." in first.content.decode()
    for _ in range(4):
        client.post("/accounts/login/", {"username": "ana@example.ca", "password": "wrong"})
    locked = client.post("/accounts/login/", {"username": "ana@example.ca", "password": PASSWORD})

    assert locked.status_code == 429 and "Too many attempts" in locked.content.decode()
    assert client.get("/accounts/me/").status_code == 302


def test_a_password_can_be_reset_by_email(client):
    User.objects.create_user("ana@example.ca", PASSWORD)

    client.post("/accounts/password-reset/", {"email": "ana@example.ca"})

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ana@example.ca"]
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0], {"new_password1": "a-brand-new-secret", "new_password2": "a-brand-new-secret"}
    )
    assert User.objects.get().check_password("a-brand-new-secret")


def test_a_reset_for_an_unknown_address_reveals_nothing(client):
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.ca"}, follow=True)

    assert "If an account uses that address" in response.content.decode()
    assert mail.outbox == []


def test_keeping_an_anonymous_result_then_logging_in_moves_it_to_the_account(client):
    User.objects.create_user("ana@example.ca", PASSWORD)
    assessment_id, result_id = journey.complete(client, {"python": 2})
    client.post(f"/assessment/{assessment_id}/keep/")

    client.post("/accounts/login/", {"username": "ana@example.ca", "password": PASSWORD})

    assert Assessment.objects.get(id=assessment_id).owner.email == "ana@example.ca"
    assert f"/results/{result_id}/" in client.get("/my/assessments/").content.decode()


def test_logging_in_on_a_shared_computer_does_not_take_anonymous_results_nobody_asked_to_keep(client):
    User.objects.create_user("next-student@example.ca", PASSWORD)
    assessment_id, _ = journey.complete(client, {"python": 2})  # someone else, earlier, in this browser

    client.post("/accounts/login/", {"username": "next-student@example.ca", "password": PASSWORD})

    assert Assessment.objects.get(id=assessment_id).owner is None


def test_keeping_while_logged_in_saves_at_once(client):
    assessment_id, _result_id = journey.complete(Client(), {"python": 2})
    signup(client)

    client.post(f"/assessment/{assessment_id}/keep/")

    assert Assessment.objects.get(id=assessment_id).owner.email == "ana@example.ca"


def test_a_student_can_download_everything_stored_about_them(client):
    signup(client, display_name="Ana")
    journey.complete(client, {"python": 2, "sql": 3})

    response = client.get("/accounts/me/download/")
    data = json.loads(response.content)

    assert response["Content-Disposition"] == 'attachment; filename="careerfit-my-data.json"'
    assert data["account"]["email"] == "ana@example.ca"
    answers = {a["skill"]: a["level"] for a in data["assessments"][0]["answers"]}
    assert answers["python"] == 2 and answers["sql"] == 3
    assert data["assessments"][0]["results"][0]["ranking"][0]["fit"] >= 0


def test_deleting_the_account_needs_the_password_and_removes_everything(client):
    signup(client)
    journey.complete(client, {"python": 2})

    refused = client.post("/accounts/me/delete/", {"password": "wrong"})
    assert refused.status_code == 400 and "That is not your password." in refused.content.decode()
    assert User.objects.exists()

    client.post("/accounts/me/delete/", {"password": PASSWORD})
    assert not User.objects.exists() and not Assessment.objects.exists() and not Result.objects.exists()


def test_an_outside_next_address_is_ignored_after_signing_up(client):
    response = signup(client, next="https://evil.example/steal")

    assert response.url == "/my/assessments/"
