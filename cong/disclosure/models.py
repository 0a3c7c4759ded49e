"""Công khai: what an agency must publish by year and period (budget disclosure under
ND 163/2016 Art. 51 and TT 61/2017 Art. 11, public investment and procurement, plans, the
access-to-information catalogue of Luật Tiếp cận thông tin 2016 Art. 19 and ND 13/2018).

One page type serves every such section. Its items are an inline of the page (not site
records): they belong to exactly one section, so the editor adds the quarter's report where
readers will find it, and the item is drafted, previewed, approved and published (with its
purge of the cached pages) together with the page, keeping the page's revision history as
the record of what was made public when.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cong.core.blocks import AttachedDocumentBlock
from cong.core.models import CongPage
from cong.core.pagination import paginate
from cong.core.text import clean_line
from cong.disclosure.forms import DisclosureFilterForm
from cong.disclosure.kinds import Kind

PER_PAGE = 50
# Spreadsheets, word-processor files and PDF, the formats TT 61/2017 names for the reports.
FILE_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "odt", "ods")
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class DisclosureFileBlock(AttachedDocumentBlock):
    """A report's file: Excel, Word or PDF only (its content is checked on upload by
    cong.core.uploads)."""

    def clean(self, value):
        value = super().clean(value)
        document = value.get("document")
        if document is not None and document.file_extension.lower() not in FILE_EXTENSIONS:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "document": ValidationError(
                        _("Chỉ đính kèm tệp Excel, Word hoặc PDF (%(formats)s).")
                        % {"formats": ", ".join(FILE_EXTENSIONS)}
                    )
                }
            )
        return value

    class Meta:
        icon = "doc-full"
        label = _("Tệp")


class DisclosurePage(CongPage):
    """A disclosure section ("Công khai ngân sách", "Kế hoạch công tác"...): the law it
    answers, its items by year with filters, and its sub-sections."""

    intro = models.TextField(_("giới thiệu"), blank=True)
    legal_basis = models.TextField(
        _("căn cứ pháp lý"),
        blank=True,
        help_text=_(
            "Văn bản quy định việc công khai, ví dụ: Điều 51 Nghị định 163/2016/NĐ-CP; "
            "Điều 11 Thông tư 61/2017/TT-BTC (sửa đổi bởi Thông tư 90/2018/TT-BTC)."
        ),
    )

    content_panels = CongPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("legal_basis"),
        InlinePanel("items", heading=_("Các mục công khai"), label=_("Mục công khai")),
    ]
    search_fields = CongPage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("legal_basis"),
        index.SearchField("items_text"),
    ]
    parent_page_types = ["news.HomePage", "agency.InformationPage", "disclosure.DisclosurePage"]
    subpage_types = ["disclosure.DisclosurePage"]
    template = "disclosure/disclosure_page.html"
    search_result_label = _("Công khai")

    class Meta:
        verbose_name = _("trang công khai")
        verbose_name_plural = _("trang công khai")

    def search_snippet_text(self) -> str:
        return self.search_description or self.intro

    schema_type = "CollectionPage"
    dc_type = "Collection"

    def metadata_description(self) -> str:
        return self.search_description or self.intro

    def items_text(self) -> str:
        """The items' titles and notes, so a search for a report finds its section."""
        return " ".join(f"{item.title} {item.note}" for item in self.items.all())

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict:
        context = super().get_context(request, *args, **kwargs)
        # All items in one query, filtered here: a section holds tens of reports a year, and
        # the same code then serves the editor's preview (items not yet in the database).
        items = sorted(self.items.all(), key=newest_first)
        form = DisclosureFilterForm(
            request.GET or None,
            years=sorted({item.year for item in items}, reverse=True),
            kinds=[kind for kind in Kind if any(item.kind == kind for item in items)],
        )
        if form.is_valid():
            items = filter_items(items, form.cleaned_data)
        page_obj = paginate(request, items, PER_PAGE)
        attach_files(page_obj.object_list)
        context.update(
            form=form,
            items=page_obj,
            subsections=DisclosurePage.objects.child_of(self).live().public(),
        )
        return context


def newest_first(item: "DisclosureItem") -> tuple:
    return (-item.year, -item.published_on.toordinal(), -(item.sort_order or 0))


def filter_items(items: list["DisclosureItem"], data: dict) -> list["DisclosureItem"]:
    """The items of the chosen year and kind (either may be left empty)."""
    if data.get("year"):
        items = [item for item in items if item.year == data["year"]]
    if data.get("kind"):
        items = [item for item in items if item.kind == data["kind"]]
    return items


@dataclass(frozen=True)
class AttachedFile:
    """A file of an item as the page lists it: its name, format and size."""

    document: Any
    title: str

    @property
    def name(self) -> str:
        return self.title or self.document.title

    @property
    def format(self) -> str:
        return self.document.file_extension.upper()


def attach_files(items: list["DisclosureItem"]) -> None:
    """Set `item.attached` to its files, fetched for all `items` in one query (a StreamField
    would otherwise look up each item's documents on its own)."""
    chosen = {
        item.pk or id(item): [
            child["value"] for child in item.files.raw_data if child["type"] == "file"
        ]
        for item in items
    }
    ids = {value.get("document") for values in chosen.values() for value in values}
    documents = get_document_model().objects.in_bulk([pk for pk in ids if pk])
    for item in items:
        item.attached = [
            AttachedFile(documents[value["document"]], value.get("title") or "")
            for value in chosen[item.pk or id(item)]
            if value.get("document") in documents
        ]


class DisclosureItem(Orderable):
    """One thing made public: a budget estimate, a quarter's execution report, a plan..."""

    page = ParentalKey(DisclosurePage, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(_("tiêu đề"), max_length=500)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.REPORT)
    year = models.PositiveSmallIntegerField(
        _("năm"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    quarter = models.PositiveSmallIntegerField(
        _("quý"),
        null=True,
        blank=True,
        choices=[(1, _("Quý I")), (2, _("Quý II")), (3, _("Quý III")), (4, _("Quý IV"))],
    )
    month = models.PositiveSmallIntegerField(
        _("tháng"),
        null=True,
        blank=True,
        choices=[(m, str(m)) for m in range(1, 13)],
    )
    published_on = models.DateField(_("ngày công bố"), default=timezone.localdate)
    files = StreamField(
        [("file", DisclosureFileBlock())],
        verbose_name=_("tệp đính kèm"),
        blank=True,
        help_text=_("Tệp Excel, Word hoặc PDF của báo cáo."),
    )
    note = models.TextField(_("ghi chú"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("published_on")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("year"), FieldPanel("quarter"), FieldPanel("month")])],
            heading=_("Kỳ báo cáo"),
            help_text=_("Năm bắt buộc; chọn quý hoặc tháng nếu báo cáo theo kỳ."),
        ),
        FieldPanel("files"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("mục công khai")
        verbose_name_plural = _("mục công khai")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.quarter and self.month:
            raise ValidationError({"month": _("Chọn quý hoặc tháng, không chọn cả hai.")})

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.title = clean_line(self.title)
        super().save(*args, **kwargs)

    @cached_property
    def period_label(self) -> str:
        """The period as the page shows it: "Quý II/2024", "Tháng 3/2025" or "Năm 2023"."""
        if self.quarter:
            return gettext("Quý %(quarter)s/%(year)s") % {
                "quarter": ROMAN.get(self.quarter, self.quarter),
                "year": self.year,
            }
        if self.month:
            return gettext("Tháng %(month)s/%(year)s") % {"month": self.month, "year": self.year}
        return gettext("Năm %(year)s") % {"year": self.year}
