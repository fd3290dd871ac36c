"""A field declared once in roles/schema.py reaches every reader of the catalogue.

The role's NOC 2021 code was added by declaring it in `roles.schema.Role` and on the `Role` model (with
its migration) and nothing else; this test follows it through every place the catalogue goes.
"""

import io
import shutil

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from ruamel.yaml import YAML

from roles import models as m
from roles.compiled import CompiledCatalogue
from roles.selectors import compiled_catalogue

pytestmark = pytest.mark.django_db


def with_noc_code(tmp_path, code):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(settings.CATALOGUE_DIR, catalogue)
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    document = yaml.load(catalogue / "roles.yaml")
    devops = next(role for role in document["roles"] if role["slug"] == "devops-engineer")
    devops.insert(3, "noc_code", code)
    with (catalogue / "roles.yaml").open("w") as file:
        yaml.dump(document, file)
    return catalogue


def test_a_new_field_is_checked_stored_compiled_snapshotted_served_exported_and_editable(tmp_path, admin_client):
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "load_catalogue", str(with_noc_code(tmp_path / "bad", "2123")), stdout=io.StringIO(), stderr=errors
        )
    assert "'noc_code' must be a five-digit NOC 2021 code, such as 21231, not '2123'" in errors.getvalue()

    call_command("load_catalogue", str(with_noc_code(tmp_path, "21231")), stdout=io.StringIO())

    assert m.Role.objects.get(slug="devops-engineer").noc_code == "21231"  # the database
    catalogue = compiled_catalogue()
    assert catalogue.role_by_slug["devops-engineer"].noc_code == "21231"  # the engine's catalogue
    copy = CompiledCatalogue.from_dict(catalogue.to_dict())
    assert copy.role_by_slug["devops-engineer"].noc_code == "21231"  # a result's snapshot
    roles = admin_client.get("/api/v1/roles").json()
    assert next(r for r in roles if r["slug"] == "devops-engineer")["noc_code"] == "21231"  # the API
    schema = admin_client.get("/api/v1/openapi.json").json()
    assert "noc_code" in schema["components"]["schemas"]["RoleOut"]["properties"]  # its schema
    exported = tmp_path / "exported"
    call_command("export_catalogue", str(exported), stdout=io.StringIO())
    assert "    noc_code: '21231'\n" in (exported / "roles.yaml").read_text()  # the files
    role = m.Role.objects.get(slug="devops-engineer")
    page = admin_client.get(f"/admin/roles/role/{role.pk}/change/").content.decode()
    assert 'name="noc_code"' in page and 'value="21231"' in page  # the admin
