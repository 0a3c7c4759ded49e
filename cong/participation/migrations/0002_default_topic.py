from django.db import migrations


def add_default_topic(apps, schema_editor):
    # The question form needs at least one field to choose; agencies add their own.
    Topic = apps.get_model("participation", "Topic")
    Topic.objects.get_or_create(name="Lĩnh vực khác", defaults={"sort_order": 1000})


class Migration(migrations.Migration):
    dependencies = [("participation", "0001_questions_consultations_ratings")]
    operations = [migrations.RunPython(add_default_topic, migrations.RunPython.noop)]
