"""The login lockout cannot be sidestepped: not by e-mail case, not by changing address, not by spreading
attempts over accounts, and not by writing X-Forwarded-For; and a school behind one address is not locked
out by one careless student."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client, override_settings

from accounts.models import User

PASSWORD = "a-long-enough-secret"


def attempt(email: str, password: str = "wrong", *, address: str = "203.0.113.5", forwarded: str | None = None):  # noqa: S107
    headers = {"REMOTE_ADDR": address}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client().post("/accounts/login/", {"username": email, "password": password}, **headers)


@pytest.fixture
def ana(db):
    return User.objects.create_user("ana@example.ca", PASSWORD)


def test_changing_the_case_of_the_email_gives_no_fresh_attempts(ana):
    for spelling in ["ana@example.ca", "Ana@example.ca", "ANA@EXAMPLE.CA", " ana@Example.ca "]:
        assert attempt(spelling).status_code == 200
    assert attempt("aNa@example.ca").status_code == 429  # the fifth failure locks

    for spelling in ["ana@example.ca", "Ana@Example.CA"]:
        locked = attempt(spelling, PASSWORD)
        assert locked.status_code == 429, spelling
        assert "try again in 15 minutes" in locked.content.decode()


def test_the_account_limit_holds_across_addresses(ana):
    for number in range(5):
        attempt("ana@example.ca", address=f"198.51.100.{number + 1}")

    assert attempt("ana@example.ca", PASSWORD, address="192.0.2.77").status_code == 429


def test_four_failures_and_the_right_password_still_log_in(ana):
    for _ in range(4):
        attempt("ANA@example.ca")

    assert attempt("ana@example.ca", PASSWORD).status_code == 302


@override_settings(LOGIN_FAILURES_PER_ADDRESS=12)
def test_one_address_spreading_attempts_over_many_accounts_is_locked(ana):
    for number in range(11):
        assert attempt(f"student{number}@example.ca").status_code == 200
    assert attempt("student11@example.ca").status_code == 429

    assert attempt("ana@example.ca", PASSWORD).status_code == 429
    # Another address is not affected.
    assert attempt("ana@example.ca", PASSWORD, address="192.0.2.77").status_code == 302


@override_settings(LOGIN_FAILURES_PER_ADDRESS=12)
def test_a_class_behind_one_school_address_is_not_locked_by_a_few_mistakes(ana):
    for number in range(11):
        attempt(f"student{number}@example.ca")

    assert attempt("ana@example.ca", PASSWORD).status_code == 302


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(ana):
    for number in range(5):
        attempt(f"student{number}@example.ca", forwarded=f"198.51.100.{number}")

    # The attacker's own header cannot make their failures count against someone else's address...
    with override_settings(LOGIN_FAILURES_PER_ADDRESS=5):
        assert attempt("ana@example.ca", PASSWORD, forwarded="192.0.2.1").status_code == 429
        assert attempt("ana@example.ca", PASSWORD, address="192.0.2.1").status_code == 302


@override_settings(TRUSTED_PROXIES=1, LOGIN_FAILURES_PER_ADDRESS=5)
def test_behind_a_trusted_proxy_each_client_is_counted_by_the_address_the_proxy_saw(ana):
    proxy = "10.0.0.2"
    for number in range(5):
        # The attacker writes a different X-Forwarded-For each time; the proxy appends the real address.
        attempt(f"student{number}@example.ca", address=proxy, forwarded=f"192.0.2.{number}, 198.51.100.66")

    assert attempt("ana@example.ca", PASSWORD, address=proxy, forwarded="198.51.100.66").status_code == 429
    # Every other student behind the same proxy still logs in.
    assert attempt("ana@example.ca", PASSWORD, address=proxy, forwarded="198.51.100.7").status_code == 302


def test_a_locked_account_cannot_log_in_through_the_admin_login_either(ana):
    ana.is_staff = True
    ana.save()
    for _ in range(5):
        attempt("Ana@example.ca")

    response = Client().post("/admin/login/", {"username": "ANA@EXAMPLE.CA", "password": PASSWORD})

    assert response.status_code == 429


def test_the_message_counts_down_the_minutes_left_and_retrying_does_not_restart_the_clock(ana):
    for _ in range(5):
        attempt("ana@example.ca")
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=11))

    response = attempt("ana@example.ca", PASSWORD)

    assert response.status_code == 429
    assert "try again in 4 minutes" in response.content.decode()
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=4, seconds=1))
    assert attempt("ana@example.ca", PASSWORD).status_code == 302
