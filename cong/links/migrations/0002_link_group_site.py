"""Each group of links belongs to one website: the existing ones go to the default site."""

import django.db.models.deletion
from django.db import migrations, models


def to_default_site(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    LinkGroup = apps.get_model("links", "LinkGroup")
    if not LinkGroup.objects.exists():
        return
    site = (
        Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    )
    if site is None:
        raise RuntimeError("Link groups exist but the install has no site to give them to.")
    LinkGroup.objects.filter(site__isnull=True).update(site=site)


class Migration(migrations.Migration):
    dependencies = [
        ("links", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="linkgroup",
            name="site",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.site",
                verbose_name="website",
            ),
        ),
        migrations.RunPython(to_default_site, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="linkgroup",
            name="site",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.site",
                verbose_name="website",
            ),
        ),
    ]
