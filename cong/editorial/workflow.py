"""The approval workflow "Biên tập → Duyệt": every page and legal document goes through it.

Step "Biên tập" is approved by the group "Biên tập viên", step "Duyệt" by "Lãnh đạo duyệt";
approving the last step publishes. A rejection at either step returns the draft to its author
as "needs changes". Users who may publish (Lãnh đạo duyệt, Quản trị) can still publish
directly, as everywhere in Wagtail.
"""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType

from cong.editorial.roles import BIEN_TAP_VIEN, LANH_DAO_DUYET

WORKFLOW_NAME = "Biên tập → Duyệt"
TASKS = (("Biên tập", BIEN_TAP_VIEN), ("Duyệt", LANH_DAO_DUYET))
# What Wagtail's own migration assigns to the tree root; ours replaces it there.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def ensure_workflow():
    """Create the workflow with its two steps and assign it (idempotent).

    It is assigned to the tree root (so every site and every home page created later have
    it), to each site's home page, and to legal documents. An assignment an administrator
    changed to another workflow is left alone.
    """
    from wagtail.models import (
        Page,
        Site,
        Workflow,
        WorkflowContentType,
        WorkflowPage,
        WorkflowTask,
    )

    from cong.documents.models import LegalDocument

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        for order, (name, group_name) in enumerate(TASKS):
            task = ensure_task(name, group_name)
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)

    root = Page.get_first_root_node()
    if root:
        current = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
        if current is None:
            WorkflowPage.objects.create(page=root, workflow=workflow)
        elif current.workflow.name == WAGTAIL_DEFAULT_WORKFLOW:
            current.workflow = workflow
            current.save(update_fields=["workflow"])
    for site in Site.objects.exclude(root_page=root):
        WorkflowPage.objects.get_or_create(
            page_id=site.root_page_id, defaults={"workflow": workflow}
        )

    content_type = ContentType.objects.get_for_model(LegalDocument, for_concrete_model=False)
    WorkflowContentType.objects.get_or_create(
        content_type=content_type, defaults={"workflow": workflow}
    )
    return workflow


def ensure_task(name: str, group_name: str):
    """A group approval step, approved by the members of `group_name`."""
    from wagtail.models import GroupApprovalTask

    task, created = GroupApprovalTask.objects.get_or_create(name=name, defaults={"active": True})
    if created or not task.groups.exists():
        task.groups.add(Group.objects.get(name=group_name))
    return task
