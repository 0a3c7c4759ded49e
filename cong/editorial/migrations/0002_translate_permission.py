"""The editorial groups that write pages may translate them ("Dịch", issue 21), and a site's
English home gets the page permissions and workflow of its Vietnamese home.

New installs get the permission from the roles (cong.editorial.roles, run after `migrate`)
and from `create_site`; this is for groups and English homes made before.
"""

from django.db import migrations

# The roles that write pages (cong.editorial.roles), install-wide ("Biên tập viên") or of one
# site ("Biên tập viên — Sở Tư pháp"). Not "Quản lý văn bản": legal documents only.
ROLES = ("Phóng viên", "Biên tập viên", "Lãnh đạo duyệt", "Quản trị")


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Site = apps.get_model("wagtailcore", "Site")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    content_type, _ = ContentType.objects.get_or_create(
        app_label="simple_translation", model="simpletranslation"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    for group in Group.objects.all():
        if any(group.name == role or group.name.startswith(f"{role} — ") for role in ROLES):
            group.permissions.add(permission)

    for site in Site.objects.select_related("root_page"):
        home = site.root_page
        workflow = WorkflowPage.objects.filter(page_id=home.pk).first()
        granted = list(GroupPagePermission.objects.filter(page_id=home.pk))
        translations = Page.objects.filter(translation_key=home.translation_key).exclude(pk=home.pk)
        for translation in translations:
            for grant in granted:
                GroupPagePermission.objects.get_or_create(
                    group_id=grant.group_id,
                    page_id=translation.pk,
                    permission_id=grant.permission_id,
                )
            if workflow and not WorkflowPage.objects.filter(page_id=translation.pk).exists():
                WorkflowPage.objects.create(
                    page_id=translation.pk, workflow_id=workflow.workflow_id
                )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_site_group_approval_task"),
        ("simple_translation", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
