"""Properties of the fit score and the plan that must hold for every catalogue and every student."""

import math
import random
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.framing import TOO_CLOSE, default_target, reachable, suited
from assessments.planning import plan
from assessments.scoring import score
from assessments.tests.builders import make_role, make_skill
from roles.compiled import CompiledCatalogue, compile_catalogue
from roles.schema import Catalogue, Category

MONDAY = date(2026, 1, 5)
IMPORTANCES = ("core", "important", "nice")
TITLES = ("Analyst", "Architect", "Developer", "Engineer", "Scientist", "Specialist")
LEVELS = ("", "entry", "intermediate", "senior")
EXPERIENCE = ("none", "under-2", "2-5", "over-5")


@st.composite
def catalogues(draw) -> CompiledCatalogue:
    skill_count = draw(st.integers(1, 8))
    slugs = [f"s{i}" for i in range(skill_count)]
    skills = []
    for index, slug in enumerate(slugs):
        # Prerequisites only point at earlier skills, so there are no cycles, as the loader guarantees. Each
        # applies from some level of the skill, and may name other skills that do as well.
        needs = {}
        for needed in draw(st.lists(st.sampled_from(slugs[:index]), max_size=2, unique=True)) if index else ():
            rest = [s for s in slugs[:index] if s != needed]
            others = draw(st.lists(st.sampled_from(rest), max_size=2, unique=True)) if rest else []
            needs[needed] = {"level": draw(st.integers(1, 5)), "from_level": draw(st.integers(1, 5)), "or": others}
        hours = tuple(draw(st.lists(st.integers(1, 40), min_size=5, max_size=5)))
        skills.append(make_skill(slug, name=f"Skill {index}", hours=hours, needs=needs))
    titles = draw(st.permutations(TITLES))
    roles = []
    for index in range(draw(st.integers(1, 5))):
        required = draw(st.lists(st.sampled_from(slugs), min_size=1, max_size=skill_count, unique=True))
        requirements = [(skill, draw(st.integers(1, 5)), draw(st.sampled_from(IMPORTANCES))) for skill in required]
        # "Any one of" requirements take skills the role does not require on their own, each in one group.
        free = [slug for slug in slugs if slug not in required]
        any_of = []
        while len(free) >= 2 and draw(st.booleans()):
            members = draw(st.lists(st.sampled_from(free), min_size=2, max_size=3, unique=True))
            free = [slug for slug in free if slug not in members]
            level, importance = draw(st.integers(1, 5)), draw(st.sampled_from(IMPORTANCES))
            any_of.append((f"Group {len(any_of) + 1}", members, level, importance))
        in_phase = draw(st.lists(st.sampled_from(slugs), unique=True))
        phases = [(f"Phase {position}", in_phase[position - 1 :: 3]) for position in range(1, 4)]
        level = draw(st.sampled_from(LEVELS))
        roles.append(
            make_role(
                f"r{index}", title=titles[index], requires=requirements, phases=phases, any_of=any_of, level=level
            )
        )
    return compile_catalogue(
        Catalogue(categories=(Category(slug="general", name="C"),), skills=tuple(skills), roles=tuple(roles)),
        version=1,
    )


@st.composite
def students(draw):
    catalogue = draw(catalogues())
    levels = draw(st.dictionaries(st.sampled_from([s.slug for s in catalogue.skills]), st.integers(0, 5)))
    return catalogue, levels


def fits(ranking) -> dict[str, int]:
    return {role_fit.role.slug: role_fit.fit for role_fit in ranking}


@given(students())
def test_every_fit_is_a_whole_percent_from_0_to_100(student):
    catalogue, levels = student
    assert all(0 <= fit <= 100 for fit in fits(score(catalogue=catalogue, levels=levels)).values())


