from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from roles import selectors


@require_safe
def role_list(request: HttpRequest) -> HttpResponse:
    return render(request, "roles/role_list.html", {"roles": selectors.compiled_catalogue().roles})


@require_safe
def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors.role_page(slug=slug)
    if page is None:
        raise Http404("No published role has this address.")
    return render(request, "roles/role_detail.html", {"page": page, "role": page.role})


@staff_member_required
@require_safe
def role_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The public page of a role as an editor left it, published or not."""
    if not request.user.has_perm("roles.view_role"):
        raise PermissionDenied
    page = selectors.role_preview(slug=slug)
    if page is None:
        raise Http404("No role has this address.")
    return render(request, "roles/role_detail.html", {"page": page, "role": page.role, "preview": True})
