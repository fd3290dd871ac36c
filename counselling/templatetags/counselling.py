from html import escape

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from assessments.presenters import ResultLinks
from careerfit.addresses import ANY_ID, address
from counselling.models import ReviewStatus

register = template.Library()


@register.simple_tag
def cohort_rows(rows, cohort) -> str:
    """The cohort table's rows (`selectors.CohortRow`), built in one pass in Python: written as a
    template loop, its link, date and status cost a third of a millisecond a row, most of the page's time."""
    no_name, none_yet, dash = escape(_("(no name)")), escape(_("none yet")), "—"
    badges = {
        status: f'<span class="badge status-{escape(status)}">{escape(str(label))}</span>'
        for status, label in ReviewStatus.choices
    }
    date_format = get_format("DATE_FORMAT")
    file_url, any_id = escape(address("counselling:student", cohort.id, ANY_ID)), str(ANY_ID)
    here = timezone.get_current_timezone()  # once, not once a row as timezone.localdate() would
    html, dates, titles = [], {}, {}
    for row in rows:
        url = file_url.replace(any_id, str(row.student_uuid))
        name = escape(row.display_name) if row.display_name else no_name
        if row.latest_at:
            day = row.latest_at.astimezone(here).date()
            if day not in dates:  # a class often takes the assessment on the same day
                dates[day] = escape(format_date(day, date_format))
            when = dates[day]
            for title in (row.best_role_title, row.target_role_title):  # and a few roles come up again and again
                if title not in titles:
                    titles[title] = escape(title)
            best = f"{titles[row.best_role_title]} · {row.best_fit} %"
            target = titles[row.target_role_title] or dash
        else:
            when, best, target = f'<span class="text-body-secondary">{none_yet}</span>', dash, dash
        html.append(
            f'<tr><th scope="row" class="fw-normal"><a href="{url}">{name}</a></th>'
            f"<td>{when}</td><td>{best}</td><td>{target}</td><td>{badges[row.status]}</td></tr>"
        )
    return mark_safe("\n".join(html))  # every value above is escaped


@register.simple_tag
def pages(page, query: str) -> str:
    """The links to the table's pages before and after this one, and where it stands (`query` is the address's
    query but for the page), drawn in Python as its rows are: as template tags, asking the page where it stands
    and translating its three labels took 0.7 M instructions, 6 % of the page's; here, 0.3 M."""
    if not page.has_other_pages():
        return ""
    link = f"?{escape(query)}&amp;page=" if query else "?page="

    def item(number: int, label: str) -> str:
        return f'<li class="page-item"><a class="page-link" href="{link}{number}">{escape(label)}</a></li>'

    where = _("Page %(number)s of %(total)s") % {"number": page.number, "total": page.paginator.num_pages}
    items = [
        item(page.number - 1, _("Previous")) if page.has_previous() else "",
        f'<li class="page-item active" aria-current="page"><span class="page-link">{escape(where)}</span></li>',
        item(page.number + 1, _("Next")) if page.has_next() else "",
    ]
    return mark_safe(  # every value above is escaped, or a number
        f'<nav aria-label="{escape(_("Pages of students"))}">\n  <ul class="pagination">\n    '
        + "\n    ".join(filter(None, items))
        + "\n  </ul>\n</nav>"
    )


@register.simple_tag
def shared_results(results, cohort) -> str:
    """A student's results in their file (`selectors.SharedResult`), each with a link to it and to its plan, built
    in Python as the cohort's rows are: as a template loop, two links and two dates cost half a millisecond a
    result."""
    links = ResultLinks.of("counselling:result", "counselling:plan", cohort.id)
    target, plan = escape(_("target")), escape(_("plan"))
    html = []
    for result in results:
        day, dated, plan_address = links.drawn(result)
        html.append(
            f'<li class="mb-2">{dated}'
            f" · {escape(result.best_role_title)} {result.best_fit} % · {target} {escape(result.target_role_title)}"
            f' · <a href="{plan_address}">{plan}<span class="visually-hidden">'
            f" {escape(_('of %(date)s')) % {'date': day}}</span></a></li>"
        )
    return mark_safe("\n".join(html))  # every value above is escaped
