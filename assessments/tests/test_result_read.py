"""`result_for`, `assessment_for`, `answers_of` and `questionnaire_for` read with one hand-written statement each:
what they return must be what the ORM would, and only for whoever may open it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import Client

from accounts.models import User
from assessments import selectors
from assessments.models import Assessment, Result
from assessments.tests import journey
from careerfit.testing import sign_up
from roles import models as catalogue
from roles.selectors import catalogue_version_number, compiled_catalogue

pytestmark = pytest.mark.django_db


def field_values(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


def test_the_result_its_assessment_and_its_snapshot_come_back_as_the_orm_reads_them():
    student = Client()
    sign_up(student, "reader@example.ca")
    _, result_id = journey.complete(student, {"python": 3, "sql": 2}, interests=("data-analyst",))
    user = User.objects.get(email="reader@example.ca")

    read = selectors.result_for(user=user, result_id=result_id)

    expected = Result.objects.select_related("assessment", "catalogue").get(id=result_id)
    assert field_values(read) == field_values(expected)
    assert field_values(read.assessment) == field_values(expected.assessment)
    assert read.answers["python"]["level"] == 3  # JSON decoded, not text
    assert read.created_at.tzinfo is not None
    assert read.created_at == expected.created_at
    assert read.catalogue.fingerprint == expected.catalogue.fingerprint
    # Only the fingerprint is read of the snapshot: its data, and the columns SQLite stores after it, stay behind.
    assert read.catalogue.get_deferred_fields() == {"data", "version", "created_at"}
    assert read.catalogue.data == expected.catalogue.data  # and still loads when asked for


def test_a_results_answers_profile_and_plan_are_decoded_when_first_used_without_a_query(
    django_assert_num_queries,
):
    student = Client()
    sign_up(student, "reader@example.ca")
    _, result_id = journey.complete(student, {"python": 3, "sql": 2}, interests=("data-analyst",))
    user = User.objects.get(email="reader@example.ca")
    expected = Result.objects.get(id=result_id)

    read = selectors.result_for(user=user, result_id=result_id)
    fingerprint = read.plan_fingerprint()  # from the plan as stored, still undecoded
    with django_assert_num_queries(0):
        assert (read.answers, read.profile, read.plan) == (expected.answers, expected.profile, expected.plan)
    assert read.plan["role"] and read.answers["sql"]["level"] == 2
    assert selectors.result_for(user=user, result_id=result_id).plan_fingerprint() == fingerprint

    replanned = {**expected.plan, "hours_per_week": expected.plan["hours_per_week"] + 1}
    changed = selectors.result_for(user=user, result_id=result_id)
    changed.plan = replanned  # set before the stored plan was ever used: the fingerprint is the new plan's
    assert changed.plan_fingerprint() not in (fingerprint, expected.plan_fingerprint())
    unused = selectors.result_for(user=user, result_id=result_id)
    Result.objects.filter(id=result_id).update(plan=replanned)
    assert selectors.result_for(user=user, result_id=result_id).plan_fingerprint() != fingerprint
    unused.refresh_from_db()  # a whole refresh reads every field afresh, those not yet used too
    assert unused.plan == replanned and unused.answers == expected.answers


def test_an_anonymous_result_opens_for_a_visitor_and_an_owned_one_does_not():
    holder = Client()
    _, anonymous_result = journey.complete(holder, {"python": 3})
    student = Client()
    sign_up(student, "owner@example.ca")
    _, owned_result = journey.complete(student, {"python": 3})
    visitor = AnonymousUser()

    assert selectors.result_for(user=visitor, result_id=anonymous_result).assessment.owner_id is None
    with pytest.raises(Http404):
        selectors.result_for(user=visitor, result_id=owned_result)
    other = User.objects.create_user("other@example.ca", "a-long-password")
    with pytest.raises(Http404):
        selectors.result_for(user=other, result_id=owned_result)


@pytest.fixture
def drafting():
    """A signed-up student's client, with a draft past its first step: (client, its owner, the draft's id)."""
    student = Client()
    sign_up(student, "drafting@example.ca")
    assessment_id = journey.start(student)
    journey.fill_profile(student, assessment_id, interests=("data-analyst",), hours=9)
    return student, User.objects.get(email="drafting@example.ca"), assessment_id


def assert_hidden_from_strangers(read, assessment_id) -> None:
    """Another account and a visitor without one both get a 404 from `read`."""
    other = User.objects.create_user("someone@example.ca", "a-long-password")
    for stranger in (other, AnonymousUser()):
        with pytest.raises(Http404):
            read(user=stranger, assessment_id=assessment_id)


def test_an_assessment_comes_back_as_the_orm_reads_it_for_its_owner_only(drafting):
    _student, owner, assessment_id = drafting

    read = selectors.assessment_for(user=owner, assessment_id=assessment_id)

    expected = Assessment.objects.get(id=assessment_id)
    assert field_values(read) == field_values(expected)
    assert read.interests == ["data-analyst"] and read.hours_per_week == 9  # JSON decoded, numbers as numbers
    assert read.updated_at.tzinfo is not None
    assert_hidden_from_strangers(selectors.assessment_for, assessment_id)


def test_an_anonymous_assessment_opens_for_anyone_with_its_link():
    holder = Client()
    assessment_id = journey.start(holder)

    for visitor in (AnonymousUser(), User.objects.create_user("finder@example.ca", "a-long-password")):
        assert selectors.assessment_for(user=visitor, assessment_id=assessment_id).id == assessment_id


def test_an_assessments_answers_come_back_as_the_orm_reads_them_and_no_others():
    student = Client()
    assessment_id = journey.start(student)
    journey.fill_profile(student, assessment_id)
    programming = journey.steps()[1]
    student.post(  # saved as the student goes (htmx), without moving on
        journey.step_url(assessment_id, programming.number),
        {"python": "4", "python--evidence": "A bot for my club", "git": "not-sure"},
        HTTP_HX_REQUEST="true",
    )
    other = Client()
    other_id = journey.start(other)
    journey.fill_profile(other, other_id)
    other.post(journey.step_url(other_id, programming.number), {"python": "1", "git": "2"}, HTTP_HX_REQUEST="true")
    assessment = Assessment.objects.get(id=assessment_id)
    assert Assessment.objects.get(id=other_id).answers.count() == 2

    read = selectors.answers_of(assessment)

    expected = list(assessment.answers.all())
    assert list(read) == [answer.skill for answer in expected] == ["git", "python"]  # skill order
    assert [(answer.skill, answer.level, answer.not_sure, answer.evidence) for answer in read.values()] == [
        (answer.skill, answer.level, answer.not_sure, answer.evidence) for answer in expected
    ]
    assert read["git"].not_sure is True and read["git"].level is None  # a boolean, not SQLite's 1
    assert read["python"].evidence == "A bot for my club"
    assert [answer.scored_level for answer in read.values()] == [answer.scored_level for answer in expected] == [0, 4]


def test_a_questionnaire_is_its_assessment_its_answers_and_todays_catalogue_in_two_statements_for_its_owner_only(
    drafting, django_assert_num_queries
):
    student, owner, assessment_id = drafting
    programming = journey.steps()[1]
    student.post(
        journey.step_url(assessment_id, programming.number),
        {"python": "4", "python--evidence": "A bot for my club", "git": "not-sure"},
        HTTP_HX_REQUEST="true",
    )
    compiled_catalogue()  # compiled once per process; then each request only reads its version

    with django_assert_num_queries(2):  # the assessment with the catalogue's version, then its answers
        assessment, answers, read_catalogue = selectors.questionnaire_for(user=owner, assessment_id=assessment_id)

    assert field_values(assessment) == field_values(Assessment.objects.get(id=assessment_id))
    assert answers == selectors.answers_of(assessment)
    assert list(answers) == ["git", "python"]  # skill order
    assert answers["git"].not_sure is True and answers["python"].evidence == "A bot for my club"
    assert read_catalogue is compiled_catalogue()
    assert_hidden_from_strangers(selectors.questionnaire_for, assessment_id)


def test_a_questionnaire_without_answers_reads_none():
    holder = Client()
    assessment_id = journey.start(holder)

    assessment, answers, _catalogue = selectors.questionnaire_for(user=AnonymousUser(), assessment_id=assessment_id)

    assert assessment.id == assessment_id and answers == {}


def test_a_questionnaire_reads_the_catalogue_as_edited_since_it_was_compiled():
    """An edit through the admin of another server reaches the next questionnaire read: the version number read
    with the assessment is the database's, not this process's."""
    holder = Client()
    assessment_id = journey.start(holder)
    before = compiled_catalogue()
    catalogue.Skill.objects.filter(slug="python").update(name="Python 3")  # the triggers raise the version

    read = selectors.questionnaire_for(user=AnonymousUser(), assessment_id=assessment_id).catalogue

    assert read.version > before.version
    assert read.skill_by_slug["python"].name == "Python 3"


def test_before_the_catalogue_has_a_version_a_questionnaire_reads_it_as_version_0_as_the_catalogue_does(
    django_assert_num_queries,
):
    assessment_id = journey.start(Client())
    catalogue.CatalogueVersion.objects.all().delete()
    compiled_catalogue()  # compiled as version 0

    with django_assert_num_queries(2):  # no statement of its own for the version, as with one
        read = selectors.questionnaire_for(user=AnonymousUser(), assessment_id=assessment_id).catalogue

    assert read.version == catalogue_version_number() == 0


def test_a_result_is_compared_with_todays_catalogue_as_of_the_version_read_with_it(django_assert_num_queries):
    student = Client()
    sign_up(student, "reader@example.ca")
    _, result_id = journey.complete(student, {"python": 3, "sql": 2}, interests=("data-analyst",))
    user = User.objects.get(email="reader@example.ca")
    compiled_catalogue()

    with django_assert_num_queries(1):
        read = selectors.result_for(user=user, result_id=result_id)
        assert selectors.catalogue_changed_since(read) is False
        assert selectors.catalogue_for_result(read) is compiled_catalogue(version=read.todays_catalogue_version)

    catalogue.Skill.objects.filter(slug="python").update(name="Python 3")  # through another server, say
    read = selectors.result_for(user=user, result_id=result_id)
    assert read.todays_catalogue_version == catalogue.CatalogueVersion.objects.get().number
    assert selectors.catalogue_changed_since(read) is True
    assert Result.objects.get(id=result_id).todays_catalogue_version is None  # read otherwise: asked when needed
