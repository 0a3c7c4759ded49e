"""StreamField blocks every content type may use: captioned photos, files, tables."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
TABLE_OPTIONS = {
    "contextMenu": [
        "row_above",
        "row_below",
        "col_left",
        "col_right",
        "remove_row",
        "remove_col",
        "undo",
        "redo",
    ]
}


class CaptionedImageBlock(blocks.StructBlock):
    """A photo with its caption and credit, rendered as `<figure>` and `<figcaption>`."""

    image = ImageChooserBlock(label=_("Ảnh"))
    alt = blocks.CharBlock(
        label=_("Văn bản thay thế"),
        required=False,
        help_text=_("Mô tả nội dung ảnh cho người khiếm thị; để trống để dùng mô tả của ảnh."),
    )
    caption = blocks.CharBlock(label=_("Chú thích"), required=False)
    credit = blocks.CharBlock(
        label=_("Nguồn ảnh"), required=False, help_text=_("Ví dụ: Ảnh: Nguyễn Hiền")
    )

    class Meta:
        icon = "image"
        label = _("Ảnh có chú thích")
        template = "core/blocks/captioned_image.html"


class AttachedDocumentBlock(blocks.StructBlock):
    """A downloadable file (Wagtail document) with an optional title."""

    document = DocumentChooserBlock(label=_("Tệp"))
    title = blocks.CharBlock(label=_("Tên hiển thị"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Tệp đính kèm")
        template = "core/blocks/attached_document.html"


def table_block() -> TableBlock:
    """A table with a header row, edited in a grid; rendered with `<caption>` and scope."""
    return TableBlock(
        label=_("Bảng"), table_options=TABLE_OPTIONS, template="core/blocks/table.html"
    )
