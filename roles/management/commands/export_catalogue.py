from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from roles.catalogue_db import read_catalogue
from roles.catalogue_files import write_catalogue


class Command(BaseCommand):
    help = (
        "Write the catalogue in the database to the catalogue files load_catalogue reads, so that edits "
        "made in the admin can be reviewed and committed. Entries that did not change keep their exact text."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            default=settings.CATALOGUE_DIR,
            help="the directory to write to (default: the shipped catalogue, updated in place)",
        )

    def handle(self, *args, path: Path, **options):
        if path.exists() and not path.is_dir():
            path = path.parent
        written = write_catalogue(read_catalogue(), path, templates=settings.CATALOGUE_DIR)
        for file in written:
            self.stdout.write(f"  wrote {file}")
        self.stdout.write(self.style.SUCCESS(f"Catalogue exported to {path}."))
