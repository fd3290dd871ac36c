"""What a result's page draws from its charts' layouts (`assessments.charts`)."""

from django import template
from django.utils.safestring import mark_safe

from assessments import charts

register = template.Library()


@register.filter
def gap_chart_marks(chart: charts.GapChart) -> str:
    """The gap chart's level scale and bars, drawn and escaped by `charts.gap_chart_marks`."""
    return mark_safe(charts.gap_chart_marks(chart))
