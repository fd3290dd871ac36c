"""Settings for `make bench`: production's, plus a floor page (careerfit.bench_urls) to measure against."""

from careerfit.settings import *  # noqa: F403

ROOT_URLCONF = "careerfit.bench_urls"
