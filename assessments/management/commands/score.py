import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from assessments.engine_io import ScoreInputError, parse_score_request, score_response
from roles.selectors import compiled_catalogue


class Command(BaseCommand):
    help = (
        "Rank every published role for a student's ratings and build the learning plan, as JSON. "
        'Input: {"ratings": {"python": 3, ...}, "hours_per_week": 10, "stage": "high-school", '
        '"target": "data-scientist"} (only ratings is required). Bad input exits with status 2 and names every bad key.'
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="a JSON file, or - to read standard input")

    def handle(self, *args, input: str, **options):
        try:
            text = sys.stdin.read() if input == "-" else Path(input).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {input}: {error}", returncode=2) from None
        catalogue = compiled_catalogue()
        try:
            request = parse_score_request(text, catalogue=catalogue)
        except ScoreInputError as error:
            for key, message in error.errors.items():
                self.stderr.write(f"{key}: {message}")
            raise CommandError(
                f"{len(error.errors)} problem{'s' if len(error.errors) != 1 else ''} in the input; nothing was scored.",
                returncode=2,
            ) from None
        response = score_response(catalogue=catalogue, request=request, today=timezone.localdate())
        self.stdout.write(json.dumps(response.model_dump(mode="json"), indent=2, ensure_ascii=False))
