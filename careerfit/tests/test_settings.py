"""Settings come from the environment, and a bad value stops the process with a message naming it."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from careerfit.env import database_from_url, env_bool, env_choice, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]


def test_booleans_accept_the_usual_spellings_and_refuse_anything_else():
    assert env_bool("DEBUG", False, environ={"DEBUG": "Yes"}) is True
    assert env_bool("DEBUG", True, environ={"DEBUG": "0"}) is False
    assert env_bool("DEBUG", True, environ={}) is True
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false .* not 'maybe'"):
        env_bool("DEBUG", False, environ={"DEBUG": "maybe"})


def test_numbers_and_lists_are_checked():
    assert env_int("PORT", 1, minimum=1, maximum=9, environ={"PORT": " 7 "}) == 7
    with pytest.raises(ImproperlyConfigured, match="CONN_MAX_AGE must be a whole number, not 'soon'"):
        env_int("CONN_MAX_AGE", 0, environ={"CONN_MAX_AGE": "soon"})
    with pytest.raises(ImproperlyConfigured, match="must be at least 0, not -5"):
        env_int("CONN_MAX_AGE", 0, minimum=0, environ={"CONN_MAX_AGE": "-5"})
    assert env_list("ALLOWED_HOSTS", [], environ={"ALLOWED_HOSTS": "a.ca, b.ca"}) == ["a.ca", "b.ca"]
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS has an empty item"):
        env_list("ALLOWED_HOSTS", [], environ={"ALLOWED_HOSTS": "a.ca,,b.ca"})
    with pytest.raises(ImproperlyConfigured, match="LOG_LEVEL must be one of DEBUG, INFO"):
        env_choice("LOG_LEVEL", "INFO", ["DEBUG", "INFO"], environ={"LOG_LEVEL": "LOUD"})


def test_database_urls_pick_sqlite_with_waiting_writers_or_postgresql():
    sqlite = database_from_url("sqlite:///tmp/careerfit.sqlite3", conn_max_age=60)
    assert sqlite["ENGINE"] == "django.db.backends.sqlite3"
    # Kept between requests: a new connection parses the schema again, about 1 ms a request.
    assert (sqlite["CONN_MAX_AGE"], sqlite["CONN_HEALTH_CHECKS"]) == (60, False)
    assert sqlite["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert sqlite["OPTIONS"]["timeout"] >= 5
    assert "journal_mode=WAL" in sqlite["OPTIONS"]["init_command"]

    postgres = database_from_url("postgres://user:pw@db.example:5432/careerfit", conn_max_age=60)
    assert postgres["ENGINE"] == "django.db.backends.postgresql"
    assert (postgres["NAME"], postgres["HOST"], postgres["CONN_MAX_AGE"]) == ("careerfit", "db.example", 60)
    # Bound on the server and prepared once run five times, unless a pooler needs them off.
    assert postgres["OPTIONS"] == {"server_side_binding": True, "prepare_threshold": 5}
    unprepared = database_from_url("postgres://db.example/careerfit", prepared_statements=False)
    assert unprepared.get("OPTIONS", {}) == {}
    # What the URL itself asks for is kept beside them.
    assert database_from_url("postgres://db.example/careerfit?sslmode=require")["OPTIONS"] == {
        "server_side_binding": True,
        "prepare_threshold": 5,
        "sslmode": "require",
    }


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("nonsense", "DATABASE_URL is not a database URL CareerFit understands"),
        ("mysql://h/db", "DATABASE_URL must point at SQLite or PostgreSQL"),
        ("postgres://db.example", "DATABASE_URL names no database"),
    ],
)
def test_a_bad_database_url_is_refused_by_name(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        database_from_url(url)


def production_like_environment(**environ: str) -> dict[str, str]:
    """This process's environment without the test run's settings, key, DEBUG or database."""
    unset = ("SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    return {**{key: value for key, value in os.environ.items() if key not in unset}, **environ}


def import_settings(**environ: str) -> subprocess.CompletedProcess:
    env = production_like_environment(**environ)
    return subprocess.run(
        [sys.executable, "-c", "import careerfit.settings"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = import_settings(DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_management_commands_run_without_a_key_so_admins_can_create_users():
    env = production_like_environment()

    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)

    assert result.returncode == 0, result.stderr


def test_the_wsgi_application_refuses_to_start_without_a_key():
    env = production_like_environment()

    result = subprocess.run(
        [sys.executable, "-c", "import careerfit.wsgi"], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.returncode != 0 and "SECRET_KEY is not set" in result.stderr


def test_settings_refuse_a_misspelt_debug_value():
    result = import_settings(DEBUG="ture", SECRET_KEY="x" * 50)

    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_settings_start_with_debug_and_no_key_and_with_a_key_in_production():
    assert import_settings(DEBUG="true").returncode == 0
    assert import_settings(DEBUG="false", SECRET_KEY="x" * 50, DATABASE_URL="postgres://h/careerfit").returncode == 0


def test_prepared_statements_can_be_turned_off_for_a_pooler_that_cannot_keep_them():
    def options(value: str) -> subprocess.CompletedProcess:
        env = production_like_environment(
            DEBUG="true", DATABASE_URL="postgres://h/careerfit", DATABASE_PREPARED_STATEMENTS=value
        )
        code = "from careerfit import settings; print(settings.DATABASES['default'].get('OPTIONS', {}))"
        return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)

    assert options("").stdout.strip() == "{'server_side_binding': True, 'prepare_threshold': 5}"
    assert options("false").stdout.strip() == "{}"
    refused = options("sometimes")
    assert refused.returncode != 0
    assert "DATABASE_PREPARED_STATEMENTS must be true or false" in refused.stderr


def test_every_setting_read_from_the_environment_is_in_the_readme():
    read = set(re.findall(r'env_\w+\("([A-Z0-9_]+)"', (ROOT / "careerfit" / "settings.py").read_text()))
    readme = (ROOT / "README.md").read_text()

    assert len(read) > 20  # the pattern still finds them
    assert sorted(name for name in read if f"`{name}`" not in readme) == []
