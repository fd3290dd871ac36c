"""My assessments' lists, drawn in Python as the cohort's rows are: as template loops, each result's two links,
its date and its words cost about 0.3 ms, and each unfinished assessment's about the same, most of the page's
time. Each address is found once a list (`ANY_ID`), each word translated once a list."""

from html import escape

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.presenters import ResultLinks
from careerfit.addresses import ANY_ID, address

register = template.Library()


@register.simple_tag
def result_lines(results, current_fingerprint: str) -> str:
    """The table rows of a student's results (`selectors.ResultLine`): the date, linked to the result, and
    whether it was re-scored; the best fit; the target role, linked to its plan; and whether the result was
    scored with today's catalogue or an older one."""
    links = ResultLinks.of("assessments:result", "assessments:plan")
    current, older = escape(_("current")), escape(_("older"))
    rows = []
    for result in results:
        _day, dated, plan_address = links.drawn(result)
        rows.append(
            f'<tr>\n<th scope="row" class="fw-normal">{dated}</th>\n'
            f"<td>{escape(result.best_role_title)} · {result.best_fit} %</td>\n"
            f'<td><a href="{plan_address}">{escape(result.target_role_title)}</a></td>\n'
            f"<td>{current if result.fingerprint == current_fingerprint else older}</td>\n</tr>"
        )
    return mark_safe("\n".join(rows))  # every value above is escaped


@register.simple_tag
def draft_lines(drafts) -> str:
    """The list items of a student's unfinished assessments (`selectors.DraftLine`): when each was last saved,
    linked to go on with it; how many answers it holds; and a link to delete it."""
    resume_url, delete_url = (escape(address(name, ANY_ID)) for name in ("assessments:resume", "assessments:delete"))
    any_id, saved_on = str(ANY_ID), escape(_("Assessment last saved on %(date)s"))
    delete = f'{escape(_("Delete"))}<span class="visually-hidden"> {escape(_("this assessment in progress"))}</span>'
    date_format, here = get_format("DATE_FORMAT"), timezone.get_current_timezone()
    items = []
    for draft in drafts:
        ident, count = str(draft.id), draft.answer_count
        day = escape(format_date(draft.updated_at.astimezone(here).date(), date_format))
        answers = escape(ngettext("%(counter)s answer", "%(counter)s answers", count) % {"counter": count})
        items.append(
            f'<li class="mb-2">\n<a href="{resume_url.replace(any_id, ident)}">{saved_on % {"date": day}}</a>\n'
            f'<span class="text-body-secondary">· {answers}</span>\n'
            f'· <a href="{delete_url.replace(any_id, ident)}" class="link-danger">{delete}</a>\n</li>'
        )
    return mark_safe("\n".join(items))  # every value above is escaped
