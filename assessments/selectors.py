"""Reads for the student journey: access scoped to the person asking, history, snapshot catalogues."""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from datetime import datetime
from typing import NamedTuple
from uuid import UUID

from django.apps import apps
from django.db import connection
from django.http import Http404

from assessments.models import Answer, Assessment, AssessmentStatus, CatalogueSnapshot, Result
from assessments.scoring import scored_level
from careerfit.sql import Columns, Read, fetch
from roles.compiled import CompiledCatalogue
from roles.selectors import VERSION_ID, compiled_catalogue, version_column


def assessment_for(*, user, assessment_id: UUID) -> Assessment:
    """The assessment if `user` may open it; 404 for anyone else's (never 403, which would confirm it exists).

    Every questionnaire step, and every answer saved as the student goes, starts here, so the read is one plain
    statement built once per process (`_assessment_read`), as `result_for`'s is: the ORM took 0.4 ms a request
    to build the scoped query.
    """
    read = _assessment_read()
    row = read.row([Assessment._meta.pk.get_db_prep_value(assessment_id, connection), _owner(user)])
    if row is None:
        raise Http404("No such assessment.")
    (assessment,) = read.instances(row)
    return assessment


class SavedAnswer(NamedTuple):
    """An answer as saved, as the questionnaire reads it."""

    skill: str
    level: int | None
    not_sure: bool
    evidence: str

    @property
    def scored_level(self) -> int:
        return scored_level(self.level, self.not_sure)


def answers_of(assessment: Assessment) -> dict[str, SavedAnswer]:
    """The assessment's answers by skill, in skill order.

    Every questionnaire step, every answer saved as the student goes and the review read them, so the read is
    one plain statement built once per process (`_answers_sql`), as `assessment_for`'s is, and its rows become
    plain records rather than model instances: the ORM took 0.5 ms to build the query, and making instances of
    a finished questionnaire's 123 answers took another 1.2 ms.
    """
    with connection.cursor() as cursor:
        cursor.execute(_answers_sql(), [Assessment._meta.pk.get_db_prep_value(assessment.pk, connection)])
        return {
            skill: SavedAnswer(skill, level, not_sure, evidence)
            for skill, level, not_sure, evidence in cursor.fetchall()
        }


class Questionnaire(NamedTuple):
    """An assessment as its questionnaire's steps read it."""

    assessment: Assessment
    answers: dict[str, SavedAnswer]  # by skill, in skill order, as `answers_of` gives them
    catalogue: CompiledCatalogue  # today's, as `compiled_catalogue` gives it


def questionnaire_for(*, user, assessment_id: UUID) -> Questionnaire:
    """`assessment_for`, `answers_of` and `compiled_catalogue` in two statements (the assessment's read with the
    catalogue's version, then `answers_of`'s), where they took three: every questionnaire step and every answer
    saved as the student goes needs all of them, and on PostgreSQL each statement is a round trip to another
    process. 404 for anyone else's assessment, as `assessment_for`.

    The answers are not read with the assessment: a join repeated the assessment's columns on each answer's
    row (a late step's 123: +23 % instructions on SQLite, which converted its two dates each time), and a
    UNION of the two reads still cost a late step 4 % more there than a statement of its own."""
    read = _assessment_read(with_version=True)
    row = read.row([VERSION_ID, Assessment._meta.pk.get_db_prep_value(assessment_id, connection), _owner(user)])
    if row is None:
        raise Http404("No such assessment.")
    (assessment,) = read.instances(row)
    return Questionnaire(assessment, answers_of(assessment), compiled_catalogue(version=row[-1]))


def _owner(user) -> int | None:
    """The owner a hand-written read matches besides NULL: `owner = NULL` matches nothing, so a visitor without
    an account opens anonymous rows only."""
    return user.pk if user.is_authenticated else None


def result_for(*, user, result_id: UUID, with_notes_shared: bool = False) -> Result:
    """The result if `user` may open it, with its assessment and its catalogue snapshot's fingerprint (the
    snapshot's other columns are left in the database); 404 for anyone else's. `with_notes_shared`, the same
    statement also says whether counsellors shared a note with its owner (`result.notes_shared`): the results
    page then reads notes only for a student who has some, one round trip fewer for the others (0.15 ms a
    view on PostgreSQL).

    Every result, plan and what-if request starts here, so the read is one plain statement built once per
    process from the models' metadata (`_result_read`): the ORM took 1.1 ms a request to build the joined,
    scoped query against 0.1 ms to run it. The rows become model instances as the ORM's own would, through
    the same database and field converters.
    """
    read = _result_read(with_notes_shared=with_notes_shared)
    params = [VERSION_ID, *([True] if with_notes_shared else [])]
    row = read.row([*params, Result._meta.pk.get_db_prep_value(result_id, connection), _owner(user)])
    if row is None:
        raise Http404("No such result.")
    result, assessment, catalogue = read.instances(row)
    result.assessment, result.catalogue = assessment, catalogue
    if with_notes_shared:
        result.todays_catalogue_version, result.notes_shared = row[-2], bool(row[-1])
    else:
        result.todays_catalogue_version = row[-1]
    return result


