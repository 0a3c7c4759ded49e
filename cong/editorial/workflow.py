"""The approval workflow "Biên tập → Duyệt": every page and legal document goes through it.

Step "Biên tập" is approved by the group "Biên tập viên", step "Duyệt" by "Lãnh đạo duyệt";
legal documents have the same two steps in a workflow of their own ("Văn bản: Biên tập →
Duyệt"), whose steps every site's groups share (in province mode, each acting for its site);
approving the last step publishes. A rejection at either step returns the draft to its author
as "needs changes". Users who may publish (Lãnh đạo duyệt, Quản trị) can still publish
directly, as everywhere in Wagtail.
"""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType

from cong.editorial.roles import BIEN_TAP_VIEN, LANH_DAO_DUYET

WORKFLOW_NAME = "Biên tập → Duyệt"
TASKS = (("Biên tập", BIEN_TAP_VIEN), ("Duyệt", LANH_DAO_DUYET))
DOCUMENTS_WORKFLOW_NAME = "Văn bản: Biên tập → Duyệt"
DOCUMENT_TASKS = (("Biên tập văn bản", BIEN_TAP_VIEN), ("Duyệt văn bản", LANH_DAO_DUYET))
# What Wagtail's own migration assigns to the tree root; ours replaces it there.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def ensure_workflow():
    """Create the workflow with its two steps and assign it (idempotent).

    It is assigned to the tree root (so every site and every home page created later have
    it), to each site's home page; legal documents get their own with the same steps, shared by
    every site's editors (`ensure_documents_workflow`). An assignment an administrator
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

    documents = ensure_documents_workflow()
    content_type = ContentType.objects.get_for_model(LegalDocument, for_concrete_model=False)
    assigned, _ = WorkflowContentType.objects.get_or_create(
        content_type=content_type, defaults={"workflow": documents}
    )
    if assigned.workflow_id == workflow.pk:  # our earlier default: documents get their own
        assigned.workflow = documents
        assigned.save(update_fields=["workflow"])
    return workflow


def ensure_documents_workflow():
    """The legal documents' workflow: the same two steps, of the kind whose members act for
    their own sites only (`SiteGroupApprovalTask`), as every site's editors share it."""
    from wagtail.models import Workflow, WorkflowTask

    from cong.editorial.models import SiteGroupApprovalTask

    workflow, _ = Workflow.objects.get_or_create(
        name=DOCUMENTS_WORKFLOW_NAME, defaults={"active": True}
    )
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        for order, (name, group_name) in enumerate(DOCUMENT_TASKS):
            task, created = SiteGroupApprovalTask.objects.get_or_create(
                name=name, defaults={"active": True}
            )
            if created or not task.groups.exists():
                task.groups.add(Group.objects.get(name=group_name))
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def add_to_document_steps(groups_by_role: dict[str, Group]) -> None:
    """A site's own editors and leaders approve the legal documents' steps (for their site)."""
    from cong.editorial.models import SiteGroupApprovalTask

    ensure_documents_workflow()
    for name, role in DOCUMENT_TASKS:
        SiteGroupApprovalTask.objects.get(name=name).groups.add(groups_by_role[role])


def ensure_task(name: str, group_name: str):
    """A group approval step, approved by the members of `group_name`."""
    from wagtail.models import GroupApprovalTask

    task, created = GroupApprovalTask.objects.get_or_create(name=name, defaults={"active": True})
    if created or not task.groups.exists():
        task.groups.add(Group.objects.get(name=group_name))
    return task
