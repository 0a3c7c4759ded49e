"""The page editor's own style sheet and script (issue 22): the whole title on a phone, and the
address as it will be saved (ASCII) below the slug field."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks


@hooks.register("insert_global_admin_css")  # Wagtail 8 has no editor-only hook
def editor_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-editor.css"))


@hooks.register("insert_global_admin_js")
def slug_preview_js() -> str:
    """Does nothing on pages without a slug field."""
    return format_html(
        '<script src="{}" data-label="{}" defer></script>',
        static("js/admin-slug-preview.js"),
        _("Địa chỉ khi lưu:"),
    )
