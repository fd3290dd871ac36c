from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from roles.catalogue_files import FILES, file_header, write_catalogue
from roles.selectors import catalogue_data_from_db


class Command(BaseCommand):
    help = (
        "Write the catalogue in the database to catalogue files in the format load_catalogue reads, "
        "so that edits made in the admin can be kept in the repository."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            default=settings.CATALOGUE_DIR,
            help="the directory to write to (default: the shipped catalogue, overwriting it)",
        )

    def handle(self, *args, path: Path, **options):
        if path.exists() and not path.is_dir():
            path = path.parent
        # Keep each file's explanatory header (how levels and importance were chosen, sources).
        headers = {}
        for name in FILES:
            for folder in (path, settings.CATALOGUE_DIR):
                if (folder / name).is_file():
                    headers[name] = file_header(folder / name)
                    break
        written = write_catalogue(catalogue_data_from_db(), path, methodology=headers)
        for file in written:
            self.stdout.write(f"  wrote {file}")
        self.stdout.write(self.style.SUCCESS(f"Catalogue exported to {path}."))
