"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

from careerfit.env import refuse_unsafe_serving

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerfit.settings")

application = get_asgi_application()
refuse_unsafe_serving()
