import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def point_at_latest_results(apps, schema_editor):
    """Each user's most recent result, as `assessments.services.latest_result_refresh` keeps it from now on."""
    User = apps.get_model("accounts", "User")
    Result = apps.get_model("assessments", "Result")
    User.objects.update(
        latest_result=Subquery(
            Result.objects.filter(assessment__owner=OuterRef("pk")).order_by("-created_at").values("id")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_email_confirmed"),
        ("assessments", "0006_target_requirements"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="latest_result",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="assessments.result",
            ),
        ),
        migrations.RunPython(point_at_latest_results, migrations.RunPython.noop),
    ]
