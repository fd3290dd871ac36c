"""Reads for counselling. A counsellor reaches a student only through an active membership of one of
their cohorts; everything else is a 404."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import NamedTuple
from uuid import UUID

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, F, Max, Q, QuerySet
from django.http import Http404

from assessments.models import Assessment, Result, TargetRequirement
from careerfit.sql import Columns, Read, fetch
from counselling.insights import FIT_BUCKETS, Tally, TargetCount
from counselling.models import (
    COUNSELLORS_GROUP,
    Cohort,
    Membership,
    Note,
    ResultView,
    ReviewStatus,
    SharingVersion,
    StatusChange,
)
from roles.compiled import CompiledCatalogue
from roles.selectors import VERSION_ID, compiled_catalogue, version_column

# Set on a user when it is loaded for a request (accounts.backends.UserBackend), else on first use.
COUNSELLOR_FLAG = "_careerfit_is_counsellor"


def is_counsellor(user) -> bool:
    if not user.is_authenticated:
        return False
    cached = getattr(user, COUNSELLOR_FLAG, None)
    if cached is None:
        cached = user.groups.filter(name=COUNSELLORS_GROUP).exists()
        setattr(user, COUNSELLOR_FLAG, cached)
    return cached


def require_counsellor(user) -> None:
    if not is_counsellor(user):
        raise PermissionDenied("Only counsellors can open this page.")


def cohorts_for(*, counsellor) -> QuerySet[Cohort]:
    return counsellor.cohorts_counselled.annotate(
        sharing=Count("memberships", filter=Q(memberships__ended_at__isnull=True))
    ).order_by("name")


def cohort_for(*, counsellor, cohort_id: UUID) -> Cohort:
    """The cohort if `counsellor` counsels it; 404 for any other (never 403, which would confirm it exists).

    Every page of a cohort starts here (the CSV, new codes, a shared result) or at `cohort_page_for` (its table and
    insights, which also need the catalogue), through the same statement."""
    return cohort_page_for(counsellor=counsellor, cohort_id=cohort_id).cohort


class CohortPage(NamedTuple):
    """What a page of a cohort starts from."""

    cohort: Cohort  # as `cohort_for` gives it
    counsellors: list[str]  # the names they go by (their e-mail when they gave none), by e-mail: the table's heading
    catalogue_version: int  # today's, read with the cohort
    sharing_version: str  # its `SharingVersion`, read with it: what its insights are cached by

    def catalogue(self) -> CompiledCatalogue:
        """Today's compiled catalogue (the table's filter and insights offer its roles), without a statement."""
        return compiled_catalogue(version=self.catalogue_version)

    def insights(self) -> InsightCounts:
        """What its insights count, from the cache while the sharing version stays the same."""
        return InsightCounts(cohort=self.cohort, key=f"insight-tallies-v4:{self.cohort.pk}:{self.sharing_version}")


def cohort_page_for(*, counsellor, cohort_id: UUID) -> CohortPage:
    """The cohort as `cohort_for` gives it, its counsellors' names, the catalogue's version number and its own
    sharing version.

    One plain statement built once per process (`_cohort_read`), a row for each counsellor: the ORM took 0.3 ms to
    build the join through the cohort's counsellors, several times what running it takes, and reading the names or
    the catalogue's version apart cost a round trip each to PostgreSQL (0.12 to 0.17 ms)."""
    require_counsellor(counsellor)
    read = _cohort_read()
    rows = read.rows([VERSION_ID, Cohort._meta.pk.get_db_prep_value(cohort_id, connection), counsellor.pk])
    if not rows:
        raise Http404("No such cohort.")
    (cohort,) = read.instances(rows[0])
    *_, catalogue_version, number, changed_at = rows[0]
    names = [name or address for *_, name, address, _catalogue, _number, _changed in rows]
    # Its time as well as its number: were the database restored from a backup, the numbers would be counted again
    # from where they stood, but not at the same times, so a cache shared with it keeps nothing that could pass.
    return CohortPage(cohort, names, catalogue_version, f"{number or 0}:{changed_at.isoformat() if changed_at else ''}")


