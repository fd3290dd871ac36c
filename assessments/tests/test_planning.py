"""The learning plan, on a catalogue small enough to check by hand. No database."""

from datetime import date

import pytest

from assessments.planning import THROUGHOUT, plan
from assessments.tests.builders import (
    Advice,
    Certification,
    EducationPath,
    Institution,
    Resource,
    Stage,
    make_catalogue,
)

MONDAY = date(2026, 1, 5)

CATALOGUE = make_catalogue(
    skills={
        "python": {"hours": (2, 10, 30, 60, 100)},
        "sql": {"hours": (2, 8, 20, 40, 80)},
        "pandas": {"hours": (1, 5, 15, 40, 80), "needs": {"python": 2}},
        "linux": {"hours": (2, 6, 20, 50, 100)},
        "docker": {"hours": (1, 4, 10, 30, 60), "needs": {"linux": {"level": 2}}},  # from level 3
        "talking": {"hours": (1, 2, 3, 4, 5)},
    },
    roles={
        "data": {
            "title": "Data Engineer",
            "requires": [
                ("python", 3, "core"),
                ("sql", 2, "important"),
                ("pandas", 3, "core"),
                ("docker", 3, "nice"),
                ("talking", 1, "important"),
            ],
            "phases": [("Foundation", ["python", "sql"]), ("Tools", ["pandas", "docker"])],
            "certifications": ["data-cert"],
        },
    },
    certifications=[
        Certification(slug="cloud-cert", name="Cloud Cert", issuer="Cloudy", skills=("docker", "linux", "python")),
        Certification(slug="data-cert", name="Data Cert", issuer="Datum", skills=("pandas", "python", "sql")),
        Certification(slug="bash-cert", name="Bash Cert", issuer="Shell", skills=("linux",)),
        Certification(slug="unrelated", name="Unrelated Cert", issuer="Other", skills=("sql",)),
    ],
    resources=[
        Resource(
            slug="py-basics", skill="python", title="Basics", url="https://a.ca", kind="docs", hours=5, levels=(1, 1)
        ),
        Resource(
            slug="py-book",
            skill="python",
            title="A Book",
            url="https://b.ca",
            kind="book",
            cost="paid",
            hours=30,
            levels=(2, 4),
        ),
        Resource(
            slug="py-course", skill="python", title="Course", url="https://c.ca", kind="course", hours=20, levels=(2, 3)
        ),
        Resource(
            slug="py-expert", skill="python", title="Expert", url="https://d.ca", kind="book", hours=20, levels=(4, 5)
        ),
    ],
    stages=[Stage(slug="high-school", name="High school"), Stage(slug="career-switcher", name="Career switcher")],
    paths=[
        EducationPath(
            slug="cert",
            kind="certificate",
            name="Certificate",
            duration="8–12 months",
            min_months=8,
            max_months=12,
            who_for="Switchers",
            focus="Tools",
            stages=("career-switcher",),
        ),
        EducationPath(
            slug="degree",
            kind="degree",
            name="Degree",
            duration="4 years",
            min_months=48,
            max_months=56,
            who_for="Students",
            focus="Breadth",
            stages=("high-school",),
        ),
    ],
    institutions=[
        Institution(slug="uw", name="Waterloo", kind="university", city="Waterloo", url="https://uwaterloo.ca"),
        Institution(slug="seneca", name="Seneca", kind="college", city="Toronto", url="https://senecacollege.ca"),
    ],
    advice=[
        Advice(
            slug="data-hs",
            title="For high schoolers, about data",
            items=("Take calculus.",),
            stages=("high-school",),
            roles=("data",),
        ),
        Advice(slug="any-hs", title="For high schoolers", items=("Code.",), stages=("high-school",)),
        Advice(slug="any-switch", title="For switchers", items=("Volunteer.",), stages=("career-switcher",)),
        Advice(slug="everyone", title="How to use your roadmap", items=("Follow it.",)),
    ],
)

LEVELS = {"python": 1, "sql": 2}


