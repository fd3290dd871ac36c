"""WSGI entry point: `gunicorn careerfit.wsgi`."""

import os
import sys

from django.core.wsgi import get_wsgi_application

from careerfit.env import explain_startup_error, refuse_unsafe_serving

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerfit.settings")

try:
    application = get_wsgi_application()
    refuse_unsafe_serving()
except Exception as error:
    message = explain_startup_error(error)
    if message is None:
        raise
    print(message, file=sys.stderr)  # the server has no logging yet: this is its last word
    raise SystemExit(1) from None
