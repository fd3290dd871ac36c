"""Levels and career ladders: which roles suit a student's experience, which one to plan for, where a role
leads and the first step toward one out of reach. No database."""

import pytest

from assessments.framing import default_target, first_step, path, suited, verdict, where_it_leads
from assessments.scoring import score
from assessments.tests.builders import make_catalogue

# help (entry) → ops (intermediate) → arch (senior); sec-entry (entry) → sec (senior).
LADDERS = make_catalogue(
    skills={slug: {} for slug in "abcde"},
    roles={
        "help": {
            "title": "Help",
            "level": "entry",
            "requires": [("a", 2, "core"), ("b", 2, "important")],
            "leads_to": ["ops"],
        },
        "ops": {
            "title": "Ops",
            "level": "intermediate",
            "requires": [("a", 3, "core"), ("c", 3, "core")],
            "leads_to": ["arch"],
        },
        "arch": {"title": "Arch", "level": "senior", "requires": [("c", 4, "core"), ("d", 3, "core")]},
        "sec-entry": {
            "title": "Sec Entry",
            "level": "entry",
            "requires": [("b", 3, "core"), ("e", 2, "important")],
            "leads_to": ["sec"],
        },
        "sec": {"title": "Sec", "level": "senior", "requires": [("e", 4, "core"), ("b", 3, "core")]},
    },
)


def ranked(**levels):
    return score(catalogue=LADDERS, levels=levels)


def slugs(route):
    return [step.role.slug for step in route.steps]


def test_a_path_climbs_leads_to_and_never_down_or_to_itself():
    assert path(LADDERS, "help", "arch") == ("help", "ops", "arch")
    assert path(LADDERS, "arch", "help") == ()
    assert path(LADDERS, "help", "help") == ()
    assert path(LADDERS, "help", "sec") == ()
    assert path(LADDERS, "help", "astronaut") == ()


def test_where_a_role_leads_is_a_climb_through_each_next_rung_to_the_top_of_its_ladder():
    assert [slugs(route) for route in where_it_leads(ranked(), "help")] == [["help", "ops", "arch"]]
    assert [slugs(route) for route in where_it_leads(ranked(), "ops")] == [["ops", "arch"]]
    assert where_it_leads(ranked(), "arch") == []


def test_the_first_step_toward_a_role_out_of_reach_is_the_best_fitting_role_reachable_now():
    ranking = ranked(a=2, b=2)  # help 100 %, sec-entry 46 %

    route = first_step(ranking, "arch", experience="none")

    assert slugs(route) == ["help", "ops", "arch"] and route.start.fit == 100
    assert slugs(first_step(ranking, "sec", experience="under-2")) == ["sec-entry", "sec"]
    assert first_step(ranking, "arch", experience="over-5") is None  # within reach: no first step needed
    assert first_step(ranking, "help", experience="none") is None


@pytest.mark.parametrize(
    ("experience", "outgrown"), [("none", []), ("under-2", []), ("2-5", []), ("over-5", ["help", "sec-entry"])]
)
def test_only_more_than_five_years_sets_entry_roles_apart(experience, outgrown):
    at_level, passed = suited(ranked(a=3, b=3), experience)

    assert sorted(role_fit.role.slug for role_fit in passed) == outgrown
    assert len(at_level) + len(passed) == 5


def test_an_experienced_students_best_fit_is_never_a_role_they_have_outgrown():
    ranking = ranked(a=3, b=3, c=3, d=1)  # help and ops 100 %, sec-entry 69 %, arch 57 %, sec 42 %

    said = verdict(ranking, experience="over-5")

    assert said.best.role.slug == "ops"
    assert verdict(ranking, experience="none").best.role.slug == "help"  # ties at 100 %: by title


def test_a_beginner_plans_for_a_role_they_can_be_hired_into_now():
    ranking = ranked(a=2, c=3, d=3)  # arch 85 %, ops 83 %, help 60 %

    assert default_target(ranking, experience="none").role.slug == "help"
    assert default_target(ranking, experience="2-5").role.slug == "ops"
    assert default_target(ranking, experience="over-5").role.slug == "arch"
    assert default_target(ranking).role.slug == "arch"  # experience unknown: the best fit


def test_a_role_already_met_makes_the_next_rung_the_target():
    ranking = ranked(a=2, b=2, e=1)  # help 100 %; sec-entry 61 %, ops 33 %

    target = default_target(ranking, experience="none")

    assert target.role.slug == "ops"  # what help leads to, though not usually reachable yet


def test_among_near_ties_a_role_that_leads_to_one_they_are_curious_about_comes_first():
    ranking = ranked(a=1, b=3)  # help 70 %, sec-entry 69 %: within five points

    assert default_target(ranking, experience="none").role.slug == "help"
    assert default_target(ranking, experience="none", interests=["sec"]).role.slug == "sec-entry"
    assert default_target(ranking, experience="none", interests=["sec-entry"]).role.slug == "sec-entry"
