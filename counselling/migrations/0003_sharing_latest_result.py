from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_latest_results_times(apps, schema_editor):
    """Each sharing's copy of its student's latest result time, as `assessments.services.latest_result_refresh`
    keeps it from now on."""
    Membership = apps.get_model("counselling", "Membership")
    User = apps.get_model("accounts", "User")
    Membership.objects.update(
        latest_result_at=Subquery(User.objects.filter(pk=OuterRef("student_id")).values("latest_result_at")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("counselling", "0002_guardian_consent"),
        ("accounts", "0005_latest_result_summary"),
    ]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="latest_result_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(copy_latest_results_times, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="membership",
            index=models.Index(
                models.F("cohort"),
                models.Q(("latest_result_at__isnull", True)),
                models.OrderBy(models.F("latest_result_at"), descending=True),
                condition=models.Q(("ended_at__isnull", True)),
                name="counselling_membership_latest",
            ),
        ),
    ]
