from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def keep_latest_results_titles(apps, schema_editor):
    """The titles each user's latest result recorded for its best role and its target role, as
    `assessments.services.latest_result_refresh` keeps them from now on."""
    User = apps.get_model("accounts", "User")
    Result = apps.get_model("assessments", "Result")
    latest = Result.objects.filter(pk=OuterRef("latest_result"))
    User.objects.update(
        latest_best_role_title=Subquery(latest.values("best_role_title")[:1]),
        latest_target_role_title=Subquery(latest.values("target_role_title")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_latest_result_summary"),
        ("assessments", "0007_alter_answer_options"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="latest_best_role_title",
            field=models.CharField(blank=True, editable=False, max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="user",
            name="latest_target_role_title",
            field=models.CharField(blank=True, editable=False, max_length=120, null=True),
        ),
        migrations.RunPython(keep_latest_results_titles, migrations.RunPython.noop),
    ]
