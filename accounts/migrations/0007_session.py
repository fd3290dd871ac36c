import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def _move(source, target) -> None:
    """Every live session from one table to the other, in batches; the source is emptied."""
    live = source.objects.filter(expire_date__gt=timezone.now()).order_by("pk")
    batch = []
    for session in live.iterator(chunk_size=2000):
        batch.append(target(session_key=session.pk, session_data=session.session_data, expire_date=session.expire_date))
        if len(batch) == 2000:
            target.objects.bulk_create(batch)
            batch = []
    target.objects.bulk_create(batch)
    source.objects.all().delete()


def sessions_in(apps, schema_editor):
    """Those signed in stay signed in, and anonymous students keep their drafts: each session moves across. Its
    person's id is written at its next save (within a minute of use, careerfit.middleware); until then the
    person is read with a query of their own, as before."""
    _move(apps.get_model("sessions", "Session"), apps.get_model("accounts", "Session"))


def sessions_out(apps, schema_editor):
    _move(apps.get_model("accounts", "Session"), apps.get_model("sessions", "Session"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_latest_result_titles"),
        ("sessions", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Session",
            fields=[
                (
                    "session_key",
                    models.CharField(max_length=40, primary_key=True, serialize=False, verbose_name="session key"),
                ),
                ("session_data", models.TextField(verbose_name="session data")),
                ("expire_date", models.DateTimeField(db_index=True, verbose_name="expire date")),
                (
                    "user",
                    models.ForeignKey(
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "session",
                "verbose_name_plural": "sessions",
                "abstract": False,
            },
        ),
        migrations.RunPython(sessions_in, sessions_out),
    ]
