"""What a student, a parent and a school are promised: complete export and deletion, retention, a privacy
notice, an age band and a guardian's consent under 13, sessions that end, sound passwords and names."""

import io
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessLog
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.test import Client, override_settings
from django.utils import timezone

from accounts.models import Session, User
from accounts.services import PERSONAL_DATA, purge_stale
from assessments.models import Answer, Assessment, Result
from assessments.tests import journey
from careerfit import testing
from careerfit.middleware import LAST_SEEN, SIGNED_IN_AT
from counselling.models import Membership, Note, ResultView, StatusChange
from counselling.tests import factories as make

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "learning-every-week"


def sign_up(client: Client, **data):
    return testing.sign_up(client, **data)


# ------------------------------------------------------------------ export and deletion cover every model


def models_holding_personal_data() -> set[str]:
    """Every model reachable from the user model by relations pointing at what is already reached (a
    student's assessments, their answers and results, the views of those results...), plus the models
    that name a person without a foreign key (login records)."""
    user = apps.get_model("accounts", "User")
    reached = {user}
    changed = True
    while changed:
        changed = False
        for model in apps.get_models():
            for field in model._meta.get_fields():
                target = field.related_model
                if target in reached and model not in reached and (field.many_to_many or field.concrete):
                    reached.add(model)
                    changed = True
                if model is user and field.many_to_many and target not in reached:  # groups, permissions
                    reached.add(target)
                    changed = True
    by_name = {"axes.accesslog", "axes.accessattempt", "axes.accessfailurelog"}
    return {model._meta.label_lower for model in reached} | by_name


def test_every_model_that_holds_personal_data_is_declared_for_export_and_deletion():
    found = models_holding_personal_data()

    assert found - set(PERSONAL_DATA) == set(), "declare how export and deletion cover these"
    assert set(PERSONAL_DATA) - found - {"axes.accessattemptexpiration"} == set(), "declared but not personal?"


def failed_login(email: str) -> None:
    """A failed-login record, as axes keeps one (logging in clears them, so tests add one after)."""
    AccessAttempt.objects.create(
        username=email,
        ip_address="198.51.100.9",
        failures_since_start=1,
        user_agent="Firefox",
        get_data="",
        post_data="",
        http_accept="",
        path_info="/accounts/login/",
    )


@pytest.fixture
def everything(client):
    """A student with one of everything CareerFit can hold about them."""
    lee = make.counsellor("lee@school.ca", "Ms Lee")
    cohort = make.cohort("Grade 12", lee)
    ana = make.student("ana@example.ca", "Ana", levels={"python": 3}, evidence="github.com/ana")
    membership = make.share(ana, cohort)
    result = Result.objects.get(assessment__owner=ana)
    lee_client = make.logged_in(lee)
    lee_client.post(f"/counsellor/cohorts/{cohort.id}/students/{ana.uuid}/status/", {"status": "reviewed"})
    lee_client.post(
        f"/counsellor/cohorts/{cohort.id}/students/{ana.uuid}/notes/",
        {"text": "Try the AWS course", "shared_with_student": "on"},
    )
    lee_client.post(f"/counsellor/cohorts/{cohort.id}/students/{ana.uuid}/notes/", {"text": "Private note"})
    lee_client.get(f"/counsellor/cohorts/{cohort.id}/results/{result.id}/")
    Client(REMOTE_ADDR="198.51.100.9").post("/accounts/login/", {"username": "ANA@example.ca", "password": "wrong"})
    Client(REMOTE_ADDR="198.51.100.9", HTTP_USER_AGENT="Firefox").post(
        "/accounts/login/", {"username": "ana@example.ca", "password": "a-long-password"}
    )
    return ana, lee, membership, result


