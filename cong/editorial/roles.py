"""The editorial roles: who writes, who edits, who approves and publishes, who administers.

Each role is a group holding Wagtail permissions:

- "Phóng viên" writes pages and legal documents and submits them for moderation;
- "Biên tập viên" edits anyone's drafts and approves the first step of the workflow;
- "Lãnh đạo duyệt" approves the last step, publishes and unpublishes, and decides which
  answers to citizens' questions are public;
- "Quản trị" also manages the agency's settings, users and groups, sites, collections,
  workflows and redirects.

Beside them, "Quản lý văn bản" is for clerks who publish legal documents and nothing else.

Page permissions are given on the root of the page tree, so they cover every site, including
home pages created after `migrate`. This table is the only place groups get permissions: the
set-up (cong.editorial.setup) runs once after `migrate`, when every app's permissions exist.
"""

from dataclasses import dataclass
from fnmatch import fnmatchcase

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured

PHONG_VIEN = "Phóng viên"
BIEN_TAP_VIEN = "Biên tập viên"
LANH_DAO_DUYET = "Lãnh đạo duyệt"
QUAN_TRI = "Quản trị"
QUAN_LY_VAN_BAN = "Quản lý văn bản"

# Not declared in Question.Meta: the editorial setup creates it (see ensure_custom_permissions).
PUBLISH_ANSWERS = ("participation", "question", "publish_question", "Công khai câu trả lời")


@dataclass(frozen=True)
class Role:
    """A group and what it may do.

    `permissions` are "app_label.codename" (the codename may be an fnmatch pattern, such as
    "auth.*_user"); `pages` are Wagtail page permission types given on the tree root;
    `collections` are "app_label.codename" given on the root collection.
    """

    name: str
    permissions: tuple[str, ...]
    pages: tuple[str, ...]
    collections: tuple[str, ...]
    settings: bool = False  # change every registered Wagtail setting


WRITER_PERMISSIONS = (
    "wagtailadmin.access_admin",
    # "Dịch" (wagtail.contrib.simple_translation): an English draft of a page the user may
    # edit, in the English tree (docs/english.md). Every role that writes pages has it.
    "simple_translation.submit_translation",
    "documents.add_legaldocument",
    "documents.change_legaldocument",
    "documents.view_legaldocument",
    "documents.lock_legaldocument",
    "documents.view_documenttype",
    "documents.view_issuingbody",
    "documents.view_documentfield",
    # Administrative procedures: drafts go through publication like legal documents.
    "procedures.add_procedure",
    "procedures.change_procedure",
    "procedures.view_procedure",
    "procedures.view_procedurefield",
)
EDITOR_PERMISSIONS = WRITER_PERMISSIONS + (
    "documents.add_documenttype",
    "documents.change_documenttype",
    "documents.add_issuingbody",
    "documents.change_issuingbody",
    "documents.add_documentfield",
    "documents.change_documentfield",
    "participation.view_question",
    "participation.change_question",
    "participation.view_comment",
    "participation.change_comment",
    "participation.view_topic",
    "participation.view_unit",
    "participation.view_rating",
    "participation.view_contactmessage",
    "participation.change_contactmessage",
    "visits.view_dailystats",
    "procedures.add_procedurefield",
    "procedures.change_procedurefield",
    # The agency's own information (ND 224/2026 Art. 9): leaders, units, social accounts.
    "agency.add_*",
    "agency.change_*",
    "agency.view_*",
)
LEADER_PERMISSIONS = EDITOR_PERMISSIONS + (
    "documents.publish_legaldocument",
    "documents.unlock_legaldocument",
    "documents.delete_legaldocument",
    "participation.publish_question",
    "participation.add_topic",
    "participation.change_topic",
    "participation.add_unit",
    "participation.change_unit",
    "links.*",
    "procedures.publish_procedure",
    "procedures.delete_procedure",
    "agency.delete_*",
    "selfcheck.view_report",  # Báo cáo › Mức độ đáp ứng quy định (Quản trị inherits it)
)
ADMIN_PERMISSIONS = LEADER_PERMISSIONS + (
    "auth.*_user",
    "auth.*_group",
    "wagtailcore.*_site",
    "wagtailcore.*_collection",
    "wagtailcore.*_workflow",
    "wagtailcore.*_task",
    "wagtailredirects.*",
    "wagtailsearchpromotions.*",
    "documents.*",
    "participation.*",
    "procedures.*",
    "agency.*",
    "accounts.view_loginevent",  # the login log (cong.accounts)
    "accounts.unlock_login",
    "visits.view_dailystats",
    "compliance.*",  # planned stops (Art. 13); the measurement tag is a setting
    "siteimport.view_importrun",  # past imports of the old site (cong.siteimport): read only
)