def test_items_follow_prerequisites_then_phases_then_gap_weight():
    result = plan(catalogue=CATALOGUE, levels=LEVELS, role_slug="data", hours_per_week=10, start=MONDAY)

    # python 1→3, weight 3·(3−1) = 6, Foundation.  sql is met (2 ≥ 2).
    # linux 0→2 is not required by the role, but docker at level 3 needs linux ≥ 2: it joins docker's phase
    #   (Tools) and comes first in it, as a foundation (no prerequisites of its own).
    # pandas 0→3, weight 3·3 = 9, and docker 0→3, weight 1·3 = 3, in Tools, each one prerequisite deep:
    #   heaviest first.
    # talking 0→1 is in no roadmap step: it comes last, throughout the roadmap.
    assert [(i.skill, i.from_level, i.to_level, i.phase, i.importance, i.weight) for i in result.items] == [
        ("python", 1, 3, "Foundation", "core", 6),
        ("linux", 0, 2, "Tools", None, 0),
        ("pandas", 0, 3, "Tools", "core", 9),
        ("docker", 0, 3, "Tools", "nice", 3),
        ("talking", 0, 1, THROUGHOUT, "important", 2),
    ]
    assert result.items[1].needed_for == ("docker",)
    assert result.items[1].is_prerequisite_only


def test_hours_weeks_and_the_finish_date_follow_from_hours_per_level_and_the_weekly_pace():
    result = plan(catalogue=CATALOGUE, levels=LEVELS, role_slug="data", hours_per_week=10, start=MONDAY)

    # Hours: python 10 + 30 = 40; linux 2 + 6 = 8; pandas 1 + 5 + 15 = 21; docker 1 + 4 + 10 = 15; talking 1.
    # At 10 h a week, cumulative hours 40, 48, 69, 84, 85:
    #   python  weeks 1–4   (0 → 40 h)      linux  weeks 5–5 (40 → 48 h)
    #   pandas  weeks 5–7   (48 → 69 h)     docker weeks 7–9 (69 → 84 h)    talking weeks 9–9 (84 → 85 h)
    assert [(i.hours, i.start_week, i.end_week) for i in result.items] == [
        (40, 1, 4),
        (8, 5, 5),
        (21, 5, 7),
        (15, 7, 9),
        (1, 9, 9),
    ]
    assert (result.total_hours, result.weeks) == (85, 9)  # ⌈85 / 10⌉ = 9
    assert result.finish_date == date(2026, 3, 9)  # 9 weeks after Monday 5 January
    assert [(phase.title, phase.hours) for phase in result.phases()] == [
        ("Foundation", 40),
        ("Tools", 44),
        (THROUGHOUT, 1),
    ]


def test_a_faster_pace_finishes_sooner_with_the_same_items():
    slow = plan(catalogue=CATALOGUE, levels=LEVELS, role_slug="data", hours_per_week=5, start=MONDAY)
    fast = plan(catalogue=CATALOGUE, levels=LEVELS, role_slug="data", hours_per_week=40, start=MONDAY)

    assert [i.skill for i in slow.items] == [i.skill for i in fast.items]
    assert (slow.weeks, fast.weeks) == (17, 3)  # ⌈85 / 5⌉ and ⌈85 / 40⌉


def test_a_prerequisite_the_role_also_requires_is_raised_once_and_placed_first():
    # pandas needs python ≥ 2; the role wants python 3 anyway: one python item, before pandas.
    result = plan(catalogue=CATALOGUE, levels={}, role_slug="data", hours_per_week=10, start=MONDAY)
    skills = [i.skill for i in result.items]

    assert skills.count("python") == 1
    assert skills.index("python") < skills.index("pandas")
    assert result.items[skills.index("python")].needed_for == ("pandas",)


def test_the_roles_own_certifications_come_first_then_those_covering_the_most_hours_of_the_plan():
    result = plan(catalogue=CATALOGUE, levels=LEVELS, role_slug="data", hours_per_week=10, start=MONDAY)

    # Planned hours: python 40, linux 8, pandas 21, docker 15, talking 1. data-cert, which the role lists,
    # covers pandas and python (61 h); cloud-cert covers docker, linux, python (63 h); bash-cert covers
    # linux (8 h); unrelated covers sql, which is not in the plan, so it is left out.
    assert [(m.certification.slug, m.covers, m.for_role) for m in result.certifications] == [
        ("data-cert", ("pandas", "python"), True),
        ("cloud-cert", ("docker", "linux", "python"), False),
        ("bash-cert", ("linux",), False),
    ]


def test_resources_match_the_levels_each_item_climbs_free_ones_first():
    result = plan(catalogue=CATALOGUE, levels=LEVELS, role_slug="data", hours_per_week=10, start=MONDAY)
    python = result.items[0]  # 1 → 3: resources for levels 2–3; "Basics" (1–1) and "Expert" (4–5) do not fit

    assert [r.slug for r in python.resources] == ["py-course", "py-book"]


