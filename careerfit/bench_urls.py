"""The app's URLs plus the bench's floor: what Django itself costs here, through the same middleware.

The floor page runs one query and renders a tiny template; every page's throughput in `make bench` is
reported as a share of it. It exists only under careerfit.settings_bench.
"""

from django.contrib.auth.models import Group
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from careerfit.urls import urlpatterns as app_urlpatterns

FLOOR = engines["django"].from_string(
    "<!doctype html><html lang=en><title>Floor</title><main><p>{{ groups }} groups</p></main></html>"
)


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(FLOOR.render({"groups": Group.objects.count()}, request))


urlpatterns = [path("bench/floor/", floor), *app_urlpatterns]
