"""Wagtail's English default groups, workflow and roots give way to the Vietnamese roles."""

from django.contrib.auth.models import Group
from wagtail.models import Collection, GroupApprovalTask, Page, Workflow, WorkflowState

from cong.editorial.defaults import ROOT_TITLE
from cong.editorial.roles import BIEN_TAP_VIEN, LANH_DAO_DUYET
from cong.editorial.setup import setup_editorial


def wagtail_defaults():
    """What Wagtail's migrations create: two groups, a workflow with its task."""
    editors = Group.objects.create(name="Editors")
    moderators = Group.objects.create(name="Moderators")
    workflow = Workflow.objects.create(name="Moderators approval")
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.add(moderators)
    workflow.workflow_tasks.create(task=task, sort_order=0)
    return editors, moderators, workflow


def test_after_migrate_only_the_vietnamese_roles_and_workflow_exist(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert not names & {"Editors", "Moderators"} and {BIEN_TAP_VIEN, LANH_DAO_DUYET} <= names
    assert set(Workflow.objects.values_list("name", flat=True)) == {
        "Biên tập → Duyệt",
        "Văn bản: Biên tập → Duyệt",  # the legal documents' own, its steps shared by sites
    }
    assert not GroupApprovalTask.objects.filter(name="Moderators approval").exists()
    assert Page.get_first_root_node().title == str(ROOT_TITLE) == "Gốc"
    assert Collection.get_first_root_node().name == "Gốc"


def test_members_of_the_default_groups_keep_their_rights_in_the_matching_role(
    db, django_user_model
):
    editors, moderators, _ = wagtail_defaults()
    writer = django_user_model.objects.create_user("bt")
    leader = django_user_model.objects.create_user("ld")
    editors.user_set.add(writer)
    moderators.user_set.add(leader)

    setup_editorial()
    setup_editorial()  # idempotent

    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert [g.name for g in writer.groups.all()] == [BIEN_TAP_VIEN]
    assert [g.name for g in leader.groups.all()] == [LANH_DAO_DUYET]
    assert not Workflow.objects.filter(name="Moderators approval").exists()


def test_a_default_workflow_pages_went_through_is_kept_and_its_step_stays_approvable(
    db, home, caplog
):
    _, _, workflow = wagtail_defaults()
    WorkflowState.objects.create(
        content_type=home.content_type,
        base_content_type=home.content_type,
        object_id=str(home.pk),
        workflow=workflow,
        status=WorkflowState.STATUS_APPROVED,
    )

    setup_editorial()

    assert Workflow.objects.filter(name="Moderators approval").exists()
    assert "kept: pages went through it" in caplog.text
    task = GroupApprovalTask.objects.get(name="Moderators approval")
    assert [g.name for g in task.groups.all()] == [LANH_DAO_DUYET]