def test_education_paths_institutions_and_advice_follow_the_students_stage():
    high_school = plan(catalogue=CATALOGUE, levels=LEVELS, role_slug="data", stage="high-school", start=MONDAY)
    switcher = plan(catalogue=CATALOGUE, levels=LEVELS, role_slug="data", stage="career-switcher", start=MONDAY)
    anyone = plan(catalogue=CATALOGUE, levels=LEVELS, role_slug="data", start=MONDAY)

    assert [p.slug for p in high_school.education.paths] == ["degree"]
    assert [i.slug for i in high_school.education.universities] == ["uw"] and high_school.education.colleges == ()
    # The role's own advice for the stage replaces the general advice for it; "everyone" advice always shows.
    assert [a.slug for a in high_school.education.advice] == ["data-hs", "everyone"]
    assert [p.slug for p in switcher.education.paths] == ["cert"]
    assert [i.slug for i in switcher.education.colleges] == ["seneca"] and switcher.education.universities == ()
    assert [a.slug for a in switcher.education.advice] == ["any-switch", "everyone"]
    assert [p.slug for p in anyone.education.paths] == ["cert", "degree"]
    assert [a.slug for a in anyone.education.advice] == ["everyone"]


def test_everything_met_gives_an_empty_plan_that_finishes_today():
    met = {"python": 3, "sql": 2, "pandas": 3, "docker": 3, "talking": 1}

    result = plan(catalogue=CATALOGUE, levels=met, role_slug="data", start=MONDAY)

    assert (result.items, result.total_hours, result.weeks, result.finish_date) == ((), 0, 0, MONDAY)


def test_the_default_target_is_the_best_fit():
    two = make_catalogue(
        skills={"a": {}, "b": {}},
        roles={"far": {"requires": [("b", 3, "core")]}, "near": {"requires": [("a", 2, "core")]}},
    )

    assert plan(catalogue=two, levels={"a": 1}, start=MONDAY).role == "near"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"hours_per_week": 0}, "hours per week must be from 1 to 60"),
        ({"hours_per_week": 61}, "hours per week must be from 1 to 60"),
        ({"role_slug": "astronaut"}, "unknown role 'astronaut'"),
        ({"stage": "retired"}, "unknown stage 'retired'"),
    ],
)
def test_bad_arguments_are_refused(arguments, message):
    with pytest.raises(ValueError, match=message):
        plan(catalogue=CATALOGUE, levels=LEVELS, start=MONDAY, **{"role_slug": "data", **arguments})


# ------------------------------------------------------------------------------ alternatives and prerequisites

CHOICES = make_catalogue(
    skills={
        "python": {"hours": (2, 10, 30, 60, 100)},
        "java": {"hours": (3, 12, 35, 70, 120)},
        "git": {"hours": (1, 3, 6, 12, 24)},
        "pytorch": {"hours": (2, 8, 25, 50, 90), "needs": {"python": {"level": 2}}},
        "tensorflow": {"hours": (2, 8, 25, 50, 90), "needs": {"python": {"level": 2}}},
        "jax": {"hours": (2, 8, 25, 50, 90), "needs": {"python": {"level": 2}}},
        "design-patterns": {"needs": {"python": {"level": 2, "or": ["java"]}}},
        "kubernetes": {"needs": {"git": {"level": 2}}},
        "teamwork": {"kind": "soft"},
    },
    roles={
        "ml": {
            "title": "ML Engineer",
            "requires": [("git", 2, "nice"), ("design-patterns", 3, "core"), ("teamwork", 2, "important")],
            "any_of": [("A deep-learning framework", ["pytorch", "tensorflow", "jax"], 3, "core")],
            "phases": [("Foundations", ["git", "design-patterns"]), ("Frameworks", ["tensorflow"])],
        },
        "ops": {"title": "Ops", "requires": [("kubernetes", 2, "core")]},
    },
)


def planned(result):
    return [(item.skill, item.from_level, item.to_level) for item in result.items]


def test_an_any_one_of_requirement_is_one_item_for_the_member_the_student_is_closest_to():
    result = plan(catalogue=CHOICES, levels={"python": 3, "jax": 2, "pytorch": 1}, role_slug="ml", start=MONDAY)

    [framework] = [item for item in result.items if item.group]
    assert (framework.skill, framework.from_level, framework.to_level) == ("jax", 2, 3)
    assert framework.group == "A deep-learning framework" and framework.importance == "core"
    assert [(other.skill, other.name) for other in framework.alternatives] == [
        ("pytorch", "Pytorch"),
        ("tensorflow", "Tensorflow"),
    ]
    # It joins the roadmap step that names any member (tensorflow's "Frameworks").
    assert framework.phase == "Frameworks"
    assert result.choices() == {"A deep-learning framework": "jax"}