CLERK_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "documents.*_legaldocument",
    "documents.add_documenttype",
    "documents.change_documenttype",
    "documents.view_documenttype",
    "documents.add_issuingbody",
    "documents.change_issuingbody",
    "documents.view_issuingbody",
    "documents.add_documentfield",
    "documents.change_documentfield",
    "documents.view_documentfield",
)
CLERK_COLLECTIONS = (
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)

WRITER_COLLECTIONS = (
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
)
# Wagtail lets whoever may change an image or document delete it too.
EDITOR_COLLECTIONS = WRITER_COLLECTIONS + (
    "wagtailimages.change_image",
    "wagtaildocs.change_document",
)

ROLES = (
    Role(PHONG_VIEN, WRITER_PERMISSIONS, ("add", "lock"), WRITER_COLLECTIONS),
    Role(BIEN_TAP_VIEN, EDITOR_PERMISSIONS, ("add", "change", "lock"), EDITOR_COLLECTIONS),
    Role(
        LANH_DAO_DUYET,
        LEADER_PERMISSIONS,
        ("add", "change", "publish", "lock", "unlock"),
        EDITOR_COLLECTIONS,
    ),
    Role(
        QUAN_TRI,
        ADMIN_PERMISSIONS,
        ("add", "change", "publish", "lock", "unlock", "bulk_delete"),
        EDITOR_COLLECTIONS,
        settings=True,
    ),
    Role(QUAN_LY_VAN_BAN, CLERK_PERMISSIONS, (), CLERK_COLLECTIONS),
)


def ensure_custom_permissions() -> None:
    """Create the permissions the roles use that no model declares."""
    app_label, model, codename, name = PUBLISH_ANSWERS
    content_type = ContentType.objects.get_by_natural_key(app_label, model)
    Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )


class PermissionIndex:
    """Every permission, loaded once, looked up by "app_label.codename" patterns."""

    def __init__(self):
        self.by_app: dict[str, list[Permission]] = {}
        for permission in Permission.objects.select_related("content_type"):
            self.by_app.setdefault(permission.content_type.app_label, []).append(permission)

    def find(self, patterns) -> list[Permission]:
        found, missing = [], []
        for pattern in patterns:
            app_label, codename = pattern.split(".", 1)
            matches = [
                p for p in self.by_app.get(app_label, []) if fnmatchcase(p.codename, codename)
            ]
            if not matches:
                missing.append(pattern)
            found += matches
        if missing:
            raise ImproperlyConfigured(f"Unknown permissions: {', '.join(missing)}")
        return found


def setting_permissions() -> list[str]:
    """The change permission of every Wagtail setting (cong.core, cong.visits, ...)."""
    from wagtail.contrib.settings.registry import registry

    return [f"{m._meta.app_label}.change_{m._meta.model_name}" for m in registry]


def ensure_roles(reset: bool = False) -> dict[str, Group]:
    """Create or complete each role's group (idempotent).

    Permissions an administrator added by hand are kept, unless `reset` makes each group
    hold exactly what its role lists.
    """
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    index = PermissionIndex()
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    groups = {}
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        wanted = index.find(
            role.permissions + tuple(setting_permissions() if role.settings else ())
        )
        pages = index.find(f"wagtailcore.{kind}_page" for kind in role.pages)
        collections = index.find(role.collections)
        if reset:
            group.permissions.set(wanted)
            group.page_permissions.exclude(page=root_page, permission__in=pages).delete()
            group.collection_permissions.exclude(
                collection=root_collection, permission__in=collections
            ).delete()
        else:
            group.permissions.add(*wanted)
        if root_page:
            for permission in pages:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )
        if root_collection:
            for permission in collections:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
        groups[role.name] = group
    return groups
