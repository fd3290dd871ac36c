"""Django admin for catalogue editors."""

import re
from html import escape, unescape

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from accounts.models import User
from careerfit.testing import form_fields
from roles import models as m
from roles.selectors import catalogue_version_number
from roles.services import CATALOGUE_EDITORS

pytestmark = pytest.mark.django_db

ADMIN_MODELS = [
    m.SkillCategory,
    m.Skill,
    m.Prerequisite,
    m.Stage,
    m.Role,
    m.Requirement,
    m.RequirementGroup,
    m.RoadmapStep,
    m.SalaryRange,
    m.RoleQuestion,
    m.Certification,
    m.LearningResource,
    m.EducationPath,
    m.Institution,
    m.Advice,
    m.GuidanceLink,
]


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editor@example.ca", "a-long-password", is_staff=True)
    user.groups.add(Group.objects.get(name=CATALOGUE_EDITORS))
    client.force_login(user)
    return user


def admin_url(model, action: str, *args) -> str:
    return reverse(f"admin:roles_{model._meta.model_name}_{action}", args=args)


def post_form(client, url: str, changes: dict[str, str], form_id: str) -> object:
    """Submit the admin form at `url` as a browser would, with some fields changed."""
    data = form_fields(client.get(url).content.decode(), form_id)
    data.update({name: [value] if isinstance(value, str) else value for name, value in changes.items()})
    return client.post(url, data)


def test_the_editors_group_holds_exactly_the_catalogue_permissions():
    group = Group.objects.get(name=CATALOGUE_EDITORS)
    # The version and the loader's record of the files are bookkeeping, never edited by hand.
    expected = Permission.objects.filter(content_type__app_label="roles").exclude(
        content_type__model__in=["catalogueversion", "cataloguebaseline"]
    )

    assert set(group.permissions.all()) == set(expected)
    assert {p.codename.split("_")[0] for p in group.permissions.all()} == {"add", "change", "delete", "view"}


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda model: model.__name__)
def test_a_catalogue_editor_can_list_add_and_change_every_catalogue_model(client, editor, model):
    first = model.objects.order_by("pk").first()

    assert client.get(admin_url(model, "changelist")).status_code == 200
    assert client.get(admin_url(model, "changelist"), {"q": "a"}).status_code == 200
    assert client.get(admin_url(model, "add")).status_code == 200
    assert client.get(admin_url(model, "change", first.pk)).status_code == 200


def test_staff_without_the_group_are_refused_and_other_users_are_sent_to_log_in(client):
    staff = User.objects.create_user("staff@example.ca", "a-long-password", is_staff=True)
    client.force_login(staff)
    assert client.get(admin_url(m.Role, "changelist")).status_code == 403

    student = User.objects.create_user("student@example.ca", "a-long-password")
    client.force_login(student)
    response = client.get(admin_url(m.Role, "changelist"))
    assert response.status_code == 302 and reverse("admin:login") in response.url


def test_the_catalogue_version_is_read_only_even_for_editors(client, editor):
    assert client.get(reverse("admin:roles_catalogueversion_changelist")).status_code == 403


def inline_prefix(fields: dict, model_name: str) -> str:
    return next(name[: -len("-TOTAL_FORMS")] for name in fields if name.endswith("-TOTAL_FORMS") and model_name in name)


def test_editing_a_requirement_in_the_role_page_saves_it_and_bumps_the_version(client, editor):
    role = m.Role.objects.get(slug="devops-engineer")
    url = admin_url(m.Role, "change", role.pk)
    fields = form_fields(client.get(url).content.decode(), "role_form")
    prefix = inline_prefix(fields, "requirement")
    index = next(
        i for i in range(50) if fields.get(f"{prefix}-{i}-skill") == [str(m.Skill.objects.get(slug="helm").pk)]
    )
    before = catalogue_version_number()

    response = post_form(client, url, {f"{prefix}-{index}-required_level": "4"}, "role_form")

    assert response.status_code == 302
    assert m.Requirement.objects.get(role=role, skill__slug="helm").required_level == 4
    assert catalogue_version_number() > before


