"""A cohort's sharing version, which its insights are cached by, rises with every change to what they count, by
every route, and with nothing else."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import services as accounts
from accounts.models import User
from assessments import services as assessments
from counselling import services
from counselling.models import Cohort, Membership, SharingVersion
from counselling.selectors import cohort_page_for
from counselling.tests import factories as make

pytestmark = pytest.mark.django_db

DEVOPS = {"linux": 3, "shell-scripting": 3, "git": 3, "docker": 3, "observability": 3, "kubernetes": 1}


@pytest.fixture
def lee():
    return make.counsellor("lee@school.ca", "Ms Lee")


@pytest.fixture
def cohort(lee):
    """Grade 12, with six students sharing a result that targets DevOps."""
    grade12 = make.cohort("Grade 12", lee)
    for index in range(6):
        make.share(make.student(f"s{index}@x.ca", f"Student {index}", levels=DEVOPS, target="devops-engineer"), grade12)
    return grade12


def version(lee, cohort) -> str:
    return cohort_page_for(counsellor=lee, cohort_id=cohort.id).sharing_version


def student(number: int) -> User:
    return User.objects.get(email=f"s{number}@x.ca")


def latest(user: User):
    return user.assessments.order_by("-created_at").first().results.get()


def emptied(model) -> None:
    """The table emptied as a database session would: PostgreSQL's TRUNCATE, SQLite's DELETE without a WHERE."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # checked now: TRUNCATE waits for no pending check
            cursor.execute(f"TRUNCATE {table} CASCADE")
        else:
            cursor.execute(f"DELETE FROM {table}")


CHANGES = {
    "a student joins": lambda cohort: make.share(make.student("new@x.ca", "New", levels=DEVOPS), cohort),
    "a student stops sharing": lambda cohort: services.membership_end(
        membership=cohort.memberships.get(student=student(0))
    ),
    "a sharing student submits again": lambda cohort: make.add_result(student(0), {**DEVOPS, "kubernetes": 3}),
    "a sharing student aims at another role": lambda cohort: assessments.result_replan(
        result=latest(student(0)), target_role="data-scientist"
    ),
    "a sharing student deletes their latest result": lambda cohort: assessments.assessment_delete(
        assessment=latest(student(0)).assessment
    ),
    "a sharing student deletes their account": lambda cohort: accounts.user_delete(user=student(0)),
    "a sharing is deleted in bulk": lambda cohort: Membership.objects.filter(student=student(0)).delete(),
    "a student's target is written by an update": lambda cohort: User.objects.filter(pk=student(0).pk).update(
        latest_target_role="data-scientist"
    ),
    "every sharing is removed by the database's quickest route": lambda cohort: emptied(Membership),
    "a student's sharing moves to another cohort": lambda cohort: Membership.objects.filter(student=student(0)).update(
        cohort=make.cohort("Grade 11", cohort.counsellors.get())
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_to_what_insights_count_raises_the_version(lee, cohort, change):
    before = version(lee, cohort)

    CHANGES[change](cohort)

    assert version(lee, cohort) != before


def test_what_insights_do_not_count_leaves_the_version_alone(lee, cohort):
    other = make.cohort("Grade 11", lee)
    before = version(lee, cohort), version(lee, other)
    membership = cohort.memberships.get(student=student(1))
    client = make.logged_in(lee)

    services.membership_set_status(membership=membership, status="reviewed", changed_by=lee)
    url = f"/counsellor/cohorts/{cohort.id}/students/{student(1).uuid}/notes/"
    assert client.post(url, {"text": "Strong start."}).status_code == 302
    User.objects.filter(pk=student(1).pk).update(display_name="Another name")
    assert make.logged_in(student(1)).get("/my/assessments/").status_code == 200  # a login
    make.share(make.student("elsewhere@x.ca", "Elsewhere", levels=DEVOPS), other)
    assessments.latest_result_refresh(owner_ids=[student(2).pk])  # recomputed, and the same

    assert version(lee, cohort) == before[0]
    assert version(lee, other) != before[1]


def test_a_student_who_stopped_sharing_changes_only_the_cohorts_they_still_share_with(lee, cohort):
    other = make.cohort("Grade 11", lee)
    make.share(student(0), other)
    services.membership_end(membership=cohort.memberships.get(student=student(0)))
    before = version(lee, cohort), version(lee, other)

    make.add_result(student(0), {**DEVOPS, "kubernetes": 3})

    assert version(lee, cohort) == before[0]
    assert version(lee, other) != before[1]


def test_a_deleted_cohort_takes_its_version_with_it(lee, cohort):
    assert SharingVersion.objects.filter(cohort=cohort).exists()

    Cohort.objects.filter(pk=cohort.pk).delete()

    assert not SharingVersion.objects.exists()
    assert not Membership.objects.exists()


def test_insights_follow_a_student_whose_account_is_deleted(lee, cohort):
    url = f"/counsellor/cohorts/{cohort.id}/insights/"
    client = make.logged_in(lee)
    assert "From the latest result of the 6 students who share" in client.get(url).content.decode()

    accounts.user_delete(user=student(0))

    assert "From the latest result of the 5 students who share" in client.get(url).content.decode()


def test_seen_again_insights_read_the_cohort_and_nothing_of_its_students(lee, cohort):
    client = make.logged_in(lee)
    url = f"/counsellor/cohorts/{cohort.id}/insights/"
    first = client.get(url).content.decode()

    with CaptureQueriesContext(connection) as queries:
        again = client.get(url).content.decode()

    assert without_tokens(again) == without_tokens(first)  # the same page, its figures from the cache
    read = " ".join(query["sql"] for query in queries)
    assert "counselling_cohort" in read
    for table in ("counselling_membership", "assessments_result", "assessments_targetrequirement"):
        assert table not in read


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def installed_triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")  # TRUNCATE's too
        return {name for (name,) in cursor.fetchall() if name.startswith("counselling_sharing_version")}


def test_migrate_puts_back_the_triggers_a_table_rebuild_dropped(lee, cohort):
    assert len(installed_triggers()) == (5 if connection.vendor == "sqlite" else 6)  # and PostgreSQL's TRUNCATE
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute('DROP TRIGGER "counselling_sharing_version_student"')
        else:
            cursor.execute('DROP TRIGGER "counselling_sharing_version_student" ON "accounts_user"')
    assert len(installed_triggers()) == (4 if connection.vendor == "sqlite" else 5)

    call_command("migrate", verbosity=0)

    before = version(lee, cohort)
    make.add_result(student(0), {**DEVOPS, "kubernetes": 3})
    assert version(lee, cohort) != before
