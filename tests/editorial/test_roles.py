"""The four roles exist on every install and hold what their names promise."""

import pytest
import wagtail_factories
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import Collection, GroupPagePermission, Page, WorkflowContentType, WorkflowPage
from wagtail.permissions import policy_registry

from cong.documents.models import LegalDocument
from cong.editorial.roles import BIEN_TAP_VIEN, LANH_DAO_DUYET, PHONG_VIEN, QUAN_TRI
from cong.editorial.roles import QUAN_LY_VAN_BAN as DOCUMENTS_GROUP
from cong.editorial.setup import setup_editorial
from cong.editorial.workflow import DOCUMENTS_WORKFLOW_NAME, WORKFLOW_NAME
from tests.editorial.conftest import ROLES

pytestmark = pytest.mark.django_db

# What each role may do, in order: Phóng viên, Biên tập viên, Lãnh đạo duyệt, Quản trị.
ABILITIES = {
    "wagtailadmin.access_admin": (True, True, True, True),
    "documents.change_legaldocument": (True, True, True, True),
    "documents.publish_legaldocument": (False, False, True, True),
    "participation.change_question": (False, True, True, True),
    "participation.publish_question": (False, False, True, True),
    "core.change_agencysettings": (False, False, False, True),
    "visits.change_visitsettings": (False, False, False, True),
    "auth.change_user": (False, False, False, True),
    "auth.add_group": (False, False, False, True),
    "wagtailcore.change_workflow": (False, False, False, True),
    "procedures.change_procedure": (True, True, True, True),
    "procedures.publish_procedure": (False, False, True, True),
    "procedures.add_procedurefield": (False, True, True, True),
    "agency.change_leader": (False, True, True, True),
    "agency.change_orgunit": (False, True, True, True),
    "agency.delete_leader": (False, False, True, True),
    "agency.change_agencycontacts": (False, True, True, True),
    "participation.change_contactmessage": (False, True, True, True),
}
# Images and documents (permissions on the root collection), on a file someone else uploaded.
COLLECTION_ABILITIES = {
    ("image", "add"): (True, True, True, True),
    ("image", "choose"): (True, True, True, True),
    ("image", "change"): (False, True, True, True),
    ("image", "delete"): (False, True, True, True),  # Wagtail: deleting is changing
    ("document", "change"): (False, True, True, True),
}
PAGE_PERMISSIONS = {
    PHONG_VIEN: {"add", "lock"},
    BIEN_TAP_VIEN: {"add", "change", "lock"},
    LANH_DAO_DUYET: {"add", "change", "publish", "lock", "unlock"},
    QUAN_TRI: {"add", "change", "publish", "lock", "unlock", "bulk_delete"},
}


def snapshot():
    """Everything the set-up creates, as comparable values."""
    return (
        sorted(Group.objects.values_list("name", "permissions__codename")),
        sorted(GroupPagePermission.objects.values_list("group__name", "page", "permission")),
        sorted(WorkflowPage.objects.values_list("page", "workflow__name")),
        sorted(WorkflowContentType.objects.values_list("content_type", "workflow__name")),
    )


def test_the_roles_exist_after_migrate_beside_the_documents_group():
    names = set(Group.objects.values_list("name", flat=True))
    assert {PHONG_VIEN, BIEN_TAP_VIEN, LANH_DAO_DUYET, QUAN_TRI, DOCUMENTS_GROUP} <= names


@pytest.mark.parametrize("permission", ABILITIES)
def test_each_role_holds_exactly_the_abilities_it_should(users, permission):
    expected = ABILITIES[permission]
    assert tuple(users[role].has_perm(permission) for role in ROLES) == expected


@pytest.mark.parametrize(("kind", "action"), COLLECTION_ABILITIES)
def test_each_role_holds_the_image_and_document_abilities_it_should(users, kind, action):
    factory = {
        "image": wagtail_factories.ImageFactory,
        "document": wagtail_factories.DocumentFactory,
    }
    instance = factory[kind](collection=Collection.get_first_root_node())
    policy = policy_registry.get_by_type(type(instance))
    if action in ("add", "choose"):
        can = tuple(policy.user_has_permission(users[role], action) for role in ROLES)
    else:
        can = tuple(
            policy.user_has_permission_for_instance(users[role], action, instance) for role in ROLES
        )
    assert can == COLLECTION_ABILITIES[kind, action]