@given(students(), st.data())
def test_raising_any_rating_never_lowers_any_fit(student, data):
    catalogue, levels = student
    skill = data.draw(st.sampled_from([s.slug for s in catalogue.skills]))
    raised = {**levels, skill: data.draw(st.integers(levels.get(skill, 0), 5))}

    before, after = fits(score(catalogue=catalogue, levels=levels)), fits(score(catalogue=catalogue, levels=raised))

    assert all(after[role] >= before[role] for role in before)


@given(catalogues())
def test_meeting_every_requirement_gives_100_and_an_empty_plan(catalogue):
    levels = {skill.slug: 5 for skill in catalogue.skills}

    assert set(fits(score(catalogue=catalogue, levels=levels)).values()) == {100}
    for role in catalogue.roles:
        result = plan(catalogue=catalogue, levels=levels, role_slug=role.slug, start=MONDAY)
        assert result.items == () and result.total_hours == 0 and result.finish_date == MONDAY


@given(catalogues())
def test_rating_nothing_gives_0_everywhere(catalogue):
    assert set(fits(score(catalogue=catalogue, levels={})).values()) == {0}


@given(students(), st.randoms())
def test_the_ranking_does_not_depend_on_the_order_of_the_input(student, rng):
    catalogue, levels = student
    shuffled_levels = list(levels.items())
    rng.shuffle(shuffled_levels)
    shuffled_roles = list(catalogue.roles)
    rng.shuffle(shuffled_roles)
    shuffled = CompiledCatalogue(
        version=1, catalogue=catalogue.catalogue.model_copy(update={"roles": tuple(shuffled_roles)})
    )

    expected = [(r.role.slug, r.fit, r.unmet_core) for r in score(catalogue=catalogue, levels=levels)]

    assert [
        (r.role.slug, r.fit, r.unmet_core) for r in score(catalogue=catalogue, levels=dict(shuffled_levels))
    ] == expected
    assert [(r.role.slug, r.fit, r.unmet_core) for r in score(catalogue=shuffled, levels=levels)] == expected


@given(students())
def test_roles_are_ordered_by_fit_then_unmet_core_then_title_and_explanations_agree(student):
    catalogue, levels = student
    ranking = list(score(catalogue=catalogue, levels=levels))

    keys = [(-r.fit, r.unmet_core, r.role.title) for r in ranking]
    assert keys == sorted(keys)
    for role_fit in ranking:
        explanation = score(catalogue=catalogue, levels=levels).explain(role_fit.role.slug)
        assert explanation.fit == role_fit.fit == 100 * explanation.points // explanation.possible
        assert sum(g.importance == "core" for g in explanation.gaps) == role_fit.unmet_core
        assert all(
            g.weight == {"core": 3, "important": 2, "nice": 1}[g.importance] * (g.required - g.current)
            for g in explanation.gaps
        )


@given(students(), st.data())
def test_a_ranking_read_by_position_slice_or_role_agrees_with_the_ranking_walked(student, data):
    # A results page reads the first 25 roles, a position or one role without walking all 3,000 (ESCO's
    # size); what it reads must be what walking the ranking gives, before and after it is walked.
    catalogue, levels = student
    walked = tuple(score(catalogue=catalogue, levels=levels))
    count = len(walked)
    start, stop = data.draw(st.integers(-count - 2, count + 2)), data.draw(st.integers(-count - 2, count + 2))
    position = data.draw(st.integers(-count, count - 1))
    slug = data.draw(st.sampled_from([role.slug for role in catalogue.roles]))

    for walk_first in (False, True):
        ranking = score(catalogue=catalogue, levels=levels)
        if walk_first:
            list(ranking)
        assert ranking[start:stop] == walked[start:stop] and ranking[:25] == walked[:25]
        assert ranking[position] == walked[position]
        assert ranking.for_role(slug) == next(r for r in walked if r.role.slug == slug)
        assert ranking.best() == walked[0] and len(ranking) == count
        assert [r.rank for r in walked] == list(range(1, count + 1))


