from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.signals import page_published

from cong.editorial.dashboard import construct_panels
from cong.editorial.publish_intent import (
    PUBLISH_STARTED,
    forget_publish_intent,
    note_publish_intent,
    warn_of_lost_publish,
)

page_published.connect(forget_publish_intent, dispatch_uid="cong-forget-publish-intent")


@hooks.register("register_log_actions")
def register_publish_started(actions):
    actions.register_action(
        PUBLISH_STARTED, _("Bắt đầu xuất bản"), _("Bắt đầu xuất bản (chưa hoàn tất)")
    )


@hooks.register("before_edit_page")
def publish_intent(request, page):
    note_publish_intent(request, page)
    warn_of_lost_publish(request, page)


@hooks.register("construct_homepage_panels")
def editorial_dashboard(request, panels):
    construct_panels(request, panels)
