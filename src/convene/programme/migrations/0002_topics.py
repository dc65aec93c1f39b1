"""The network's topic taxonomy, in English and French. Staff can add more in the admin."""

from django.db import migrations

TOPICS = [
    ("domestic-violence", "Domestic violence", "Violences conjugales"),
    ("polarisation", "Polarisation", "Polarisation"),
    ("radicalisation", "Radicalisation and violent extremism", "Radicalisation et extrémisme violent"),
    ("public-spaces", "Public spaces", "Espaces publics"),
    ("terrorism", "Terrorism", "Terrorisme"),
    ("vulnerable-groups", "Vulnerable groups", "Publics vulnérables"),
    ("unaccompanied-minors", "Unaccompanied minors", "Mineurs non accompagnés"),
    ("fundamental-rights", "Fundamental rights", "Droits fondamentaux"),
    ("organised-crime", "Organised crime", "Criminalité organisée"),
    ("crisis-management", "Crisis management", "Gestion de crise"),
    ("crime-prevention", "Crime prevention", "Prévention de la délinquance"),
    ("drugs", "Drugs and addiction", "Drogues et addictions"),
    ("nightlife", "Nightlife", "Vie nocturne"),
    ("youth", "Young people", "Jeunesse"),
    ("policing", "Local policing", "Police municipale et de proximité"),
    ("cybercrime", "Cybercrime", "Cybercriminalité"),
]


def add_topics(apps, schema_editor):
    Topic = apps.get_model("programme", "Topic")
    for slug, name, name_fr in TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "name_fr": name_fr})


def remove_topics(apps, schema_editor):
    apps.get_model("programme", "Topic").objects.filter(slug__in=[t[0] for t in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_initial")]
    operations = [migrations.RunPython(add_topics, remove_topics)]
