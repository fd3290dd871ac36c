from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from roles import selectors
from roles.choices import LEVEL_YEARS_SOURCE
from roles.forms import RoleFilterForm


@require_safe
def role_list(request: HttpRequest) -> HttpResponse:
    """Every published role, narrowed by a search and a level; bad filters are named and filter nothing."""
    catalogue = selectors.compiled_catalogue()
    roles = catalogue.roles
    form = RoleFilterForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    shown = [role for role in roles if form.matches(role)] if form.is_bound and valid else roles
    context = {
        "roles": roles,
        "shown": shown,
        "form": form,
        # The cards are cached by the catalogue's content and the roles shown ({% cache %} hashes the long key).
        "catalogue_key": catalogue.fingerprint,
        "shown_key": " ".join(role.slug for role in shown),
    }
    return render(request, "roles/role_list.html", context, status=200 if valid else 400)


@require_safe
def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    catalogue = selectors.compiled_catalogue()
    page = selectors.role_page(slug=slug, catalogue=catalogue)
    if page is None:
        raise Http404("No published role has this address.")
    # The page's body is cached by the catalogue's content: any edit an admin publishes changes the key.
    return render(request, "roles/role_detail.html", {**_detail_context(page), "catalogue_key": catalogue.fingerprint})


@staff_member_required
@require_safe
def role_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The public page of a role as an editor left it, published or not."""
    if not request.user.has_perm("roles.view_role"):
        raise PermissionDenied
    page = selectors.role_preview(slug=slug)
    if page is None:
        raise Http404("No role has this address.")
    return render(request, "roles/role_detail.html", {**_detail_context(page), "preview": True})


def _detail_context(page: selectors.RolePage) -> dict:
    return {"page": page, "role": page.role, "level_years_source": LEVEL_YEARS_SOURCE}
