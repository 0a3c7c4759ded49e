"""The page editor's own style sheet: the whole title on a phone (issue 22)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")  # Wagtail 8 has no editor-only hook
def editor_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-editor.css"))
