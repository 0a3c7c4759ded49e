"""StreamField blocks of an article body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


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
        template = "news/blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    """A quoted statement and who said it."""

    text = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(label=_("Người phát biểu"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "news/blocks/quote.html"


class AttachedDocumentBlock(blocks.StructBlock):
    """A downloadable file (Wagtail document) with an optional title."""

    document = DocumentChooserBlock(label=_("Tệp"))
    title = blocks.CharBlock(label=_("Tên hiển thị"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Tệp đính kèm")
        template = "news/blocks/attached_document.html"


class ArticleBodyBlock(blocks.StreamBlock):
    """What an article body may hold."""

    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, label=_("Đoạn văn"))
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    table = TableBlock(
        label=_("Bảng"),
        table_options={
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
        },
        template="news/blocks/table.html",
    )
    video = EmbedBlock(
        label=_("Video nhúng"),
        help_text=_("Địa chỉ video, ví dụ YouTube"),
        template="news/blocks/video.html",
    )
    document = AttachedDocumentBlock()
