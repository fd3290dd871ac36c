from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def keep_latest_results_sort_keys(apps, schema_editor):
    """Each user's most recent result with its time, best fit and target role, as `assessments.services.latest_result_refresh`
    keeps them from now on."""
    User = apps.get_model("accounts", "User")
    Result = apps.get_model("assessments", "Result")
    newest = Result.objects.filter(assessment__owner=OuterRef("pk")).order_by("-created_at", "-id")
    User.objects.update(
        latest_result=Subquery(newest.values("id")[:1]),
        latest_result_at=Subquery(newest.values("created_at")[:1]),
        latest_best_fit=Subquery(newest.values("best_fit")[:1]),
        latest_target_role=Subquery(newest.values("target_role")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_latest_result"),
        ("assessments", "0006_target_requirements"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="latest_result_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="user",
            name="latest_best_fit",
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="user",
            name="latest_target_role",
            field=models.SlugField(blank=True, db_index=False, editable=False, null=True),
        ),
        migrations.RunPython(keep_latest_results_sort_keys, migrations.RunPython.noop),
    ]
