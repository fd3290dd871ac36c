"""The catalogue admin in a real browser: what an editor uses passes WCAG 2.2 AA in light and dark."""

import pytest
from django.contrib.auth.models import Group

from accounts.models import User
from roles import models as m
from roles.services import CATALOGUE_EDITORS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITOR_PAGES = [
    ("role", "change"),
    ("role", "add"),
    ("role", "changelist"),
    ("skill", "change"),
    ("requirement", "change"),
    ("certification", "change"),
    ("skillcategory", "changelist"),
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_pages_an_editor_uses_pass_axe(chromium, live_server, shipped_catalogue, scheme):
    from conftest import BrowserPage

    editor = User.objects.create_user("editor@example.ca", "a-long-password-1", is_staff=True)
    editor.groups.add(Group.objects.get(name=CATALOGUE_EDITORS))
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = BrowserPage(context.new_page(), live_server.url)
    page.goto("/admin/login/")
    page.page.fill("#id_username", "editor@example.ca")
    page.page.fill("#id_password", "a-long-password-1")
    with page.page.expect_navigation():
        page.page.click("input[type=submit]")
    role = m.Role.objects.get(slug="devops-engineer")
    ids = {"role": role.pk, "skill": m.Skill.objects.get(slug="docker").pk}
    ids["requirement"] = role.requirements.first().pk
    ids["certification"] = m.Certification.objects.first().pk

    for model, action in EDITOR_PAGES:
        path = f"/admin/roles/{model}/" + (
            f"{ids[model]}/change/" if action == "change" else "add/" if action == "add" else ""
        )
        response = page.goto(path)
        assert response.status == 200, path
        page.page.wait_for_load_state("networkidle")
        page.assert_accessible(wcag22=True)
        width = page.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1280, f"{path} is {width} px wide"
    page.goto(f"/roles/{role.slug}/preview/")
    page.assert_accessible(wcag22=True)
    context.close()
    assert page.errors == [], "\n".join(page.errors)
