"""Province mode: each site keeps its own topics and answering units, and a comment on a
draft belongs to the draft's site.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0004_contact_page_and_messages"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [

        migrations.AddField(
            model_name="topic",
            name="site",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.site",
                verbose_name="website",
            ),
        ),
        migrations.AddField(
            model_name="unit",
            name="site",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.site",
                verbose_name="website",
            ),
        ),
        migrations.AlterField(
            model_name="topic",
            name="name",
            field=models.CharField(max_length=255, verbose_name="tên"),
        ),
        migrations.AlterField(
            model_name="unit",
            name="name",
            field=models.CharField(max_length=255, verbose_name="tên"),
        ),
        migrations.AddField(
            model_name="comment",
            name="site",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.site",
                verbose_name="website",
            ),
        ),
    ]
