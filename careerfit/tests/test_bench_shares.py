"""`make bench` holds every page to the floor measured beside it, the faster of the one just before it and the one
just after it, so neither the machine's drift over a run nor a slow spell beside a page can flatter it."""

from argparse import Namespace

from careerfit.bench import FLOOR_AGAIN, Row, table, with_shares


def row(name: str, rps: float) -> Row:
    return Row(name=name, rps=rps, p50_ms=1, p95_ms=2, p99_ms=3, errors=0)


def test_each_page_is_held_to_the_faster_of_the_floors_measured_beside_it():
    # The machine slows down as the run goes on: 1,000 req/s for the floor at the start, 600 at the end.
    rows = with_shares(
        row("floor", 1000),
        [row("results", 450), row("plan", 400), row("student file", 200)],
        [row("floor again", 900), row("floor again", 700), row(FLOOR_AGAIN, 600)],
    )

    assert [(r.name, r.floor, r.share) for r in rows] == [
        ("floor", 1000, 1.0),
        ("results", 1000, 0.45),  # between 1,000 and 900
        ("plan", 900, 400 / 900),  # between 900 and 700
        ("student file", 700, 200 / 700),  # between 700 and 600
        (FLOOR_AGAIN, 1000, 0.6),  # the end against the fastest floor: how far the machine drifted
    ]


def test_a_slow_spell_beside_a_page_does_not_flatter_it():
    rows = with_shares(
        row("floor", 500), [row("results", 200), row("plan", 200)], [row("floor again", 300), row(FLOOR_AGAIN, 500)]
    )

    assert [r.share for r in rows[1:3]] == [0.4, 0.4]  # each held to 500, not to the slow 300 beside it


def test_a_share_below_its_goal_is_reported_missed():
    results = with_shares(row("floor", 500), [row("results", 200)], [row(FLOOR_AGAIN, 450)])[1]
    assert results.goal() == "missed (≥ 50%)"


def test_the_table_shows_the_floor_each_page_is_held_to_and_a_share_just_under_its_goal_as_under_it():
    rows = with_shares(row("floor", 1789), [row("plan", 893)], [row(FLOOR_AGAIN, 1696)])
    args = Namespace(students=10, results=20, cohort=5, duration=15)

    printed = table("PostgreSQL", rows, "", args)

    assert "| plan | 893 | 1.0 | 2.0 | 3.0 | 0 | 1,789 | 49.9% | missed (≥ 50%) |" in printed
    assert f"| {FLOOR_AGAIN} | 1,696 | 1.0 | 2.0 | 3.0 | 0 | 1,789 | 94.8% |  |" in printed