@functools.cache
def _cohort_read() -> Read:
    """SELECT the cohort with id %s, once for each of its counsellors with their display name and e-mail, by e-mail,
    if the user with id %s is one of them; the catalogue's version number, whose id is the first parameter; and
    the cohort's sharing version's number and time (NULL until it first changes)."""
    q = connection.ops.quote_name
    meta, counsellors, user = Cohort._meta, Cohort.counsellors.through._meta, get_user_model()._meta
    sharing = SharingVersion._meta
    columns = Columns.of(Cohort, "c")
    cohort_column, user_column = q(counsellors.get_field("cohort").column), q(counsellors.get_field("user").column)
    email = q(user.get_field("email").column)
    # Only identifiers from the models' own metadata are written into the statement; values are parameters.
    sql = (
        f"SELECT {columns.select('c')}, u.{q(user.get_field('display_name').column)}, u.{email}, {version_column()},"  # noqa: S608
        f" s.{q(sharing.get_field('number').column)}, s.{q(sharing.get_field('changed_at').column)}"
        f" FROM {q(meta.db_table)} c"
        f" LEFT JOIN {q(sharing.db_table)} s ON s.{q(sharing.pk.column)} = c.{q(meta.pk.column)}"
        f" JOIN {q(counsellors.db_table)} k ON k.{cohort_column} = c.{q(meta.pk.column)}"
        f" JOIN {q(user.db_table)} u ON u.{q(user.pk.column)} = k.{user_column}"
        f" WHERE c.{q(meta.pk.column)} = %s AND EXISTS(SELECT 1 FROM {q(counsellors.db_table)} a"
        f" WHERE a.{cohort_column} = c.{q(meta.pk.column)} AND a.{user_column} = %s) ORDER BY u.{email}"
    )
    return Read(sql, (columns,))


class CohortRow(NamedTuple):
    """A student's row in a cohort's table and its CSV: their sharing, and what their latest result found (None
    and empty when they have no result yet)."""

    student_uuid: UUID
    display_name: str
    status: str
    consented_at: datetime
    latest_at: datetime | None
    best_role_title: str
    best_fit: int | None
    target_role_title: str


SORTS = ("latest", "name", "fit", "status")
MAX_OFFSET = 2**63 - 1  # the largest OFFSET either database takes: a page past it is past the last page


