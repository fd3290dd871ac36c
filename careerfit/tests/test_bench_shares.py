"""`make bench` holds every page to the faster of its two floor measurements, so a slow start cannot flatter it."""

from argparse import Namespace

from careerfit.bench import FLOOR_AGAIN, Row, table, with_shares


def row(name: str, rps: float) -> Row:
    return Row(name=name, rps=rps, p50_ms=1, p95_ms=2, p99_ms=3, errors=0)


def test_shares_are_of_the_higher_floor_whether_it_came_first_or_last():
    slow_start = with_shares([row("floor", 400), row("results", 200), row(FLOOR_AGAIN, 500)])
    assert [(r.name, r.share) for r in slow_start] == [("floor", 0.8), ("results", 0.4), (FLOOR_AGAIN, 1.0)]

    slow_end = with_shares([row("floor", 500), row("results", 200), row(FLOOR_AGAIN, 400)])
    assert [r.share for r in slow_end] == [1.0, 0.4, 0.8]


def test_a_share_below_its_goal_is_reported_missed():
    results = with_shares([row("floor", 500), row("results", 200), row(FLOOR_AGAIN, 450)])[1]
    assert results.goal() == "missed (≥ 50%)"


def test_the_table_shows_a_share_just_under_its_goal_as_under_it():
    rows = with_shares([row("floor", 1789), row("plan", 893), row(FLOOR_AGAIN, 1696)])
    args = Namespace(students=10, results=20, cohort=5, duration=15)

    printed = table("PostgreSQL", rows, "", args)

    assert "| plan | 893 | 1.0 | 2.0 | 3.0 | 0 | 49.9% | missed (≥ 50%) |" in printed