def test_an_edit_shows_on_the_roles_public_page_at_once_though_the_page_is_cached(client, editor):
    role = m.Role.objects.get(slug="devops-engineer")
    helm_row = re.compile(
        r'<th scope="row" class="fw-normal">Helm</th>\s*<td><span class="text-nowrap me-2">([^<]+)</span>'
    )
    visitor = Client()
    before = helm_row.search(visitor.get("/roles/devops-engineer/").content.decode()).group(1)
    assert helm_row.search(visitor.get("/roles/devops-engineer/").content.decode()).group(1) == before  # from the cache
    url = admin_url(m.Role, "change", role.pk)
    fields = form_fields(client.get(url).content.decode(), "role_form")
    prefix = inline_prefix(fields, "requirement")
    index = next(
        i for i in range(50) if fields.get(f"{prefix}-{i}-skill") == [str(m.Skill.objects.get(slug="helm").pk)]
    )

    post_form(client, url, {f"{prefix}-{index}-required_level": "5"}, "role_form")

    assert before != "5 · Expert"
    assert helm_row.search(visitor.get("/roles/devops-engineer/").content.decode()).group(1) == "5 · Expert"


def test_an_edited_summary_shows_on_the_role_list_at_once_though_its_cards_are_cached(client, editor):
    role = m.Role.objects.get(slug="devops-engineer")
    visitor = Client()
    assert role.summary in unescape(visitor.get("/roles/").content.decode())
    assert role.summary in unescape(visitor.get("/roles/").content.decode())  # from the cache

    post_form(client, admin_url(m.Role, "change", role.pk), {"summary": "Keeps software shipping."}, "role_form")

    listed = visitor.get("/roles/").content.decode()
    assert "Keeps software shipping." in listed and role.summary not in unescape(listed)


def test_a_renamed_role_shows_on_the_landing_page_at_once_though_its_list_is_cached(client, editor):
    role = m.Role.objects.get(slug="devops-engineer")
    visitor = Client()
    link = '<li><a href="/roles/devops-engineer/">{}</a></li>'
    assert link.format("DevOps Engineer") in visitor.get("/").content.decode()
    assert link.format("DevOps Engineer") in visitor.get("/").content.decode()  # from the cache

    post_form(client, admin_url(m.Role, "change", role.pk), {"title": "DevOps and Platform Engineer"}, "role_form")

    assert link.format("DevOps and Platform Engineer") in visitor.get("/").content.decode()


def test_a_level_out_of_range_is_refused_with_a_clear_message(client, editor):
    role = m.Role.objects.get(slug="devops-engineer")
    url = admin_url(m.Role, "change", role.pk)
    prefix = inline_prefix(form_fields(client.get(url).content.decode(), "role_form"), "requirement")

    response = post_form(client, url, {f"{prefix}-0-required_level": "7"}, "role_form")

    assert response.status_code == 200
    assert "Select a valid choice. 7 is not one of the available choices." in response.content.decode()
    assert set(m.Requirement.objects.filter(role=role).values_list("required_level", flat=True)) <= {1, 2, 3, 4, 5}


def test_a_duplicate_requirement_is_refused_with_a_clear_message(client, editor):
    role = m.Role.objects.get(slug="devops-engineer")
    url = admin_url(m.Role, "change", role.pk)
    fields = form_fields(client.get(url).content.decode(), "role_form")
    prefix = inline_prefix(fields, "requirement")
    total = int(fields[f"{prefix}-TOTAL_FORMS"][0])
    count = m.Requirement.objects.filter(role=role).count()
    docker = str(m.Skill.objects.get(slug="docker").pk)

    # The blank extra row is filled in with a skill the role already requires.
    response = post_form(
        client,
        url,
        {
            f"{prefix}-{total - 1}-skill": docker,
            f"{prefix}-{total - 1}-required_level": "2",
            f"{prefix}-{total - 1}-importance": "nice",
        },
        "role_form",
    )

    assert response.status_code == 200
    assert "Please correct the duplicate data for skill" in response.content.decode()
    assert m.Requirement.objects.filter(role=role).count() == count


def requirement_row(fields: dict, prefix: str, skill: str) -> int:
    pk = str(m.Skill.objects.get(slug=skill).pk)
    return next(i for i in range(60) if fields.get(f"{prefix}-{i}-skill") == [pk])


def test_soft_skills_that_would_decide_a_roles_fit_are_refused(client, editor):
    role = m.Role.objects.get(slug="devops-engineer")
    url = admin_url(m.Role, "change", role.pk)
    fields = form_fields(client.get(url).content.decode(), "role_form")
    prefix = inline_prefix(fields, "requirement")
    row = requirement_row(fields, prefix, "communication")

    response = post_form(
        client, url, {f"{prefix}-{row}-required_level": "5", f"{prefix}-{row}-importance": "core"}, "role_form"
    )

    assert response.status_code == 200
    assert re.search(
        r"Professional \(soft\) skills would carry \d+% of this role&#x27;s possible points; the most allowed is 15%",
        response.content.decode(),
    )
    assert m.Requirement.objects.get(role=role, skill__slug="communication").required_level == 2


