"""`make bench` measures the pages it names: every request `bench_targets` writes, replayed as wrk sends it,
reaches its page as the student or counsellor it is for, never a login redirect or an error page (wrk counts
any 2xx or 3xx as a success, so a stale session would quietly measure the login redirect instead)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from counselling.loadgen import generate
from counselling.management.commands.bench_profile import _client, _request

pytestmark = pytest.mark.django_db


def test_every_bench_request_reaches_its_page_signed_in_as_its_cookie_says(settings):
    settings.ROOT_URLCONF = "careerfit.bench_urls"
    generate(students=5, results=10, cohort=5, pool=4)
    out = StringIO()
    call_command("bench_targets", stdout=out)
    pages = json.loads(out.getvalue())
    assert [page["name"] for page in pages[:2]] == ["floor", "floor, signed in"]

    html = {}
    for page in pages:
        response = _request(_client(page), page)
        html[page["name"]] = response.content.decode()
        signed_in = response.wsgi_request.user.is_authenticated
        assert signed_in == bool(page["cookie"]), page["name"]
        if page["method"] == "POST" and page["body_type"] == "form":  # a questionnaire step goes on to the next
            assert response.status_code == 302, page["name"]
            assert response.url.startswith(page["path"].rsplit("/", 2)[0]), (page["name"], response.url)
        else:
            assert response.status_code == 200, (page["name"], response.status_code)
    assert 'type="radio"' in html["questionnaire step"] and "Which of these" not in html["questionnaire step"]
    assert "Which of these have you used at all?" in html["questionnaire step, first visit"]
