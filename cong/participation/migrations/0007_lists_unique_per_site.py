"""0005 finished: every topic and unit has its site; names are unique per site."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("participation", "0006_sites_of_existing_rows")]

    operations = [
        migrations.AlterField(
            model_name="topic",
            name="site",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.site",
                verbose_name="website",
            ),
        ),
        migrations.AlterField(
            model_name="unit",
            name="site",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.site",
                verbose_name="website",
            ),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(
                fields=("site", "name"), name="participation_topic_per_site"
            ),
        ),
        migrations.AddConstraint(
            model_name="unit",
            constraint=models.UniqueConstraint(
                fields=("site", "name"), name="participation_unit_per_site"
            ),
        ),
        ]
