from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from roles import selectors


def role_list(request: HttpRequest) -> HttpResponse:
    return render(request, "roles/role_list.html", {"roles": selectors.compiled_catalogue().roles})


def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors.role_page(slug=slug)
    if page is None:
        raise Http404("No published role has this address.")
    return render(request, "roles/role_detail.html", {"page": page, "role": page.role})
