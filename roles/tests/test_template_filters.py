"""The filters that build markup in Python rather than in a template loop: what they write must be what the
template wrote, escaped the same way."""

from django.utils.safestring import mark_safe

from assessments.presenters import SkillLine
from roles.templatetags.careerfit import explanation_rows, gap_rows, options

# An "any one of" requirement whose names an admin typed with characters to escape.
ANY_ONE_OF = SkillLine(
    skill="bi",
    skill_name="Power <BI>",
    importance="core",
    weight=3,
    current=1,
    required=3,
    points=3,
    possible=9,
    gap_weight=6,
    group="A & B tool",
    members=("Power <BI>", "Tableau"),
)


def test_options_escape_values_and_labels_and_mark_the_selected_one():
    html = options([("a&b", 'Tom "T" <Tools>'), (3, "Three"), ("safe", mark_safe("<b>kept</b>"))], 3)

    assert html == (
        '<option value="a&amp;b">Tom &quot;T&quot; &lt;Tools&gt;</option>'
        '<option value="3" selected>Three</option>'
        '<option value="safe"><b>kept</b></option>'
    )


def test_with_nothing_selected_the_empty_choice_is_the_selected_one():
    assert options([("", "—"), ("python", "Python")], None) == (
        '<option value="" selected>—</option><option value="python">Python</option>'
    )


def test_explanation_rows_escape_what_an_admin_typed():
    met = SkillLine(
        skill="sql",
        skill_name="SQL",
        importance="nice",
        weight=1,
        current=2,
        required=2,
        points=2,
        possible=2,
        gap_weight=0,
    )

    assert explanation_rows([ANY_ONE_OF, met]).splitlines() == [
        '<tr><th scope="row" class="fw-normal">A &amp; B tool: Power &lt;BI&gt;<br>'
        '<span class="small text-body-secondary">Core (3) · any one of Power &lt;BI&gt; · Tableau</span></th>'
        '<td class="num">1 → 3</td><td class="num">3 / 9</td><td class="num">6</td></tr>',
        '<tr><th scope="row" class="fw-normal">SQL<br><span class="small text-body-secondary">Nice to have (1)</span>'
        '</th><td class="num">2 → 2</td><td class="num">2 / 2</td><td class="num">—</td></tr>',
    ]


def test_gap_rows_escape_what_an_admin_typed_and_name_the_alternatives():
    sql = SkillLine(
        skill="sql",
        skill_name="SQL",
        importance="important",
        weight=2,
        current=0,
        required=2,
        points=0,
        possible=4,
        gap_weight=4,
    )

    assert gap_rows([ANY_ONE_OF, sql]).splitlines() == [
        '<tr><th scope="row" class="fw-normal">A &amp; B tool: Power &lt;BI&gt;<br>'
        '<span class="small text-body-secondary">Core · any one of Power &lt;BI&gt; · Tableau</span></th>'
        '<td class="num">1 → 3</td><td class="num">6</td></tr>',
        '<tr><th scope="row" class="fw-normal">SQL<br><span class="small text-body-secondary">Important</span></th>'
        '<td class="num">0 → 2</td><td class="num">4</td></tr>',
    ]
