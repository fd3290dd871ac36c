"""Realistic data in bulk, for `make bench` and for tests that pin query counts at two sizes.

Students answer like the questionnaire's students do: a handful of skills rated, most left at None, a
stage, weekly hours and years in tech. A pool of distinct answer sets is scored once with the real engine
(`assessments.services`), then shared round-robin across results, so 50,000 results take seconds to write
yet hold what real submissions hold: answers, a profile, the plan, a target and the catalogue snapshot.
Every student owns `results // students` submitted assessments (their Answer rows included); the first
`cohort` students share with one cohort counselled by `counsellor@bench.example`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import AgeBand
from assessments.models import Answer, Assessment, AssessmentStatus, Result, ResultKind, TargetRequirement
from assessments.scoring import levels_from_answers
from assessments.services import catalogue_snapshot_store, latest_result_refresh, scored_fields, target_requirements
from counselling.models import COUNSELLORS_GROUP, Cohort, Membership
from counselling.services import CONSENT_VERSION
from roles.choices import YearsInTech
from roles.compiled import CompiledCatalogue
from roles.selectors import compiled_catalogue

PASSWORD = "bench-password-123"
COUNSELLOR_EMAIL = "counsellor@bench.example"
COHORT_NAME = "Bench cohort"
BATCH = 2000


@dataclass(frozen=True)
class Generated:
    students: int
    results: int
    answers: int
    cohort: Cohort
    counsellor: Any


def student_email(index: int) -> str:
    return f"student{index:05d}@bench.example"


def _answer_pool(catalogue: CompiledCatalogue, size: int, rng: random.Random) -> list[dict[str, Any]]:
    """`size` distinct students' answers and profiles, each scored once with the engine."""
    skills = sorted(catalogue.skill_by_slug)
    stages = sorted(catalogue.stage_by_slug)
    roles = sorted(catalogue.role_by_slug)
    experiences = [choice for choice, _ in YearsInTech.choices]
    today = timezone.localdate()
    pool = []
    for _ in range(size):
        rated = rng.sample(skills, k=min(len(skills), rng.randint(4, 30)))
        answers = {
            skill: {"level": rng.choice((1, 1, 2, 2, 3, 3, 4, 5)), "not_sure": False, "evidence": ""}
            for skill in sorted(rated)
        }
        for skill in rng.sample(sorted(set(skills) - set(rated)), k=min(3, len(skills) - len(rated))):
            answers[skill] = {"level": None, "not_sure": True, "evidence": ""}
        stage = catalogue.stage_by_slug[rng.choice(stages)] if stages else None
        profile = {
            "stage": stage.slug if stage else "",
            "stage_name": stage.name if stage else "",
            "hours_per_week": rng.choice((3, 5, 8, 10, 15, 20)),
            "interests": rng.sample(roles, k=min(len(roles), rng.randint(0, 2))),
            "experience": rng.choice(experiences),
        }
        fields = scored_fields(catalogue=catalogue, answers=answers, profile=profile, target=None, start=today)
        role = catalogue.role_by_slug.get(fields["target_role"])
        pool.append(
            {"answers": answers, "profile": profile, "role": role, "levels": levels_from_answers(answers), **fields}
        )
    return pool


