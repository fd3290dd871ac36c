from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from roles.catalogue_files import read_catalogue
from roles.selectors import catalogue_version_number
from roles.services import CatalogueLoadError, catalogue_load


class Command(BaseCommand):
    help = (
        "Check the catalogue files and load them into the database, matching rows by slug. "
        "Nothing is written unless every file is valid."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            default=settings.CATALOGUE_DIR,
            help="a catalogue file, or a directory of .yaml files (default: the shipped catalogue)",
        )
        parser.add_argument(
            "--prune",
            action="store_true",
            help="also delete rows that the files do not contain (only in the sections the files have)",
        )

    def handle(self, *args, path: Path, prune: bool, **options):
        result = read_catalogue(path)
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            count = len(result.problems)
            raise CommandError(
                f"{count} problem{'s' if count != 1 else ''} found in {path}; the database was not changed."
            )
        try:
            summary = catalogue_load(data=result.data, present=result.present, prune=prune)
        except CatalogueLoadError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(f"The catalogue in {path} was not loaded; the database was not changed.") from None
        if not summary.changed:
            self.stdout.write(f"The catalogue is already up to date with {path}: nothing changed.")
            return
        for line in summary.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(
            self.style.SUCCESS(f"Catalogue loaded from {path} (catalogue version {catalogue_version_number()}).")
        )
