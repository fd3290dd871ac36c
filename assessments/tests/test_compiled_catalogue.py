"""The compiled catalogue: built once per catalogue version, rebuilt after any edit, never otherwise."""

import json

import pytest

from roles import models as m
from roles import selectors
from roles.compiled import CompiledCatalogue
from roles.selectors import compiled_catalogue

pytestmark = pytest.mark.django_db
REBUILD_QUERIES = 33


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    monkeypatch.setattr(selectors, "_compiled", None)


def test_a_current_cached_catalogue_costs_one_query(django_assert_num_queries):
    first = compiled_catalogue()

    with django_assert_num_queries(1):  # the catalogue version
        again = compiled_catalogue()

    assert again is first


def test_an_edit_rebuilds_it_and_the_new_catalogue_shows_the_edit(django_assert_num_queries):
    before = compiled_catalogue()
    m.Requirement.objects.filter(role__slug="devops-engineer", skill__slug="helm").update(required_level=4)

    # The version; each of the 10 sections; their child rows and many-to-many links (prerequisites and their
    # alternatives, salaries, role certifications, the roles each leads to, requirements, "any one of" groups
    # and their skills, roadmap steps and their skills, questions, education focus, certification skills,
    # education path stages, advice stages and roles: 16); the slugs of the 6 sections other rows point at.
    # However big.
    with django_assert_num_queries(REBUILD_QUERIES):
        after = compiled_catalogue()

    assert after is not before and after.version > before.version
    helm = next(r for r in after.role_by_slug["devops-engineer"].requirements if r.skill == "helm")
    assert helm.level == 4
    assert after.fingerprint != before.fingerprint
    with django_assert_num_queries(1):
        assert compiled_catalogue() is after


def test_it_holds_the_published_roles_and_the_whole_catalogue():
    catalogue = compiled_catalogue()

    assert [role.title for role in catalogue.roles][:2] == ["AI / ML Engineer", "Cloud Solutions Architect"]
    assert len(catalogue.roles) == 14 and len(catalogue.skills) == 123
    assert [(p.skill, p.level) for p in catalogue.skill_by_slug["pandas"].prerequisites] == [("python", 2)]
    assert len(catalogue.role_by_slug["devops-engineer"].roadmap) == 5
    m.Role.objects.filter(slug="data-engineer").update(published=False)
    assert "data-engineer" not in compiled_catalogue().role_by_slug


def test_a_role_without_requirements_is_left_out_because_it_cannot_be_scored():
    m.Role.objects.create(slug="empty", title="Empty role", summary="Nothing yet.")

    assert "empty" not in compiled_catalogue().role_by_slug


def test_it_survives_a_round_trip_through_json_with_the_same_fingerprint():
    catalogue = compiled_catalogue()

    copy = CompiledCatalogue.from_dict(json.loads(json.dumps(catalogue.to_dict())))

    assert copy.fingerprint == catalogue.fingerprint
    assert copy.to_dict() == catalogue.to_dict()


def test_the_fingerprint_ignores_the_version_number_and_follows_the_content():
    catalogue = compiled_catalogue()
    renumbered = CompiledCatalogue.from_dict({**catalogue.to_dict(), "version": catalogue.version + 99})

    assert renumbered.fingerprint == catalogue.fingerprint


def test_an_edit_in_the_admin_rebuilds_it(client, django_assert_num_queries):
    from django.contrib.auth.models import Group

    from accounts.models import User
    from careerfit.testing import form_fields
    from roles.services import CATALOGUE_EDITORS

    editor = User.objects.create_user("editor@example.ca", "a-long-password", is_staff=True)
    editor.groups.add(Group.objects.get(name=CATALOGUE_EDITORS))
    client.force_login(editor)
    before = compiled_catalogue()
    skill = m.Skill.objects.get(slug="docker")
    url = f"/admin/roles/skill/{skill.pk}/change/"
    data = form_fields(client.get(url).content.decode(), "skill_form")
    data["name"] = ["Docker"]

    assert client.post(url, data).status_code == 302

    with django_assert_num_queries(REBUILD_QUERIES):
        after = compiled_catalogue()
    assert after.skill_by_slug["docker"].name == "Docker" and after.version > before.version
    with django_assert_num_queries(1):
        compiled_catalogue()
