"""Legal documents ("Văn bản"): the documents an agency issues and applies."""

import datetime
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from cong.core.models import NamedItem, TitleField
from cong.core.text import (
    clean_line,
    clean_text,
    fold,
    number_terms,
    number_token,
    slugify_vi,
)


class DocumentType(NamedItem):
    """Luật, Nghị định, Quyết định, Kế hoạch, ..."""

    class Meta(NamedItem.Meta):
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")


class IssuingBody(NamedItem):
    """Who issued a document: "UBND tỉnh Thanh Hóa", "Thủ tướng Chính phủ", ..."""

    class Meta(NamedItem.Meta):
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")


class DocumentField(NamedItem):
    """A field of state management (lĩnh vực): "Thông tin và Truyền thông", ..."""

    class Meta(NamedItem.Meta):
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")


def number_key(number: str) -> str:
    """A document number folded for matching: case, accents and spaces do not count.

    >>> number_key(" 1079/qđ-TTg ")
    '1079/QD-TTG'
    """
    return "".join(fold(clean_line(number)).upper().split())


class Status(models.TextChoices):
    IN_FORCE = "in_force", _("Còn hiệu lực")
    EXPIRED = "expired", _("Hết hiệu lực")
    NOT_YET = "not_yet", _("Chưa có hiệu lực")


class LegalDocumentQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self) -> QuerySet:
        return self.filter(live=True)

    def for_site(self, site: Any) -> QuerySet:
        """The documents of one website (each agency's site has its own)."""
        return self.filter(site=site)

    def expired_q(self, today: datetime.date) -> Q:
        return Q(expires_on__lt=today) | Q(replaced_by__live=True)

    def with_status(self, status: str, today: datetime.date | None = None) -> QuerySet:
        """Documents whose status on `today` (local) is `status`."""
        today = today or timezone.localdate()
        expired = self.filter(self.expired_q(today)).values("pk")
        if status == Status.EXPIRED:
            return self.filter(pk__in=expired)
        if status == Status.NOT_YET:
            return self.filter(effective_on__gt=today).exclude(pk__in=expired)
        return self.exclude(pk__in=expired).exclude(effective_on__gt=today)


class LegalDocument(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """One legal document: number, type, issuer, dates, summary, files and relations.

    A document belongs to one website (in province mode, each agency's); the types, issuing
    bodies and fields it is filed under are shared by every site of the install. Drafts go
    through the approval workflow assigned to the model (cong.editorial), and an editor may
    lock one while working on it.
    """

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("website"), on_delete=models.CASCADE, related_name="+"
    )
    number = models.CharField(
        _("số/ký hiệu"), max_length=100, help_text=_("Ví dụ: 1079/QĐ-TTg, 21/KH-UBND, 44-CT/TW")
    )
    number_key = models.CharField(max_length=100, editable=False, db_index=True)
    doc_type = models.ForeignKey(
        DocumentType, verbose_name=_("loại văn bản"), on_delete=models.PROTECT, related_name="+"
    )
    issuing_body = models.ForeignKey(
        IssuingBody, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="+"
    )
    field = models.ForeignKey(
        DocumentField,
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), db_index=True)
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    expires_on = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    summary = models.TextField(_("trích yếu"))
    replaces = ParentalManyToManyField(
        "self",
        verbose_name=_("thay thế văn bản"),
        blank=True,
        symmetrical=False,
        related_name="replaced_by",
    )
    amends = ParentalManyToManyField(
        "self",
        verbose_name=_("sửa đổi, bổ sung văn bản"),
        blank=True,
        symmetrical=False,
        related_name="amended_by",
    )
    search_text = models.TextField(editable=False, default="")

    objects = LegalDocumentQuerySet.as_manager()

    panels = [
        FieldPanel("site"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("doc_type")]),
        FieldRowPanel([FieldPanel("issuing_body"), FieldPanel("field")]),
        FieldPanel("signer"),
        FieldRowPanel(
            [FieldPanel("issued_on"), FieldPanel("effective_on"), FieldPanel("expires_on")],
            heading=_("Ngày tháng"),
        ),
        FieldPanel("summary"),
        InlinePanel("files", label=_("Tệp văn bản")),
        MultiFieldPanel([FieldPanel("replaces"), FieldPanel("amends")], heading=_("Liên quan")),
    ]
    search_fields = [
        # A document's summary (trích yếu) is its title; search_text is the folded copy.
        TitleField("summary", boost=2),
        TitleField("search_text", boost=2),
        index.SearchField("number", boost=3),
        index.SearchField("search_details"),
        index.AutocompleteField("number"),
        index.FilterField("issued_on"),
        index.FilterField("live"),
        index.FilterField("site_id"),
    ]

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "issuing_body", "number_key"],
                name="documents_number_unique_per_site",
            )
        ]

    def __str__(self) -> str:
        if not self.doc_type_id:
            return self.number
        return gettext("%(type)s số %(number)s") % {"type": self.doc_type, "number": self.number}

    @property
    def title(self) -> str:
        return str(self)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.number = clean_line(self.number)
        self.summary = clean_text(self.summary)
        self.signer = clean_line(self.signer)
        self.number_key = number_key(self.number)
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        """Folded, lower-case text the list's search box matches without regard to accents."""
        kind = self.doc_type.name if self.doc_type_id else ""
        text = f"{kind} {self.number} {self.number_key} {self.summary}"
        # The number's token even when it is not of the usual shape, then every number's
        # token and parts (number_terms: "21 KH UBND" typed with spaces finds it).
        numbers = f"{number_token(self.number)} {number_terms(text)}"
        return f"{fold(text).lower()} {numbers}"

    def search_details(self) -> str:
        """The signer and the issuing body, as written and folded: found, but not a title."""
        body = self.issuing_body.name if self.issuing_body_id else ""
        text = f"{self.signer} {body}"
        return f"{text} {fold(text).lower()}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        key = number_key(self.number or "")
        if self.issuing_body_id and key:
            # A number is unique per issuing body on one website: two agencies' sites may
            # both publish the province's plan.
            clash = LegalDocument.objects.filter(
                site_id=self.site_id, issuing_body_id=self.issuing_body_id, number_key=key
            )
            if clash.exclude(pk=self.pk).exists():
                message = _("Cơ quan này đã có văn bản số/ký hiệu “%(number)s”.")
                raise ValidationError(
                    {
                        "number": ValidationError(
                            message, code="duplicate", params={"number": self.number}
                        )
                    }
                )
        if self.effective_on and self.expires_on and self.expires_on < self.effective_on:
            message = _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")
            raise ValidationError(
                {"expires_on": ValidationError(message, code="expires_before_effective")}
            )

    def status(self, today: datetime.date | None = None) -> Status:
        """In force, expired or not yet in force, from the dates and from replacement."""
        today = today or timezone.localdate()
        if (self.expires_on and self.expires_on < today) or self.replaced_by.filter(
            live=True
        ).exists():
            return Status.EXPIRED
        if self.effective_on and self.effective_on > today:
            return Status.NOT_YET
        return Status.IN_FORCE

    @property
    def slug(self) -> str:
        return slugify_vi(f"{self.doc_type} {self.number}", max_length=120)


class LegalDocumentFile(Orderable):
    """A file of a document (the signed PDF, a Word copy, an annex)."""

    legal_document = ParentalKey(LegalDocument, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tệp"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("tên hiển thị"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("tệp văn bản")

    def __str__(self) -> str:
        return self.title or self.document.title
