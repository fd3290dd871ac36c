from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from roles import models as m
from roles import selectors


def role_list(request: HttpRequest) -> HttpResponse:
    return render(request, "roles/role_list.html", {"roles": selectors.role_list()})


def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        role = selectors.role_detail(slug=slug)
    except m.Role.DoesNotExist:
        raise Http404("No published role has this address.") from None
    requirements_by_category: dict[m.SkillCategory, list[m.Requirement]] = {}
    for requirement in role.requirements.all():
        requirements_by_category.setdefault(requirement.skill.category, []).append(requirement)
    guidance = selectors.guidance()
    return render(
        request,
        "roles/role_detail.html",
        {
            "role": role,
            "requirements_by_category": requirements_by_category,
            "advice": role.advice.all(),
            "education_paths": guidance["education_paths"],
            "universities": [i for i in guidance["institutions"] if i.kind == m.InstitutionKind.UNIVERSITY],
            "colleges": [i for i in guidance["institutions"] if i.kind == m.InstitutionKind.COLLEGE],
            "links": guidance["links"],
        },
    )
