"""Consultation on draft documents ("Góp ý dự thảo"): the drafts, their dates, the comments."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from cong.core.models import CongPage
from cong.core.pagination import paginate
from cong.core.text import clean_line, clean_text
from cong.participation.routes import answer

PER_PAGE = 20


class ConsultationStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Sắp lấy ý kiến")
    OPEN = "open", _("Đang lấy ý kiến")
    CLOSED = "closed", _("Đã hết hạn góp ý")


class ConsultationIndexPage(CongPage):
    """Lists the drafts open for comment, then the upcoming and the closed ones."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = CongPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["news.HomePage"]
    subpage_types = ["participation.ConsultationPage"]
    max_count_per_parent = 1
    template = "participation/consultation_index_page.html"

    class Meta:
        verbose_name = _("trang góp ý dự thảo")

    schema_type = "CollectionPage"
    dc_type = "Collection"

    def metadata_description(self) -> str:
        return self.search_description or self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        consultations = (
            ConsultationPage.objects.child_of(self).live().public().order_by("-opens_on", "-pk")
        )
        wanted = request.GET.get("trang-thai", "")
        if wanted == ConsultationStatus.OPEN:
            consultations = consultations.filter(opens_on__lte=now, closes_on__gt=now)
        elif wanted == ConsultationStatus.UPCOMING:
            consultations = consultations.filter(opens_on__gt=now)
        elif wanted == ConsultationStatus.CLOSED:
            consultations = consultations.filter(closes_on__lte=now)
        else:
            wanted = ""
        context.update(
            consultations=paginate(request, consultations, PER_PAGE),
            statuses=ConsultationStatus.choices,
            wanted_status=wanted,
        )
        return context


class ConsultationPage(CongPage):
    """One draft put to public comment between two moments; comments show once approved."""

    summary = models.TextField(_("tóm tắt"), help_text=_("Mục đích, phạm vi của dự thảo."))
    issuing_unit = models.CharField(
        _("cơ quan chủ trì soạn thảo"),
        max_length=255,
        help_text=_("Ví dụ: Sở Thông tin và Truyền thông Thanh Hóa"),
    )
    body = RichTextField(
        _("nội dung"), blank=True, features=["h2", "h3", "bold", "italic", "ol", "ul", "link"]
    )
    opens_on = models.DateTimeField(_("bắt đầu lấy ý kiến"), db_index=True)
    closes_on = models.DateTimeField(_("hết hạn góp ý"), db_index=True)

    content_panels = CongPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("issuing_unit"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")], heading=_("Thời gian")),
        InlinePanel("draft_files", label=_("Tệp dự thảo")),
        FieldPanel("body"),
    ]
    search_fields = CongPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("issuing_unit"),
    ]
    parent_page_types = ["participation.ConsultationIndexPage"]
    subpage_types: list[str] = []
    template = "participation/consultation_page.html"
    search_result_label = _("Dự thảo lấy ý kiến")

    def search_snippet_text(self) -> str:
        return self.summary

    def metadata_description(self) -> str:
        return self.search_description or self.summary

    def metadata(self, request=None):
        """A draft put to comment: drafted by its unit, open between two moments."""
        from cong.core.metadata import iso

        meta = super().metadata(request)
        meta.creator = self.issuing_unit
        meta.jsonld[0].update(
            author={"@type": "GovernmentOrganization", "name": self.issuing_unit},
            startDate=iso(self.opens_on),
            expires=iso(self.closes_on),
        )
        return meta

    class Meta:
        verbose_name = _("dự thảo lấy ý kiến")
        verbose_name_plural = _("dự thảo lấy ý kiến")

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on <= self.opens_on:
            raise ValidationError({"closes_on": _("Hạn góp ý phải sau ngày bắt đầu.")})

    def save(self, *args, **kwargs):
        self.summary = clean_text(self.summary or "")
        self.issuing_unit = clean_line(self.issuing_unit or "")
        super().save(*args, **kwargs)

    def status(self, now: datetime.datetime | None = None) -> ConsultationStatus:
        """Upcoming, open or closed, from the clock: nobody has to close it by hand."""
        now = now or timezone.now()
        if now < self.opens_on:
            return ConsultationStatus.UPCOMING
        if now >= self.closes_on:
            return ConsultationStatus.CLOSED
        return ConsultationStatus.OPEN

    @property
    def is_open(self) -> bool:
        return self.status() == ConsultationStatus.OPEN

    def serve(self, request, *args, **kwargs):
        return answer("consultations.serve", self, request)


class ConsultationFile(Orderable):
    """A draft file (the draft itself, the report, an annex), a Wagtail document."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="draft_files")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tệp"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("tên hiển thị"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("tệp dự thảo")

    def __str__(self):
        return self.title or self.document.title


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt, công khai")
    REJECTED = "rejected", _("Không duyệt")


class Comment(models.Model):
    """A comment on a draft. Public only once approved, and never with the e-mail address.

    It belongs to the site of its draft (set on save), which keeps it to that agency's
    moderators and reports.
    """

    consultation = models.ForeignKey(
        ConsultationPage,
        verbose_name=_("dự thảo"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("website"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    name = models.CharField(_("họ và tên"), max_length=120)
    email = models.EmailField(_("thư điện tử"), max_length=254)
    organisation = models.CharField(_("cơ quan, tổ chức"), max_length=255, blank=True)
    section = models.CharField(_("điều, khoản"), max_length=200, blank=True)
    body = models.TextField(_("nội dung góp ý"))
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("ngày gửi"), default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField(_("ngày duyệt"), null=True, blank=True)

    class Meta:
        verbose_name = _("góp ý dự thảo")
        verbose_name_plural = _("góp ý dự thảo")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return f"{self.name}: {self.body[:60]}"

    def save(self, *args, **kwargs):
        self.name = clean_line(self.name)
        self.organisation = clean_line(self.organisation)
        self.section = clean_line(self.section)
        self.body = clean_text(self.body)
        if self.status != CommentStatus.PENDING and self.moderated_at is None:
            self.moderated_at = timezone.now()
        if self.site_id is None and self.consultation_id is not None:
            self.site = self.consultation.get_site()
        super().save(*args, **kwargs)
