"""Each student's latest result, kept on their account with its time, best fit and target role so that
counsellors' lists of hundreds of students need not search or read all their results: after every write that
adds, removes or hands over results or changes a result's target, they are the most recent one's."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from accounts.models import User
from assessments import services
from assessments.forms import AnswerInput
from assessments.models import Result
from counselling import services as services_for_cohorts
from counselling.models import Membership
from counselling.selectors import cohort_page_for
from counselling.tests import factories as make

pytestmark = pytest.mark.django_db

DEVOPS = {"linux": 3, "shell-scripting": 3, "git": 3, "docker": 3, "kubernetes": 2, "ci-cd": 2}
DATA = {"python": 3, "sql": 3, "pandas": 3, "statistics": 3, "excel": 3}


def latest(user: User) -> Result | None:
    """The user's latest result, checking that its time, best fit, target role and their titles are kept beside it,
    and its time on each of their sharings with a cohort, ended or not."""
    fresh = User.objects.get(pk=user.pk)
    result = fresh.latest_result
    kept = ("created_at", "best_fit", "target_role", "best_role_title", "target_role_title")
    assert (
        fresh.latest_result_at,
        fresh.latest_best_fit,
        fresh.latest_target_role,
        fresh.latest_best_role_title,
        fresh.latest_target_role_title,
    ) == (tuple(getattr(result, name) for name in kept) if result else (None,) * len(kept))
    copies = list(Membership.objects.filter(student=user).values_list("latest_result_at", flat=True))
    assert copies == [fresh.latest_result_at] * len(copies)
    return result


def most_recent(user: User) -> Result | None:
    return Result.objects.filter(assessment__owner=user).order_by("-created_at").first()


def test_it_follows_submitting_replanning_rescoring_deleting_and_claiming(shipped_catalogue):
    maya = make.student("maya@example.ca", "Maya", levels=DATA, target="data-scientist")
    lee = make.counsellor("lee@school.ca")
    make.share(maya, make.cohort("Grade 12 CS", lee))
    services_for_cohorts.membership_end(membership=make.share(maya, make.cohort("Summer camp", lee)))
    assert Membership.objects.filter(student=maya).count() == 2
    first = Result.objects.get()
    assert latest(maya) == first == most_recent(maya)

    second = make.add_result(maya, DEVOPS, target="devops-engineer")
    assert latest(maya) == second

    services.result_replan(result=second, target_role="data-analyst")
    assert latest(maya) == second and User.objects.get(pk=maya.pk).latest_target_role == "data-analyst"
    assert User.objects.get(pk=maya.pk).latest_target_role_title == "Data Analyst"

    rescored = services.result_rescore(result=first)  # newer than the second
    assert latest(maya) == rescored == most_recent(maya)

    services.assessment_delete(assessment=first.assessment)  # the first and its re-score go
    assert latest(maya) == second

    services.assessment_delete(assessment=second.assessment)
    assert latest(maya) is None

    anonymous = services.assessment_start()
    services.assessment_save_profile(
        assessment=anonymous, stage="post-secondary", hours_per_week=6, interests=[], reach_step=2
    )
    services.assessment_save_answers(
        assessment=anonymous, answers={skill: AnswerInput(level, False, "") for skill, level in DATA.items()}
    )
    kept = services.assessment_submit(assessment=anonymous)
    assert latest(maya) is None
    services.assessments_claim(user=maya, assessment_ids=[str(anonymous.id)])
    assert latest(maya) == kept


def test_the_cohort_table_files_a_student_under_their_latest_target_after_a_deletion(shipped_catalogue):
    lee = make.counsellor("lee@school.ca", "Ms Lee")
    grade12 = make.cohort("Grade 12 CS", lee)
    ana = make.student("ana@example.ca", "Ana Li", levels=DATA, target="data-scientist")
    newer = make.add_result(ana, DEVOPS, target="devops-engineer")
    make.share(ana, grade12)
    client = make.logged_in(lee)
    url = f"/counsellor/cohorts/{grade12.id}/"

    def listed(target: str) -> bool:
        return "Ana Li</a>" in client.get(url, {"target": target}).content.decode()

    assert listed("devops-engineer") and not listed("data-scientist")
    services.assessment_delete(assessment=newer.assessment)
    assert listed("data-scientist") and not listed("devops-engineer")
    targets = cohort_page_for(counsellor=lee, cohort_id=grade12.id).insights().targets  # what insights count
    assert [(t.target, t.students) for t in targets] == [("data-scientist", 1)]


def migrated_back(before: tuple[str, str], *state: tuple[str, str]):
    """The database migrated back to `before`, an executor to migrate it forward again, and the models as they
    stood then (with the migrations named in `state`)."""
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    return executor, executor.loader.project_state([before, *state]).apps


def migrated_forward(executor: MigrationExecutor) -> None:
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def old_result_models(apps):
    """The account, assessment and result models as they stood, and a catalogue snapshot for results to refer to."""
    snapshot = apps.get_model("assessments", "CatalogueSnapshot").objects.create(
        fingerprint="f" * 16, version=1, data={}
    )
    return (
        *(apps.get_model(name) for name in ("accounts.User", "assessments.Assessment", "assessments.Result")),
        snapshot,
    )


@pytest.mark.django_db(transaction=True)
def test_the_migration_points_every_account_at_its_latest_result():
    executor, old = migrated_back(("accounts", "0003_email_confirmed"), ("assessments", "0006_target_requirements"))
    OldUser, Assessment, Result, snapshot = old_result_models(old)
    maya = OldUser.objects.create(email="maya@example.ca")
    OldUser.objects.create(email="sam@example.ca")  # no result at all
    saved = {}
    for name, owner, days_ago in [("older", maya, 9), ("newest", maya, 1), ("middle", maya, 5), ("anonymous", None, 0)]:
        result = Result.objects.create(
            assessment=Assessment.objects.create(owner=owner),
            catalogue=snapshot,
            answers={},
            profile={},
            best_role_title="",
            best_fit=70 + days_ago % 3,  # the newest: 71
            target_role=name,
        )
        Result.objects.filter(pk=result.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
        saved[name] = result.pk

    migrated_forward(executor)

    maya = User.objects.get(email="maya@example.ca")
    assert maya.latest_result_id == saved["newest"]
    newest = Result.objects.get(pk=saved["newest"])
    assert (maya.latest_result_at, maya.latest_best_fit, maya.latest_target_role) == (newest.created_at, 71, "newest")
    sam = User.objects.get(email="sam@example.ca")
    assert (sam.latest_result_id, sam.latest_result_at, sam.latest_best_fit, sam.latest_target_role) == (None,) * 4


@pytest.mark.django_db(transaction=True)
def test_the_migration_copies_each_students_latest_result_time_onto_their_sharings():
    executor, old = migrated_back(("counselling", "0002_guardian_consent"), ("accounts", "0005_latest_result_summary"))
    OldUser, Cohort, OldMembership = (
        old.get_model("accounts", "User"),
        old.get_model("counselling", "Cohort"),
        old.get_model("counselling", "Membership"),
    )
    scored = timezone.now() - timedelta(days=3)
    maya = OldUser.objects.create(email="maya@example.ca", latest_result_at=scored)
    sam = OldUser.objects.create(email="sam@example.ca")  # no result at all
    now = timezone.now()
    for name in ("Grade 12 CS", "Summer camp"):
        cohort = Cohort.objects.create(name=name, join_code=name[:4].upper())
        for student in (maya, sam):
            OldMembership.objects.create(cohort=cohort, student=student, consented_at=now, consent_version="1")

    migrated_forward(executor)

    copies = Membership.objects.values_list("student__email", "latest_result_at").order_by("cohort__name")
    assert sorted(copies) == [("maya@example.ca", scored)] * 2 + [("sam@example.ca", None)] * 2


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_titles_of_each_accounts_latest_result_beside_it():
    executor, old = migrated_back(
        ("accounts", "0005_latest_result_summary"), ("assessments", "0007_alter_answer_options")
    )
    OldUser, Assessment, Result, snapshot = old_result_models(old)
    maya = OldUser.objects.create(email="maya@example.ca")
    OldUser.objects.create(email="sam@example.ca")  # no result at all
    for best, target in [("Data Analyst", "Data Scientist"), ("DevOps Engineer", "")]:
        result = Result.objects.create(
            assessment=Assessment.objects.create(owner=maya),
            catalogue=snapshot,
            answers={},
            profile={},
            best_role_title=best,
            best_fit=70,
            target_role_title=target,
        )
    OldUser.objects.filter(pk=maya.pk).update(latest_result=result)  # the second, as the services kept it

    migrated_forward(executor)

    titles = User.objects.values_list("email", "latest_best_role_title", "latest_target_role_title")
    assert sorted(titles) == [("maya@example.ca", "DevOps Engineer", ""), ("sam@example.ca", None, None)]
