"""Time each of the bench's pages in-process, count its queries, and optionally profile it (pyinstrument).

Used by `make bench` after the load runs, on the same database: it says what a page costs without the
server and the network, and, with --pyinstrument, where that time goes.
"""

import json
import statistics
import time
from pathlib import Path
from urllib.parse import urlencode

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

ROUNDS = 20


def _client(page: dict) -> Client:
    client = Client()
    for part in (page["cookie"] or "").split("; "):
        if part:
            name, value = part.split("=", 1)
            client.cookies[name] = value
    return client


def _request(client: Client, page: dict):
    if page["method"] == "GET":
        return client.get(page["path"])
    if page["body_type"] == "json":
        return client.generic("POST", page["path"], json.dumps(page["body"]), content_type="application/json")
    # Form-encoded, as wrk and browsers send it: the test client's default, multipart, costs a millisecond more.
    return client.post(page["path"], urlencode(page["body"]), content_type="application/x-www-form-urlencoded")


class Command(BaseCommand):
    help = "Time the bench's pages in-process (median of 20) with their query counts; --pyinstrument profiles them."

    def add_arguments(self, parser):
        parser.add_argument("targets", type=Path, help="the JSON that bench_targets printed")
        parser.add_argument("--pyinstrument", type=Path, help="write each page's profile to this file")

    def handle(self, *args, targets: Path, pyinstrument: Path | None, **options):
        pages = json.loads(targets.read_text())
        profiles = []
        self.stdout.write("| page | in-process ms (median) | queries | HTML KB |")
        self.stdout.write("|---|---:|---:|---:|")
        for page in pages:
            client = _client(page)
            first = _request(client, page)
            times = []
            for _ in range(ROUNDS):
                started = time.perf_counter()
                _request(client, page)
                times.append((time.perf_counter() - started) * 1000)
            with CaptureQueriesContext(connection) as queries:
                _request(client, page)
            self.stdout.write(
                f"| {page['name']} | {statistics.median(times):.1f} | {len(queries.captured_queries)} | "
                f"{len(first.content) / 1024:.0f} |"
            )
            if pyinstrument:
                from pyinstrument import Profiler

                profiler = Profiler(interval=0.0005)
                with profiler:
                    for _ in range(5):
                        _request(client, page)
                profiles.append(f"## {page['name']} (5 requests)\n\n" + profiler.output_text(color=False))
        if pyinstrument:
            pyinstrument.write_text("\n\n".join(profiles))
