import os
import platform
import time
from itertools import pairwise
from pathlib import Path

from django.core.management.base import BaseCommand

from assessments import benchmark


class Command(BaseCommand):
    help = (
        "Time scoring and planning for one student against synthetic catalogues of 10 to 3,000 roles and, "
        "with --esco, the ESCO v1.1.1 catalogue; compared with a plain NumPy formulation in the same run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--esco",
            type=Path,
            default=os.environ.get("ESCO_DIR") or None,
            help="folder holding esco-v1.1.1-classification-en-csv.zip and esco-v1.1.1-relations-csv.zip "
            "(default: $ESCO_DIR)",
        )
        parser.add_argument("--rated", type=int, default=100, help="skills a typical student rated (default 100)")

    def handle(self, *args, esco: Path | None, rated: int, **options):
        self.stdout.write(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
        self.stdout.write(
            "Median milliseconds per student. engine: rank every role; +plan: and plan the best fit; numpy: the "
            "same ranking in plain NumPy; ratio: engine / numpy; items: the plan's length."
        )
        header = (
            f"{'catalogue':<22}{'roles':>7}{'links':>9}{'rated':>7}"
            f"{'engine':>9}{'+plan':>9}{'numpy':>9}{'ratio':>7}{'items':>7}"
        )
        rows = []
        for roles in (10, 100, 1000, 3000):
            catalogue = benchmark.synthetic_catalogue(roles=roles)
            for label, count in (("typical", rated), ("every skill", None)):
                levels = benchmark.student(catalogue, rated=count)
                rows.append(benchmark.measure(f"synthetic, {label}", catalogue, levels))
        if esco and (esco / "esco-v1.1.1-relations-csv.zip").exists():
            started = time.perf_counter()
            catalogue = benchmark.esco_catalogue(esco)
            self.stdout.write(f"ESCO catalogue read in {time.perf_counter() - started:.1f} s")
            for label, count in (("typical", rated), ("every skill", None)):
                levels = benchmark.student(catalogue, rated=count)
                rows.append(benchmark.measure(f"ESCO, {label}", catalogue, levels))
        else:
            self.stdout.write("ESCO: skipped (pass --esco DIR or set ESCO_DIR to the folder with the ESCO zips)")
        self.stdout.write(header)
        for row in rows:
            self.stdout.write(
                f"{row.name:<22}{row.roles:>7}{row.links:>9}{row.rated:>7}{row.engine_ms:>9.3f}"
                f"{row.engine_with_plan_ms:>9.3f}{row.numpy_ms:>9.3f}{row.ratio:>7.2f}{row.plan_items:>7}"
            )
        typical = [row for row in rows if row.name == "synthetic, typical"]
        self.stdout.write("Growth (typical student), time ratio against links ratio, from one size to the next:")
        for smaller, larger in pairwise(typical):
            self.stdout.write(
                f"  {smaller.roles:>5} → {larger.roles:<5} roles: time ×{larger.engine_ms / smaller.engine_ms:.1f}"
                f" for links ×{larger.links / smaller.links:.1f}"
            )
