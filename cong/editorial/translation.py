"""A site's home page translated ("Dịch" on the home: its English home, docs/english.md).

The English home is a sibling of the Vietnamese home under the tree root, so the page
permissions and the approval workflow given on the Vietnamese home do not reach it. When a
home page is copied into another language, the copy gets the same: each group's page
permissions on the home (an agency's own groups in province mode edit their site's English
tree, and no other) and the home's workflow (the site's approvers approve its English pages).
Install-wide groups hold their permissions on the tree root, which covers both homes.
"""

from typing import Any

from wagtail.models import GroupPagePermission, Page, Site, WorkflowPage


def share_home(source: Page, target: Page) -> None:
    """`target` (a translation of the site home `source`) given what `source` has."""
    if not Site.objects.filter(root_page_id=source.pk).exists():
        return
    for granted in GroupPagePermission.objects.filter(page_id=source.pk):
        GroupPagePermission.objects.get_or_create(
            group_id=granted.group_id, page_id=target.pk, permission_id=granted.permission_id
        )
    workflow = WorkflowPage.objects.filter(page_id=source.pk).first()
    if workflow is not None and not WorkflowPage.objects.filter(page_id=target.pk).exists():
        WorkflowPage.objects.create(page_id=target.pk, workflow_id=workflow.workflow_id)


def on_copy_for_translation(sender: Any, source_obj: Any, target_obj: Any, **kwargs: Any) -> None:
    """wagtail.signals.copy_for_translation_done: pages only (snippets send it too)."""
    if isinstance(source_obj, Page) and isinstance(target_obj, Page):
        share_home(source_obj, target_obj)
