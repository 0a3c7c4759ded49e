import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_privacy_page'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='SheetMapping',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=40, verbose_name='loại dữ liệu nhập')),
                ('columns', models.JSONField(default=dict, verbose_name='ghép cột')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                ('site', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.site', verbose_name='website')),
            ],
            options={
                'verbose_name': 'cách ghép cột bảng tính',
                'verbose_name_plural': 'cách ghép cột bảng tính',
                'constraints': [models.UniqueConstraint(fields=('site', 'kind'), name='core_sheetmapping_site_kind')],
            },
        ),
    ]