class CohortTable:
    """The students sharing with a cohort, filtered and in the order asked (`SORTS`): a page of them (`page`), or
    all of them (`all`, the CSV).

    A page is one statement: the page's students, sorted by what their own rows keep of
    their latest result (`User.latest_best_fit`, `latest_target_role`; through their results, sorting a cohort of
    500 read 500 rows of kilobytes each) or, newest first, by their sharing's copy of its time (read in its index's
    order, without sorting the cohort), with all a row shows of that result from those copies: no result row is
    read (a second statement reading the page's 25 results took 0.2 ms, most of it their rows' overflow pages on
    SQLite), and how many students match in all, for the links to the other pages, counted in a subquery (as a
    statement of its own, a round trip to PostgreSQL cost 0.1 ms of the page). So a page costs the same for a
    cohort of 5 or 500. Each statement is plain SQL built once per process for each combination of filters and
    order (`_cohort_table_sql`), as the cohort's own read is: through the ORM, building the three queries and
    making 75 model instances took more than a third of the page's time.
    """

    def __init__(self, *, cohort: Cohort, query: str = "", status: str = "", target: str = "", sort: str = "latest"):
        asked = {"query": query, "status": status, "target": target}
        self._filters = tuple(name for name, value in asked.items() if value)
        self._sort = sort if sort in SORTS else "latest"
        self._params = [Cohort._meta.pk.get_db_prep_value(cohort.pk, connection)]
        if query:
            # As the ORM's `icontains` writes it on each database: the search's own % and _ stand for themselves.
            self._params.append(f"%{connection.ops.prep_for_like_query(query)}%")
        self._params += [value for value in (status, target) if value]

    def page(self, asked: str | None, size: int) -> Page:
        """The page whose number the address asks for, as `Paginator(self, size).get_page(asked)` gives it: the
        first page for what is not a number, the last for a number past it or below 1.

        The first page, and any page with rows, is one statement, its count in its rows. A number past the last
        page finds no rows to carry the count: the count is read, then the last page, as Django's paginator
        reads them."""
        paginator = Paginator(self, size)
        try:
            number = 1 if asked is None else int(asked)
        except ValueError:
            number = 1
        if number >= 1 and (number - 1) * size <= MAX_OFFSET:
            sql = _cohort_table_sql(self._filters, self._sort).counted_page
            rows = fetch(f"{sql} LIMIT %s OFFSET %s", [*self._params, *self._params, size, (number - 1) * size])
            if rows or number == 1:
                paginator.count = rows[0][-1] if rows else 0  # no row on the first page: none match
                return Page(self._made(rows), number, paginator)
        return paginator.get_page(asked)

    def count(self) -> int:
        """How many students match (Paginator's count), past the last page."""
        ((count,),) = fetch(_cohort_table_sql(self._filters, self._sort).count, self._params)
        return count

    def __getitem__(self, window: slice) -> list[CohortRow]:
        """A page's rows: Paginator's slice, from `window.start` up to `window.stop`, past the last page."""
        sql = _cohort_table_sql(self._filters, self._sort).page
        return self._made(fetch(f"{sql} LIMIT %s OFFSET %s", [*self._params, window.stop - window.start, window.start]))

    def all(self) -> list[CohortRow]:
        return self._made(fetch(_cohort_table_sql(self._filters, self._sort).page, self._params))

    @staticmethod
    def _made(rows: list[tuple]) -> list[CohortRow]:
        """The table's rows from the page's statement's (a count after their columns is left out)."""
        student, sharing, latest = _row_columns()
        sharing_at, latest_at = len(student.fields), len(student.fields) + len(sharing.fields)
        end = latest_at + len(latest.fields)
        page = []
        for row in rows:
            best_role_title, best_fit, target_role_title = latest.values(row[latest_at:end])
            page.append(
                CohortRow(
                    *student.values(row[:sharing_at]),
                    *sharing.values(row[sharing_at:latest_at]),
                    best_role_title or "",  # None without a result
                    best_fit,
                    target_role_title or "",
                )
            )
        return page


@functools.cache
def _row_columns() -> tuple[Columns, Columns, Columns]:
    """A `CohortRow`'s columns, in its order: the student's, their sharing's (with its copy of their latest result's
    time), and what the student's row keeps of that result."""
    return (
        Columns.of(get_user_model(), "u", only=("uuid", "display_name")),
        Columns.of(Membership, "m", only=("status", "consented_at", "latest_result_at")),
        Columns.of(
            get_user_model(), "u", only=("latest_best_role_title", "latest_best_fit", "latest_target_role_title")
        ),
    )


class TableSql(NamedTuple):
    """A cohort table's statements for one combination of filters and order (`_cohort_table_sql`)."""

    count: str  # SELECT how many students match
    page: str  # SELECT their rows (`_row_columns`) in order
    counted_page: str  # the same, each row with the count last, whose parameters come first


