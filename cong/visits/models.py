"""Visit statistics ("Thống kê truy cập"): settings, daily counters, anonymous visitor state.

No raw IP address or user agent is ever stored: a visitor is a keyed hash that changes
every day (see cong.visits.identity), and yesterday's salts and visitor rows are deleted.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="view")
class VisitSettings(BaseSiteSetting):
    """How the sidebar's visit statistics are counted and shown."""

    total_baseline = models.PositiveBigIntegerField(
        _("số lượt truy cập chuyển từ website cũ"),
        default=0,
        help_text=_("Cộng vào “Đã truy cập” để giữ số liệu của website trước đây."),
    )
    online_minutes = models.PositiveSmallIntegerField(
        _("thời gian tính “đang online” (phút)"),
        default=5,
        help_text=_(
            "Khách truy cập xem trang trong khoảng thời gian này được tính là đang online."
        ),
    )
    max_hits_per_minute = models.PositiveSmallIntegerField(
        _("số lượt xem tối đa mỗi phút của một khách"),
        default=30,
        help_text=_("Vượt quá mức này, lượt xem bị coi là tự động và không được tính."),
    )

    panels = [
        FieldPanel("total_baseline"),
        FieldPanel("online_minutes"),
        FieldPanel("max_hits_per_minute"),
    ]

    class Meta:
        verbose_name = _("thống kê truy cập")


class DailySalt(models.Model):
    """The secret of one local day; deleted after 48 hours so old hashes cannot be linked."""

    day = models.DateField(unique=True)
    secret = models.BinaryField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"salt {self.day}"


class VisitorDay(models.Model):
    """One anonymous visitor on one local day: when it was last seen, to find visits."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    visitor = models.CharField(max_length=64)
    last_seen = models.DateTimeField()
    # Whether the latest hit started a visit: set by the counting upsert, read back at once.
    new_visit = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "visitor"], name="visits_visitor_unique")
        ]
        indexes = [models.Index(fields=["site", "last_seen"], name="visits_visitor_seen")]

    def __str__(self):
        return f"{self.visitor} {self.day}"


class DailyStats(models.Model):
    """A site's visits and page views on one local day."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    visits = models.PositiveBigIntegerField(default=0)
    pageviews = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "day"], name="visits_daily_unique")]
        verbose_name = _("số liệu ngày")

    def __str__(self):
        return f"{self.day}: {self.visits}/{self.pageviews}"


class PageDailyStats(models.Model):
    """Page views of one address on one local day; `page` ties renamed pages together."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    path = models.CharField(max_length=500)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    views = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "day", "path"], name="visits_page_daily_unique")
        ]
        indexes = [models.Index(fields=["page", "day"], name="visits_page_day")]

    def __str__(self):
        return f"{self.day} {self.path}: {self.views}"


class DroppedHits(models.Model):
    """Hits not counted on one day, by reason, so an admin can see what was filtered."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    reason = models.CharField(max_length=32)
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "day", "reason"], name="visits_dropped_unique")
        ]

    def __str__(self):
        return f"{self.day} {self.reason}: {self.count}"


class FlushedBatch(models.Model):
    """A batch of Redis counters already added to SQL: a retried flush adds nothing twice."""

    batch = models.CharField(max_length=64, unique=True)
    flushed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.batch
