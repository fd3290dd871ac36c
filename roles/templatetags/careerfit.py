from datetime import date

from django import template

from roles.formatting import cad as format_cad
from roles.formatting import level_label, salary_text
from roles.levels import Importance
from roles.models import ResourceKind, split_lines

register = template.Library()


@register.filter
def cad(amount: int) -> str:
    return format_cad(amount)


@register.filter
def salary(salary_range) -> str:
    """A SalaryRange (or its dict form on a saved result) as readable text."""
    get = salary_range.get if isinstance(salary_range, dict) else lambda name: getattr(salary_range, name)
    return salary_text(minimum=get("minimum"), maximum=get("maximum"), period=get("period"))


@register.filter
def level(value: int) -> str:
    return level_label(value)


@register.filter
def lines(text: str) -> list[str]:
    """A one-item-per-line text field as its non-empty lines."""
    return split_lines(text or "")


@register.filter
def importance(value: str) -> str:
    """ "core" → "Core", translated."""
    return Importance(value).label if value in Importance.values else ""


@register.filter
def resource_kind(value: str) -> str:
    return ResourceKind(value).label if value in ResourceKind.values else value


@register.filter
def abs_value(value: int) -> int:
    return abs(value)


@register.filter
def as_date(value: str):
    """An ISO date string from a saved snapshot, as a date the `date` filter can format."""
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return value