@transaction.atomic
def generate(
    *,
    students: int,
    results: int,
    cohort: int,
    pool: int = 64,
    seed: int = 1,
    catalogue: CompiledCatalogue | None = None,
) -> Generated:
    """Write `students` accounts, `results` submitted results spread evenly over them, and one cohort.

    All or nothing (one transaction). Scored against `catalogue` (today's compiled one by default), whose
    snapshot is stored once as a real submission's would be.
    """
    if students < 1 or results < students or cohort > students:
        raise ValueError("need at least one student, a result for each student and a cohort no larger than them")
    rng = random.Random(seed)
    catalogue = catalogue or compiled_catalogue()
    snapshot = catalogue_snapshot_store(catalogue)
    answer_sets = _answer_pool(catalogue, min(pool, results), rng)
    User = get_user_model()
    password = make_password(PASSWORD)  # hashed once: hashing 10,000 times would take minutes
    User.objects.bulk_create(
        [
            User(
                email=student_email(index),
                display_name=f"Student {index:05d}",
                age_band=AgeBand.ADULT,
                email_confirmed=True,
                password=password,
            )
            for index in range(students)
        ],
        batch_size=BATCH,
    )
    people = list(User.objects.filter(email__endswith="@bench.example").order_by("email").only("id"))[:students]
    counsellor = User.objects.create(
        email=COUNSELLOR_EMAIL, display_name="Bench counsellor", age_band=AgeBand.ADULT, email_confirmed=True
    )
    counsellor.password = password
    counsellor.save(update_fields=["password"])
    group, _ = Group.objects.get_or_create(name=COUNSELLORS_GROUP)
    counsellor.groups.add(group)
    the_cohort = Cohort.objects.create(name=COHORT_NAME)
    the_cohort.counsellors.add(counsellor)
    now = timezone.now()
    Membership.objects.bulk_create(
        [
            Membership(cohort=the_cohort, student=person, consented_at=now, consent_version=CONSENT_VERSION)
            for person in people[:cohort]
        ],
        batch_size=BATCH,
    )

    answer_count = 0
    per_student = results // students
    extra = results - per_student * students
    assessments: list[Assessment] = []
    chosen: list[dict[str, Any]] = []
    for index, person in enumerate(people):
        for _ in range(per_student + (1 if index < extra else 0)):
            answer_set = answer_sets[len(assessments) % len(answer_sets)]
            assessments.append(
                Assessment(
                    owner=person,
                    status=AssessmentStatus.SUBMITTED,
                    stage=answer_set["profile"]["stage"],
                    hours_per_week=answer_set["profile"]["hours_per_week"],
                    interests=answer_set["profile"]["interests"],
                    experience=answer_set["profile"]["experience"],
                    reached_step=2,
                )
            )
            chosen.append(answer_set)
    for start in range(0, len(assessments), BATCH):
        batch = Assessment.objects.bulk_create(assessments[start : start + BATCH])
        sets = chosen[start : start + BATCH]
        rows = [
            Answer(assessment=assessment, skill=skill, **given)
            for assessment, answer_set in zip(batch, sets, strict=True)
            for skill, given in answer_set["answers"].items()
        ]
        Answer.objects.bulk_create(rows, batch_size=BATCH * 4)
        answer_count += len(rows)
        results = Result.objects.bulk_create(
            [
                Result(
                    assessment=assessment,
                    kind=ResultKind.SUBMITTED,
                    catalogue=snapshot,
                    answers=answer_set["answers"],
                    profile=answer_set["profile"],
                    plan=answer_set["plan"],
                    target_role=answer_set["target_role"],
                    target_role_title=answer_set["target_role_title"],
                    best_role_title=answer_set["best_role_title"],
                    best_fit=answer_set["best_fit"],
                )
                for assessment, answer_set in zip(batch, sets, strict=True)
            ]
        )
        TargetRequirement.objects.bulk_create(
            [
                row
                for result, answer_set in zip(results, sets, strict=True)
                if answer_set["role"]
                for row in target_requirements(answer_set["role"], catalogue, answer_set["levels"], result=result)
            ],
            batch_size=BATCH * 4,
        )
    # Statistics first: planned for empty tables, the refresh's newest-result subqueries each read every result
    # on PostgreSQL, which took its 10,000 students 12 minutes and more.
    _analyze(User, Membership, Assessment, Answer, Result, TargetRequirement)
    latest_result_refresh(owner_ids=[person.id for person in people])
    _analyze(User, Membership)  # their latest result's columns, just filled
    return Generated(students, len(assessments), answer_count, the_cohort, counsellor)


def _analyze(*models) -> None:
    """Refresh the planner's statistics after a bulk load, as autovacuum would later (SQLite and PostgreSQL
    both read `ANALYZE`). Without them PostgreSQL plans for one-row tables: a nested loop that turned a
    50 ms count into minutes for a cohort of 500."""
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
