"""The catalogue version rises whenever any catalogue row changes, by any route."""

import pytest
from django.core.management import call_command
from django.db import connection

from accounts.models import User
from roles import models as m
from roles.selectors import catalogue_version_number
from roles.triggers import catalogue_tables

pytestmark = pytest.mark.django_db


def tables_with_version_triggers() -> set[str]:
    """The tables with a trigger that bumps the catalogue version (other apps keep triggers of their own)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT event_object_table, trigger_name FROM information_schema.triggers")
        return {table for table, name in cursor.fetchall() if name.startswith(f"{table}_bump_version")}


def test_every_catalogue_table_has_a_version_trigger_and_no_other_table_does():
    assert tables_with_version_triggers() == set(catalogue_tables())
    assert len(catalogue_tables()) >= 17  # 14 models and the many-to-many tables


def get(model, **lookup):
    return model.objects.get(**lookup)


def skill_values(slug: str) -> dict:
    return {
        "slug": slug,
        "name": slug.title(),
        "category": get(m.SkillCategory, slug="programming"),
        **{f"descriptor_{i}": f"I can do {i}." for i in range(1, 6)},
        **{f"hours_to_level_{i}": i for i in range(1, 6)},
    }


# How to make one new row in each catalogue table, including the many-to-many tables.
NEW_ROWS = {
    "roles_skillcategory": lambda: m.SkillCategory(slug="new", name="New"),
    "roles_skill": lambda: m.Skill(**skill_values("cobol")),
    "roles_prerequisite": lambda: m.Prerequisite(
        skill=get(m.Skill, slug="git"), required_skill=get(m.Skill, slug="linux"), minimum_level=1
    ),
    "roles_stage": lambda: m.Stage(slug="retiree", name="Retiree"),
    "roles_role": lambda: m.Role(slug="new-role", title="New role", summary="New."),
    "roles_salaryrange": lambda: m.SalaryRange(
        role=get(m.Role, slug="devops-engineer"), label="New", minimum=1, source="x"
    ),
    "roles_requirement": lambda: m.Requirement(
        role=get(m.Role, slug="devops-engineer"), skill=get(m.Skill, slug="jax"), required_level=1, importance="nice"
    ),
    "roles_roadmapstep": lambda: m.RoadmapStep(role=get(m.Role, slug="devops-engineer"), position=9, title="New"),
    "roles_rolequestion": lambda: m.RoleQuestion(
        role=get(m.Role, slug="devops-engineer"), position=1, question="Q", answer="A"
    ),
    "roles_certification": lambda: m.Certification(slug="new-cert", name="New cert", issuer="Me"),
    "roles_learningresource": lambda: m.LearningResource(
        slug="new-res",
        skill=get(m.Skill, slug="python"),
        title="T",
        url="https://a.ca",
        kind="book",
        min_level=1,
        max_level=2,
    ),
    "roles_educationpath": lambda: m.EducationPath(
        slug="new-path", kind="degree", name="N", duration="D", min_months=1, max_months=2, who_for="W", focus="F"
    ),
    "roles_institution": lambda: m.Institution(
        slug="new-inst", name="New U", kind="university", city="C", url="https://a.ca"
    ),
    "roles_advice": lambda: m.Advice(slug="new-advice", title="T", items="Do it."),
    "roles_guidancelink": lambda: m.GuidanceLink(slug="new-link", title="T", url="https://a.ca", group="study"),
    "roles_role_certifications": lambda: m.Role.certifications.through(
        role=get(m.Role, slug="devops-engineer"), certification=get(m.Certification, slug="cissp")
    ),
    "roles_roadmapstep_skills": lambda: m.RoadmapStep.skills.through(
        roadmapstep=m.RoadmapStep.objects.filter(role__slug="devops-engineer").first(), skill=get(m.Skill, slug="jax")
    ),
    "roles_certification_skills": lambda: m.Certification.skills.through(
        certification=get(m.Certification, slug="cissp"), skill=get(m.Skill, slug="python")
    ),
    "roles_educationpath_stages": lambda: m.EducationPath.stages.through(
        educationpath=get(m.EducationPath, slug="bachelors-degree"), stage=get(m.Stage, slug="newcomer")
    ),
    "roles_requirementgroup": lambda: m.RequirementGroup(
        role=get(m.Role, slug="devops-engineer"), name="A new group", required_level=2, importance="nice"
    ),
    "roles_requirementgroupskill": lambda: m.RequirementGroupSkill(
        group=m.RequirementGroup.objects.filter(role__slug="devops-engineer").first(),
        skill=get(m.Skill, slug="jax"),
        position=9,
    ),
    "roles_educationfocus": lambda: m.EducationFocus(
        role=get(m.Role, slug="devops-engineer"),
        path=m.EducationPath.objects.create(
            slug="other-path",
            kind="degree",
            name="Other",
            duration="D",
            min_months=1,
            max_months=2,
            who_for="W",
            focus="F",
        ),
        focus="Focus.",
    ),
    "roles_prerequisite_alternatives": lambda: m.Prerequisite.alternatives.through(
        prerequisite=m.Prerequisite.objects.filter(skill__slug="pandas").first(), skill=get(m.Skill, slug="r-language")
    ),
    "roles_advice_stages": lambda: m.Advice.stages.through(
        advice=get(m.Advice, slug="how-to-use-the-roadmap"), stage=get(m.Stage, slug="newcomer")
    ),
    "roles_advice_roles": lambda: m.Advice.roles.through(
        advice=get(m.Advice, slug="how-to-use-the-roadmap"), role=get(m.Role, slug="devops-engineer")
    ),
    "roles_role_leads_to": lambda: m.Role.leads_to.through(
        from_role=get(m.Role, slug="data-analyst"), to_role=get(m.Role, slug="software-architect")
    ),
}


def test_the_version_test_covers_every_catalogue_table():
    assert set(NEW_ROWS) == set(catalogue_tables())


@pytest.mark.parametrize("table", sorted(NEW_ROWS))
def test_inserting_updating_and_deleting_in_any_catalogue_table_bumps_the_version(table):
    row = NEW_ROWS[table]()
    versions = [catalogue_version_number()]

    row.save()
    versions.append(catalogue_version_number())
    field = next(f for f in type(row)._meta.concrete_fields if not f.primary_key)
    type(row).objects.filter(pk=row.pk).update(**{field.attname: getattr(row, field.attname)})
    versions.append(catalogue_version_number())
    with connection.cursor() as cursor:  # raw SQL: a route no model signal would ever see
        cursor.execute(f'DELETE FROM "{table}" WHERE id = %s', [row.pk])
    versions.append(catalogue_version_number())

    assert versions == sorted(set(versions)), f"the version did not rise at every step: {versions}"


def test_creating_a_row_bumps_the_version_once_committed_with_it():
    before = catalogue_version_number()

    m.Stage.objects.create(slug="retiree", name="Retiree")

    assert catalogue_version_number() > before
    assert m.CatalogueVersion.objects.get().changed_at is not None


def test_changes_outside_the_catalogue_leave_the_version_alone():
    before = catalogue_version_number()

    User.objects.create_user("ana@example.ca", "a-long-password")

    assert catalogue_version_number() == before


def test_migrate_puts_back_triggers_that_a_table_rebuild_dropped():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute('DROP TRIGGER "roles_requirement_bump_version_update"')
        else:
            cursor.execute('DROP TRIGGER "roles_requirement_bump_version" ON "roles_requirement"')

    call_command("migrate", verbosity=0)

    before = catalogue_version_number()
    m.Requirement.objects.filter(role__slug="devops-engineer").update(required_level=3)
    assert catalogue_version_number() > before
