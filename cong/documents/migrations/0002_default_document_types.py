from django.db import migrations

TYPES = [
    "Luật", "Pháp lệnh", "Nghị quyết", "Nghị định", "Quyết định", "Thông tư", "Chỉ thị",
    "Kế hoạch", "Công văn", "Thông báo", "Hướng dẫn", "Kết luận", "Báo cáo", "Tờ trình",
]


def add_types(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    for order, name in enumerate(TYPES):
        DocumentType.objects.get_or_create(name=name, defaults={"sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_legal_documents")]
    operations = [migrations.RunPython(add_types, migrations.RunPython.noop)]
