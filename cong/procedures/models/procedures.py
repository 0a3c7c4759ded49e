"""Administrative procedures (Thủ tục hành chính) an agency carries out: ND 224/2026 Art.
9(1)(a) asks for them on the portal, consistent with the national public-service portal
(Cổng Dịch vụ công quốc gia), so each one carries its code there and a link to it."""

from typing import Any
from urllib.parse import urlsplit

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from cong.core.models import NamedItem, TitleField
from cong.core.text import clean_line, clean_text, fold, slugify_vi

TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]
# Codes on the national portal read "1.001234" (a digit, a dot, six digits); older or
# ministry codes may differ a little, so letters, digits, dots and hyphens are accepted.
CODE = RegexValidator(
    r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,39}$",
    _("Mã thủ tục chỉ gồm chữ không dấu, chữ số, dấu chấm và gạch nối (ví dụ: 1.001234)."),
    code="code",
)


class ProcedureField(NamedItem):
    """A field of the procedures (lĩnh vực): Báo chí, Xuất bản, Viễn thông..."""

    class Meta(NamedItem.Meta):
        verbose_name = _("lĩnh vực thủ tục")
        verbose_name_plural = _("lĩnh vực thủ tục")


class Level(models.TextChoices):
    """Cấp thực hiện: the level of government that settles the procedure."""

    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


class OnlineLevel(models.TextChoices):
    """Mức độ dịch vụ công trực tuyến (ND 42/2022): whole process online, or in part."""

    FULL = "full", _("Toàn trình")
    PARTIAL = "partial", _("Một phần")


def folded_level(choices: type[models.TextChoices], text: str) -> str | None:
    """The choice whose value or label `text` names, whatever its case and accents
    ("cap tinh", "Tỉnh", "province" → "province"); None when none does."""
    key = fold(clean_line(text)).lower()
    for value, label in choices.choices:
        folded = fold(str(label)).lower()
        if key in (value, folded, folded.removeprefix("cap ")):
            return value
    return None


class ProcedureQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self) -> QuerySet:
        return self.filter(live=True)


class Procedure(TranslatableMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    """One administrative procedure of a site's agency, as the public list and page show it.

    Drafts and publication as for the other records (an editor saves a draft, whoever may
    publish makes it public); the public sees the published row only.
    """

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("website"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("tên thủ tục"), max_length=500)
    code = models.CharField(
        _("mã thủ tục"),
        max_length=40,
        blank=True,
        validators=[CODE],
        help_text=_("Mã trên Cổng Dịch vụ công quốc gia, ví dụ: 1.001234."),
    )
    field = models.ForeignKey(
        ProcedureField, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(
        _("cấp thực hiện"), max_length=20, choices=Level, default=Level.PROVINCE
    )
    online_level = models.CharField(
        _("mức độ dịch vụ công trực tuyến"),
        max_length=20,
        choices=OnlineLevel,
        blank=True,
        help_text=_("Để trống khi thủ tục chưa được cung cấp trực tuyến."),
    )
    national_url = models.URLField(
        _("liên kết trên Cổng Dịch vụ công"),
        max_length=500,
        blank=True,
        help_text=_("Địa chỉ https của thủ tục trên Cổng Dịch vụ công quốc gia hoặc của tỉnh."),
    )
    processing_time = models.CharField(
        _("thời hạn giải quyết"),
        max_length=500,
        blank=True,
        help_text=_("Ví dụ: 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ."),
    )
    fees = models.TextField(_("phí, lệ phí"), blank=True, help_text=_("Ghi “Không” nếu miễn phí."))
    documents = RichTextField(_("thành phần hồ sơ"), blank=True, features=TEXT_FEATURES)
    agency = models.CharField(_("cơ quan thực hiện"), max_length=255, blank=True)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    sort_order = models.IntegerField(_("thứ tự"), default=0)
    # "Cập nhật lần cuối" on the public page (Art. 9(3): updated as soon as anything changes).
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)
    search_text = models.TextField(editable=False, default="")
    # So that deleting a procedure deletes its revisions (Wagtail's advice for RevisionMixin).
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="procedure")

    objects = ProcedureQuerySet.as_manager()

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("field")]),
        FieldRowPanel([FieldPanel("level"), FieldPanel("online_level")]),
        FieldPanel("national_url"),
        MultiFieldPanel(
            [
                FieldPanel("processing_time"),
                FieldPanel("fees"),
                FieldPanel("documents"),
                FieldPanel("agency"),
                FieldPanel("legal_basis"),
            ],
            heading=_("Nội dung thủ tục"),
        ),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        TitleField("name", boost=2),
        TitleField("search_text", boost=2),
        index.SearchField("code", boost=3),
        index.SearchField("documents"),
        index.SearchField("agency"),
        index.FilterField("site_id"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["sort_order", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "locale"],
                name="unique_translation_key_locale_procedures_procedure",
            ),
            models.UniqueConstraint(
                fields=["site", "code", "locale"],
                condition=~Q(code=""),
                name="procedures_code_unique_per_site",
                violation_error_code="duplicate_code",
                violation_error_message=_("Website này đã có một thủ tục với mã này."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.prepare()
        super().save(*args, **kwargs)

    @property
    def title(self) -> str:
        """The name, as search's title column holds it (TitleField)."""
        return self.name

    @property
    def revisions(self) -> Any:
        return self._revisions

    @property
    def slug(self) -> str:
        return slugify_vi(self.name, max_length=80)

    @property
    def changed_at(self) -> Any:
        """When the public version last changed: its publication, else the row's save."""
        return self.last_published_at or self.updated_at

    def build_search_text(self) -> str:
        """Folded, lower-case copy the list's box and the search page match without accents."""
        text = f"{self.name} {self.code} {self.agency} {strip_tags(self.documents)}"
        return fold(text).lower()

    def clean(self) -> None:
        super().clean()
        self.name = clean_line(self.name)
        self.code = clean_line(self.code)
        self.agency = clean_line(self.agency)
        self.processing_time = clean_line(self.processing_time)
        if self.national_url:
            parts = urlsplit(self.national_url)
            if parts.scheme != "https" or not (parts.hostname or "").endswith("gov.vn"):
                raise ValidationError(
                    {
                        "national_url": ValidationError(
                            _(
                                "Liên kết phải là địa chỉ https của Cổng Dịch vụ công "
                                "(tên miền .gov.vn)."
                            ),
                            code="national_url",
                        )
                    }
                )

    def prepare(self) -> None:
        """Normalise the text and fill the folded copy (bulk imports call it, save() too)."""
        self.name = clean_line(self.name)
        self.fees = clean_text(self.fees)
        self.legal_basis = clean_text(self.legal_basis)
        self.search_text = self.build_search_text()