def test_the_download_holds_everything_about_the_student(everything):
    ana, _lee, membership, result = everything

    client = make.logged_in(ana)  # logging in clears failed attempts, so these come after
    failed_login("ana@example.ca")

    data = json.loads(client.get("/accounts/me/download/").content)

    assert data["account"]["email"] == "ana@example.ca" and data["account"]["age_band"] == "13-17"
    assert data["assessments"][0]["answers"][0]["evidence"] == "github.com/ana"
    assert data["assessments"][0]["results"][0]["id"] == str(result.id)
    [share] = data["sharing"]
    assert share["cohort"] == "Grade 12" and share["consent_wording_version"] == membership.consent_version
    assert [change["status"] for change in share["review_history"]] == ["reviewed"]
    assert share["review_history"][0]["changed_by"] == "Ms Lee"
    assert [note["text"] for note in data["notes_shared_with_you"]] == ["Try the AWS course"]
    assert [(view["counsellor"], view["what"]) for view in data["who_viewed_your_results"]] == [("Ms Lee", "result")]
    assert data["login_records"][0]["address"] == "198.51.100.9"
    assert data["login_records"][0]["browser"] == "Firefox"
    assert any(failure["address"] == "198.51.100.9" for failure in data["failed_logins"])


def test_deleting_the_account_leaves_nothing_about_the_student(everything):
    ana, _lee, _, _ = everything
    client = make.logged_in(ana)
    failed_login("ana@example.ca")

    assert client.post("/accounts/me/delete/", {"password": "a-long-password"}).status_code == 302

    assert not User.objects.filter(email="ana@example.ca").exists()
    for model in (Assessment, Answer, Result, Membership, StatusChange, Note, ResultView):
        assert not model.objects.exists(), model
    assert not AccessLog.objects.filter(username__iexact="ana@example.ca").exists()
    assert not AccessAttempt.objects.filter(username__iexact="ana@example.ca").exists()
    assert User.objects.filter(email="lee@school.ca").exists(), "the counsellor's account stays"


# ------------------------------------------------------------------ retention


def test_purge_stale_removes_what_is_past_its_time_and_a_dry_run_removes_nothing(shipped_catalogue):
    old = timezone.now() - timedelta(days=400)
    anonymous = Client()
    anonymous.post("/assessment/start/")
    stale_draft = Assessment.objects.get()
    fresh = Client()
    fresh.post("/assessment/start/")
    kept = make.student("ana@example.ca", "Ana", levels={"python": 2})
    Assessment.objects.filter(id=stale_draft.id).update(updated_at=old)
    Assessment.objects.filter(owner=kept).update(updated_at=old)  # an account's results are never purged
    AccessLog.objects.create(
        username="x@example.ca", ip_address="192.0.2.1", user_agent="", http_accept="", path_info="/"
    )
    AccessLog.objects.update(attempt_time=old)  # attempt_time is set on creation
    Session.objects.create(session_key="x" * 32, session_data="", expire_date=old)
    before = (Assessment.objects.count(), AccessLog.objects.count(), Session.objects.count())

    out = io.StringIO()
    call_command("purge_stale", "--dry-run", stdout=out)

    assert "would delete 1 anonymous drafts" in out.getvalue() and "nothing was deleted" in out.getvalue()
    assert (Assessment.objects.count(), AccessLog.objects.count(), Session.objects.count()) == before

    counts = purge_stale(now=timezone.now())

    assert counts["anonymous drafts"] == 1 and counts["login records"] == 1 and counts["expired sessions"] == 1
    assert not Assessment.objects.filter(id=stale_draft.id).exists()
    assert Assessment.objects.filter(owner=kept).exists()
    assert Assessment.objects.filter(owner__isnull=True).count() == 1, "the fresh draft stays"


def test_an_unkept_anonymous_result_is_purged_after_its_period(shipped_catalogue):
    ana = make.student("ana@example.ca", "Ana", levels={"python": 2})
    assessment = Assessment.objects.get(owner=ana)
    Assessment.objects.filter(id=assessment.id).update(owner=None, updated_at=timezone.now() - timedelta(days=89))

    assert purge_stale(now=timezone.now())["anonymous results never kept in an account"] == 0
    assert purge_stale(now=timezone.now() + timedelta(days=2))["anonymous results never kept in an account"] == 1
    assert not Result.objects.exists()


