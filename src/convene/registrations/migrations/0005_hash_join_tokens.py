"""Join tokens were stored in clear; keep only what cannot open a link (issue #16).

Each existing token's SHA-256 digest goes to ``join_legacy_digest``, so the links already mailed
(and the ids an old meeting echoed back) still work; the token itself is replaced by a new random
salt, from which new links are derived by HMAC (``registrations.join_tokens``).
"""

import hashlib
import secrets

from django.db import migrations, models
from django.db.models import Q

import convene.registrations.models


def hash_join_tokens(apps, schema_editor, *, field="join_token"):
    """``field`` names the clear token's column (the tests run this on today's ``join_salt``)."""
    Registration = apps.get_model("registrations", "Registration")
    batch = []
    rows = Registration.objects.filter(join_legacy_digest="").only("pk", field)
    for registration in rows.iterator(chunk_size=2000):
        clear = getattr(registration, field)
        registration.join_legacy_digest = hashlib.sha256(
            clear.encode("utf-8", "surrogatepass")
        ).hexdigest()
        setattr(registration, field, secrets.token_urlsafe(12))
        batch.append(registration)
        if len(batch) >= 2000:
            Registration.objects.bulk_update(batch, [field, "join_legacy_digest"])
            batch = []
    if batch:
        Registration.objects.bulk_update(batch, [field, "join_legacy_digest"])


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0004_merge_tokens_and_imports"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="join_legacy_digest",
            field=models.CharField(blank=True, default="", editable=False, max_length=64),
        ),
        migrations.RunPython(hash_join_tokens, migrations.RunPython.noop, elidable=True),
        migrations.RemoveConstraint(
            model_name="registration",
            name="registrations_join_token",
        ),
        migrations.RenameField(
            model_name="registration",
            old_name="join_token",
            new_name="join_salt",
        ),
        migrations.AlterField(
            model_name="registration",
            name="join_salt",
            field=models.CharField(
                default=convene.registrations.models.new_join_salt, editable=False, max_length=16
            ),
        ),
        migrations.AddConstraint(
            model_name="registration",
            constraint=models.UniqueConstraint(
                fields=("join_salt",), name="registrations_join_salt"
            ),
        ),
        migrations.AddIndex(
            model_name="registration",
            index=models.Index(
                condition=~Q(join_legacy_digest=""),
                fields=["join_legacy_digest"],
                name="registrations_join_legacy",
            ),
        ),
    ]
