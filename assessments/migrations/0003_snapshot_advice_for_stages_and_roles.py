"""Catalogue snapshots (and the advice inside saved plans) follow advice's new shape: a piece of advice is
for a set of stages and about a set of roles, instead of one stage and one role (roles 0004).

Self-contained JSON to JSON, as 0002: nothing here changes when the app does.
"""

from django.db import migrations


def _advice(advice: dict) -> dict:
    if "stages" in advice:
        return advice
    converted = {key: value for key, value in advice.items() if key not in ("stage", "role")}
    converted["stages"] = [advice["stage"]] if advice.get("stage") else []
    converted["roles"] = [advice["role"]] if advice.get("role") else []
    return converted


def forward(apps, schema_editor):
    CatalogueSnapshot = apps.get_model("assessments", "CatalogueSnapshot")
    Result = apps.get_model("assessments", "Result")
    for snapshot in CatalogueSnapshot.objects.iterator():
        data = snapshot.data
        if data.get("format") == 2:
            snapshot.data = {**data, "format": 3, "advice": [_advice(a) for a in data.get("advice", ())]}
            snapshot.save(update_fields=["data"])
    for result in Result.objects.only("id", "plan").iterator():
        education = (result.plan or {}).get("education")
        if education and any("stages" not in a for a in education.get("advice", ())):
            result.plan = {**result.plan, "education": {**education, "advice": [_advice(a) for a in education["advice"]]}}
            result.save(update_fields=["plan"])


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_results_in_the_catalogues_shape")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop, elidable=False)]