@pytest.mark.parametrize("role", ROLES)
def test_page_permissions_are_given_on_the_tree_root(role):
    rows = GroupPagePermission.objects.filter(group__name=role)
    assert {row.page_id for row in rows} == {Page.get_first_root_node().pk}
    assert {row.permission.codename.removesuffix("_page") for row in rows} == PAGE_PERMISSIONS[role]


def test_only_leaders_and_administrators_may_publish_a_page(users, section):
    can = {role: section.permissions_for_user(users[role]).can_publish() for role in ROLES}
    assert can == {PHONG_VIEN: False, BIEN_TAP_VIEN: False, LANH_DAO_DUYET: True, QUAN_TRI: True}


def test_a_reporter_may_edit_only_the_pages_they_wrote(users, section, draft):
    reporter = users[PHONG_VIEN]
    assert draft.permissions_for_user(reporter).can_edit()
    assert not section.permissions_for_user(reporter).can_edit()


def test_the_workflow_covers_every_page_and_legal_documents(home, section):
    assert section.get_workflow().name == WORKFLOW_NAME
    assert [task.name for task in section.get_workflow().tasks] == ["Biên tập", "Duyệt"]
    documents = LegalDocument.get_default_workflow()
    assert documents.name == DOCUMENTS_WORKFLOW_NAME
    assert [task.name for task in documents.tasks] == ["Biên tập văn bản", "Duyệt văn bản"]
    assert {type(task.specific).__name__ for task in documents.tasks} == {"SiteGroupApprovalTask"}


def test_running_the_setup_again_assigns_the_workflow_to_a_new_home_page(home):
    assert not WorkflowPage.objects.filter(page=home).exists()  # covered through the root
    setup_editorial()
    assert WorkflowPage.objects.get(page=home).workflow.name == WORKFLOW_NAME


def test_setup_roles_is_idempotent(home):
    call_command("setup_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    before = snapshot()
    call_command("setup_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == before


def test_setup_roles_keeps_permissions_added_by_hand_unless_reset():
    group = Group.objects.get(name=PHONG_VIEN)
    extra = Permission.objects.get(codename="view_question")
    group.permissions.add(extra)
    setup_editorial()
    assert group.permissions.filter(pk=extra.pk).exists()
    setup_editorial(reset=True)
    assert not group.permissions.filter(pk=extra.pk).exists()
    assert group.permissions.filter(codename="add_legaldocument").exists()


def test_an_administrator_s_choice_of_workflow_for_the_root_is_kept(home):
    from wagtail.models import Workflow

    other = Workflow.objects.create(name="Duyệt nhanh", active=True)
    WorkflowPage.objects.filter(page=Page.get_first_root_node()).update(workflow=other)
    setup_editorial()
    assert WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow == other


DOCUMENTS_GROUP_PERMISSIONS = {
    "wagtailadmin.access_admin",
    *(
        f"documents.{action}_legaldocument"
        for action in ("add", "change", "delete", "view", "lock", "unlock", "publish")
    ),
    *(
        f"documents.{action}_{model}"
        for action in ("add", "change", "view")
        for model in ("documenttype", "issuingbody", "documentfield")
    ),
}


def permissions_of(name: str) -> set[str]:
    group = Group.objects.get(name=name)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def test_the_documents_group_holds_legal_documents_and_their_files_only():
    group = Group.objects.get(name=DOCUMENTS_GROUP)
    assert permissions_of(DOCUMENTS_GROUP) == DOCUMENTS_GROUP_PERMISSIONS
    assert not group.page_permissions.exists()
    assert set(
        group.collection_permissions.values_list("collection__depth", "permission__codename")
    ) == {(1, "add_document"), (1, "change_document"), (1, "choose_document")}


def test_administrators_read_the_login_log_and_lift_lock_outs():
    assert {"accounts.view_loginevent", "accounts.unlock_login"} <= permissions_of(QUAN_TRI)


def test_one_set_up_runs_after_migrate():
    """Roles come from cong.editorial alone: no other app listens to post_migrate for them."""
    import weakref

    from django.db.models.signals import post_migrate

    refs = [entry[1] for entry in post_migrate.receivers]
    functions = [ref() if isinstance(ref, weakref.ReferenceType) else ref for ref in refs]
    receivers = {getattr(function, "__module__", "") for function in functions}
    assert {m for m in receivers if m.startswith("cong.")} == {"cong.editorial.signal_handlers"}
