"""How money and levels read on every page; plain functions, also used on saved results."""

from django.utils.translation import gettext as _

from roles.levels import Level


def cad(amount: int) -> str:
    return f"${amount:,}"


def salary_text(*, minimum: int, maximum: int | None, period: str) -> str:
    """ "$90,000–$150,000 a year", "$60–$120 an hour", "$200,000+ a year"."""
    amount = f"{cad(minimum)}+" if maximum is None else f"{cad(minimum)}–{cad(maximum)}"
    if period == "hour":
        return _("%(amount)s an hour") % {"amount": amount}
    return _("%(amount)s a year") % {"amount": amount}


def level_label(level: int) -> str:
    """ "3 · Intermediate"."""
    return f"{level} · {Level(level).label}"
