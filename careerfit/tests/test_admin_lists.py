"""Every list in Django admin opens for a superuser, with each of its filters and with a search, on whichever
database the suite runs on. The admin builds queries no page of the site does (filter choices, counts,
searches across relations), so this is where a database setting that changes how statements are sent, such
as PostgreSQL's server-side binding, would show first."""

import re
from html import unescape

import pytest
from django.contrib import admin
from django.urls import reverse

from assessments.models import Result
from counselling import services
from counselling.loadgen import generate
from counselling.models import ReviewStatus, ViewKind
from counselling.tests import factories as make

pytestmark = pytest.mark.django_db

FILTER_LINK = re.compile(r'<a href="(\?[^"]*)"')


@pytest.fixture
def superuser_client(client, django_user_model):
    made = generate(students=3, results=4, cohort=2, pool=2)
    membership = made.cohort.memberships.first()
    services.membership_set_status(membership=membership, status=ReviewStatus.REVIEWED, changed_by=made.counsellor)
    services.note_add(
        cohort=made.cohort,
        student=membership.student,
        author=made.counsellor,
        text="Try the co-op.",
        shared_with_student=True,
    )
    # A second cohort, so the lists' cohort filters have a choice to offer.
    evening = make.cohort("Evening class", made.counsellor)
    make.share(membership.student, evening)
    services.note_add(
        cohort=evening,
        student=membership.student,
        author=made.counsellor,
        text="Ask about night school.",
        shared_with_student=False,
    )
    result = Result.objects.filter(assessment__owner=membership.student).first()
    services.result_view_record(counsellor=made.counsellor, cohort=made.cohort, result=result, kind=ViewKind.RESULT)
    admin_user = django_user_model.objects.create_superuser("admin@example.ca", "a-long-password")
    client.force_login(admin_user)
    return client


def test_every_admin_list_opens_with_each_of_its_filters_and_a_search(superuser_client):
    opened = 0
    for model, model_admin in admin.site._registry.items():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = superuser_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        if model_admin.list_filter:
            sidebar = html[html.index('id="changelist-filter"') :]
            links = {unescape(link) for link in FILTER_LINK.findall(sidebar)} - {"?"}
            assert links, f"{url} shows no filter choices"
            for link in sorted(links):
                assert superuser_client.get(url + link).status_code == 200, url + link
                opened += 1
        if model_admin.search_fields:
            assert superuser_client.get(url, {"q": "a"}).status_code == 200, url
        first = model_admin.get_queryset(response.wsgi_request).order_by("pk").first()
        if first is not None and model_admin.has_change_permission(response.wsgi_request, first):
            change = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[first.pk])
            assert superuser_client.get(change).status_code == 200, change
    assert opened > 20, opened  # the filters were found and followed
