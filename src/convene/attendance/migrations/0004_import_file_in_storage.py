"""Uploaded reports move from a ``bytea``/BLOB column to the file storage (issue #16).

A 20 MB upload went to the database as one SQL value, which cost the web worker several times
the file's size; the storage takes it in chunks. Previews already stored keep their bytes, now
as files.
"""

import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import migrations, models

import convene.attendance.models


def move_to_storage(apps, schema_editor):
    AttendanceImport = apps.get_model("attendance", "AttendanceImport")
    for pk in AttendanceImport.objects.exclude(content=None).values_list("pk", flat=True):
        content = AttendanceImport.objects.filter(pk=pk).values_list("content", flat=True)[0]
        if not content:
            continue
        name = default_storage.save(
            f"attendance/uploads/{uuid.uuid4().hex}", ContentFile(bytes(content))
        )
        AttendanceImport.objects.filter(pk=pk).update(file=name, content=None)


class Migration(migrations.Migration):
    dependencies = [
        ("attendance", "0003_import_parse_state"),
    ]

    operations = [
        migrations.AddField(
            model_name="attendanceimport",
            name="file",
            field=models.FileField(
                blank=True,
                editable=False,
                max_length=200,
                upload_to=convene.attendance.models.upload_path,
                verbose_name="file",
            ),
        ),
        migrations.RunPython(move_to_storage, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(
            model_name="attendanceimport",
            name="content",
        ),
    ]
