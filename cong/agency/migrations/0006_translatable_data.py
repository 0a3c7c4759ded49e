"""Existing records are Vietnamese originals: each gets the default locale and a
translation key (Wagtail's recipe for making a model translatable)."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [
        ("agency", "0005_translatable_bootstrap"),
        ("translations", "0002_locales"),
    ]

    operations = [
        BootstrapTranslatableModel("agency.Leader"),
        BootstrapTranslatableModel("agency.OrgUnit"),
    ]