@functools.cache
def _cohort_table_sql(filters: tuple[str, ...], sort: str) -> TableSql:
    """SELECT the count, and the rows in `sort`'s order (`_row_columns`), of the students sharing with the cohort
    with id %s; then a parameter for each filter named, in the order `CohortTable` gives them: the name's LIKE
    pattern, the status, the target role."""
    q = connection.ops.quote_name
    membership, user = Membership._meta, get_user_model()._meta

    def m(name: str) -> str:
        return f"m.{q(membership.get_field(name).column)}"

    def u(name: str) -> str:
        return f"u.{q(user.get_field(name).column)}"

    conditions = {
        "query": f"{connection.ops.lookup_cast('icontains', 'CharField') % u('display_name')}"
        f" {connection.operators['icontains'] % '%s'}",
        "status": f"{m('status')} = %s",
        "target": f"{u('latest_target_role')} = %s",
    }
    where = " AND ".join([f"{m('cohort')} = %s", f"{m('ended_at')} IS NULL", *(conditions[f] for f in filters)])
    # The student's id last, so that pages split students of the same name, fit or time in the same place.
    # "(x IS NULL), x DESC" puts students without a result last on every database, as NULLS LAST would. The
    # newest first is read from the sharing's copy of the time, in the order of its index
    # (`counselling_membership_latest`), so a page needs no sort of the whole cohort.
    latest_first = {
        "latest": f"({m('latest_result_at')} IS NULL), {m('latest_result_at')} DESC, ",
        "fit": f"({u('latest_best_fit')} IS NULL), {u('latest_best_fit')} DESC, ",
        "status": f"{m('status')}, ",
        "name": "",
    }
    order = f"{latest_first[sort]}{u('display_name')}, {u('id')}"
    join = f" JOIN {q(user.db_table)} u ON u.{q(user.pk.column)} = {m('student')}"
    student, sharing, latest = _row_columns()
    # Only identifiers from the models' own metadata are written into the statements; values are parameters.
    count = (
        f"SELECT COUNT(*) FROM {q(membership.db_table)} m"  # noqa: S608
        f"{join if {'query', 'target'} & set(filters) else ''} WHERE {where}"
    )
    columns = f"{student.select('u')}, {sharing.select('m')}, {latest.select('u')}"
    rows = f" FROM {q(membership.db_table)} m{join} WHERE {where} ORDER BY {order}"
    # The count's subquery does not depend on the row: each database runs it once.
    return TableSql(count, f"SELECT {columns}{rows}", f"SELECT {columns}, ({count}){rows}")


def result_counts(*, cohort: Cohort) -> dict[UUID, int]:
    """How many results each student sharing with the cohort has, by the student's uuid, in one query."""
    sharing = Membership.objects.active().filter(cohort=cohort).values("student_id")
    return dict(
        Result.objects.filter(assessment__owner__in=sharing)
        .values_list("assessment__owner__uuid")
        .annotate(Count("id"))
        .order_by()
    )


def membership_for(*, counsellor, cohort_id: UUID, student_uuid: UUID) -> Membership:
    """A student's sharing with one of `counsellor`'s cohorts, with the cohort and the student, in one query;
    404 if the cohort is not theirs or the student does not share with it now. The same statement says whether
    the sharing has status changes and the cohort's counsellors' notes about the student (`has_status_changes`,
    `has_notes`): the file reads them only then, two round trips fewer for a student not yet reviewed.

    Every page of a student's file starts here, so the read is one plain statement (`_membership_read`,
    `careerfit.sql`), as a student's own result read is: the ORM took 0.6 ms a request to build the scoped,
    joined query, ten times what running it takes.
    """
    require_counsellor(counsellor)
    read = _membership_read()
    uuid_field = get_user_model()._meta.get_field("uuid")
    row = read.row(
        [
            Cohort._meta.pk.get_db_prep_value(cohort_id, connection),
            uuid_field.get_db_prep_value(student_uuid, connection),
            counsellor.pk,
        ]
    )
    if row is None:
        raise Http404("This student does not share with this cohort, or the cohort is not yours.")
    membership, cohort, student = read.instances(row)
    membership.cohort, membership.student = cohort, student
    membership.has_status_changes, membership.has_notes = bool(row[-2]), bool(row[-1])
    return membership


