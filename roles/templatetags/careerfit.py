from html import escape

from django import template
from django.utils.html import conditional_escape
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
    labels = {}
    rows = []
    for line in lines:
        if line.importance not in labels:
            labels[line.importance] = escape(str(importance(line.importance)))
        group = (
            " · " + escape(_("any one of %(members)s") % {"members": " · ".join(line.members)}) if line.group else ""
        )
        rows.append(
            f'<tr><th scope="row" class="fw-normal">{escape(line.label)}<br><span class="small text-body-secondary">'
            f"{labels[line.importance]} ({line.weight}){group}</span></th>"
            f'<td class="num">{line.current} → {line.required}</td>'
            f'<td class="num">{line.points} / {line.possible}</td>'
            f'<td class="num">{line.gap_weight or "—"}</td></tr>'
        )
    return mark_safe("\n".join(rows))


@register.filter
def level_scale(field) -> str:
    """A level question, compact: a row of buttons (0 to 5 and "not sure") over the meaning of each level.

    Each radio is named by its meaning ("3 · Intermediate I can …", aria-labelledby) and each meaning is a
    label for it too, so either can be pressed. While nothing is chosen every meaning shows; once a level
    is chosen only its meaning does (careerfit.css, `:has`), which keeps a step of many skills short on a
    phone. Built in one pass with the standard library's `escape`: a step has about seventy radios, and a
    `format_html` per radio was a quarter of the step's time.
    """
    chosen = "" if field.value() is None else str(field.value())
    invalid = ' aria-invalid="true"' if field.errors else ""
    name, prefix = escape(field.html_name), escape(field.auto_id)
    buttons, meanings = [], []
    for index, (value, label) in enumerate(field.field.levels):  # assessments.forms.LevelField
        value = str(value)
        ident, shown = f"{prefix}_{index}", escape(value if value.isdigit() else _("Not sure"))
        checked = " checked" if value == chosen else ""
        value = escape(value)
        buttons.append(
            f'<span class="level-button"><input class="form-check-input" type="radio" name="{name}" id="{ident}"'
            f' value="{value}"{checked}{invalid} aria-labelledby="{ident}_meaning">'
            f'<label for="{ident}" aria-hidden="true">{shown}</label></span>'
        )
        meanings.append(
            f'<label class="level-meaning" id="{ident}_meaning" for="{ident}" data-level="{value}">'
            f"{conditional_escape(label)}</label>"
        )
    return mark_safe(  # every value above is escaped (a label may be markup already)
        f'<div class="level-buttons">{"".join(buttons)}</div><div class="level-meanings">{"".join(meanings)}</div>'
    )


@register.filter
def evidence_note(field) -> str:
    """A level question's optional evidence: a text box behind "Add evidence (optional)", open when it holds
    something or an error. Built in one pass, as `level_scale` is: a dozen template lookups on the field for
    each of a step's skills took half the time of drawing the questions."""
    value, errors = field.value(), field.errors
    ident, name = escape(field.auto_id), escape(field.html_name)
    described = f"{ident}_helptext {ident}_error" if errors else f"{ident}_helptext"
    error = (
        f'<div id="{ident}_error" class="invalid-feedback">{" ".join(escape(str(e)) for e in errors)}</div>'
        if errors
        else ""
    )
    return mark_safe(  # every value above is escaped
        f'<details class="mt-2"{" open" if value or errors else ""}>'
        f"<summary>{escape(_('Add evidence (optional)'))}</summary>"
        f'<div class="mt-2"><label for="{ident}" class="form-label">{escape(str(field.label))}</label>'
        f'<input type="text" class="form-control{" is-invalid" if errors else ""}" name="{name}" id="{ident}"'
        f' value="{escape(value or "")}" maxlength="{field.field.max_length}" aria-describedby="{described}">'
        f'<div id="{ident}_helptext" class="form-text">{escape(str(field.help_text))}</div>{error}</div></details>'
    )
