"""The persona panel (panel.yaml), written from the seeds before looking at CareerFit's answers.

Each persona's best fit must be a role a counsellor would defend, and a persona with nothing to go on must
get no role put forward. The misses below are known and explained; a miss that starts to pass fails this
test too, so that the list stays true and the panel is never edited to make an answer pass.
"""

import pytest
from django.conf import settings

from assessments.tests.panel import evaluate, load_panel, summary
from roles.catalogue_files import read_catalogue
from roles.compiled import compile_catalogue

KNOWN_MISSES = {
    "Third-year computer science student focused on machine learning": (
        "Junior Software Developer 70 % before Data Scientist 60 %: the programming a CS degree gives fits the "
        "general developer's first job best; the panel, written before entry roles existed, names only data "
        "science and AI / ML"
    ),
    "Machine-learning researcher, expert in PyTorch": (
        "Data Scientist 54 %, Junior Software Developer 52 %, AI / ML Engineer 49 %: the researcher did not rate "
        "deployment, cloud or software practice, which the AI / ML role asks for; the plan is for AI / ML "
        "Engineer, the role they are curious about"
    ),
    "Retail worker who plays capture-the-flag security games": (
        "Cloud Support Associate 44 % and SOC Analyst 43 %: too close to call, and the page says so; the plan is "
        "for SOC Analyst, which leads to the security role they are curious about"
    ),
}

PANEL = load_panel()


@pytest.fixture(scope="module")
def catalogue():
    return compile_catalogue(read_catalogue(settings.CATALOGUE_DIR).catalogue, version=0)


def test_the_panel_has_at_least_twenty_personas_with_reasons():
    assert len(PANEL) >= 20 and all(persona.why for persona in PANEL)
    assert set(KNOWN_MISSES) <= {persona.name for persona in PANEL}


@pytest.mark.parametrize("persona", PANEL, ids=[persona.name for persona in PANEL])
def test_each_personas_best_fit_is_a_role_a_counsellor_would_defend(catalogue, persona):
    outcome = evaluate(catalogue, persona)

    top = ", ".join(f"{slug} {fit} %" for slug, fit in outcome.top[:3])
    if persona.name in KNOWN_MISSES:
        assert not outcome.hit1, f"now passes ({top}): remove it from KNOWN_MISSES"
    else:
        assert outcome.hit1, f"{top}; acceptable: {', '.join(persona.acceptable) or 'no role yet'}"


def test_across_the_panel_the_default_plan_is_for_a_defensible_role(catalogue):
    figures = summary([evaluate(catalogue, persona) for persona in PANEL])

    assert figures["top2"] >= 0.95 and figures["target"] >= 0.9
