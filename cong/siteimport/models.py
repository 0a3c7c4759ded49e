"""What an import leaves behind: its runs (the admin's history) and, for each item brought
over, where it came from and where it went (what makes a second run idempotent and a killed
run resumable)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    """One `import_site` run: its source, what it did and its report."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Đang chạy")
        DONE = "done", _("Hoàn tất")
        INTERRUPTED = "interrupted", _("Bị ngắt")
        FAILED = "failed", _("Lỗi")
        DRY_RUN = "dry_run", _("Chạy thử")

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("website"), on_delete=models.CASCADE
    )
    source = models.CharField(_("nguồn"), max_length=1000)
    preset = models.CharField(_("kiểu website cũ"), max_length=40)
    started_at = models.DateTimeField(_("bắt đầu"), auto_now_add=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.RUNNING
    )
    created = models.PositiveIntegerField(_("tạo mới"), default=0)
    updated = models.PositiveIntegerField(_("cập nhật"), default=0)
    skipped = models.PositiveIntegerField(_("bỏ qua"), default=0)
    failed = models.PositiveIntegerField(_("lỗi"), default=0)
    redirects = models.PositiveIntegerField(_("chuyển hướng"), default=0)
    images = models.PositiveIntegerField(_("ảnh"), default=0)
    documents = models.PositiveIntegerField(_("tệp"), default=0)
    bytes = models.PositiveBigIntegerField(_("dung lượng tải về (byte)"), default=0)
    report = models.JSONField(_("báo cáo"), default=dict, blank=True)

    class Meta:
        verbose_name = _("lần chuyển website")
        verbose_name_plural = _("lần chuyển website")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.source} ({self.started_at:%d/%m/%Y %H:%M})"


class ImportedItem(models.Model):
    """One article or page of the old site, by its address, and the page it became; with
    the view count the old page showed, carried over to the new page's count."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("website"), on_delete=models.CASCADE
    )
    source_url = models.CharField(_("địa chỉ cũ"), max_length=1000)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("trang mới"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checksum = models.CharField(_("mã kiểm tra nội dung"), max_length=64)
    views = models.PositiveIntegerField(
        _("lượt xem trên website cũ"),
        default=0,
        help_text=_("Cộng vào lượt xem của trang mới, để bạn đọc không thấy số lượt xem về 0."),
    )
    run = models.ForeignKey(
        ImportRun,
        verbose_name=_("lần chuyển"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    imported_at = models.DateTimeField(_("lúc nhập"), auto_now=True)

    class Meta:
        verbose_name = _("mục đã chuyển")
        verbose_name_plural = _("mục đã chuyển")
        constraints = [
            models.UniqueConstraint(fields=["site", "source_url"], name="siteimport_item_once")
        ]

    def __str__(self) -> str:
        return self.source_url


class ImportedFile(models.Model):
    """An image or file downloaded once, by the SHA-256 of its content: the same photo used by
    many articles (or met again on a resumed run) becomes one Wagtail image or document."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("Ảnh")
        DOCUMENT = "document", _("Tệp")

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("website"), on_delete=models.CASCADE
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    object_id = models.PositiveBigIntegerField(_("mã ảnh hoặc tệp"))
    source_url = models.CharField(_("địa chỉ cũ"), max_length=1000)

    class Meta:
        verbose_name = _("tệp đã tải")
        verbose_name_plural = _("tệp đã tải")
        constraints = [
            models.UniqueConstraint(fields=["site", "kind", "sha256"], name="siteimport_file_once")
        ]
        indexes = [models.Index(fields=["site", "source_url"])]

    def __str__(self) -> str:
        return self.source_url


def carried_over_views(page_id: int) -> int:
    """The views a page had on the old site (`cong.visits.stats.CARRIED_OVER`)."""
    return ImportedItem.objects.filter(page_id=page_id).aggregate(n=models.Sum("views"))["n"] or 0
