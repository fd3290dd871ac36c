"""What a ranking means for the student, said plainly. Pure code.

The ranking itself is the fixed formula (fit, then unmet core requirements, then title). This module
decides what to call it: which role to plan for by default, and whether the answer is clear, too close to
call, or too early to tell, with what would separate the two closest roles.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from assessments.scoring import Ranking, RoleFit
from roles.levels import IMPORTANCE_WEIGHTS

# Two fits this close are too close to call: one rating more or less would swap them.
TOO_CLOSE = 5
# Below this best fit, every role is some way off: the ranking says where to start, not where one fits.
EARLY = 25


def default_target(ranking: Ranking, *, interests: Collection[str] = ()) -> RoleFit | None:
    """The role to plan for when the student has not chosen: never one at 0 %.

    Among the roles within TOO_CLOSE points of the best fit, a role the student is curious about comes
    first; otherwise the best fit.
    """
    best = ranking.best()
    if best is None or best.fit == 0:
        return None
    near = [role_fit for role_fit in ranking if best.fit - role_fit.fit <= TOO_CLOSE and role_fit.fit > 0]
    return next((role_fit for role_fit in near if role_fit.role.slug in interests), best)


@dataclass(frozen=True)
class Separator:
    """A skill whose next level would do most for one of two close roles: (role, skill, points of fit)."""

    role: RoleFit
    skill: str
    gain: float


@dataclass(frozen=True)
class Verdict:
    kind: str  # "none" (nothing fits yet), "early", "close" or "clear"
    best: RoleFit | None
    runner_up: RoleFit | None
    separators: tuple[Separator, ...] = ()


def verdict(ranking: Ranking) -> Verdict:
    top = ranking.top(2)
    best = top[0] if top else None
    runner_up = top[1] if len(top) > 1 else None
    if best is None or best.fit == 0:
        return Verdict("none", best, runner_up)
    if runner_up is not None and best.fit - runner_up.fit <= TOO_CLOSE:
        return Verdict("close", best, runner_up, separators(ranking, best, runner_up))
    return Verdict("early" if best.fit < EARLY else "clear", best, runner_up)


def separators(ranking: Ranking, first: RoleFit, second: RoleFit) -> tuple[Separator, ...]:
    """For each of two roles, the gap whose next level raises its fit most over the other's.

    One more level on an unmet requirement adds its weight w to the role's points: 100 · w / possible.
    """

    def gains(role_fit: RoleFit) -> dict[str, float]:
        explanation = ranking.explain(role_fit.role.slug)
        return {gap.skill: 100 * IMPORTANCE_WEIGHTS[gap.importance] / explanation.possible for gap in explanation.gaps}

    a, b = gains(first), gains(second)
    found = []
    for role_fit, mine, theirs in ((first, a, b), (second, b, a)):
        best = max(mine, key=lambda skill: mine[skill] - theirs.get(skill, 0), default=None)
        if best is not None and mine[best] - theirs.get(best, 0) > 0:
            found.append(Separator(role_fit, best, round(mine[best] - theirs.get(best, 0), 1)))
    return tuple(found)
