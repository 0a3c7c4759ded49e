"""The page editor's main button is "Xuất bản" for whoever may publish (issue 22).

Wagtail makes "Lưu bản nháp" the main button and hides "Xuất bản" behind the arrow beside
it, so a leader looking for how to publish does not see it. For a user who may publish the
page, the publish item moves first: Wagtail makes the first item the main button, and "Lưu
bản nháp" joins the others under the arrow. Users who may not publish see no publish item
and keep "Lưu bản nháp" with "Gửi duyệt" beside it.
"""

from wagtail import hooks

PUBLISH = "action-publish"


@hooks.register("construct_page_action_menu")
def publish_first(menu_items, request, context):
    for position, item in enumerate(menu_items):
        if item.name == PUBLISH:
            menu_items.insert(0, menu_items.pop(position))
            return
