from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from roles.choices import LEVEL_YEARS, CertificationLevel, Experience, LinkGroup, ResourceKind, RoleLevel
from roles.formatting import cad as format_cad
from roles.formatting import level_label, salary_text
from roles.levels import Importance

register = template.Library()


@register.filter
def cad(amount: int) -> str:
    return format_cad(amount)


@register.filter
def salary(salary_range) -> str:
    """A catalogue salary range as readable text: "$90,000–$150,000 a year"."""
    return salary_text(minimum=salary_range.min, maximum=salary_range.max, period=salary_range.period)


@register.filter
def level(value: int) -> str:
    return level_label(value)


_IMPORTANCES = frozenset(Importance.values)  # Importance.values builds a new list on every call


@register.filter
def importance(value: str) -> str:
    """ "core" → "Core", translated."""
    return Importance(value).label if value in _IMPORTANCES else ""


@register.filter
def resource_kind(value: str) -> str:
    return ResourceKind(value).label if value in ResourceKind.values else value


@register.filter
def salary_scope(salary_range) -> str:
    """Who and where a salary range is for: "Entry level, Ontario", "All levels, Canada"."""
    return f"{Experience(salary_range.experience).label}, {salary_range.region}"


@register.filter
def certification_level(value: str) -> str:
    return CertificationLevel(value).label if value in CertificationLevel.values else value


@register.filter
def link_group(value: str) -> str:
    return LinkGroup(value).label if value in LinkGroup.values else value


@register.filter
def skill_names(slugs, plan) -> str:
    """The names of planned skills, from a plan's own items: "Python, SQL"."""
    names = plan.skill_names()
    return ", ".join(names.get(slug, slug) for slug in slugs)


@register.filter
def abs_value(value: int) -> int:
    return abs(value)


@register.filter
def role_level(role) -> str:
    """A role's level and the years it usually takes: "Senior · usually 5 or more years of experience"."""
    if role.level not in RoleLevel.values:
        return ""
    low, high = LEVEL_YEARS[role.level]
    label = RoleLevel(role.level).label
    if high is None:
        return _("%(level)s · usually %(low)s or more years of experience") % {"level": label, "low": low}
    return _("%(level)s · usually %(low)s–%(high)s years of experience") % {"level": label, "low": low, "high": high}


def _html(value) -> str:
    """`value` escaped, unless it is already HTML: conditional_escape, without its cost per call."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


@register.filter
def options(choices, selected) -> str:
    """`<option>` elements for (value, label) pairs, `selected` marked: built in one pass in Python, since a
    template loop costs tens of microseconds per option and a menu can hold thousands (a target role among
    ESCO's 3,000)."""
    chosen = "" if selected is None else str(selected)
    return mark_safe(
        "".join(
            f'<option value="{_html(value)}"{" selected" if str(value) == chosen else ""}>{_html(label)}</option>'
            for value, label in choices
        )
    )


@register.filter
def explanation_rows(lines) -> str:
    """The rows of a role's "Why this score" table, one per requirement: skill and importance (weight), your
    level → the level needed, points, gap weight. Built in one pass in Python: a results page explains its 25
    closest roles, and with ESCO's 40 requirements a role, a template loop over these rows took over half the
    time of the page's first rendering."""
    labels = _ImportanceLabels()
    rows = []
    for line in lines:
        rows.append(
            f'<tr><th scope="row" class="fw-normal">{escape(line.label)}<br><span class="small text-body-secondary">'
            f"{labels[line.importance]} ({line.weight}){_any_one_of(line)}</span></th>"
            f'<td class="num">{line.current} → {line.required}</td>'
            f'<td class="num">{line.points} / {line.possible}</td>'
            f'<td class="num">{line.gap_weight or "—"}</td></tr>'
        )
    return mark_safe("\n".join(rows))


@register.filter
def gap_rows(gaps) -> str:
    """The rows of the table beside the gap chart, one per gap, in the chart's order: skill and importance, your
    level → the level needed, gap weight. Built in Python, as the chart and the "Why this score" rows are."""
    labels = _ImportanceLabels()
    return mark_safe(
        "\n".join(
            f'<tr><th scope="row" class="fw-normal">{escape(gap.label)}<br><span class="small text-body-secondary">'
            f"{labels[gap.importance]}{_any_one_of(gap)}</span></th>"
            f'<td class="num">{gap.current} → {gap.required}</td><td class="num">{gap.gap_weight}</td></tr>'
            for gap in gaps
        )
    )


class _ImportanceLabels(dict):
    """Each importance's label, escaped, translated once a table."""

    def __missing__(self, value: str) -> str:
        self[value] = label = escape(str(importance(value)))
        return label


def _any_one_of(line) -> str:
    """After an "any one of" requirement's importance, " · any one of A · B", escaped; else nothing."""
    return " · " + escape(_("any one of %(members)s") % {"members": " · ".join(line.members)}) if line.group else ""
