"""What a ranking means for the student, said plainly. Pure code.

The ranking itself is the fixed formula (fit, then unmet core requirements, then title). This module
decides what to make of it for one student:
- which roles suit their experience: roles below their level (entry roles, for someone with years in tech)
  are set apart as rungs they have likely passed, not offered as their best fit;
- which role to plan for by default: never one at 0 %; for a beginner, a role they can reach now; among
  near-ties, one they are curious about, or one that leads to a role they are curious about;
- whether the answer is clear, too close to call (with what would separate the two closest roles), or too
  early to tell;
- the career ladders: where a role leads, and the first step a student can take toward a role out of reach.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from assessments.scoring import Ranking, RoleFit
from roles.choices import RoleLevel
from roles.compiled import CompiledCatalogue
from roles.levels import IMPORTANCE_WEIGHTS

# Two fits this close are too close to call: one rating more or less would swap them.
TOO_CLOSE = 5
# Below this best fit, every role is some way off: the ranking says where to start, not where one fits.
EARLY = 25

# Which role levels a student can usually be hired into, by their years in tech, from the levels' bands
# (entry 0–2 years, intermediate 3–5, senior 5 and more); and which they have outgrown: with more than five
# years, roles for 0–2 years are rungs behind them. Two to five years still overlaps an entry role's band
# (a help-desk technician with three years is still an IT support candidate), so nothing is set apart.
REACHABLE = {
    "none": {RoleLevel.ENTRY},
    "under-2": {RoleLevel.ENTRY},
    "2-5": {RoleLevel.ENTRY, RoleLevel.INTERMEDIATE},
    "over-5": {RoleLevel.ENTRY, RoleLevel.INTERMEDIATE, RoleLevel.SENIOR},
}
OUTGROWN = {"none": set(), "under-2": set(), "2-5": set(), "over-5": {RoleLevel.ENTRY}}


def reachable(role_fit: RoleFit, experience: str | None) -> bool:
    """Whether the student can usually be hired into the role now (always, when experience is unknown or
    the role has no level)."""
    return experience is None or not role_fit.role.level or role_fit.role.level in REACHABLE[experience]


def suited(ranking: Ranking, experience: str | None) -> tuple[Sequence[RoleFit], Sequence[RoleFit]]:
    """(the roles at or above the student's level, the roles they have likely outgrown), each by fit."""
    passed = OUTGROWN.get(experience, set()) if experience else set()
    if not passed:  # most students: nothing is outgrown, and the ranking makes only the role fits asked for
        return ranking, ()
    ranked = list(ranking)
    return [r for r in ranked if r.role.level not in passed], [r for r in ranked if r.role.level in passed]


def default_target(
    ranking: Ranking, *, interests: Collection[str] = (), experience: str | None = None
) -> RoleFit | None:
    """The role to plan for when the student has not chosen: never one at 0 %.

    The candidates are the roles that suit the student's experience and fit above 0 % but below 100 %: a
    role they already meet needs no plan, so the roles it leads to come first; otherwise those they can
    usually be hired into now, if any fit. Among the candidates within TOO_CLOSE points of the best, a role
    the student is curious about comes first, then one that leads to a role they are curious about;
    otherwise the best.
    """
    at_level, _ = suited(ranking, experience)
    fitting = [role_fit for role_fit in at_level if role_fit.fit > 0]
    if not fitting:
        return None
    # A role the student already meets needs no plan: the rungs it leads to do, else the others.
    growing = [role_fit for role_fit in fitting if role_fit.fit < 100] or fitting
    above = {slug for role_fit in fitting if role_fit.fit == 100 for slug in role_fit.role.leads_to}
    next_rungs = [role_fit for role_fit in growing if role_fit.role.slug in above]
    candidates = next_rungs or [role_fit for role_fit in growing if reachable(role_fit, experience)] or growing
    best = candidates[0]
    near = [role_fit for role_fit in candidates if best.fit - role_fit.fit <= TOO_CLOSE]
    curious = next((role_fit for role_fit in near if role_fit.role.slug in interests), None)
    if curious:
        return curious
    catalogue = ranking.catalogue
    return next((r for r in near if any(path(catalogue, r.role.slug, goal) for goal in interests)), best)


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


def verdict(ranking: Ranking, *, experience: str | None = None) -> Verdict:
    """How clear the answer is among the roles that suit the student's experience."""
    top = suited(ranking, experience)[0][:2]
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


# ------------------------------------------------------------------------------ career ladders


def path(catalogue: CompiledCatalogue, start: str, goal: str) -> tuple[str, ...]:
    """The shortest climb from one role to another through "leads to" (both ends included), or () if the
    ladder does not get there. A role is not a climb to itself."""
    roles = catalogue.role_by_slug
    if start == goal or start not in roles or goal not in roles:
        return ()
    came_from: dict[str, str] = {start: start}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        for following in sorted(roles[current].leads_to):
            if following in roles and following not in came_from:
                came_from[following] = current
                if following == goal:
                    steps = [goal]
                    while steps[-1] != start:
                        steps.append(came_from[steps[-1]])
                    return tuple(reversed(steps))
                queue.append(following)
    return ()


@dataclass(frozen=True)
class Route:
    """A climb from a first role to a goal, each step with the student's fit for it."""

    steps: tuple[RoleFit, ...]

    @property
    def start(self) -> RoleFit:
        return self.steps[0]

    @property
    def goal(self) -> RoleFit:
        return self.steps[-1]


def _route(ranking: Ranking, slugs: Sequence[str]) -> Route:
    return Route(tuple(ranking.for_role(slug) for slug in slugs))


def where_it_leads(ranking: Ranking, start: str) -> list[Route]:
    """From a role, one climb through each of its next rungs to the top of that rung's ladder (the nearest
    role that leads nowhere further), in the order of the next rungs' titles."""
    catalogue = ranking.catalogue
    roles = catalogue.role_by_slug
    if start not in roles:
        return []

    def is_top(slug: str) -> bool:
        return not any(s in roles for s in roles[slug].leads_to)

    routes = []
    for rung in sorted((s for s in roles[start].leads_to if s in roles), key=lambda s: roles[s].title.casefold()):
        climbs = [path(catalogue, rung, top) for top in roles if top != rung and is_top(top)]
        climbs = [climb for climb in climbs if climb]
        climb = min(climbs, key=lambda c: (len(c), roles[c[-1]].title.casefold()), default=(rung,))
        routes.append(_route(ranking, (start, *climb)))
    return routes


def first_step(ranking: Ranking, goal: str, *, experience: str | None) -> Route | None:
    """For a role the student cannot usually be hired into yet, the best-fitting role they can reach now
    that leads to it, with the climb; None when the goal is within reach or no ladder leads to it."""
    catalogue = ranking.catalogue
    if goal not in catalogue.role_by_slug or reachable(ranking.for_role(goal), experience):
        return None
    climbs = [
        (role_fit, climb)
        for role_fit in ranking
        if reachable(role_fit, experience) and (climb := path(catalogue, role_fit.role.slug, goal))
    ]
    if not climbs:
        return None
    _, climb = min(climbs, key=lambda c: (-c[0].fit, len(c[1]), c[0].role.title))
    return _route(ranking, climb)


def routes_toward(ranking: Ranking, goals: Iterable[str], *, experience: str | None) -> list[Route]:
    """The first step toward each goal the student cannot reach yet, once per goal."""
    routes = []
    for goal in dict.fromkeys(goals):
        route = first_step(ranking, goal, experience=experience)
        if route:
            routes.append(route)
    return routes