def test_a_skill_already_in_an_any_one_of_requirement_cannot_be_required_alone_too(client, editor):
    role = m.Role.objects.get(slug="ai-ml-engineer")
    url = admin_url(m.Role, "change", role.pk)
    fields = form_fields(client.get(url).content.decode(), "role_form")
    prefix = inline_prefix(fields, "requirement")
    total = int(fields[f"{prefix}-TOTAL_FORMS"][0])
    pytorch = str(m.Skill.objects.get(slug="pytorch").pk)

    response = post_form(
        client,
        url,
        {
            f"{prefix}-{total - 1}-skill": pytorch,
            f"{prefix}-{total - 1}-required_level": "3",
            f"{prefix}-{total - 1}-importance": "core",
        },
        "role_form",
    )

    assert response.status_code == 200
    assert "PyTorch is already one of “A deep-learning framework”: keep it in one place." in response.content.decode()
    assert not m.Requirement.objects.filter(role=role, skill__slug="pytorch").exists()


def test_an_editor_adds_a_skill_to_an_any_one_of_requirement_in_its_order(client, editor):
    from roles.selectors import compiled_catalogue

    group = m.RequirementGroup.objects.get(role__slug="data-engineer", name="A batch-and-stream framework")
    url = admin_url(m.RequirementGroup, "change", group.pk)
    fields = form_fields(client.get(url).content.decode(), "requirementgroup_form")
    prefix = inline_prefix(fields, "members")
    total = int(fields[f"{prefix}-TOTAL_FORMS"][0])
    emr = str(m.Skill.objects.get(slug="aws-emr").pk)
    before = catalogue_version_number()

    response = post_form(
        client,
        url,
        {f"{prefix}-{total - 1}-skill": emr, f"{prefix}-{total - 1}-position": "9"},
        "requirementgroup_form",
    )

    assert response.status_code == 302
    [framework] = [g for g in compiled_catalogue().role_by_slug["data-engineer"].any_of if g.name == group.name]
    assert framework.skills == ("apache-beam", "google-dataflow", "aws-emr")
    assert catalogue_version_number() > before


