"""`make bench`: CareerFit's pages under load, as a share of what Django itself manages on this machine.

For each database (SQLite always; PostgreSQL when reachable), from nothing:
1. migrate, load the catalogue and generate 10,000 students, 50,000 results and a cohort of 500 sharing
   (`manage.py generate_load`, `counselling.loadgen`);
2. serve with gunicorn, (2 × cores) + 1 workers, DEBUG off, production settings plus a floor page
   (`careerfit.settings_bench`: one query, a tiny template, through the same middleware);
3. load each page from wrk, a second process, at 64 connections: a warm-up, then the measured run;
4. print req/s, p50/p95/p99, errors (sockets, timeouts over 2 s, non-2xx/3xx) and the share of the floor.
   The floor is measured first, again after each page (--floor-duration) and last, and each page is held to
   the higher of the two floors measured beside it: the machine's speed drifts by a third during a run, so a
   floor measured minutes away said more about the moment than about the page.

Usage: python -m careerfit.bench [--duration 15] [--floor-duration 5] [--reuse] [--only sqlite|postgresql]
[--profile]. Tables are also written to var/bench/; --profile adds each page's pyinstrument profile there.
PostgreSQL: BENCH_POSTGRES_URL, by default the README's role and a careerfit_bench database, dropped and created
by the bench.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
PYTHON = sys.executable
FLOOR_AGAIN = "floor, again at the end"
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
PORT = 8765
CONNECTIONS = 64
TIMEOUT = "2s"
DEFAULT_POSTGRES = "postgres://careerfit:change-this-password@localhost:5432/careerfit_bench"
# The share of the floor's throughput each page must reach (issue: performance goals).
GOALS = {
    "questionnaire step": 0.5,
    "questionnaire step, first visit": 0.5,
    "questionnaire step POST": 0.5,
    "results": 0.5,
    "plan": 0.5,
    "counsellor dashboard": 0.3,
    "student file": 0.3,
    "cohort insights": 0.3,
}
LUA = """
wrk.method = {method}
wrk.body = {body}
{headers}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH {{\\"requests\\": %d, \\"duration_us\\": %d, \\"p50\\": %d, \\"p95\\": %d, \\"p99\\": %d, " ..
    "\\"connect\\": %d, \\"read\\": %d, \\"write\\": %d, \\"status\\": %d, \\"timeout\\": %d}}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout))
end
"""


@dataclass(frozen=True)
class Row:
    name: str
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int
    floor: float | None = None  # the floor's req/s the row is held to
    share: float | None = None

    def goal(self) -> str:
        goal = GOALS.get(self.name)
        if goal is None or self.share is None:
            return ""
        return f"{'met' if self.share >= goal and not self.errors else 'missed'} (≥ {goal:.0%})"


def lua_string(text: str) -> str:
    return "[==[" + text + "]==]"


def wrk_script(page: dict) -> str:
    headers = []
    body = ""
    if page["cookie"]:
        headers.append(f'wrk.headers["Cookie"] = {lua_string(page["cookie"])}')
    if page["body_type"] == "form":
        body = urlencode(page["body"])
        headers.append('wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"')
        headers.append(f'wrk.headers["Referer"] = "http://127.0.0.1:{PORT}{page["path"]}"')
    elif page["body_type"] == "json":
        body = json.dumps(page["body"])
        headers.append('wrk.headers["Content-Type"] = "application/json"')
    return LUA.format(
        method=lua_string(page["method"]), body=lua_string(body) if body else "nil", headers="\n".join(headers)
    )


def wrk(page: dict, seconds: int, script: Path) -> Row:
    script.write_text(wrk_script(page))
    url = f"http://127.0.0.1:{PORT}{page['path']}"
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", f"--timeout={TIMEOUT}", "-s", str(script), url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    match = re.search(r"^BENCH (\{.*\})$", output, re.MULTILINE)
    if not match:
        raise SystemExit(f"wrk printed no figures for {page['name']}:\n{output}")
    figures = json.loads(match.group(1))
    errors = sum(figures[key] for key in ("connect", "read", "write", "status", "timeout"))
    return Row(
        name=page["name"],
        rps=figures["requests"] / (figures["duration_us"] / 1e6),
        p50_ms=figures["p50"] / 1000,
        p95_ms=figures["p95"] / 1000,
        p99_ms=figures["p99"] / 1000,
        errors=errors,
    )


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True, capture_output=capture
    )
    return result.stdout if capture else ""


def serve(env: dict, workers: int, log: Path) -> subprocess.Popen:
    command = [
        GUNICORN,
        "careerfit.wsgi",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{PORT}",
        "--log-file",
        str(log),
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/bench/floor/", timeout=2) as response:
                if response.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start; see {log}")
    stop(server)
    raise SystemExit(f"gunicorn did not answer within a minute; see {log}")


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def postgres_ready(url: str, *, fresh: bool) -> str | None:
    """None when the bench database is ready (created afresh unless reused), else why PostgreSQL is skipped."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    try:
        with psycopg.connect(maintenance, autocommit=True, connect_timeout=3) as connection:
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if fresh and exists:
                connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            if fresh or not exists:
                connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as error:
        where = f"{parts.hostname}:{parts.port or 5432}/{name}"
        return f"PostgreSQL is not reachable at {where} ({str(error).strip()})"
    return None


def bench_env(database_url: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "careerfit.settings_bench",
        "SECRET_KEY": "bench-only-" + "x" * 40,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "PASSWORD_RESET_BY_EMAIL": "false",
    }
    env.pop("CI", None)
    return env


def bench(label: str, database_url: str, args) -> tuple[list[Row], str]:
    env = bench_env(database_url)
    print(f"== {label}: preparing the database", flush=True)
    started = time.perf_counter()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_catalogue", "-v0")
    generate = ["generate_load", f"--students={args.students}", f"--results={args.results}", f"--cohort={args.cohort}"]
    manage(env, *generate, "--if-empty")
    manage(env, "collectstatic", "--noinput", "-v0")
    targets = OUT / f"targets-{label}.json"
    targets.write_text(manage(env, "bench_targets", capture=True))
    pages = json.loads(targets.read_text())
    print(f"   ready in {time.perf_counter() - started:.0f} s", flush=True)
    workers = 2 * (os.cpu_count() or 1) + 1
    server = serve(env, workers, OUT / f"gunicorn-{label}.log")
    floor, *others = pages
    scripts = {page["name"]: OUT / f"page-{index}.lua" for index, page in enumerate(pages)}

    def measure(page: dict, seconds: int, name: str | None = None) -> Row:
        wrk(page, args.warmup, scripts[page["name"]])
        row = wrk(page, seconds, scripts[page["name"]])
        print(f"   {name or row.name}: {row.rps:.0f} req/s, p99 {row.p99_ms:.0f} ms, {row.errors} errors", flush=True)
        return row if name is None else replace(row, name=name)

    try:
        first = measure(floor, args.duration)
        measured, floors = [], []
        for number, page in enumerate(others, start=1):
            measured.append(measure(page, args.duration))
            if number < len(others):
                floors.append(measure(floor, args.floor_duration, "floor again"))
            else:
                floors.append(measure(floor, args.duration, FLOOR_AGAIN))
    finally:
        stop(server)
    profile = ["--pyinstrument", str(OUT / f"profile-{label}.txt")] if args.profile else []
    in_process = manage(env, "bench_profile", str(targets), *profile, capture=True)
    return with_shares(first, measured, floors), in_process


def with_shares(first: Row, pages: list[Row], floors: list[Row]) -> list[Row]:
    """The table's rows, each page with its share of the floor it is held to. The floor is measured `first`,
    then again after each page (`floors`, the last of them at the end): each page is held to the higher of the
    two floors measured just before and just after it, so that a slow spell on either side cannot flatter it,
    and the machine's drift over the run (a third, from one end to the other, in some runs) weighs on the page
    and its floor alike. The floor's own rows, first and last, are shown against the highest floor of the run,
    which says how far it drifted."""
    speeds = [first.rps, *(floor.rps for floor in floors)]
    best = max(speeds)
    rows = [replace(first, floor=best, share=first.rps / best)]
    for page, before, after in zip(pages, speeds[:-1], speeds[1:], strict=True):
        held = max(before, after)
        rows.append(replace(page, floor=held, share=page.rps / held))
    return [*rows, replace(floors[-1], floor=best, share=floors[-1].rps / best)]


def sizes(args) -> str:
    """A result's stored size and its pages' time as the catalogue grows (manage.py bench_results)."""
    database = OUT / "sizes.sqlite3"
    database.unlink(missing_ok=True)
    env = bench_env(f"sqlite:///{database}")
    print("== Result size and page time with 14, 1,000 and 3,000 roles", flush=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_catalogue", "-v0")
    heading = "### A saved result as the catalogue grows (in-process, median of 21, timed in turn, SQLite)\n\n"
    return heading + manage(env, "bench_results", capture=True)


def table(label: str, rows: list[Row], in_process: str, args) -> str:
    cores = os.cpu_count()
    lines = [
        f"### {label}: {args.students:,} students, {args.results:,} results, cohort of {args.cohort}; "
        f"gunicorn {2 * (cores or 1) + 1} workers on {cores} cores; "
        f"wrk {CONNECTIONS} connections, {args.duration} s each",
        "",
        "| page | req/s | p50 ms | p95 ms | p99 ms | errors | floor beside it, req/s | share of floor | goal |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.name} | {row.rps:,.0f} | {row.p50_ms:,.1f} | {row.p95_ms:,.1f} | {row.p99_ms:,.1f} | "
            f"{row.errors} | {row.floor:,.0f} | {row.share:.1%} | {row.goal()} |"
        )
    lines += ["", "The same pages in-process (Django's test client, no server or network), median of 20:", ""]
    return "\n".join(lines) + "\n" + in_process


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    root = [] if os.geteuid() == 0 else ["sudo", "-n"]
    print("== Installing wrk from Debian's packages", flush=True)
    installed = subprocess.run([*root, "apt-get", "install", "-y", "-qq", "wrk"], capture_output=True, text=True)
    if installed.returncode or not shutil.which("wrk"):
        raise SystemExit("make bench needs wrk: apt-get install wrk (as root), then run it again.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds measured per page (default 15)")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per page, not measured")
    parser.add_argument(
        "--floor-duration", type=int, default=5, help="seconds the floor is measured after each page (default 5)"
    )
    parser.add_argument("--reuse", action="store_true", help="keep a database generated by an earlier run")
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument("--profile", action="store_true", help="write pyinstrument profiles to var/bench/")
    parser.add_argument("--students", type=int, default=10_000)
    parser.add_argument("--results", type=int, default=50_000)
    parser.add_argument("--cohort", type=int, default=500)
    args = parser.parse_args()
    ensure_wrk()
    OUT.mkdir(parents=True, exist_ok=True)
    report = []
    if args.only in (None, "sqlite"):
        database = OUT / "bench.sqlite3"
        if not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{database}{suffix}").unlink(missing_ok=True)
        report.append(table("SQLite", *bench("SQLite", f"sqlite:///{database}", args), args))
    if args.only in (None, "postgresql"):
        url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
        skipped = postgres_ready(url, fresh=not args.reuse)
        if skipped:
            report.append(f"### PostgreSQL: skipped. {skipped}\n")
        else:
            report.append(table("PostgreSQL", *bench("PostgreSQL", url, args), args))
    if args.only in (None, "sqlite"):
        report.append(sizes(args))
    text = "\n".join(report)
    (OUT / "latest.md").write_text(text)
    print("\n" + text)


if __name__ == "__main__":
    main()
