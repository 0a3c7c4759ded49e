"""What the law asks of the site's operation: the measurement tag (ND 224/2026 Art. 12) and
the public notice of a planned stop (Art. 13)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from cong.compliance.badges import clean_badge_html, sanitise
from cong.compliance.origins import clean_origins, origin_of
from cong.core.workdays import add_working_days

# Art. 13: a planned stop is announced at least this many working days before.
NOTICE_WORKING_DAYS = 7


@register_setting(icon="view")
class MeasurementSettings(BaseSiteSetting):
    """The national measurement platform's tag (EMC) and its label, an optional self-hosted
    Matomo, and the extra origins the site's content security policy allows."""

    tag_script_url = models.URLField(
        _("địa chỉ mã nhúng đo lường (EMC)"),
        max_length=500,
        blank=True,
        help_text=_(
            "Địa chỉ https:// của tệp JavaScript do Nền tảng đo lường quốc gia cấp; "
            "được nạp trên mọi trang công khai."
        ),
    )
    badge_html = models.TextField(
        _("nhãn đo lường ở chân trang"),
        blank=True,
        help_text=_(
            "Đoạn HTML của nhãn (liên kết và hình ảnh) do nền tảng đo lường cấp. Chỉ giữ thẻ "
            "a, img, span; ảnh phải từ website này, từ nguồn của mã nhúng hoặc từ "
            "“Nguồn được phép”."
        ),
    )
    matomo_url = models.URLField(
        _("địa chỉ máy chủ Matomo"),
        max_length=300,
        blank=True,
        help_text=_("Không bắt buộc: Matomo tự vận hành, ví dụ https://thongke.thanhhoa.gov.vn/"),
    )
    matomo_site_id = models.PositiveIntegerField(
        _("mã website trong Matomo"), null=True, blank=True
    )
    allowed_origins = models.TextField(
        _("nguồn được phép"),
        blank=True,
        help_text=_(
            "Mỗi dòng một nguồn dạng https://ten-mien.vn (có thể kèm cổng, hoặc "
            "https://*.ten-mien.vn cho mọi tên miền con); trang công khai được nạp mã, "
            "ảnh và gửi dữ liệu tới các nguồn này. Không ghi đường dẫn, không dùng http://."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("tag_script_url"), FieldPanel("badge_html")],
            heading=_("Nền tảng đo lường quốc gia (EMC)"),
        ),
        MultiFieldPanel(
            [FieldPanel("matomo_url"), FieldPanel("matomo_site_id")], heading=_("Matomo")
        ),
        FieldPanel("allowed_origins"),
    ]

    class Meta:
        verbose_name = _("mã đo lường / gắn thẻ")

    def clean(self) -> None:
        errors: dict[str, list] = {}
        origins: list[str] = []
        for name, check in (
            ("allowed_origins", lambda: origins.extend(clean_origins(self.allowed_origins))),
            ("tag_script_url", lambda: self.tag_script_url and origin_of(self.tag_script_url)),
            ("matomo_url", lambda: self.matomo_url and origin_of(self.matomo_url)),
        ):
            try:
                check()
            except ValidationError as exc:
                errors[name] = exc.messages
        if self.matomo_url and not self.matomo_site_id:
            errors["matomo_site_id"] = [_("Cần mã website Matomo khi đã nhập địa chỉ máy chủ.")]
        if not errors:
            self.allowed_origins = "\n".join(origins)
            try:
                self.badge_html = clean_badge_html(self.badge_html, self.origins())
            except ValidationError as exc:
                errors["badge_html"] = exc.messages
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        # Sanitised here too: the label is shown unescaped, whoever saved it and however.
        self.badge_html = sanitise(self.badge_html) if self.badge_html.strip() else ""
        super().save(*args, **kwargs)

    def origins(self) -> list[str]:
        """Every origin the site's pages may load from: the tag's, Matomo's, the listed ones."""
        found = []
        for value in (self.tag_script_url, self.matomo_url, *self.allowed_origins.splitlines()):
            try:  # checked on save; a value put in another way is left out, not fatal
                found.append(origin_of(value) if value.strip() else None)
            except ValidationError:
                continue
        return list(dict.fromkeys(origin for origin in found if origin))

    @property
    def matomo_base(self) -> str:
        return self.matomo_url.rstrip("/") + "/" if self.matomo_url else ""


class MaintenanceWindowQuerySet(models.QuerySet):
    def not_ended(self, now: datetime.datetime | None = None) -> "MaintenanceWindowQuerySet":
        return self.filter(ends_at__gt=now or timezone.now())


class MaintenanceWindow(models.Model):
    """A planned stop of the site, announced on every public page until it ends."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name=_("website")
    )
    starts_at = models.DateTimeField(_("bắt đầu tạm dừng"))
    ends_at = models.DateTimeField(_("dự kiến hoạt động trở lại"))
    reason = models.CharField(
        _("lý do"), max_length=300, help_text=_("Ví dụ: nâng cấp hệ thống máy chủ.")
    )
    force_majeure = models.BooleanField(
        _("sự cố bất khả kháng"),
        default=False,
        help_text=_(
            "Chỉ đánh dấu khi phải dừng vì sự cố ngoài ý muốn: khi đó không cần thông báo "
            "trước 7 ngày làm việc."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now, editable=False)
    # Set once the cached pages that still showed the banner were removed after the end
    # (`manage.py maintenance sync`).
    banner_cleared = models.BooleanField(default=False, editable=False)

    objects = MaintenanceWindowQuerySet.as_manager()

    panels = [
        FieldPanel("site"),
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
        FieldPanel("reason"),
        FieldPanel("force_majeure"),
    ]

    class Meta:
        verbose_name = _("thông báo tạm dừng hoạt động")
        verbose_name_plural = _("thông báo tạm dừng hoạt động")
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return _("Tạm dừng từ %(start)s") % {"start": _local(self.starts_at)}

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Thời điểm hoạt động trở lại phải sau thời điểm bắt đầu.")
        if self.starts_at and not self.force_majeure and self._start_changed():
            earliest = earliest_planned_start(timezone.localdate())
            if timezone.localtime(self.starts_at).date() < earliest:
                errors["starts_at"] = _(
                    "Phải thông báo trước ít nhất %(days)s ngày làm việc (không tính thứ Bảy, "
                    "Chủ nhật, ngày lễ, Tết): ngày bắt đầu sớm nhất là %(date)s. Nếu phải dừng "
                    "vì sự cố, hãy đánh dấu “Sự cố bất khả kháng”."
                ) % {"days": NOTICE_WORKING_DAYS, "date": earliest.strftime("%d/%m/%Y")}
        if errors:
            raise ValidationError(errors)

    def _start_changed(self) -> bool:
        if self.pk is None:
            return True
        saved = type(self).objects.filter(pk=self.pk).values_list("starts_at", flat=True).first()
        return saved != self.starts_at


def earliest_planned_start(today: datetime.date) -> datetime.date:
    """The first day a stop announced on `today` may start: NOTICE_WORKING_DAYS whole working
    days lie between the notice and the stop (weekends and public holidays not counted)."""
    return add_working_days(today, NOTICE_WORKING_DAYS) + datetime.timedelta(days=1)


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")
