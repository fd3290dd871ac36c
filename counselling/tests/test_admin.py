"""Admins create counsellor accounts (the "Counsellors" group) and can see cohorts and the audit."""

import pytest
from django.contrib.auth.models import Group

from accounts.models import User
from counselling.models import COUNSELLORS_GROUP
from counselling.selectors import is_counsellor
from counselling.tests import factories as make

pytestmark = pytest.mark.django_db


def test_migrate_creates_the_counsellors_group_and_membership_makes_a_counsellor():
    user = User.objects.create_user("lee@school.ca", "a-long-password")
    assert not is_counsellor(user)

    user.groups.add(Group.objects.get(name=COUNSELLORS_GROUP))

    assert is_counsellor(User.objects.get(pk=user.pk))


def test_the_menu_and_the_dashboard_follow_group_membership_at_the_next_request(django_assert_num_queries):
    """Whether someone is a counsellor is loaded with the user on every request: never remembered past it."""
    user = User.objects.create_user("lee@school.ca", "a-long-password")
    client = make.logged_in(user)
    counsellor_link = '<a href="/counsellor/"'
    assert counsellor_link not in client.get("/roles/").content.decode()
    assert client.get("/counsellor/").status_code == 403

    group = Group.objects.get(name=COUNSELLORS_GROUP)
    user.groups.add(group)
    # the session with its user and their counsellor flag; the roles. The menu asks no more.
    with django_assert_num_queries(2):
        html = client.get("/roles/").content.decode()
    assert counsellor_link in html
    assert client.get("/counsellor/").status_code == 200

    user.groups.remove(group)
    assert counsellor_link not in client.get("/roles/").content.decode()
    assert client.get("/counsellor/").status_code == 403


@pytest.mark.parametrize("model", ["cohort", "membership", "statuschange", "note", "resultview"])
def test_an_admin_can_open_the_counselling_admin_pages(client, model):
    lee = make.counsellor("lee@school.ca", "Ms Lee")
    make.share(make.student("a@x.ca", "Ana", levels={"python": 2}), make.cohort("Grade 12", lee))
    client.force_login(User.objects.create_superuser("root@example.ca", "a-long-password"))

    assert client.get(f"/admin/counselling/{model}/").status_code == 200


def test_consent_records_cannot_be_edited_in_the_admin(client):
    lee = make.counsellor("lee@school.ca", "Ms Lee")
    membership = make.share(make.student("a@x.ca", "Ana"), make.cohort("Grade 12", lee))
    client.force_login(User.objects.create_superuser("root@example.ca", "a-long-password"))

    assert client.get("/admin/counselling/membership/add/").status_code == 403
    response = client.post(f"/admin/counselling/membership/{membership.id}/change/", {"status": "reviewed"})
    assert response.status_code == 403