def test_on_a_tie_the_first_member_listed_is_planned_and_the_student_can_choose_another():
    first = plan(catalogue=CHOICES, levels={"python": 3}, role_slug="ml", start=MONDAY)
    chosen = plan(
        catalogue=CHOICES,
        levels={"python": 3},
        role_slug="ml",
        start=MONDAY,
        choices={"A deep-learning framework": "tensorflow"},
    )
    not_a_member = plan(
        catalogue=CHOICES,
        levels={"python": 3},
        role_slug="ml",
        start=MONDAY,
        choices={"A deep-learning framework": "git"},
    )

    assert first.choices() == {"A deep-learning framework": "pytorch"}
    assert chosen.choices() == {"A deep-learning framework": "tensorflow"}
    [framework] = [item for item in chosen.items if item.group]
    assert [other.skill for other in framework.alternatives] == ["pytorch", "jax"]
    assert not_a_member.choices() == {"A deep-learning framework": "pytorch"}


def test_an_any_one_of_requirement_met_by_any_member_is_not_planned():
    result = plan(catalogue=CHOICES, levels={"python": 3, "tensorflow": 4}, role_slug="ml", start=MONDAY)

    assert all(item.group is None for item in result.items)
    assert "pytorch" not in [item.skill for item in result.items]


def test_a_prerequisite_applies_from_its_level_so_knowing_what_a_skill_is_pulls_in_nothing():
    # kubernetes needs git ≥ 2 from level 3 (the default): the role wants kubernetes at 2, so no git.
    assert planned(plan(catalogue=CHOICES, levels={}, role_slug="ops", start=MONDAY)) == [("kubernetes", 0, 2)]

    aiming_higher = make_catalogue(
        skills={"git": {}, "kubernetes": {"needs": {"git": {"level": 2}}}},
        roles={"ops": {"requires": [("kubernetes", 3, "core")]}},
    )
    assert planned(plan(catalogue=aiming_higher, levels={}, role_slug="ops", start=MONDAY)) == [
        ("git", 0, 2),
        ("kubernetes", 0, 3),
    ]


def test_a_prerequisite_is_met_by_any_of_its_alternatives_or_taught_in_the_one_the_student_is_closest_to():
    def prerequisites(levels):
        result = plan(catalogue=CHOICES, levels={"pytorch": 3, "git": 2, **levels}, role_slug="ml", start=MONDAY)
        return [(item.skill, item.to_level) for item in result.items if item.is_prerequisite_only]

    # design patterns at 3 needs python ≥ 2, or java ≥ 2.
    assert prerequisites({"java": 3}) == []
    assert prerequisites({"java": 1}) == [("java", 2)]
    assert prerequisites({}) == [("python", 2)]  # neither: the first listed


def test_within_a_phase_foundations_come_before_skills_that_build_on_others():
    # git (nice, weight 2) has no prerequisites; design patterns (core, weight 9) builds on a language.
    # The student knows python already, so nothing is pulled in: git still comes first.
    levels = {"python": 3, "pytorch": 3, "teamwork": 2}

    assert planned(plan(catalogue=CHOICES, levels=levels, role_slug="ml", start=MONDAY)) == [
        ("git", 0, 2),
        ("design-patterns", 0, 3),
    ]


def test_a_professional_skill_the_student_did_not_rate_is_practised_not_timed():
    levels = {"python": 3, "pytorch": 3, "git": 2, "design-patterns": 3}
    unrated = plan(catalogue=CHOICES, levels=levels, role_slug="ml", start=MONDAY, unrated=["teamwork", "git"])
    rated_low = plan(catalogue=CHOICES, levels={**levels, "teamwork": 1}, role_slug="ml", start=MONDAY)

    assert unrated.items == () and unrated.total_hours == 0
    assert [(p.skill, p.level, p.importance, p.aim) for p in unrated.practice] == [
        ("teamwork", 2, "important", "I can do level 2.")
    ]
    assert planned(rated_low) == [("teamwork", 1, 2)] and rated_low.practice == ()


# ------------------------------------------------------------------------------ certifications that suit the student

