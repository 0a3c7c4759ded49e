# The daily secrets moved to the kernel (cong.core.clients): today's is copied so visitor
# hashes do not change on the day of the upgrade (each visitor would count twice).

from django.db import migrations


def copy_salts(apps, schema_editor):
    old = apps.get_model("visits", "DailySalt")
    new = apps.get_model("core", "DailySalt")
    new.objects.bulk_create(
        [new(day=row.day, secret=row.secret) for row in old.objects.all()],
        ignore_conflicts=True,
    )


def copy_back(apps, schema_editor):
    old = apps.get_model("visits", "DailySalt")
    new = apps.get_model("core", "DailySalt")
    old.objects.bulk_create(
        [old(day=row.day, secret=row.secret) for row in new.objects.all()],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('visits', '0003_visitor_new_visit_flag'),
        ('core', '0002_daily_salt'),
    ]

    operations = [
        migrations.RunPython(copy_salts, copy_back),
        migrations.DeleteModel(
            name='DailySalt',
        ),
    ]