@functools.cache
def _assessment_read(*, with_version: bool = False) -> Read:
    """SELECT the assessment with id %s if its owner is NULL or %s; and, `with_version`, the catalogue's version
    number after its columns, whose id is then the first parameter."""
    q = connection.ops.quote_name
    meta = Assessment._meta
    columns = Columns.of(Assessment, "a")
    owner = q(meta.get_field("owner").column)
    version = f", {version_column()}" if with_version else ""
    # Only identifiers from the model's own metadata are written into the statement; values are parameters.
    sql = (
        f"SELECT {columns.select('a')}{version} FROM {q(meta.db_table)} a"  # noqa: S608
        f" WHERE a.{q(meta.pk.column)} = %s AND (a.{owner} IS NULL OR a.{owner} = %s)"
    )
    return Read(sql, (columns,))


@functools.cache
def _answers_sql() -> str:
    """SELECT skill, level, not_sure, evidence of the answers of the assessment with id %s, in skill order (the
    unique index's)."""
    q = connection.ops.quote_name
    meta = Answer._meta
    columns = ", ".join(f"n.{q(meta.get_field(name).column)}" for name in SavedAnswer._fields)
    assessment, skill = q(meta.get_field("assessment").column), q(meta.get_field("skill").column)
    # Only identifiers from the model's own metadata are written into the statement; values are parameters.
    return f"SELECT {columns} FROM {q(meta.db_table)} n WHERE n.{assessment} = %s ORDER BY n.{skill}"  # noqa: S608


@functools.cache
def _result_read(*, with_notes_shared: bool) -> Read:
    """SELECT the result with id %s, its assessment, its snapshot's id and fingerprint, and the catalogue's version
    number (whose id is the first parameter), if the assessment's owner is NULL or %s; `with_notes_shared`, then
    whether a note about the owner has `shared_with_student` %s (the second parameter)."""
    q = connection.ops.quote_name
    parts = (
        # Its answers, profile and plan are decoded only if used: a cached page needs none of them, and decoding
        # a plan's JSON alone took 0.15 ms.
        Columns.of(Result, "r", later=("answers", "profile", "plan")),
        Columns.of(Assessment, "a"),
        # Only what a result page needs of its snapshot. Not its data, and no column stored after it either:
        # SQLite keeps a row's columns in order, so reading `created_at` meant walking the data's overflow
        # pages, 5 ms a request with ESCO's 3,000 roles (10.8 MB).
        Columns.of(CatalogueSnapshot, "c", only=("id", "fingerprint")),
    )
    result, assessment, snapshot = Result._meta, Assessment._meta, CatalogueSnapshot._meta
    owner, assessment_id, snapshot_id = (
        q(assessment.get_field("owner").column),
        q(result.get_field("assessment").column),
        q(result.get_field("catalogue").column),
    )
    # Only identifiers from the models' own metadata are written into the statement; values are parameters.
    notes_shared = ""
    if with_notes_shared:
        note = apps.get_model("counselling", "Note")._meta
        student, shared = (q(note.get_field(name).column) for name in ("student", "shared_with_student"))
        notes_shared = (
            f", EXISTS (SELECT 1 FROM {q(note.db_table)} n WHERE n.{student} = a.{owner} AND n.{shared} = %s)"  # noqa: S608
        )
    sql = (
        f"SELECT {parts[0].select('r')}, {parts[1].select('a')}, {parts[2].select('c')}, {version_column()}"  # noqa: S608
        f"{notes_shared}"
        f" FROM {q(result.db_table)} r"
        f" JOIN {q(assessment.db_table)} a ON a.{q(assessment.pk.column)} = r.{assessment_id}"
        f" JOIN {q(snapshot.db_table)} c ON c.{q(snapshot.pk.column)} = r.{snapshot_id}"
        f" WHERE r.{q(result.pk.column)} = %s AND (a.{owner} IS NULL OR a.{owner} = %s)"
    )
    return Read(sql, parts)


_snapshots: OrderedDict[str, CompiledCatalogue] = OrderedDict()
_snapshots_lock = threading.Lock()
SNAPSHOTS_KEPT = 8


def catalogue_for_result(result: Result) -> CompiledCatalogue:
    """The catalogue a result was scored with: today's compiled one if unchanged, else its snapshot."""
    current = _todays_catalogue(result)
    fingerprint = result.catalogue.fingerprint
    if current.fingerprint == fingerprint:
        return current
    with _snapshots_lock:
        if fingerprint in _snapshots:
            _snapshots.move_to_end(fingerprint)
            return _snapshots[fingerprint]
    data = CatalogueSnapshot.objects.filter(fingerprint=fingerprint).values_list("data", flat=True).get()
    catalogue = CompiledCatalogue.from_dict(data)
    with _snapshots_lock:
        _snapshots[fingerprint] = catalogue
        while len(_snapshots) > SNAPSHOTS_KEPT:
            _snapshots.popitem(last=False)
    return catalogue


