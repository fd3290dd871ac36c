#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerfit.settings")
    from django.core.management import execute_from_command_line

    from careerfit.env import explain_startup_error

    try:
        execute_from_command_line(sys.argv)
    except Exception as error:
        # A wrong setting or an unreachable database is one clear line, not a traceback to dig through;
        # `--traceback` shows the whole story.
        message = explain_startup_error(error)
        if message is None or "--traceback" in sys.argv:
            raise
        sys.exit(message)


if __name__ == "__main__":
    main()
