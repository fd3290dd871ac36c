"""`load_catalogue` and `export_catalogue` against the database: files and the admin never undo each other."""

import difflib
import io
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from ruamel.yaml import YAML

from roles import models as m
from roles.catalogue_db import Writer, read_catalogue
from roles.selectors import catalogue_version_number

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def copy_catalogue(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(settings.CATALOGUE_DIR, target)
    return target


def edit_yaml(path: Path, change) -> None:
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    document = yaml.load(path.read_text(encoding="utf-8"))
    change(document)
    with path.open("w", encoding="utf-8") as file:
        yaml.dump(document, file)


def role_entry(document, slug: str):
    return next(role for role in document["roles"] if role["slug"] == slug)


def requirement(role: str, skill: str) -> m.Requirement:
    return m.Requirement.objects.get(role__slug=role, skill__slug=skill)


def test_loading_the_shipped_catalogue_again_changes_nothing_and_says_so():
    version = catalogue_version_number()

    output = run("load_catalogue")

    assert "already up to date" in output and "nothing changed" in output
    assert catalogue_version_number() == version


@pytest.mark.django_db(transaction=True)
def test_a_first_load_into_an_empty_database_reports_what_it_created_and_nothing_else():
    from django.core.management import call_command as command

    command("flush", "--noinput", verbosity=0)

    output = run("load_catalogue")

    assert "created 14 roles" in output and "created 253 requirements" in output
    assert "created 24 “any one of” requirements" in output
    assert "updated" not in output


def test_a_bad_file_reports_every_problem_and_leaves_the_database_exactly_as_it_was(tmp_path):
    catalogue = copy_catalogue(tmp_path)

    def break_it(document):
        document["roles"][0]["requirements"][0]["level"] = 9
        document["roles"][1]["requirements"].append({"skill": "cobol", "level": 2, "importance": "core"})
        document["roles"][2]["title"] = "Totally New Title"  # a valid change that must not be applied either

    edit_yaml(catalogue / "roles.yaml", break_it)
    before, version = read_catalogue(), catalogue_version_number()
    errors = io.StringIO()

    with pytest.raises(CommandError, match="2 problems found .* the database was not changed"):
        call_command("load_catalogue", str(catalogue), stdout=io.StringIO(), stderr=errors)

    assert "'level' must be a level from 1 to 5, not 9" in errors.getvalue()
    assert "unknown skill 'cobol'" in errors.getvalue()
    assert read_catalogue() == before
    assert catalogue_version_number() == version


def test_a_change_in_the_files_updates_only_that_row(tmp_path):
    catalogue = copy_catalogue(tmp_path)
    edit_yaml(catalogue / "roles.yaml", lambda d: role_entry(d, "devops-engineer")["requirements"][0].update(level=4))

    output = run("load_catalogue", str(catalogue))

    assert output.splitlines()[0].strip() == "updated 1 requirements"
    assert requirement("devops-engineer", "linux").required_level == 4


def test_entries_matched_by_a_key_keep_the_files_order_too(tmp_path, client):
    catalogue = copy_catalogue(tmp_path)
    edit_yaml(catalogue / "roles.yaml", lambda d: role_entry(d, "ai-ml-engineer")["salaries"].reverse())

    run("load_catalogue", str(catalogue))

    [role] = [role for role in read_catalogue().roles if role.slug == "ai-ml-engineer"]
    labels = [salary.label for salary in role.salaries]
    assert labels[0] == "Contract, Ontario" and labels[-1] == "Canada"
    html = client.get("/roles/ai-ml-engineer/").content.decode()
    assert html.index("Contract, Ontario") < html.index("Entry level (0–2 years), Ontario")


def test_an_admin_edit_survives_the_load_that_make_run_does(admin_client):
    devops_linux = requirement("devops-engineer", "linux")
    role = devops_linux.role
    page = admin_client.get(f"/admin/roles/role/{role.pk}/change/")
    from careerfit.testing import form_fields

    data = form_fields(page.content.decode(), "role_form")
    index = next(i for i in range(60) if data.get(f"requirements-{i}-id") == [str(devops_linux.pk)])
    data[f"requirements-{index}-required_level"] = ["5"]
    assert admin_client.post(f"/admin/roles/role/{role.pk}/change/", data).status_code == 302
    assert requirement("devops-engineer", "linux").required_level == 5

    output = run("load_catalogue")  # what `make run` and the deploy steps run

    assert requirement("devops-engineer", "linux").required_level == 5
    assert "nothing changed" in output


def test_changes_to_different_parts_of_one_role_on_each_side_are_both_kept(tmp_path):
    catalogue = copy_catalogue(tmp_path)
    m.Role.objects.filter(slug="data-engineer").update(summary="Edited in the admin.")
    edit_yaml(catalogue / "roles.yaml", lambda d: role_entry(d, "data-engineer")["requirements"][0].update(level=4))

    output = run("load_catalogue", str(catalogue))

    assert m.Role.objects.get(slug="data-engineer").summary == "Edited in the admin."
    first = role_entry(YAML().load(catalogue / "roles.yaml"), "data-engineer")["requirements"][0]["skill"]
    assert requirement("data-engineer", first).required_level == 4
    assert "both in the files and in the admin" not in output


def test_a_change_made_on_both_sides_is_reported_and_the_admins_kept_unless_forced(tmp_path):
    catalogue = copy_catalogue(tmp_path)
    m.Requirement.objects.filter(role__slug="devops-engineer", skill__slug="linux").update(required_level=5)
    edit_yaml(catalogue / "roles.yaml", lambda d: role_entry(d, "devops-engineer")["requirements"][0].update(level=4))

    output = run("load_catalogue", str(catalogue))

    assert "1 change made both in the files and in the admin since the last load:" in output
    assert "roles[devops-engineer].requirements[linux].level: the database has 5, the files have 4" in output
    assert "kept the database's" in output and "--force" in output
    assert requirement("devops-engineer", "linux").required_level == 5

    output = run("load_catalogue", str(catalogue), "--force")

    assert "took the files'" in output
    assert requirement("devops-engineer", "linux").required_level == 4


def test_a_requirement_removed_from_the_files_goes_unless_the_admin_changed_it(tmp_path):
    catalogue = copy_catalogue(tmp_path)
    m.Requirement.objects.filter(role__slug="devops-engineer", skill__slug="helm").update(required_level=4)

    def drop(document):
        role = role_entry(document, "devops-engineer")
        for skill in ("software-testing", "helm"):
            index = next(i for i, r in enumerate(role["requirements"]) if r["skill"] == skill)
            del role["requirements"][index]

    edit_yaml(catalogue / "roles.yaml", drop)

    output = run("load_catalogue", str(catalogue))

    assert not m.Requirement.objects.filter(role__slug="devops-engineer", skill__slug="software-testing").exists()
    assert requirement("devops-engineer", "helm").required_level == 4
    assert "roles[devops-engineer].requirements[helm]: the database has" in output


def admin_adds_rust_to_devops():
    """A skill and a requirement added in the admin, not in the files."""
    role = m.Role.objects.get(slug="devops-engineer")
    rust = m.Skill.objects.create(
        slug="rust",
        name="Rust",
        category=m.SkillCategory.objects.get(slug="programming"),
        **{f"descriptor_{i}": f"I can do {i}." for i in range(1, 6)},
        **{f"hours_to_level_{i}": i for i in range(1, 6)},
    )
    m.Requirement.objects.create(role=role, skill=rust, required_level=2, importance="nice")
    return role, rust


def test_rows_admins_added_are_kept_unless_pruned():
    role, rust = admin_adds_rust_to_devops()

    assert "nothing changed" in run("load_catalogue")
    assert m.Requirement.objects.filter(role=role, skill=rust).exists()

    output = run("load_catalogue", "--prune")

    assert "deleted 1 requirements" in output and "deleted 1 skills" in output
    assert not m.Skill.objects.filter(slug="rust").exists()
    assert "nothing changed" in run("load_catalogue", "--prune")


def test_a_load_the_database_refuses_half_way_changes_nothing_as_it_says(monkeypatch):
    role, rust = admin_adds_rust_to_devops()
    role.summary = "An admin's summary."
    role.save()
    deletes = []

    def delete_then_refuse(writer, queryset):
        deletes.append(queryset.model)
        queryset.delete()  # the rows go, as far as this transaction knows...
        raise IntegrityError("simulated: the database refused the last delete")

    monkeypatch.setattr(Writer, "delete", delete_then_refuse)

    with pytest.raises(CommandError, match="the database was not changed"):
        run("load_catalogue", "--prune", "--force")

    assert deletes, "the load reached its deletes"
    assert m.Skill.objects.filter(slug="rust").exists()
    assert m.Requirement.objects.filter(role=role, skill=rust).exists()
    assert m.Role.objects.get(slug="devops-engineer").summary == "An admin's summary."


def test_pruning_never_touches_a_section_the_files_leave_out(tmp_path):
    only_guidance = tmp_path / "guidance.yaml"
    shutil.copy(settings.CATALOGUE_DIR / "guidance.yaml", only_guidance)
    edit_yaml(only_guidance, lambda d: d.pop("advice"))  # advice refers to roles, which this file lacks

    run("load_catalogue", str(only_guidance), "--prune")

    assert m.Role.objects.count() == 14
    assert m.Advice.objects.count() == 11


def test_one_file_loads_on_its_own_against_what_the_database_holds(tmp_path):
    roles = tmp_path / "roles.yaml"
    shutil.copy(settings.CATALOGUE_DIR / "roles.yaml", roles)
    edit_yaml(roles, lambda d: role_entry(d, "devops-engineer")["requirements"][0].update(level=4))

    output = run("load_catalogue", str(roles))

    assert "updated 1 requirements" in output
    edit_yaml(
        roles,
        lambda d: role_entry(d, "devops-engineer")["requirements"].append(
            {"skill": "cobol", "level": 2, "importance": "core"}
        ),
    )
    errors = io.StringIO()
    with pytest.raises(CommandError, match="1 problem found"):
        call_command("load_catalogue", str(roles), stdout=io.StringIO(), stderr=errors)
    assert "roles[devops-engineer].requirements[cobol].skill: unknown skill 'cobol'" in errors.getvalue()


def test_a_name_already_used_by_another_row_is_refused_clearly(tmp_path):
    catalogue = copy_catalogue(tmp_path)
    m.Stage.objects.create(slug="retiree", name="Retiree")
    edit_yaml(catalogue / "guidance.yaml", lambda d: d["stages"][0].update(name="Retiree"))
    before = read_catalogue()
    errors = io.StringIO()

    with pytest.raises(CommandError, match="was not loaded"):
        call_command("load_catalogue", str(catalogue), stdout=io.StringIO(), stderr=errors)

    assert "the name 'Retiree' is already used by 'high-school'" in errors.getvalue()
    assert read_catalogue() == before


def test_export_with_no_edits_reproduces_the_shipped_files_byte_for_byte(tmp_path):
    exported = tmp_path / "exported"

    run("export_catalogue", str(exported))

    assert sorted(p.name for p in exported.iterdir()) == sorted(p.name for p in settings.CATALOGUE_DIR.glob("*.yaml"))
    for shipped in settings.CATALOGUE_DIR.glob("*.yaml"):
        assert (exported / shipped.name).read_bytes() == shipped.read_bytes(), shipped.name


def test_one_admin_edit_exports_as_a_diff_of_that_edit_alone(tmp_path):
    m.Requirement.objects.filter(role__slug="devops-engineer", skill__slug="helm").update(required_level=4)
    m.Skill.objects.filter(slug="python").update(hours_to_level_3=100)
    exported = tmp_path / "exported"

    run("export_catalogue", str(exported))

    changed = []
    for shipped in sorted(settings.CATALOGUE_DIR.glob("*.yaml")):
        before, after = shipped.read_text().splitlines(), (exported / shipped.name).read_text().splitlines()
        changed += [line for line in difflib.unified_diff(before, after, lineterm="", n=0) if line[:1] in "+-"]
    changed = [line for line in changed if not line.startswith(("+++", "---"))]
    assert changed == [
        "-      - {skill: helm, level: 2, importance: important}",
        "+      - {skill: helm, level: 4, importance: important}",
        "-    hours: [4, 30, 90, 250, 600]",
        "+    hours: [4, 30, 100, 250, 600]",
    ]


def test_an_exported_catalogue_loads_back_as_the_same_catalogue(tmp_path):
    m.Role.objects.filter(slug="data-engineer").update(summary="Edited in the admin.")
    before = read_catalogue()
    exported = tmp_path / "exported"

    run("export_catalogue", str(exported))

    assert "nothing changed" in run("load_catalogue", str(exported))
    assert read_catalogue() == before
    assert "summary: >-\n      Edited in the admin.\n" in (exported / "roles.yaml").read_text()
