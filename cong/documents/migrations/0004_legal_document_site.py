"""Each legal document belongs to one website: the existing ones go to the default site, and
a number is unique per issuing body on one site."""

import django.db.models.deletion
from django.db import migrations, models


def to_default_site(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    LegalDocument = apps.get_model("documents", "LegalDocument")
    if not LegalDocument.objects.exists():
        return
    site = (
        Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    )
    if site is None:
        raise RuntimeError("Legal documents exist but the install has no site to give them to.")
    LegalDocument.objects.filter(site__isnull=True).update(site=site)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_legal_document_locking"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="legaldocument",
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
            model_name="legaldocument",
            name="site",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.site",
                verbose_name="website",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="legaldocument",
            name="documents_number_unique_per_body",
        ),
        migrations.AddConstraint(
            model_name="legaldocument",
            constraint=models.UniqueConstraint(
                fields=("site", "issuing_body", "number_key"),
                name="documents_number_unique_per_site",
            ),
        ),
    ]
