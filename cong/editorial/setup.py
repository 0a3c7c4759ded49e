"""One entry point for the editorial set-up, run after `migrate` and by `setup_roles`."""

from django.db import transaction

from cong.editorial.defaults import replace_wagtail_defaults
from cong.editorial.roles import ensure_custom_permissions, ensure_roles
from cong.editorial.workflow import ensure_workflow


def setup_editorial(reset: bool = False):
    """Create or complete the roles and the approval workflow, and replace Wagtail's English
    default groups and workflow with them (idempotent).

    Returns the role groups by name and the workflow.
    """
    with transaction.atomic():
        ensure_custom_permissions()
        groups = ensure_roles(reset=reset)
        workflow = ensure_workflow()
        replace_wagtail_defaults(workflow)
    return groups, workflow