@pytest.mark.parametrize(
    ("skill", "message"),
    [
        ("python", "Python is already required by this role on its own: keep it in one place."),
        ("aws", "Amazon Web Services (AWS) is already one of “A cloud platform”: keep it in one place."),
    ],
)
def test_a_skill_the_role_already_counts_elsewhere_cannot_join_an_any_one_of_requirement(
    client, editor, skill, message
):
    group = m.RequirementGroup.objects.get(role__slug="ai-ml-engineer", name="A deep-learning framework")
    url = admin_url(m.RequirementGroup, "change", group.pk)
    fields = form_fields(client.get(url).content.decode(), "requirementgroup_form")
    prefix = inline_prefix(fields, "members")
    total = int(fields[f"{prefix}-TOTAL_FORMS"][0])
    pk = str(m.Skill.objects.get(slug=skill).pk)

    response = post_form(
        client, url, {f"{prefix}-{total - 1}-skill": pk, f"{prefix}-{total - 1}-position": "9"}, "requirementgroup_form"
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(group.members.values_list("skill__slug", flat=True)) == ["pytorch", "tensorflow", "jax"]


def test_a_prerequisite_cycle_is_refused_with_the_cycle_named(client, editor):
    python = m.Skill.objects.get(slug="python")
    url = admin_url(m.Skill, "change", python.pk)
    fields = form_fields(client.get(url).content.decode(), "skill_form")
    prefix = inline_prefix(fields, "prerequisite")
    total = int(fields[f"{prefix}-TOTAL_FORMS"][0])
    pandas = m.Skill.objects.get(slug="pandas")  # pandas already needs python at level 2

    response = post_form(
        client,
        url,
        {
            f"{prefix}-{total - 1}-required_skill": str(pandas.pk),
            f"{prefix}-{total - 1}-minimum_level": "1",
        },
        "skill_form",
    )

    assert response.status_code == 200
    assert "These prerequisites would make a cycle: pandas → python → pandas." in response.content.decode()
    assert not m.Prerequisite.objects.filter(skill=python).exists()


def test_the_standalone_prerequisite_form_refuses_cycles_too(client, editor):
    url = admin_url(m.Prerequisite, "add")
    response = client.post(
        url,
        {
            "skill": m.Skill.objects.get(slug="linux").pk,
            "required_skill": m.Skill.objects.get(slug="kubernetes").pk,  # kubernetes → docker → linux
            "minimum_level": "1",
        },
    )

    assert "These prerequisites would make a cycle: docker → linux → kubernetes → docker." in response.content.decode()


# ------------------------------------------------------------------------------ an admin an editor can use


def test_a_roles_page_puts_the_requirements_with_their_meaning_right_after_the_basics(client, editor):
    role = m.Role.objects.get(slug="devops-engineer")

    html = client.get(admin_url(m.Role, "change", role.pk)).content.decode()

    order = [
        html.index('name="summary"'),
        html.index("How requirements work"),
        html.index('id="requirements-group"'),
        html.index('id="roadmap_steps-group"'),
        html.index('name="overview"'),
        html.index('name="advantages"'),
    ]
    assert order == sorted(order)
    assert "3 Intermediate (uses it alone in a project)" in html
    assert "core counts three times, important twice, nice to have once" in html
    assert '<option value="3" selected>3 · Intermediate</option>' in html
    folded = re.findall(r"<details><summary>\s*<h2[^>]*>([^<]+)</h2>", html)
    assert {"Overview and the work", "The market", "Pros and cons"} <= {title.strip() for title in folded}


def test_requirement_rows_offer_no_control_that_deletes_the_skill_and_every_control_is_named(client, editor):
    role = m.Role.objects.get(slug="devops-engineer")
    html = client.get(admin_url(m.Role, "change", role.pk)).content.decode()
    group = html[html.index('id="requirements-group"') : html.index('id="roadmap_steps-group"')]

    assert "delete-related" not in group and "change-related" not in group
    controls = [tag for tag in re.findall(r"<(?:select|input)\b[^>]*>", group) if 'type="hidden"' not in tag]
    assert len(controls) > 3 * 25
    assert all("aria-label=" in tag for tag in controls), [t for t in controls if "aria-label=" not in t][:3]
    assert 'aria-label="Delete this requirement"' in group


def test_a_field_added_to_a_model_later_shows_up_in_the_admin_without_changing_it(client, editor, monkeypatch):
    from roles.admin import RoleAdmin

    listed = {name for _, options in RoleAdmin.fieldsets for name in options["fields"]}
    monkeypatch.setattr(
        RoleAdmin,
        "fieldsets",
        [
            (None, {"fields": [f for f in RoleAdmin.fieldsets[0][1]["fields"] if f != "summary"]}),
            *RoleAdmin.fieldsets[1:],
        ],
    )
    role = m.Role.objects.get(slug="devops-engineer")

    html = client.get(admin_url(m.Role, "change", role.pk)).content.decode()

    assert "summary" in listed and 'name="summary"' in html  # not listed any more, yet still editable


def test_an_editor_previews_a_role_that_students_cannot_see_yet(client, editor):
    m.Role.objects.filter(slug="data-engineer").update(published=False, summary="Draft summary.")

    page = client.get(reverse("roles:preview", args=["data-engineer"]))
    change = client.get(admin_url(m.Role, "change", m.Role.objects.get(slug="data-engineer").pk))

    assert page.status_code == 200
    assert "Preview: students cannot see this role yet. It is not published." in page.content.decode()
    assert "Draft summary." in page.content.decode()
    assert 'href="/roles/data-engineer/preview/"' in change.content.decode()
    assert client.get(reverse("roles:detail", args=["data-engineer"])).status_code == 404


def test_each_preview_shows_the_role_as_saved_at_that_moment(client, editor):
    m.Role.objects.filter(slug="data-engineer").update(published=False)
    preview = reverse("roles:preview", args=["data-engineer"])
    first = client.get(preview).content.decode()
    requirement = m.Requirement.objects.filter(role__slug="data-engineer").select_related("skill").first()
    m.Requirement.objects.filter(pk=requirement.pk).update(required_level=1 if requirement.required_level > 1 else 2)
    row = re.compile(
        rf'<th scope="row" class="fw-normal">{re.escape(escape(requirement.skill.name))}</th>\s*<td><span[^>]*>(\d) ·'
    )

    second = client.get(preview).content.decode()

    assert row.search(first).group(1) == str(requirement.required_level)
    assert row.search(second).group(1) == str(m.Requirement.objects.get(pk=requirement.pk).required_level)


def test_the_preview_is_for_catalogue_editors_only(client):
    url = reverse("roles:preview", args=["data-engineer"])

    assert client.get(url).status_code == 302  # to the admin's login
    student = User.objects.create_user("student@example.ca", "a-long-password")
    client.force_login(student)
    assert client.get(url).status_code == 302
    staff = User.objects.create_user("staff@example.ca", "a-long-password", is_staff=True)
    client.force_login(staff)
    assert client.get(url).status_code == 403