def catalogue_changed_since(result: Result) -> bool:
    return _todays_catalogue(result).fingerprint != result.catalogue.fingerprint


def _todays_catalogue(result: Result) -> CompiledCatalogue:
    """Today's compiled catalogue, as of the version number read with the result (`result_for`) if it was."""
    return compiled_catalogue(version=result.todays_catalogue_version)


class ResultLine(NamedTuple):
    """A result as "My assessments" lists it: never its answers, profile or plan."""

    id: UUID
    created_at: datetime
    kind: str
    best_role_title: str
    best_fit: int
    target_role_title: str
    fingerprint: str  # its catalogue snapshot's


class DraftLine(NamedTuple):
    """An assessment not submitted yet, as "My assessments" lists it."""

    id: UUID
    updated_at: datetime
    answer_count: int


class History(NamedTuple):
    """What "My assessments" lists."""

    results: list[ResultLine]  # newest first
    drafts: list[DraftLine]  # last saved first
    current_fingerprint: str  # today's catalogue's, to tell results scored with an older one; "" with no result


def history(*, user) -> History:
    """A student's results, newest first, and the assessments they have not submitted yet, last saved first.

    Two plain statements built once per process (`_history_reads`): through the ORM, building the scoped, joined
    and counted queries and making their model instances took 2 ms, ten times what the database took. The
    results' statement also reads the catalogue's version, which `compiled_catalogue` would otherwise read in
    a statement of its own: a student without a result has no fingerprint to compare, and needs neither.
    """
    (results_sql, result_columns), (drafts_sql, draft_columns) = _history_reads()
    owner = _owner(user)  # `owner = NULL` matches nothing: a visitor without an account has no history
    # Each result's row is its model's columns, its snapshot's fingerprint and today's catalogue version; each
    # draft's, its model's columns and its count of answers.
    rows = fetch(results_sql, [VERSION_ID, owner])
    results = [ResultLine(*result_columns.values(row[:-2]), row[-2]) for row in rows]
    drafts_rows = fetch(drafts_sql, [owner, AssessmentStatus.DRAFT])
    drafts = [DraftLine(*draft_columns.values(row[:-1]), row[-1]) for row in drafts_rows]
    current = compiled_catalogue(version=rows[0][-1]).fingerprint if rows else ""
    return History(results, drafts, current)


@functools.cache
def _history_reads() -> tuple[tuple[str, Columns], tuple[str, Columns]]:
    """SELECT the `ResultLine`s of the results of the assessments whose owner is %s, newest first, each with the
    catalogue's version (`version_column`, whose parameter comes first); and the `DraftLine`s of the
    assessments whose owner is %s and whose status is %s, last saved first."""
    q = connection.ops.quote_name
    result, assessment, snapshot, answer = Result._meta, Assessment._meta, CatalogueSnapshot._meta, Answer._meta
    result_columns = Columns.of(Result, "r", only=ResultLine._fields[:-1])
    draft_columns = Columns.of(Assessment, "a", only=DraftLine._fields[:-1])
    owner, assessment_id = q(assessment.get_field("owner").column), q(assessment.pk.column)
    # Only identifiers from the models' own metadata are written into the statements; values are parameters.
    results = (
        f"SELECT {result_columns.select('r')}, c.{q(snapshot.get_field('fingerprint').column)}, {version_column()}"  # noqa: S608
        f" FROM {q(result.db_table)} r"
        f" JOIN {q(assessment.db_table)} a ON a.{assessment_id} = r.{q(result.get_field('assessment').column)}"
        f" JOIN {q(snapshot.db_table)} c ON c.{q(snapshot.pk.column)} = r.{q(result.get_field('catalogue').column)}"
        f" WHERE a.{owner} = %s ORDER BY r.{q(result.get_field('created_at').column)} DESC"
    )
    drafts = (
        f"SELECT {draft_columns.select('a')}, (SELECT COUNT(*) FROM {q(answer.db_table)} n"  # noqa: S608
        f" WHERE n.{q(answer.get_field('assessment').column)} = a.{assessment_id})"
        f" FROM {q(assessment.db_table)} a WHERE a.{owner} = %s AND a.{q(assessment.get_field('status').column)} = %s"
        f" ORDER BY a.{q(assessment.get_field('updated_at').column)} DESC"
    )
    return (results, result_columns), (drafts, draft_columns)


def latest_draft_for(*, user, session_ids: list[str]) -> Assessment | None:
    """The unfinished assessment to offer on the landing page: the user's, or one this browser started."""
    drafts = Assessment.objects.drafts()
    if user.is_authenticated:
        return drafts.filter(owner=user).order_by("-updated_at").first()
    if not session_ids:
        return None
    return drafts.filter(id__in=session_ids, owner__isnull=True).order_by("-updated_at").first()
