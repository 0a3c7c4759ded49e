from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.signals import page_published

from cong.editorial import guide
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


@hooks.register("register_admin_urls")
def register_guide_urls():
    return [
        path("huong-dan/", guide.guide, name="editorial_guide"),
        path("huong-dan/anh/<str:name>", guide.guide_image, name="editorial_guide_image"),
    ]


# Wagtail's help menu links to its English guide and release notes on the internet.
WAGTAIL_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("construct_help_menu")
def use_our_guide(request, menu_items):
    """The help menu leads to Cổng's own guide, in Vietnamese, served by the install."""
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAIL_HELP_ITEMS)]
    menu_items.insert(
        0,
        MenuItem(
            _("Hướng dẫn biên tập"),
            reverse("editorial_guide"),
            name="cong-guide",
            icon_name="help",
            order=900,
        ),
    )
