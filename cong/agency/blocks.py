"""StreamField blocks of an information page (introduction, functions, history...)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cong.core.blocks import (
    PARAGRAPH_FEATURES,
    AttachedDocumentBlock,
    CaptionedImageBlock,
    table_block,
)


class TimelineEventBlock(blocks.StructBlock):
    """One step of the agency's history: when, what, and a few words on it."""

    when = blocks.CharBlock(label=_("Thời gian"), help_text=_("Ví dụ: 1945, 10/2008"))
    title = blocks.CharBlock(label=_("Sự kiện"))
    text = blocks.TextBlock(label=_("Mô tả"), required=False)

    class Meta:
        icon = "time"
        label = _("Mốc thời gian")


class TimelineBlock(blocks.StructBlock):
    """The agency's history as an ordered list of dated steps."""

    heading = blocks.CharBlock(label=_("Tiêu đề"), required=False)
    events = blocks.ListBlock(TimelineEventBlock(), label=_("Các mốc"))

    class Meta:
        icon = "history"
        label = _("Quá trình phát triển")
        template = "agency/blocks/timeline.html"


class DocumentListBlock(blocks.StructBlock):
    """A titled list of downloadable files."""

    heading = blocks.CharBlock(label=_("Tiêu đề"), required=False)
    files = blocks.ListBlock(AttachedDocumentBlock(), label=_("Tệp"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Danh sách tệp")
        template = "agency/blocks/document_list.html"


class InformationBodyBlock(blocks.StreamBlock):
    """What an information page may hold."""

    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, label=_("Đoạn văn"))
    image = CaptionedImageBlock()
    table = table_block()
    documents = DocumentListBlock()
    timeline = TimelineBlock()
