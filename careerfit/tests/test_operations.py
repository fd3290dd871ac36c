"""What an operator sees: one clear line for a mistake, each log line once."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "DEBUG")}
    environ.update({"DJANGO_SETTINGS_MODULE": "careerfit.settings", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=60
    )


def test_a_wrong_setting_is_one_clear_line_naming_the_variable():
    result = manage("check", DEBUG="maybe")

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "CareerFit is not configured correctly: DEBUG must be true or false (or 1/0, yes/no, on/off), not 'maybe'."
    ]


def test_an_unreachable_database_is_one_line_that_hides_the_password():
    result = manage("migrate", DATABASE_URL="postgres://careerfit:s3cret-pass@127.0.0.1:1/careerfit")

    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("CareerFit cannot use its database (postgres://careerfit:***@127.0.0.1:1/careerfit): ")
    assert "s3cret-pass" not in result.stderr


def test_the_whole_traceback_is_there_when_asked_for():
    result = manage("check", "--traceback", DEBUG="maybe")

    assert "Traceback (most recent call last)" in result.stderr


@pytest.mark.parametrize("debug", ["true", "false"])
def test_each_log_line_is_printed_once(debug):
    result = manage(
        "shell",
        "-c",
        "import logging; logging.getLogger('django.request').warning('Not Found: /nowhere/')",
        DEBUG=debug,
    )

    assert result.stderr.count("Not Found: /nowhere/") == 1, result.stderr