@functools.cache
def _membership_read() -> Read:
    """SELECT the membership, not ended, of the cohort with id %s and the student with uuid %s, with the
    cohort and the student, if the user with id %s counsels the cohort; then whether the membership has status
    changes, and whether there are notes about the student in the cohort."""
    q = connection.ops.quote_name
    membership, cohort, user = Membership._meta, Cohort._meta, get_user_model()._meta
    counselled, change, note = Cohort.counsellors.through._meta, StatusChange._meta, Note._meta
    parts = (Columns.of(Membership, "m"), Columns.of(Cohort, "c"), Columns.of(get_user_model(), "u"))
    cohort_id, student_id = q(membership.get_field("cohort").column), q(membership.get_field("student").column)
    # Only identifiers from the models' own metadata are written into the statement; values are parameters.
    flags = (
        f", EXISTS(SELECT 1 FROM {q(change.db_table)} s"  # noqa: S608
        f" WHERE s.{q(change.get_field('membership').column)} = m.{q(membership.pk.column)})"
        f", EXISTS(SELECT 1 FROM {q(note.db_table)} n WHERE n.{q(note.get_field('student').column)} = m.{student_id}"
        f" AND n.{q(note.get_field('cohort').column)} = m.{cohort_id})"
    )
    sql = (
        f"SELECT {parts[0].select('m')}, {parts[1].select('c')}, {parts[2].select('u')}{flags}"  # noqa: S608
        f" FROM {q(membership.db_table)} m"
        f" JOIN {q(cohort.db_table)} c ON c.{q(cohort.pk.column)} = m.{cohort_id}"
        f" JOIN {q(user.db_table)} u ON u.{q(user.pk.column)} = m.{student_id}"
        f" WHERE m.{cohort_id} = %s AND u.{q(user.get_field('uuid').column)} = %s"
        f" AND m.{q(membership.get_field('ended_at').column)} IS NULL"
        f" AND EXISTS(SELECT 1 FROM {q(counselled.db_table)} k"
        f" WHERE k.{q(counselled.get_field('cohort').column)} = m.{cohort_id}"
        f" AND k.{q(counselled.get_field('user').column)} = %s)"
    )
    return Read(sql, parts)


def shared_result_for(*, cohort: Cohort, result_id: UUID) -> Result:
    """A result whose owner shares with the cohort right now; the catalogue's data is left unloaded."""
    sharing = Membership.objects.active().filter(cohort=cohort).values("student_id")
    try:
        return (
            Result.objects.filter(assessment__owner__in=sharing)
            .select_related("assessment__owner", "catalogue")
            .defer("catalogue__data", "catalogue__created_at")  # after the data in SQLite's row: see result_for
            .get(id=result_id)
        )
    except Result.DoesNotExist:
        raise Http404("No such shared result.") from None


class SharedResult(NamedTuple):
    """One of a student's results as their file lists it."""

    id: UUID
    kind: str
    created_at: datetime
    best_role_title: str
    best_fit: int
    target_role_title: str


class StatusChangeRow(NamedTuple):
    """A change of a sharing's review status: to what, when, and the name of who made it ("" once their account
    is gone)."""

    status: str
    changed_at: datetime
    changed_by: str

    @property
    def label(self) -> str:
        return ReviewStatus(self.status).label


def student_file(*, cohort: Cohort, membership: Membership) -> dict:
    """What a student's file shows beside their sharing: their results, newest first; the notes this cohort's
    counsellors wrote about them (`notes_about`); their sharing's status changes, newest first. The notes and the
    changes are read only if `membership_for` found some.

    One plain statement each, as the sharing's own read is (`membership_for`): through the ORM, building the
    results' and the status changes' queries and making their instances took 1.5 ms of the file's 8."""
    results, changes = _file_reads()
    (shared,), (status,) = results.parts, changes.parts
    sharing_id = Membership._meta.pk.get_db_prep_value(membership.pk, connection)
    change_rows = changes.rows([sharing_id]) if membership.has_status_changes else ()
    return {
        "results": [SharedResult(*shared.values(row)) for row in results.rows([membership.student_id])],
        "notes": notes_about(student_id=membership.student_id, cohort=cohort) if membership.has_notes else [],
        "status_changes": [StatusChangeRow(*status.values(row[:2]), row[2] or row[3] or "") for row in change_rows],
    }


