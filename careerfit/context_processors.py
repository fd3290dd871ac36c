"""What every page's template needs from the request."""

from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest

# The menu's entries (templates/base.html), by view name: the one for the page shown is marked aria-current.
MENU = frozenset(
    {"roles:list", "assessments:history", "counselling:sharing", "counselling:dashboard", "accounts:account"}
)


def menu(request: HttpRequest) -> dict:
    """`menu_current`: the menu entry for this page, or "". With who is signed in and the language, it decides
    the whole header, so base.html draws the header once per worker for each (careerfit/templatetags/site.py)."""
    match = getattr(request, "resolver_match", None)
    return {"menu_current": match.view_name if match is not None and match.view_name in MENU else ""}


def assets(request: HttpRequest) -> dict:
    """`assets_version`: the hash of the static files' manifest ("" where their names carry no hash, as with
    DEBUG). base.html draws the page head and footer, which link to those files, once for each, so new static
    files are never linked by their old names."""
    return {"assets_version": getattr(staticfiles_storage, "manifest_hash", "")}
