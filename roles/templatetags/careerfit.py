from django import template

from roles.formatting import cad as format_cad
from roles.formatting import level_label, salary_text
from roles.models import split_lines

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