@functools.cache
def _file_reads() -> tuple[Read, Read]:
    """SELECT `SharedResult`'s columns of the results of the student with id %s, newest first; and SELECT the
    status, time and changer's display name and e-mail of the status changes of the sharing with id %s, newest
    first."""
    q = connection.ops.quote_name
    result, assessment, change, user = Result._meta, Assessment._meta, StatusChange._meta, get_user_model()._meta
    shared = Columns.of(Result, "r", only=SharedResult._fields)
    status = Columns.of(StatusChange, "s", only=("status", "changed_at"))
    created, changed = q(result.get_field("created_at").column), q(change.get_field("changed_at").column)
    assessment_id = q(result.get_field("assessment").column)
    # Only identifiers from the models' own metadata are written into the statements; values are parameters.
    results = (
        f"SELECT {shared.select('r')} FROM {q(result.db_table)} r"  # noqa: S608
        f" JOIN {q(assessment.db_table)} a ON a.{q(assessment.pk.column)} = r.{assessment_id}"
        f" WHERE a.{q(assessment.get_field('owner').column)} = %s ORDER BY r.{created} DESC, r.{q(result.pk.column)}"
    )
    changes = (
        f"SELECT {status.select('s')}, u.{q(user.get_field('display_name').column)},"  # noqa: S608
        f" u.{q(user.get_field('email').column)} FROM {q(change.db_table)} s"
        f" LEFT JOIN {q(user.db_table)} u ON u.{q(user.pk.column)} = s.{q(change.get_field('changed_by').column)}"
        f" WHERE s.{q(change.get_field('membership').column)} = %s"
        f" ORDER BY s.{changed} DESC, s.{q(change.pk.column)} DESC"
    )
    return Read(results, (shared,)), Read(changes, (status,))


def shares_of(*, student) -> QuerySet[Membership]:
    return (
        Membership.objects.active()
        .filter(student=student)
        .select_related("cohort")
        .prefetch_related("cohort__counsellors")
    )


def views_of(*, student) -> QuerySet[ResultView]:
    return ResultView.objects.filter(student=student).select_related("counsellor", "cohort", "result")


class NoteRow(NamedTuple):
    """A counsellor's note as pages show it, with its author's name and e-mail (empty when the author left no
    name or their account is gone) and its cohort's name."""

    id: UUID
    text: str
    shared_with_student: bool
    created_at: datetime
    author_name: str
    author_email: str
    cohort_name: str


def notes_for_student(*, student_id: int) -> list[NoteRow]:
    """The notes counsellors shared with the student (a user's id), newest first.

    Every results page a student opens asks for these, so this is one plain statement built once per process
    (`_notes_read`), like the session and user reads, and its rows are plain records: the ORM took 0.5 ms a
    request to build the joined, ordered query, eight times what running it takes, and a raw queryset still
    took 0.1 ms to make its instances, with or without notes.
    """
    return _notes(_notes_read("shared_with_student"), [student_id, True])


def notes_about(*, student_id: int, cohort: Cohort) -> list[NoteRow]:
    """Every note the cohort's counsellors wrote about the student (a user's id), shared or not, newest first:
    one plain statement, as `notes_for_student`, where the ORM took 0.55 ms of a student's file to build it."""
    return _notes(_notes_read("cohort"), [student_id, Cohort._meta.pk.get_db_prep_value(cohort.pk, connection)])


def _notes(read: Read, params: list) -> list[NoteRow]:
    (note,) = read.parts
    return [NoteRow(*note.values(row[:4]), row[4] or "", row[5] or "", row[6]) for row in read.rows(params)]


@functools.cache
def _notes_read(scope: str) -> Read:
    """SELECT `NoteRow`'s columns of the notes about the student with id %s whose `scope` (a field of Note: the
    cohort, or whether they are shared with the student) is %s, newest first."""
    q = connection.ops.quote_name
    note, user, cohort = Note._meta, get_user_model()._meta, Cohort._meta
    columns = Columns.of(Note, "n", only=NoteRow._fields[:4])

    def column(meta, name: str) -> str:
        return q(meta.get_field(name).column)

    # Only identifiers from the models' own metadata are written into the statement; values are parameters.
    sql = (
        f"SELECT {columns.select('n')},"  # noqa: S608
        f" u.{column(user, 'display_name')}, u.{column(user, 'email')}, c.{column(cohort, 'name')}"
        f" FROM {q(note.db_table)} n"
        f" LEFT JOIN {q(user.db_table)} u ON u.{q(user.pk.column)} = n.{column(note, 'author')}"
        f" JOIN {q(cohort.db_table)} c ON c.{q(cohort.pk.column)} = n.{column(note, 'cohort')}"
        f" WHERE n.{column(note, 'student')} = %s AND n.{column(note, scope)} = %s"
        f" ORDER BY n.{column(note, 'created_at')} DESC"
    )
    return Read(sql, (columns,))


