"""Two app servers on one database: an edit made through one reaches the other's compiled catalogue.

Each server process keeps its own compiled catalogue in memory (roles.selectors.compiled_catalogue) and
checks the shared catalogue version on each request. Here two real processes share one SQLite file: the
second has compiled the catalogue before the first edits a role, and must serve the edit afterwards.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SERVER = """
import sys
import django
django.setup()
from roles.models import Role
from roles.selectors import compiled_catalogue
for line in sys.stdin:
    command = line.split()
    if command[0] == "title":
        print(compiled_catalogue().role_by_slug["data-analyst"].title, flush=True)
    elif command[0] == "rename":
        Role.objects.filter(slug="data-analyst").update(title=" ".join(command[1:]))
        print("renamed", flush=True)
"""


class Server:
    def __init__(self, env: dict):
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVER], cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def ask(self, line: str) -> str:
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def test_an_edit_through_one_server_reaches_the_other_servers_compiled_catalogue(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "careerfit.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "SECRET_KEY": "two-servers-test-only-" + "x" * 30,
        "DEBUG": "true",
    }
    for command in (["migrate", "-v0"], ["load_catalogue"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    first, second = Server(env), Server(env)
    try:
        assert second.ask("title") == "Data Analyst"  # compiled and kept in the second server's memory
        assert first.ask("rename Data & Reporting Analyst") == "renamed"

        assert second.ask("title") == "Data & Reporting Analyst"
        assert first.ask("title") == "Data & Reporting Analyst"
    finally:
        first.stop()
        second.stop()
