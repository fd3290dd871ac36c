"""`load_catalogue` and `export_catalogue` against the database."""

import io
import shutil
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command

from roles import models as m
from roles.selectors import catalogue_data_from_db, catalogue_version_number

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
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_loading_the_shipped_catalogue_again_changes_nothing_and_says_so():
    version = catalogue_version_number()

    output = run("load_catalogue")

    assert "already up to date" in output and "nothing changed" in output
    assert catalogue_version_number() == version


def test_a_bad_file_reports_every_problem_and_leaves_the_database_exactly_as_it_was(tmp_path):
    catalogue = copy_catalogue(tmp_path)

    def break_it(document):
        document["roles"][0]["requirements"][0]["level"] = 9
        document["roles"][1]["requirements"].append({"skill": "cobol", "level": 2, "importance": "core"})
        document["roles"][2]["title"] = "Totally New Title"  # a valid change that must not be applied either

    edit_yaml(catalogue / "roles.yaml", break_it)
    before, version = catalogue_data_from_db(), catalogue_version_number()
    errors = io.StringIO()

    with pytest.raises(CommandError, match="2 problems found .* the database was not changed"):
        call_command("load_catalogue", str(catalogue), stdout=io.StringIO(), stderr=errors)

    assert "level 9 is outside 1–5" in errors.getvalue()
    assert "unknown skill 'cobol'" in errors.getvalue()
    assert catalogue_data_from_db() == before
    assert catalogue_version_number() == version


def test_a_valid_change_updates_only_that_row(tmp_path):
    catalogue = copy_catalogue(tmp_path)
    edit_yaml(catalogue / "roles.yaml", lambda d: d["roles"][3]["requirements"][0].update(level=4))

    output = run("load_catalogue", str(catalogue))

    assert output.splitlines()[0].strip() == "updated 1 requirements"
    devops_linux = m.Requirement.objects.get(role__slug="devops-engineer", skill__slug="linux")
    assert devops_linux.required_level == 4


def test_rows_admins_added_are_kept_unless_pruned(tmp_path):
    role = m.Role.objects.get(slug="devops-engineer")
    category = m.SkillCategory.objects.get(slug="programming")
    rust = m.Skill.objects.create(
        slug="rust",
        name="Rust",
        category=category,
        **{f"descriptor_{i}": f"I can do {i}." for i in range(1, 6)},
        **{f"hours_to_level_{i}": i for i in range(1, 6)},
    )
    m.Requirement.objects.create(role=role, skill=rust, required_level=2, importance="nice")

    assert "nothing changed" in run("load_catalogue")
    assert m.Requirement.objects.filter(role=role, skill=rust).exists()

    output = run("load_catalogue", "--prune")

    assert "deleted 1 requirements" in output and "deleted 1 skills" in output
    assert not m.Skill.objects.filter(slug="rust").exists()
    assert "nothing changed" in run("load_catalogue", "--prune")


def test_pruning_never_touches_a_section_the_files_leave_out(tmp_path):
    only_guidance = tmp_path / "guidance.yaml"
    shutil.copy(settings.CATALOGUE_DIR / "guidance.yaml", only_guidance)
    edit_yaml(only_guidance, lambda d: d.pop("advice"))  # advice refers to roles, which this file lacks

    run("load_catalogue", str(only_guidance), "--prune")

    assert m.Role.objects.count() == 7
    assert m.Advice.objects.count() == 10


def test_a_name_already_used_by_another_row_is_refused_clearly(tmp_path):
    catalogue = copy_catalogue(tmp_path)
    m.Stage.objects.create(slug="retiree", name="Retiree")
    edit_yaml(catalogue / "guidance.yaml", lambda d: d["stages"][0].update(name="Retiree"))
    before = catalogue_data_from_db()
    errors = io.StringIO()

    with pytest.raises(CommandError, match="was not loaded"):
        call_command("load_catalogue", str(catalogue), stdout=io.StringIO(), stderr=errors)

    assert "name 'Retiree' is already used by 'retiree'" in errors.getvalue()
    assert catalogue_data_from_db() == before


def test_export_then_load_is_a_round_trip_that_keeps_admin_edits(tmp_path):
    m.Role.objects.filter(slug="data-engineer").update(summary="Edited in the admin.")
    m.Skill.objects.filter(slug="python").update(hours_to_level_3=100)
    before = catalogue_data_from_db()
    exported = tmp_path / "exported"

    run("export_catalogue", str(exported))

    assert sorted(p.name for p in exported.iterdir()) == [
        "certifications.yaml",
        "guidance.yaml",
        "resources.yaml",
        "roles.yaml",
        "skills.yaml",
    ]
    assert (exported / "roles.yaml").read_text().startswith("# CareerFit catalogue: roles.\n#\n# How required levels")
    assert "nothing changed" in run("load_catalogue", str(exported))
    # Loading the export into a database that differs restores exactly the exported catalogue.
    run("load_catalogue")
    assert catalogue_data_from_db() != before
    run("load_catalogue", str(exported))
    assert catalogue_data_from_db() == before
    assert m.Role.objects.get(slug="data-engineer").summary == "Edited in the admin."
