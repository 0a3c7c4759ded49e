"""The two content locales: Vietnamese (existing pages and records stay in it) and English."""

from django.db import migrations


def add_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="vi")
    Locale.objects.get_or_create(language_code="en")


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_locales, migrations.RunPython.noop)]