# ------------------------------------------------------------------ privacy notice, age band, guardian


@override_settings(PRIVACY_CONTACT="privacy@board.example.ca")
def test_the_privacy_notice_is_linked_from_every_page_and_names_the_contact(client):
    html = client.get("/privacy/").content.decode()

    for words in ("PIPEDA", "MFIPPA", "privacy@board.example.ca", "30 days", "90 days", "Under 13", "date of birth"):
        assert words in html.replace("under 13", "Under 13"), words
    for path in ("/", "/roles/", "/accounts/login/", "/accounts/signup/"):
        assert 'href="/privacy/"' in client.get(path).content.decode(), path


def test_sign_up_asks_for_an_age_band_never_a_date_of_birth(client):
    form = client.get("/accounts/signup/").content.decode()

    assert "How old are you?" in form and 'type="radio"' in form and "birth" in form
    refused = sign_up(client, age_band="")
    assert "Choose your age range." in refused.content.decode() and not User.objects.exists()
    sign_up(client, age_band="under-13")
    assert User.objects.get().age_band == "under-13"


def test_under_13_sharing_needs_a_guardians_consent_with_its_own_wording_version():
    lee = make.counsellor("lee@school.ca")
    cohort = make.cohort("Grade 7", lee)
    kid = User.objects.create_user("kid@example.ca", "a-long-password", age_band="under-13")
    client = make.logged_in(kid)
    url = f"/sharing/join/{cohort.join_code}/"

    page = client.get(url).content.decode()
    refused = client.post(url, {"display_name": "Sam", "agree": "on"})

    assert "A parent or guardian agrees first" in page
    assert refused.status_code == 400 and "Under 13, a parent or guardian" in refused.content.decode()
    assert not Membership.objects.exists()

    client.post(url, {"display_name": "Sam", "agree": "on", "guardian_name": "Pat Lee", "guardian_agrees": "on"})

    membership = Membership.objects.get()
    assert membership.guardian_name == "Pat Lee" and membership.guardian_consented_at is not None
    assert membership.guardian_consent_version.startswith("2026-11-guardian")
    assert membership.guardian_consent_version != membership.consent_version


def test_a_student_without_an_age_band_is_asked_at_first_sharing_and_an_older_one_needs_no_guardian():
    cohort = make.cohort("Grade 12", make.counsellor("lee@school.ca"))
    older = User.objects.create_user("old@example.ca", "a-long-password")
    client = make.logged_in(older)
    url = f"/sharing/join/{cohort.join_code}/"

    assert "How old are you?" in client.get(url).content.decode()
    assert client.post(url, {"display_name": "Jo", "agree": "on"}).status_code == 400
    client.post(url, {"display_name": "Jo", "agree": "on", "age_band": "18-plus"})

    older.refresh_from_db()
    assert older.age_band == "18-plus" and Membership.objects.get().guardian_consented_at is None
    assert "How old are you?" not in client.get(f"/sharing/join/{cohort.join_code}/").content.decode()


def test_a_student_who_says_under_13_at_first_sharing_needs_the_guardian_there_and_then():
    cohort = make.cohort("Grade 7", make.counsellor("lee@school.ca"))
    client = make.logged_in(User.objects.create_user("kid@example.ca", "a-long-password"))

    response = client.post(
        f"/sharing/join/{cohort.join_code}/", {"display_name": "Sam", "agree": "on", "age_band": "under-13"}
    )

    assert response.status_code == 400 and not Membership.objects.exists()


# ------------------------------------------------------------------ passwords and names


