"""The "Quản lý văn bản" group: clerks who publish legal documents and nothing else.

The editorial roles (cong.editorial.roles) cover the rest of the site; of them, "Lãnh đạo
duyệt" and "Quản trị" may publish legal documents too.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

GROUP_NAME = "Quản lý văn bản"


def ensure_documents_group(**kwargs) -> Group:
    """Create or complete the group (idempotent; run after every migrate)."""
    from wagtail.models import Collection, GroupCollectionPermission

    from cong.documents.models import DocumentField, DocumentType, IssuingBody, LegalDocument

    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    wanted = []
    doc_type = ContentType.objects.get_for_model(LegalDocument)
    publish, _ = Permission.objects.get_or_create(
        content_type=doc_type,
        codename="publish_legaldocument",
        defaults={"name": "Can publish văn bản"},
    )
    wanted.append(publish)
    wanted += Permission.objects.filter(
        content_type=doc_type,
        codename__in=[
            "add_legaldocument",
            "change_legaldocument",
            "delete_legaldocument",
            "view_legaldocument",
            "lock_legaldocument",
            "unlock_legaldocument",
        ],
    )
    for model in (DocumentType, IssuingBody, DocumentField):
        ct = ContentType.objects.get_for_model(model)
        wanted += Permission.objects.filter(content_type=ct, codename__startswith="add_")
        wanted += Permission.objects.filter(content_type=ct, codename__startswith="change_")
        wanted += Permission.objects.filter(content_type=ct, codename__startswith="view_")
    wanted += Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    group.permissions.add(*wanted)
    root = Collection.get_first_root_node()
    if root:
        for codename in ("add_document", "change_document", "choose_document"):
            permission = Permission.objects.filter(
                content_type__app_label="wagtaildocs", codename=codename
            ).first()
            if permission:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root, permission=permission
                )
    return group
