from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from roles.catalogue_db import known_slugs
from roles.catalogue_files import read_catalogue
from roles.selectors import catalogue_version_number
from roles.services import CatalogueLoadError, catalogue_load


class Command(BaseCommand):
    help = (
        "Check the catalogue files and load them into the database, matching rows by slug and keeping what "
        "editors changed in the admin since the last load. Nothing is written unless every file is valid."
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
            help="also delete entries (and their parts) that the files do not contain, in the sections the files have",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="where the files and the admin both changed the same thing, take the files' version",
        )

    def handle(self, *args, path: Path, prune: bool, force: bool, **options):
        # References may point at what the database already has: one file can be loaded on its own.
        result = read_catalogue(path, known=known_slugs())
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            count = len(result.problems)
            raise CommandError(
                f"{count} problem{'s' if count != 1 else ''} found in {path}; the database was not changed."
            )
        where = {key: f"{file}:{line}" for key, (file, line, _) in result.locations.items()}
        try:
            report = catalogue_load(
                catalogue=result.catalogue, present=result.present, prune=prune, force=force, where=where
            )
        except CatalogueLoadError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(f"The catalogue in {path} was not loaded; the database was not changed.") from None
        for line in report.summary.lines():
            self.stdout.write(f"  {line}")
        if report.conflicts:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(report.conflicts)} change{'s' if len(report.conflicts) != 1 else ''} made both in the "
                    "files and in the admin since the last load:"
                )
            )
            for conflict in report.conflicts:
                self.stdout.write(f"  {conflict}")
            if not force:
                self.stdout.write(
                    "  To keep the admin's version in the files, run export_catalogue and commit the result; "
                    "to take the files' version, load again with --force."
                )
        if not report.changed:
            self.stdout.write(f"The catalogue is already up to date with {path}: nothing changed.")
            return
        self.stdout.write(
            self.style.SUCCESS(f"Catalogue loaded from {path} (catalogue version {catalogue_version_number()}).")
        )
