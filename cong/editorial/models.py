"""An approval step shared by several agencies' groups, each acting for its own site only."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState

from cong.core.tenancy import keep_to_own_sites, sites_of


class SiteGroupApprovalTask(AbstractGroupApprovalTask):
    """Wagtail's group approval, for a step every site's editors share.

    The legal documents have one workflow for the whole install (Wagtail assigns a snippet's
    workflow per model), so each site's "Biên tập viên — …" and "Lãnh đạo duyệt — …" groups
    are members of its steps. A member acts only on the pages and records of the sites they
    work for (`cong.core.tenancy`): another site's are neither listed, opened, nor approved —
    also when the request pairs an object of their own with another site's task state, which
    Wagtail's workflow views would otherwise accept (they check the task, not that the task
    state is the object's).
    """

    def _may(self, obj, user) -> bool:
        return bool(keep_to_own_sites(user, [obj])) if obj is not None else False

    def user_can_access_editor(self, obj, user):
        return super().user_can_access_editor(obj, user) and self._may(obj, user)

    def locked_for_user(self, obj, user):
        return super().locked_for_user(obj, user) or not self._may(obj, user)

    def user_can_lock(self, obj, user):
        return super().user_can_lock(obj, user) and self._may(obj, user)

    def get_actions(self, obj, user):
        return super().get_actions(obj, user) if self._may(obj, user) else []

    def on_action(self, task_state, user, action_name, **kwargs):
        if not self._may(task_state.workflow_state.content_object, user):
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if sites_of(user).everything:
            return states
        own = [
            state.pk
            for state in states.select_related("workflow_state")
            if self._may(state.workflow_state.content_object, user)
        ]
        return TaskState.objects.filter(pk__in=own)

    @classmethod
    def get_description(cls):
        return _(
            "Thành viên các nhóm được chọn duyệt bước này; thành viên nhóm của một website chỉ "
            "duyệt trang và văn bản của website đó."
        )

    class Meta:
        verbose_name = _("bước duyệt theo nhóm của từng website")
        verbose_name_plural = _("bước duyệt theo nhóm của từng website")
