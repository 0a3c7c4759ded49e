"""StreamField blocks of an article body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

from cong.core.blocks import (
    PARAGRAPH_FEATURES,
    AttachedDocumentBlock,
    CaptionedImageBlock,
    table_block,
)

__all__ = ["ArticleBodyBlock", "AttachedDocumentBlock", "CaptionedImageBlock", "QuoteBlock"]


class QuoteBlock(blocks.StructBlock):
    """A quoted statement and who said it."""

    text = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(label=_("Người phát biểu"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "news/blocks/quote.html"


class ArticleBodyBlock(blocks.StreamBlock):
    """What an article body may hold."""

    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, label=_("Đoạn văn"))
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    table = table_block()
    video = EmbedBlock(
        label=_("Video nhúng"),
        help_text=_("Địa chỉ video, ví dụ YouTube"),
        template="news/blocks/video.html",
    )
    document = AttachedDocumentBlock()
