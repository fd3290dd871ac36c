"""The fit score and ranking, on catalogues small enough to check by hand. No database."""

import pytest

from assessments.scoring import score
from assessments.tests.builders import make_catalogue

DATA = make_catalogue(
    skills={"python": {}, "sql": {}, "excel": {}},
    roles={
        "data": {
            "title": "Data Analyst",
            "requires": [("python", 3, "core"), ("sql", 2, "important"), ("excel", 1, "nice")],
        },
    },
)


def test_fit_is_the_weighted_share_of_required_levels_reached_rounded_down():
    ranking = score(catalogue=DATA, levels={"python": 2, "sql": 3})
    # possible = 3·3 + 2·2 + 1·1 = 14
    # points   = 3·min(2, 3) + 2·min(3, 2) + 1·min(0, 1) = 6 + 4 + 0 = 10
    # fit      = ⌊100 · 10 / 14⌋ = ⌊71.4⌋ = 71
    explanation = ranking.explain("data")

    assert ranking.best().fit == 71
    assert (explanation.points, explanation.possible, explanation.fit) == (10, 14, 71)
    assert [(c.skill, c.points, c.possible) for c in explanation.contributions] == [
        ("python", 6, 9),
        ("sql", 4, 4),
        ("excel", 0, 1),
    ]


def test_each_gap_weighs_its_weight_times_the_levels_missing_heaviest_first():
    explanation = score(catalogue=DATA, levels={"python": 2, "sql": 3}).explain("data")

    # python: 3 · (3 − 2) = 3; excel: 1 · (1 − 0) = 1; sql is met (3 ≥ 2), so no gap.
    assert [(g.skill, g.current, g.required, g.importance, g.weight) for g in explanation.gaps] == [
        ("python", 2, 3, "core", 3),
        ("excel", 0, 1, "nice", 1),
    ]
    assert score(catalogue=DATA, levels={"python": 2, "sql": 3}).best().unmet_core == 1  # python


def test_being_above_a_requirement_never_makes_up_for_a_gap_elsewhere():
    # Expert SQL and Excel cannot hide missing Python: 3·0 + 2·2 + 1·1 = 5 of 14 → ⌊35.7⌋ = 35.
    assert score(catalogue=DATA, levels={"python": 0, "sql": 5, "excel": 5}).best().fit == 35


def test_one_hundred_means_every_requirement_is_met_and_nothing_less():
    # 199 of 200 points is 99.5 %, shown as 99 so that 100 % always means "every requirement met".
    near = make_catalogue(
        skills={f"s{i}": {} for i in range(67)} | {"last": {}},
        roles={
            "r": {"requires": [(f"s{i}", 1, "core") for i in range(66)] + [("s66", 1, "nice"), ("last", 1, "nice")]}
        },
    )
    levels = {f"s{i}": 1 for i in range(67)}  # possible = 66·3 + 1 + 1 = 200; points = 199

    assert score(catalogue=near, levels=levels).best().fit == 99
    assert score(catalogue=near, levels=levels | {"last": 1}).best().fit == 100


TIES = make_catalogue(
    skills={"a": {}, "b": {}},
    roles={
        # Each role: 50 % fit for a student at a=2, b=0 …
        "zulu": {"title": "Zulu", "requires": [("a", 2, "nice"), ("b", 2, "nice")]},
        "alpha": {"title": "Alpha", "requires": [("a", 2, "nice"), ("b", 2, "nice")]},
        # … but this one has an unmet core requirement (b), so it comes after the two above.
        "mike": {"title": "Mike", "requires": [("a", 2, "core"), ("b", 2, "core")]},
        # 100 %: ranked first.
        "best": {"title": "Best", "requires": [("a", 2, "core")]},
    },
)


def test_roles_rank_by_fit_then_fewer_unmet_core_requirements_then_title():
    ranking = score(catalogue=TIES, levels={"a": 2})

    assert [(r.rank, r.role.slug, r.fit, r.unmet_core) for r in ranking] == [
        (1, "best", 100, 0),
        (2, "alpha", 50, 0),
        (3, "zulu", 50, 0),
        (4, "mike", 50, 1),
    ]


def test_unrated_and_unknown_skills_count_as_zero():
    assert score(catalogue=DATA, levels={}).best().fit == 0
    assert score(catalogue=DATA, levels={"cobol": 5}).best().fit == 0


@pytest.mark.parametrize("level", [-1, 6, 2.5, True, "3"])
def test_a_level_outside_the_scale_is_refused(level):
    with pytest.raises(ValueError, match="from 0 to 5"):
        score(catalogue=DATA, levels={"python": level})


def test_top_and_for_role_give_the_same_figures_as_the_full_ranking():
    ranking = score(catalogue=TIES, levels={"a": 2})

    assert ranking.top(2) == tuple(list(ranking)[:2])
    assert ranking.for_role("mike") == list(ranking)[3]
    with pytest.raises(KeyError):
        ranking.for_role("nobody")