@given(students(), st.integers(1, 60), st.data())
def test_the_plan_is_complete_ordered_and_timed(student, hours_per_week, data):
    catalogue, levels = student
    role = data.draw(st.sampled_from(catalogue.roles))
    result = plan(catalogue=catalogue, levels=levels, role_slug=role.slug, hours_per_week=hours_per_week, start=MONDAY)
    skills = catalogue.skill_by_slug
    position = {item.skill: index for index, item in enumerate(result.items)}

    # Every unmet requirement is planned up to its required level; an "any one of" requirement by one
    # item, for the member the student is closest to, naming the others.
    for requirement in role.requirements:
        if levels.get(requirement.skill, 0) < requirement.level:
            assert result.items[position[requirement.skill]].to_level >= requirement.level
    for group in role.any_of:
        closest = max(levels.get(member, 0) for member in group.skills)
        taught = [item for item in result.items if item.group == group.name]
        if closest >= group.level:
            assert taught == []
        else:
            [item] = taught
            assert item.to_level >= group.level and levels.get(item.skill, 0) == closest
            assert {item.skill, *(other.skill for other in item.alternatives)} == set(group.skills)
    # No item comes before a prerequisite that applies at the level it aims at (the student meets it
    # with the skill or one of its alternatives, or one of them is planned earlier, high enough).
    for index, item in enumerate(result.items):
        for needed in skills[item.skill].prerequisites:
            if item.to_level < needed.from_level:
                continue
            if any(levels.get(candidate, 0) >= needed.level for candidate in needed.candidates()):
                continue
            assert any(
                position.get(candidate, index) < index and result.items[position[candidate]].to_level >= needed.level
                for candidate in needed.candidates()
            )
    # Phases never go back; hours add up; weeks round up; each item's weeks are in order.
    assert [i.phase_position for i in result.items] == sorted(i.phase_position for i in result.items)
    assert all(i.hours == skills[i.skill].hours_between(i.from_level, i.to_level) for i in result.items)
    assert result.total_hours == sum(item.hours for item in result.items)
    assert result.weeks == math.ceil(result.total_hours / hours_per_week)
    assert all(1 <= i.start_week <= i.end_week <= max(result.weeks, 1) for i in result.items)
    assert (result.finish_date - MONDAY).days == 7 * result.weeks


@settings(max_examples=30)
@given(st.integers(0, 10_000))
def test_the_engine_ranks_exactly_like_the_numpy_baseline(seed):
    from assessments.benchmark import engine, numpy_baseline, student, synthetic_catalogue

    catalogue = synthetic_catalogue(roles=25, requirements=12, skills=60, seed=seed)
    levels = student(catalogue, rated=random.Random(seed).randint(0, 60), seed=seed)

    assert engine(catalogue, levels) == numpy_baseline(catalogue)(levels)


@given(students(), st.data())
def test_no_role_is_ever_put_forward_at_0_percent_or_already_met_or_out_of_reach(student, data):
    catalogue, levels = student
    interests = data.draw(st.lists(st.sampled_from([role.slug for role in catalogue.roles]), unique=True))
    experience = data.draw(st.sampled_from(EXPERIENCE))
    ranking = score(catalogue=catalogue, levels=levels)

    target = default_target(ranking, interests=interests, experience=experience)

    at_level, _ = suited(ranking, experience)
    fitting = [role_fit for role_fit in at_level if role_fit.fit > 0]
    if not fitting:
        assert target is None
        return
    growing = [role_fit for role_fit in fitting if role_fit.fit < 100] or fitting
    within_reach = [role_fit for role_fit in growing if reachable(role_fit, experience)] or growing
    best = within_reach[0]  # (these catalogues have no ladders, so no next rungs come first)
    assert target.fit > 0 and target.role.slug in {role_fit.role.slug for role_fit in within_reach}
    assert best.fit - target.fit <= TOO_CLOSE
    assert target.role.slug == best.role.slug or target.role.slug in interests
