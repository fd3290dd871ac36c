"""Fill a database with students, results and a sharing cohort for `make bench` (counselling.loadgen)."""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from counselling.loadgen import generate


class Command(BaseCommand):
    help = (
        "Add generated students (student00000@bench.example …), their submitted results and one cohort counselled "
        "by counsellor@bench.example, in one transaction. Refuses a database that already has them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--students", type=int, default=10_000)
        parser.add_argument("--results", type=int, default=50_000, help="spread evenly over the students")
        parser.add_argument("--cohort", type=int, default=500, help="how many of the students share with the cohort")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing (and succeed) if generated students are already there"
        )

    def handle(self, *args, students: int, results: int, cohort: int, if_empty: bool, **options):
        if get_user_model().objects.filter(email__endswith="@bench.example").exists():
            if if_empty:
                self.stdout.write("Generated students are already there: nothing added.")
                return
            raise CommandError("This database already has generated students; use a fresh database.")
        started = time.perf_counter()
        try:
            made = generate(students=students, results=results, cohort=cohort)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Generated {made.students:,} students, {made.results:,} results ({made.answers:,} answers) and a cohort "
            f"of {cohort:,} in {time.perf_counter() - started:.0f} s."
        )
