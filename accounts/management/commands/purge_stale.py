"""Remove what CareerFit no longer needs to keep: run daily (README, "Retention")."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.services import purge_stale


class Command(BaseCommand):
    help = (
        "Delete anonymous drafts, anonymous results never kept in an account, login records and expired "
        "sessions older than their retention periods (RETAIN_*_DAYS settings)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count what would be deleted; delete nothing")

    def handle(self, *args, dry_run: bool, **options):
        counts = purge_stale(now=timezone.now(), dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        for label, count in counts.items():
            self.stdout.write(f"  {verb} {count} {label}")
        if dry_run:
            self.stdout.write("Dry run: nothing was deleted.")
