"""The gap chart's SVG: drawn to scale, escaped, and readable by a browser in every language."""

import re
from dataclasses import replace
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from assessments.charts import gap_chart, gap_chart_marks

GAPS = [
    SimpleNamespace(label="Python <3>", current=1, required=3, importance="core"),
    SimpleNamespace(label="SQL & data", current=0, required=2, importance="important"),
    SimpleNamespace(label="Git", current=2, required=4, importance="nice"),
]


def test_the_scale_marks_each_level_where_its_bars_end():
    marks = gap_chart_marks(gap_chart(GAPS))

    # 51.2 units a level ((320 - 64) / 5), 2 units in from the left edge, as the bars are.
    assert re.findall(
        r'<line x1="([^"]+)" x2="\1" y1="16" y2="([^"]+)"></line><text x="\1" y="11"[^>]*>(\d)</text>', marks
    ) == [(f"{level * 51.2 + 2:.1f}", "209.0", str(level)) for level in range(6)]
    assert re.findall(r'<rect class="needed" x="2" y="[^"]+" width="([^"]+)"', marks) == ["153.6", "102.4", "204.8"]
    assert re.findall(r'<rect class="current" x="2" y="[^"]+" width="([^"]+)"', marks) == ["51.2", "102.4"]


def test_names_and_group_titles_are_escaped():
    chart = gap_chart(GAPS)
    # A translation could hold an ampersand too.
    chart = replace(chart, groups=(replace(chart.groups[0], title="Core & <key>"), *chart.groups[1:]))
    marks = gap_chart_marks(chart)

    assert re.findall(r'<text class="label"[^>]*>([^<]*)</text>', marks) == [
        "Python &lt;3&gt;",
        "SQL &amp; data",
        "Git",
    ]
    assert re.findall(r'<text class="group"[^>]*>([^<]*)</text>', marks) == [
        "Core &amp; &lt;key&gt;",
        "Important",
        "Nice to have",
    ]
    assert re.findall(r'<text class="figures"[^>]*>([^<]*)</text>', marks) == ["1 → 3", "0 → 2", "2 → 4"]


@pytest.mark.parametrize("language", ["en-ca", "fr-ca"])
def test_every_number_of_the_chart_is_written_with_a_point_in_every_language(language):
    """French writes 42,0 where English writes 42.0: no browser reads a coordinate or a viewBox written so."""
    with translation.override(language):
        html = render_to_string("assessments/_gap_chart.html", {"chart": gap_chart(GAPS), "title": "Data Analyst"})
    svg = html[html.index("<svg") : html.index("</svg>")]

    assert 'viewBox="0 0 324.0 209.0"' in svg
    numbers = re.findall(r' (?:x|x1|x2|y|y1|y2|width|height)="([^"]*)"', svg)
    # Six levels of the scale, three group titles, three bars and two of them with a current level.
    assert len(numbers) == 6 * 6 + 3 * 2 + 3 * 8 + 2 * 4
    assert all(re.fullmatch(r"\d+(\.\d)?", number) for number in numbers), numbers
