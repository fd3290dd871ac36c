"""Several processes writing to the default SQLite database at once wait for each other, never fail."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import os, sys, django
os.environ["DJANGO_SETTINGS_MODULE"] = "careerfit.settings"
django.setup()
from django.db import transaction
from django.contrib.sessions.models import Session
from django.utils import timezone
worker = sys.argv[1]
for i in range(40):
    with transaction.atomic():
        # Read, then write, in one transaction: the pattern that fails with "database is locked" when
        # SQLite starts transactions DEFERRED and has to upgrade a read lock under contention.
        Session.objects.filter(session_key__startswith=worker).count()
        Session.objects.create(session_key=f"{worker}-{i:04d}", session_data="x", expire_date=timezone.now())
print("ok")
"""


def test_concurrent_writers_on_sqlite_all_succeed(tmp_path):
    database = tmp_path / "concurrent.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DEBUG": "true"}
    env.pop("SECRET_KEY", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)

    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, f"w{n}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(6)
    ]
    results = [worker.communicate(timeout=120) for worker in workers]

    assert [out.strip() for out, _ in results] == ["ok"] * 6, [err for _, err in results if err]
    import sqlite3

    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM django_session").fetchone()[0] == 6 * 40
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
