"""Every catalogue invariant is a named database constraint with a message an editor can act on."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CheckConstraint

from roles import models as m

pytestmark = pytest.mark.django_db


def skill(**overrides) -> m.Skill:
    values = {
        "slug": "rust",
        "name": "Rust",
        "category": m.SkillCategory.objects.get(slug="programming"),
        **{f"descriptor_{i}": f"I can do {i}." for i in range(1, 6)},
        **{f"hours_to_level_{i}": i for i in range(1, 6)},
    }
    values.update(overrides)
    return m.Skill(**values)


def role() -> m.Role:
    return m.Role.objects.get(slug="devops-engineer")


def python() -> m.Skill:
    return m.Skill.objects.get(slug="python")


# (a function building an unsaved row that breaks one constraint, the constraint's name, its message)
VIOLATIONS = [
    (lambda: skill(name="PYTHON"), "roles_skill_name_unique", "Another skill already has this name."),
    *[
        (
            lambda level=level: skill(**{f"hours_to_level_{level}": 0}),
            f"roles_skill_hours_{level}_positive",
            "Hours to reach each level must be at least 1.",
        )
        for level in range(1, 6)
    ],
    *[
        (
            lambda level=level: skill(**{f"descriptor_{level}": ""}),
            f"roles_skill_descriptor_{level}_present",
            "Every level needs its “I can…” descriptor.",
        )
        for level in range(1, 6)
    ],
    (
        lambda: m.Prerequisite(skill=m.Skill.objects.get(slug="pandas"), required_skill=python(), minimum_level=1),
        "roles_prerequisite_unique",
        "This prerequisite is listed twice.",
    ),
    (
        lambda: m.Prerequisite(skill=python(), required_skill=python(), minimum_level=2),
        "roles_prerequisite_not_itself",
        "A skill cannot be its own prerequisite.",
    ),
    (
        lambda: m.Prerequisite(skill=python(), required_skill=m.Skill.objects.get(slug="git"), minimum_level=6),
        "roles_prerequisite_level_range",
        "The minimum level must be from 1 to 5.",
    ),
    (
        lambda: m.SalaryRange(role=role(), label="Canada", minimum=1, source="x"),
        "roles_salaryrange_label_unique",
        "This role already has a salary range with this label.",
    ),
    (
        lambda: m.SalaryRange(role=role(), label="Odd", minimum=100, maximum=50, source="x"),
        "roles_salaryrange_max_not_below_min",
        "The maximum salary cannot be below the minimum.",
    ),
    (
        lambda: m.SalaryRange(role=role(), label="Zero", minimum=0, source="x"),
        "roles_salaryrange_minimum_positive",
        "The minimum salary must be more than 0.",
    ),
    (
        lambda: m.Requirement(role=role(), skill=python(), required_level=3, importance="core"),
        "roles_requirement_skill_once_per_role",
        "This role already requires this skill: edit that requirement instead.",
    ),
    (
        lambda: m.Requirement(role=role(), skill=m.Skill.objects.get(slug="jax"), required_level=0, importance="core"),
        "roles_requirement_level_range",
        "The required level must be from 1 to 5.",
    ),
    (
        lambda: m.Requirement(role=role(), skill=m.Skill.objects.get(slug="jax"), required_level=6, importance="core"),
        "roles_requirement_level_range",
        "The required level must be from 1 to 5.",
    ),
    (
        lambda: m.Requirement(role=role(), skill=m.Skill.objects.get(slug="jax"), required_level=2, importance="vital"),
        "roles_requirement_importance_valid",
        "Importance must be core, important or nice to have.",
    ),
    (
        lambda: m.RoadmapStep(role=role(), position=1, title="Again"),
        "roles_roadmapstep_position_unique",
        "This role already has a roadmap step with this number.",
    ),
    (
        lambda: m.RoadmapStep(role=role(), position=0, title="Zero"),
        "roles_roadmapstep_position_positive",
        "Roadmap steps are numbered from 1.",
    ),
    (
        lambda: m.RoleQuestion(role=m.Role.objects.get(slug="ai-ml-engineer"), position=1, question="Q", answer="A"),
        "roles_rolequestion_position_unique",
        "This role already has a question at this position.",
    ),
    (
        lambda: m.LearningResource(
            slug="r1", skill=python(), title="T", url="https://a.ca", kind="book", min_level=0, max_level=2
        ),
        "roles_resource_min_level_range",
        "Levels run from 1 to 5.",
    ),
    (
        lambda: m.LearningResource(
            slug="r2", skill=python(), title="T", url="https://a.ca", kind="book", min_level=1, max_level=6
        ),
        "roles_resource_max_level_range",
        "Levels run from 1 to 5.",
    ),
    (
        lambda: m.LearningResource(
            slug="r3", skill=python(), title="T", url="https://a.ca", kind="book", min_level=3, max_level=2
        ),
        "roles_resource_levels_ordered",
        "“To level” cannot be below “from level”.",
    ),
    (
        lambda: m.LearningResource(
            slug="r4", skill=python(), title="T", url="https://a.ca", kind="rumour", min_level=1, max_level=2
        ),
        "roles_resource_kind_valid",
        "Choose a kind of resource from the list.",
    ),
    (
        lambda: m.LearningResource(
            slug="r5",
            skill=python(),
            title="T",
            url="https://a.ca",
            kind="book",
            cost="tip",
            min_level=1,
            max_level=2,
        ),
        "roles_resource_cost_valid",
        "Cost must be free or paid.",
    ),
    (
        lambda: m.EducationPath(
            slug="e1", kind="degree", name="N", duration="D", min_months=48, max_months=12, who_for="W", focus="F"
        ),
        "roles_educationpath_months_ordered",
        "The longest length cannot be shorter than the shortest.",
    ),
    (
        lambda: m.EducationPath(
            slug="e2", kind="phd", name="N", duration="D", min_months=1, max_months=2, who_for="W", focus="F"
        ),
        "roles_educationpath_kind_valid",
        "Choose certificate, diploma or degree.",
    ),
    (
        lambda: m.Institution(slug="i1", name="I", kind="academy", city="C", url="https://a.ca"),
        "roles_institution_kind_valid",
        "Choose university or college.",
    ),
    (
        lambda: m.Advice(slug="a1", title="T", items=""),
        "roles_advice_items_present",
        "Write at least one piece of advice.",
    ),
    (
        lambda: m.GuidanceLink(slug="g1", title="T", url="https://a.ca", group="gossip"),
        "roles_guidancelink_group_valid",
        "Choose a group from the list.",
    ),
    (lambda: m.CatalogueVersion(id=2, number=5), "roles_catalogueversion_single_row", None),
]


@pytest.mark.parametrize(("build", "name", "message"), VIOLATIONS, ids=[v[1] for v in VIOLATIONS])
def test_the_database_refuses_a_row_that_breaks_the_constraint(build, name, message):
    row = build()

    with pytest.raises(IntegrityError) as error, transaction.atomic():
        row.save()

    constraint = next(c for c in type(row)._meta.constraints if c.name == name)
    if isinstance(constraint, CheckConstraint):  # both databases name a failed check; SQLite lists columns for unique
        assert name in str(error.value)


@pytest.mark.parametrize(
    ("build", "name", "message"), [v for v in VIOLATIONS if v[2]], ids=[v[1] for v in VIOLATIONS if v[2]]
)
def test_validation_explains_the_broken_constraint_in_plain_words(build, name, message):
    row = build()

    with pytest.raises(ValidationError) as error:
        row.validate_constraints()

    assert message in error.value.messages


def test_every_constraint_in_the_catalogue_is_covered_here():
    declared = {
        constraint.name
        for model in (
            m.Skill,
            m.Prerequisite,
            m.SalaryRange,
            m.Requirement,
            m.RoadmapStep,
            m.RoleQuestion,
            m.LearningResource,
            m.EducationPath,
            m.Institution,
            m.Advice,
            m.GuidanceLink,
            m.CatalogueVersion,
        )
        for constraint in model._meta.constraints
    }

    assert declared == {name for _, name, _ in VIOLATIONS}


def test_requirement_weight_follows_importance():
    weights = {r.importance: r.weight for r in m.Requirement.objects.filter(role__slug="data-scientist")}

    assert weights == {"core": 3, "important": 2, "nice": 1}
