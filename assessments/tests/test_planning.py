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
        "docker": {"hours": (1, 4, 10, 30, 60), "needs": {"linux": 2}},
        "talking": {"hours": (1, 2, 3, 4, 5)},
    },
    roles={
        "data": {
            "title": "Data Engineer",
            "requires": [
                ("python", 3, "core"),
                ("sql", 2, "important"),
                ("pandas", 3, "core"),
                ("docker", 2, "nice"),
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
            stage="high-school",
            role="data",
        ),
        Advice(slug="any-hs", title="For high schoolers", items=("Code.",), stage="high-school"),
        Advice(slug="any-switch", title="For switchers", items=("Volunteer.",), stage="career-switcher"),
        Advice(slug="everyone", title="How to use your roadmap", items=("Follow it.",)),
    ],
)

LEVELS = {"python": 1, "sql": 2}


def test_items_follow_prerequisites_then_phases_then_gap_weight():
    result = plan(catalogue=CATALOGUE, levels=LEVELS, role_slug="data", hours_per_week=10, start=MONDAY)

    # python 1→3, weight 3·(3−1) = 6, Foundation.  sql is met (2 ≥ 2).
    # linux 0→2 is not required by the role, but docker needs linux ≥ 2: it joins docker's phase (Tools) and
    #   comes first in it, as a pulled-in prerequisite.
    # pandas 0→3, weight 3·3 = 9, and docker 0→2, weight 1·2 = 2, in Tools: heaviest first.
    # talking 0→1 is in no roadmap step: it comes last, throughout the roadmap.
    assert [(i.skill, i.from_level, i.to_level, i.phase, i.importance, i.weight) for i in result.items] == [
        ("python", 1, 3, "Foundation", "core", 6),
        ("linux", 0, 2, "Tools", None, 0),
        ("pandas", 0, 3, "Tools", "core", 9),
        ("docker", 0, 2, "Tools", "nice", 2),
        ("talking", 0, 1, THROUGHOUT, "important", 2),
    ]
    assert result.items[1].needed_for == ("docker",)
    assert result.items[1].is_prerequisite_only


def test_hours_weeks_and_the_finish_date_follow_from_hours_per_level_and_the_weekly_pace():
    result = plan(catalogue=CATALOGUE, levels=LEVELS, role_slug="data", hours_per_week=10, start=MONDAY)

    # Hours: python 10 + 30 = 40; linux 2 + 6 = 8; pandas 1 + 5 + 15 = 21; docker 1 + 4 = 5; talking 1.
    # At 10 h a week, cumulative hours 40, 48, 69, 74, 75:
    #   python  weeks 1–4   (0 → 40 h)      linux  weeks 5–5 (40 → 48 h)
    #   pandas  weeks 5–7   (48 → 69 h)     docker weeks 7–8 (69 → 74 h)    talking weeks 8–8 (74 → 75 h)
    assert [(i.hours, i.start_week, i.end_week) for i in result.items] == [
        (40, 1, 4),
        (8, 5, 5),
        (21, 5, 7),
        (5, 7, 8),
        (1, 8, 8),
    ]
    assert (result.total_hours, result.weeks) == (75, 8)  # ⌈75 / 10⌉ = 8
    assert result.finish_date == date(2026, 3, 2)  # 8 weeks after Monday 5 January
    assert [(phase.title, phase.hours) for phase in result.phases()] == [
        ("Foundation", 40),
        ("Tools", 34),
        (THROUGHOUT, 1),
    ]


def test_a_faster_pace_finishes_sooner_with_the_same_items():
    slow = plan(catalogue=CATALOGUE, levels=LEVELS, role_slug="data", hours_per_week=5, start=MONDAY)
    fast = plan(catalogue=CATALOGUE, levels=LEVELS, role_slug="data", hours_per_week=40, start=MONDAY)

    assert [i.skill for i in slow.items] == [i.skill for i in fast.items]
    assert (slow.weeks, fast.weeks) == (15, 2)  # ⌈75 / 5⌉ and ⌈75 / 40⌉


def test_a_prerequisite_the_role_also_requires_is_raised_once_and_placed_first():
    # pandas needs python ≥ 2; the role wants python 3 anyway: one python item, before pandas.
    result = plan(catalogue=CATALOGUE, levels={}, role_slug="data", hours_per_week=10, start=MONDAY)
    skills = [i.skill for i in result.items]

    assert skills.count("python") == 1
    assert skills.index("python") < skills.index("pandas")
    assert result.items[skills.index("python")].needed_for == ("pandas",)


def test_certifications_that_cover_the_most_gaps_come_first():
    result = plan(catalogue=CATALOGUE, levels=LEVELS, role_slug="data", hours_per_week=10, start=MONDAY)

    # Planned: python, linux, pandas, docker, talking. cloud-cert covers docker, linux, python (3);
    # data-cert covers pandas, python (2, and the role lists it); bash-cert covers linux (1);
    # unrelated covers sql, which is not in the plan, so it is left out.
    assert [(m.certification.slug, m.covers, m.for_role) for m in result.certifications] == [
        ("cloud-cert", ("docker", "linux", "python"), False),
        ("data-cert", ("pandas", "python"), True),
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
    met = {"python": 3, "sql": 2, "pandas": 3, "docker": 2, "talking": 1}

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