@pytest.mark.parametrize(
    ("password", "message"),
    [(" " * 12, "cannot be only spaces"), ("\t \u00a0" * 5, "cannot be only spaces"), ("eleven-char", "too short")],
)
def test_weak_passwords_are_refused(client, password, message):
    response = sign_up(client, password1=password, password2=password)

    assert message in response.content.decode() and not User.objects.exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Ana\u202egnp.exe", "Anagnp.exe"),  # a right-to-left override
        ("A\u200bn\u200da\ufeff", "Ana"),  # zero-width characters
        ("  Ana   Lee  ", "Ana Lee"),
        ("Zoe\u0301", "Zoé"),  # composed
    ],
)
def test_display_names_lose_invisible_and_direction_changing_characters(client, typed, stored):
    sign_up(client, display_name=typed)

    assert User.objects.get().display_name == stored


def test_a_name_of_only_invisible_characters_is_refused(client):
    response = sign_up(client, display_name="\u200b\u202e")

    assert "Use letters others can see." in response.content.decode() and not User.objects.exists()


# ------------------------------------------------------------------ sessions


def logged_in_session(user, **times) -> Client:
    client = make.logged_in(user)
    session = client.session
    for key, value in times.items():
        session[key] = value
    session.save()
    return client


def test_a_session_ends_after_the_idle_time_and_says_so(settings):
    ana = make.student("ana@example.ca", "Ana")
    long_ago = timezone.now().timestamp() - settings.SESSION_IDLE_MINUTES * 60 - 5
    client = logged_in_session(ana, **{LAST_SEEN: long_ago})

    response = client.get("/my/assessments/", follow=True)

    assert response.redirect_chain[0][0] == "/accounts/login/?next=/my/assessments/"
    assert "logged out after 60 minutes without activity" in response.content.decode()
    assert client.get("/accounts/me/").status_code == 302


def test_an_active_session_ends_after_its_maximum_age(settings):
    ana = make.student("ana@example.ca", "Ana")
    now = timezone.now().timestamp()
    client = logged_in_session(ana, **{SIGNED_IN_AT: now - settings.SESSION_MAX_HOURS * 3600 - 5, LAST_SEEN: now})

    assert client.get("/my/assessments/").status_code == 302
    assert make.logged_in(ana).get("/my/assessments/").status_code == 200, "a fresh login works"


def test_answers_posted_after_the_session_went_idle_are_saved_before_logging_out(settings, shipped_catalogue):
    ana = make.student("ana@example.ca", "Ana")
    client = make.logged_in(ana)
    assessment_id = journey.start(client)
    journey.fill_profile(client, assessment_id)
    step = next(step for step in journey.steps() if step.is_skills)
    session = client.session
    session[LAST_SEEN] = timezone.now().timestamp() - settings.SESSION_IDLE_MINUTES * 60 - 5
    session.save()
    answers = {skill.slug: "3" for skill in step.skills}

    response = client.post(journey.step_url(assessment_id, step.number), {**answers, "action": "next"})

    assert response.status_code == 302
    saved = Assessment.objects.get(id=assessment_id).answers
    assert sorted(saved.values_list("skill", flat=True)) == sorted(answers)
    assert set(saved.values_list("level", flat=True)) == {3}
    assert response.url == f"/accounts/login/?next={journey.step_url(assessment_id, step.number + 1)}"
    assert client.get("/accounts/me/").status_code == 302, "logged out after saving"