CERTIFIED = make_catalogue(
    skills={"cloud": {"hours": (5, 10, 20, 40, 80)}, "security": {"hours": (5, 10, 20, 40, 80)}},
    roles={"architect": {"requires": [("cloud", 5, "core"), ("security", 4, "core")]}},
    certifications=[
        Certification(slug="practitioner", name="Practitioner", issuer="C", skills=("cloud",), level="foundational"),
        Certification(slug="associate", name="Associate", issuer="C", skills=("cloud", "security")),
        Certification(
            slug="professional",
            name="Professional",
            issuer="C",
            skills=("cloud", "security"),
            level="professional",
            experience="2-5",
        ),
        Certification(slug="expert", name="Expert", issuer="C", skills=("cloud",), level="expert", experience="over-5"),
        Certification(
            slug="old-associate",
            name="Old Associate",
            issuer="C",
            skills=("cloud", "security"),
            status="retired",
            retired_on=date(2025, 3, 31),
            successor="associate",
        ),
    ],
    stages=[Stage(slug="high-school", name="High school"), Stage(slug="working", name="Working in tech")],
)


@pytest.mark.parametrize(
    ("stage", "experience", "shown"),
    [
        ("high-school", "none", ["practitioner"]),
        (None, "none", ["associate", "practitioner"]),
        ("working", "under-2", ["associate", "practitioner"]),
        # With years of experience, foundational certifications are left out.
        ("working", "2-5", ["associate", "professional"]),
        ("working", "over-5", ["associate", "professional", "expert"]),
    ],
)
def test_certifications_suit_the_students_stage_and_experience_and_retired_ones_never_show(stage, experience, shown):
    result = plan(
        catalogue=CERTIFIED, levels={}, role_slug="architect", stage=stage, experience=experience, start=MONDAY
    )

    # Ordered by the hours of this plan they cover (cloud 155 h, security 75 h), then by name.
    assert [match.certification.slug for match in result.certifications] == shown


def test_at_most_four_certifications_are_shown():
    many = make_catalogue(
        skills={"cloud": {}},
        roles={"architect": {"requires": [("cloud", 3, "core")]}},
        certifications=[Certification(slug=f"c{n}", name=f"Cert {n}", issuer="C", skills=("cloud",)) for n in range(6)],
    )

    assert len(plan(catalogue=many, levels={}, role_slug="architect", start=MONDAY).certifications) == 4


def test_advice_about_several_roles_is_added_to_the_stages_advice():
    catalogue = make_catalogue(
        skills={"a": {}},
        roles={"eng": {"requires": [("a", 2, "core")]}, "other": {"requires": [("a", 2, "core")]}},
        stages=[Stage(slug="high-school", name="High school")],
        advice=[
            Advice(slug="any-hs", title="For high schoolers", items=("Code.",), stages=("high-school",)),
            Advice(slug="title", title="About the title engineer", items=("P.Eng.",), roles=("eng", "other")),
            Advice(slug="eng-only", title="For engineers at any stage", items=("Build.",), roles=("eng",)),
        ],
    )

    result = plan(catalogue=catalogue, levels={}, role_slug="eng", stage="high-school", start=MONDAY)

    assert [a.slug for a in result.education.advice] == ["any-hs", "title", "eng-only"]


def test_certifications_for_a_platform_the_plan_does_not_teach_are_left_out():
    clouds = make_catalogue(
        skills={"aws": {}, "azure": {}, "ci": {}},
        roles={
            "ops": {"requires": [("ci", 3, "core")], "any_of": [("A cloud platform", ["aws", "azure"], 2, "important")]}
        },
        certifications=[
            Certification(slug="aws-ops", name="AWS Ops", issuer="AWS", skills=("aws", "ci")),
            Certification(slug="azure-ops", name="Azure Ops", issuer="Microsoft", skills=("azure", "ci")),
            Certification(slug="multi-cloud", name="Multi-cloud Ops", issuer="Anyone", skills=("aws", "azure", "ci")),
        ],
    )

    def shown(levels, **choices):
        result = plan(catalogue=clouds, levels=levels, role_slug="ops", start=MONDAY, choices=choices or None)
        return [match.certification.slug for match in result.certifications]

    # A certification that names their platform among others (multi-cloud) suits everyone.
    assert shown({"aws": 3}) == ["aws-ops", "multi-cloud"]  # they know AWS: the Azure one means learning Azure
    assert shown({"azure": 1}) == ["azure-ops", "multi-cloud"]  # the plan teaches Azure, the one they are closest to
    assert shown({}) == ["aws-ops", "multi-cloud"]  # the plan teaches the first listed
    assert shown({}, **{"A cloud platform": "azure"}) == ["azure-ops", "multi-cloud"]
    # They know a little of both: the plan teaches AWS, so the certifications naming it cover more of it.
    assert shown({"aws": 1, "azure": 1}) == ["aws-ops", "multi-cloud", "azure-ops"]
