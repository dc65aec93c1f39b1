"""A request remembers the sessions it asked for (so its link confirms them after a newer
request took them over), and a confirmed place on the waitlist carries ``confirmed_at``."""

from django.db import migrations, models


def backfill(apps, schema_editor):
    """Each request asked for the sessions of its registrations; a waitlisted registration of a
    confirmed request was confirmed when its request was."""
    Registration = apps.get_model("registrations", "Registration")
    RegistrationRequest = apps.get_model("registrations", "RegistrationRequest")
    Through = RegistrationRequest.sessions.through
    rows = Registration.objects.values_list("request_id", "session_id").iterator()
    Through.objects.bulk_create(
        (Through(registrationrequest_id=r, session_id=s) for r, s in rows), batch_size=1000
    )
    waiting = Registration.objects.filter(
        status="waitlisted", confirmed_at__isnull=True, request__confirmed_at__isnull=False
    ).select_related("request")
    for registration in waiting.iterator():
        registration.confirmed_at = registration.request.confirmed_at
        registration.save(update_fields=["confirmed_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0002_topics"),
        ("registrations", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="registrationrequest",
            name="sessions",
            field=models.ManyToManyField(
                related_name="+", to="programme.session", verbose_name="sessions"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
