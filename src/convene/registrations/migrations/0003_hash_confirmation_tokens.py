"""Confirmation tokens were stored in clear; store their SHA-256 digest instead (issue #16).

The links already mailed carry the raw token, whose digest is what the confirmation page now
looks up, so they keep working. A digest is 64 hexadecimal characters and a raw token 32
URL-safe ones, so a value is hashed only once even if this runs on a half-migrated copy.
"""

import hashlib

from django.db import migrations


def hash_tokens(apps, schema_editor):
    RegistrationRequest = apps.get_model("registrations", "RegistrationRequest")
    batch = []
    for request in RegistrationRequest.objects.only("pk", "token").iterator(chunk_size=2000):
        if len(request.token) == 64 and all(c in "0123456789abcdef" for c in request.token):
            continue
        request.token = hashlib.sha256(request.token.encode("utf-8")).hexdigest()
        batch.append(request)
        if len(batch) >= 2000:
            RegistrationRequest.objects.bulk_update(batch, ["token"])
            batch = []
    if batch:
        RegistrationRequest.objects.bulk_update(batch, ["token"])


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0002_request_sessions"),
    ]

    operations = [
        migrations.RunPython(hash_tokens, migrations.RunPython.noop, elidable=True),
    ]