def test_sessions_are_not_thirty_days_long(settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_MAX_HOURS * 3600 <= 24 * 3600


# ------------------------------------------------------------------ starting a server


def serve(**environ) -> subprocess.CompletedProcess:
    unset = ("SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_SETTINGS_MODULE", "EMAIL_HOST")
    env = {**{k: v for k, v in os.environ.items() if k not in unset}, "SECRET_KEY": "k" * 50, **environ}
    return subprocess.run(
        [sys.executable, "-c", "import careerfit.wsgi"], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_a_server_refuses_to_start_without_a_way_to_send_reset_mail():
    refused = serve()

    assert refused.returncode == 1 and "PASSWORD_RESET_BY_EMAIL=false" in refused.stderr
    assert serve(EMAIL_HOST="smtp.example.ca").returncode == 0
    assert serve(PASSWORD_RESET_BY_EMAIL="false").returncode == 0


@override_settings(PASSWORD_RESET_BY_EMAIL=False)
def test_with_reset_mail_off_the_reset_page_says_whom_to_ask(client, mailoutbox):
    User.objects.create_user("ana@example.ca", PASSWORD)

    response = client.post("/accounts/password-reset/", {"email": "ana@example.ca"})

    assert "passwords cannot be reset from here" in response.content.decode()
    assert mailoutbox == []


PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-key-" + "x" * 40,
    "ALLOWED_HOSTS": "careerfit.example.ca",
    "HTTPS": "true",
    "BEHIND_PROXY": "true",
    "CSRF_TRUSTED_ORIGINS": "https://careerfit.example.ca",
    "SECURE_HSTS_PRELOAD": "true",
    "EMAIL_HOST": "smtp.example.ca",
}


def test_the_documented_production_environment_passes_the_deploy_check_with_warnings_as_errors():
    readme = (ROOT / "README.md").read_text()
    for name in PRODUCTION:
        assert f"`{name}" in readme, f"the README's production settings mention {name}"
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE", "DATABASE_URL")}

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**env, **PRODUCTION},
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    without_preload = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**env, **PRODUCTION, "SECURE_HSTS_PRELOAD": "false"},
        capture_output=True,
        text=True,
    )
    assert without_preload.returncode == 1 and "W021" in without_preload.stderr


def test_model_relations_checked_are_real_fields():
    # The walk above must see the ForeignKeys it relies on; if Django's API changed, it would find nothing.
    assert {"assessments.assessment", "counselling.membership", "counselling.resultview"} <= (
        models_holding_personal_data()
    )
    assert isinstance(Assessment._meta.get_field("owner"), models.ForeignKey)


# ------------------------------------------------------------------ sign-up that reveals nothing


def confirm_link(message) -> str:
    import re

    return re.search(r"https?://[^/\s]+(/accounts/signup/confirm/\S+/)", message.body).group(1)


def test_an_account_is_created_only_by_whoever_reads_the_mail(client, mailoutbox):
    attacker, owner = Client(), Client()
    attacker.post(
        "/accounts/signup/",
        {
            "email": "ana@example.ca",
            "password1": "attackers-secret",
            "password2": "attackers-secret",
            "age_band": "18-plus",
        },
    )
    first_link = confirm_link(mailoutbox[0])

    refused = Client().post("/accounts/login/", {"username": "ana@example.ca", "password": "attackers-secret"})
    assert refused.status_code == 200, "an unconfirmed account cannot log in"
    assert owner.get(first_link).status_code == 200 and not User.objects.get().email_confirmed, "GET changes nothing"

    sign_up(owner, display_name="Ana")  # the owner signs up too, and confirms with the new link

    ana = User.objects.get()
    assert ana.email_confirmed and ana.is_active and ana.display_name == "Ana"
    assert ana.check_password(PASSWORD) and not ana.check_password("attackers-secret")
    assert owner.get("/accounts/me/").status_code == 200
    assert attacker.post(first_link).status_code == 400, "the first link died with its password"


def test_a_confirmation_link_works_once(client, mailoutbox):
    sign_up(client)
    link = confirm_link(mailoutbox[0])
    client.post("/accounts/logout/")

    again = client.post(link)

    assert again.status_code == 400 and "This link does not work" in again.content.decode()
    assert Client().post("/accounts/signup/confirm/MQ/not-a-token/").status_code == 400


def test_unconfirmed_accounts_are_purged_after_a_week(client, mailoutbox):
    client.post(
        "/accounts/signup/",
        {"email": "ana@example.ca", "password1": PASSWORD, "password2": PASSWORD, "age_band": "13-17"},
    )

    assert purge_stale(now=timezone.now())["accounts never confirmed"] == 0
    assert purge_stale(now=timezone.now() + timedelta(days=8))["accounts never confirmed"] == 1
    assert not User.objects.exists()
