"""Wagtail's English defaults replaced by the Vietnamese roles (issue 22).

Wagtail's migrations create the groups "Editors" and "Moderators", the workflow and task
"Moderators approval", and a root page titled "Root". Cổng's roles replace the groups, its
workflow "Biên tập → Duyệt" replaces the workflow; left in place they are English names in
the admin's lists and a second, unused way to grant rights. The roots of the page tree and of the collections,
both "Root", become "Gốc".

Members are kept safe: a member of "Editors" joins "Biên tập viên" (edits, cannot publish, as
before), a member of "Moderators" joins "Lãnh đạo duyệt" (publishes, as before), then the
group is deleted (an approval step it approved is given to the role instead). The default
workflow and task are deleted only while nothing ever went through them (their history would
go with them); otherwise they are kept as they are and a warning names them, for an
administrator to decide. Every step is idempotent: `setup_roles` and each `migrate` run it again.
"""

import logging

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from cong.editorial.roles import BIEN_TAP_VIEN, LANH_DAO_DUYET

logger = logging.getLogger(__name__)

# Wagtail's default group -> the role that has the same rights.
DEFAULT_GROUPS = {"Editors": BIEN_TAP_VIEN, "Moderators": LANH_DAO_DUYET}
DEFAULT_WORKFLOW = "Moderators approval"  # the name of both the workflow and its task
ROOT_TITLE = _("Gốc")  # "root" in locale-wagtail/GLOSSARY.md


def replace_wagtail_defaults(workflow) -> list[str]:
    """Remove Wagtail's default groups and workflow, rename the roots; returns what
    could not be removed (as messages for the operator)."""
    kept = []
    move_default_group_members()
    kept += remove_default_workflow(workflow)
    rename_roots()
    return kept


def move_default_group_members() -> None:
    from wagtail.models import GroupApprovalTask

    for name, role in DEFAULT_GROUPS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        replacement = Group.objects.get(name=role)
        replacement.user_set.add(*group.user_set.all())
        for task in GroupApprovalTask.objects.filter(groups=group):
            task.groups.add(replacement)
        group.delete()


def remove_default_workflow(workflow) -> list[str]:
    """Delete Wagtail's workflow and its task unless pages went through them; pages assigned
    to the default workflow get ours."""
    from wagtail.models import Task, TaskState, WorkflowPage, WorkflowState

    default = workflow.__class__.objects.filter(name=DEFAULT_WORKFLOW).first()
    task = Task.objects.filter(name=DEFAULT_WORKFLOW).first()
    if default is not None:
        WorkflowPage.objects.filter(workflow=default).update(workflow=workflow)
    history = (default is not None and WorkflowState.objects.filter(workflow=default).exists()) or (
        task is not None and TaskState.objects.filter(task=task).exists()
    )
    if history:
        message = f'workflow "{DEFAULT_WORKFLOW}" kept: pages went through it'
        logger.warning(message)
        return [message]
    for leftover in (default, task):
        if leftover is not None:
            leftover.delete()
    return []


def rename_roots() -> None:
    """The roots of the page tree and of the collections (shown in the explorer's
    breadcrumb, the choosers and a group's permissions) named in Vietnamese."""
    from wagtail.models import Collection, Page

    title = str(ROOT_TITLE)
    Page.objects.filter(depth=1, title="Root").update(title=title, draft_title=title)
    Collection.objects.filter(depth=1, name="Root").update(name=title)
