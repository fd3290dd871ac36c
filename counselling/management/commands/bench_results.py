"""How big a saved result is, and how long its pages take, as the catalogue grows (part of `make bench`).

For the shipped catalogue and synthetic ones of 1,000 and 3,000 roles (ESCO's size: 2,000 skills, roles of
40 requirements, as `make bench-engine` builds them), one generated student's result is saved and its
result and plan pages are timed in-process (median of 21 after a warm-up): the first view, which renders the
page (the cache emptied before each request), and the later ones, served from the cache. The three results are
timed in turn, round by round, so that the machine's speed, which drifts, weighs on each catalogue alike: the
goal is a ratio between them. Run it on an empty database.
"""

import json
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from assessments.benchmark import synthetic_catalogue
from assessments.models import CatalogueSnapshot, Result
from counselling.loadgen import generate
from roles.selectors import compiled_catalogue

ROUNDS = 21


def _medians_ms(clients: list[tuple[Client, str]], *, first_view: bool) -> list[float]:
    """The median time of each (client, url), timed in turn, one request each a round."""
    for client, url in clients:
        assert client.get(url).status_code == 200, url
    times = [[] for _ in clients]
    for _ in range(ROUNDS):
        for (client, url), taken in zip(clients, times, strict=True):
            if first_view:
                cache.clear()
            started = time.perf_counter()
            client.get(url)
            taken.append((time.perf_counter() - started) * 1000)
    return [statistics.median(taken) for taken in times]


def _stored_bytes(result: Result) -> int:
    """The result's own row: its JSON columns as stored, plus its short columns."""
    columns = (result.answers, result.profile, result.plan)
    short = (result.target_role, result.best_role_title, result.target_role_title, result.kind)
    return sum(len(json.dumps(value)) for value in columns) + sum(len(value) for value in short) + 16 * 4 + 8


class Command(BaseCommand):
    help = "Report a result's stored size and its pages' time with 7, 1,000 and 3,000 roles (use an empty database)."

    def handle(self, *args, **options):
        if get_user_model().objects.filter(email__endswith="@bench.example").exists():
            raise CommandError("Run bench_results on a database without generated students.")
        catalogues = [
            (f"shipped ({len(compiled_catalogue().roles)} roles)", compiled_catalogue()),
            ("synthetic 1,000 roles", synthetic_catalogue(roles=1000)),
            ("synthetic 3,000 roles (ESCO's size)", synthetic_catalogue(roles=3000)),
        ]
        rows, clients = [], []
        for index, (label, catalogue) in enumerate(catalogues):
            made = generate(students=1, results=1, cohort=1, pool=1, catalogue=catalogue)
            student = made.cohort.memberships.get().student
            result = Result.objects.select_related("catalogue").get(assessment__owner=student)
            # Each result is handed to an account of its own, so the next catalogue's can be generated beside it.
            owner = get_user_model().objects.create_user(f"growth-{index}@bench-results.example")
            result.assessment.owner = owner
            result.assessment.save(update_fields=["owner"])
            get_user_model().objects.filter(email__endswith="@bench.example").delete()
            client = Client()
            client.force_login(owner)
            clients.append((client, f"/results/{result.id}/"))
            snapshot = CatalogueSnapshot.objects.get(pk=result.catalogue_id)
            rows.append(
                [
                    label,
                    _stored_bytes(result),
                    len((result.plan and result.plan["items"]) or ()),
                    len(json.dumps(snapshot.data)),
                ]
            )
        for page in ("", "plan/"):
            for first_view in (True, False):
                pages = [(client, url + page) for client, url in clients]
                for row, median in zip(rows, _medians_ms(pages, first_view=first_view), strict=True):
                    row.append(median)
        get_user_model().objects.filter(email__endswith="@bench-results.example").delete()
        self.stdout.write(
            "| catalogue | result stored | plan items | snapshot (once per catalogue) | results page, first view |"
            " later views | plan page, first view | later views |"
        )
        self.stdout.write("|---|---:|---:|---:|---:|---:|---:|---:|")
        for label, size, items, snapshot, *times in rows:
            self.stdout.write(
                f"| {label} | {size / 1024:,.1f} KB | {items} | {snapshot / 1024:,.0f} KB | "
                + " | ".join(f"{ms:,.1f} ms" for ms in times)
                + " |"
            )
