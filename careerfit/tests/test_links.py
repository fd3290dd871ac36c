"""Every link a visitor, a student or a counsellor can follow leads somewhere: no page of CareerFit links to an
address of its own that answers 404, 405 or 500."""

import re
from html import unescape

import pytest
from django.test import Client

from assessments.tests import journey
from careerfit.testing import sign_up
from counselling.tests import factories as make

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a\s[^>]*href="(/[^"#]*)')
# Followed once each: enough to reach every kind of page, and a bound should a page ever link endlessly.
MOST_PAGES = 150


def crawl(client: Client, *start: str) -> dict[str, int]:
    """The status of every page of this site reached by following links from `start`."""
    statuses, queue = {}, list(start)
    while queue and len(statuses) < MOST_PAGES:
        path = queue.pop(0)
        if path in statuses or path.startswith(("/static/", "//")):
            continue
        response = client.get(path)
        statuses[path] = response.status_code
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            queue.extend(unescape(href) for href in LINK.findall(response.content.decode()))
    return statuses


def broken(statuses: dict[str, int]) -> dict[str, int]:
    return {path: status for path, status in statuses.items() if status not in (200, 302)}


def test_every_link_a_visitor_can_follow_leads_somewhere(client):
    statuses = crawl(client, "/")

    assert broken(statuses) == {}
    assert "/roles/devops-engineer/" in statuses and "/privacy/" in statuses  # the crawl went round the site


def test_every_link_a_student_with_a_result_can_follow_leads_somewhere(client):
    sign_up(client, "linker@example.ca")
    _, result_id = journey.complete(client, {"python": 3, "sql": 2, "git": 2}, interests=("data-analyst",))

    statuses = crawl(client, "/", f"/results/{result_id}/")

    assert broken(statuses) == {}
    assert f"/results/{result_id}/plan/" in statuses and "/my/assessments/" in statuses


def test_every_link_a_counsellor_can_follow_leads_somewhere():
    lee = make.counsellor("lee@school.ca", "Ms Lee")
    cohort = make.cohort("Grade 12", lee)
    make.share(make.student("ana@example.ca", "Ana", levels={"python": 3, "sql": 2}), cohort)

    statuses = crawl(make.logged_in(lee), "/counsellor/")

    assert broken(statuses) == {}
    assert any(path.startswith(f"/counsellor/cohorts/{cohort.id}/students/") for path in statuses)