def _sharing_with_results(cohort: Cohort) -> QuerySet[Membership]:
    """The cohort's active memberships whose student has a result."""
    return Membership.objects.active().filter(cohort=cohort, student__latest_result__isnull=False)


def _latest_of(cohort: Cohort) -> QuerySet:
    """The ids of each sharing student's latest result, as a subquery."""
    return _sharing_with_results(cohort).values_list("student__latest_result", flat=True)


def latest_results_of(*, cohort: Cohort) -> QuerySet[Result]:
    """Each sharing student's latest result, in one query."""
    return Result.objects.filter(id__in=_latest_of(cohort))


class InsightCounts:
    """A cohort's insight counts, from the cache under their key, its sharing version (`CohortPage.insights`), and
    counted in the database only when the cache has none.

    Database triggers raise that version whenever who shares with the cohort, or a sharing student's latest result
    or its target, changes (`counselling.triggers`); a result's requirement rows are recorded from its own
    snapshot, so those decide the counts. A view of an unchanged cohort reads nothing more than the cohort's own
    row: the key had been a digest of every sharing student's latest result and target, read on every view, a
    quarter of the page's time for a cohort of 500 (0.5 ms on SQLite, 0.8 on PostgreSQL), and more with more.
    """

    def __init__(self, *, cohort: Cohort, key: str):
        self.cohort, self.key = cohort, key

    @functools.cached_property
    def _counted(self) -> tuple[list[Tally], list[TargetCount]]:
        counted = cache.get(self.key)
        if counted is None:
            counted = _count_insights(self.cohort)
            cache.set(self.key, counted, 3600)
        return counted

    @property
    def tallies(self) -> list[Tally]:
        return self._counted[0]

    @property
    def targets(self) -> list[TargetCount]:
        return self._counted[1]

    @functools.cached_property
    def students(self) -> int:
        """The students whose latest result targets a role: those the counts are of. Kept in the cache apart from
        the counts (a 23 KB pickle for a cohort of 500, a tenth of the page's time to read), which a page whose
        figures the template has cached does not need."""
        key = f"{self.key}:students"
        students = cache.get(key)
        if students is None:
            students = sum(target.students for target in self.targets)
            cache.set(key, students, 3600)
        return students


def _count_insights(cohort: Cohort) -> tuple[list[Tally], list[TargetCount]]:
    """What each sharing student's latest result recorded against its target (from its own catalogue snapshot:
    `assessments.models.TargetRequirement`, so an edit in the admin cannot change what a cohort's results said),
    counted in the database in two statements."""
    latest = _latest_of(cohort)
    tallies = [
        Tally(row["target_role"], row["skill"], row["name"], row["out_of"], row["lacking"])
        for row in TargetRequirement.objects.filter(result_id__in=latest)
        .values("target_role", "skill")
        .annotate(name=Max("skill_name"), out_of=Count("id"), lacking=Count("id", filter=Q(level__lt=F("required"))))
        .order_by()
    ]
    bands = {
        f"band_{index}": Count("id", filter=Q(best_fit__gte=low, best_fit__lte=high))
        for index, (low, high) in enumerate(FIT_BUCKETS)
    }
    targets = [
        TargetCount(
            row["target_role"],
            row["title"],
            row["students"],
            tuple(row[f"band_{index}"] for index in range(len(FIT_BUCKETS))),
        )
        for row in Result.objects.filter(id__in=latest)
        .exclude(target_role="")
        .values("target_role")
        .annotate(title=Max("target_role_title"), students=Count("id"), **bands)
        .order_by()
    ]
    return tallies, targets
