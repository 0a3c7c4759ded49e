"""Visit statistics ("Thống kê truy cập"): settings, daily counters, anonymous visitor state.

No raw IP address or user agent is ever stored: a visitor is a keyed hash that changes
every day (see cong.core.clients), and yesterday's salts and visitor rows are deleted.
"""

from datetime import date
from typing import Any

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

    def __str__(self) -> str:
        return f"{self.visitor} {self.day}"


def forget_visitors(sender: Any, before: date, **kwargs: Any) -> None:
    """Once the secrets of days before `before` are gone, their visitor rows go too."""
    VisitorDay.objects.filter(day__lt=before).delete()


class AddressDay(models.Model):
    """What one client address added on one local day, for the per-address caps.

    `address` is a daily keyed hash (cong.visits.counting.address_key), never the address.
    The counting upsert adds to these and reads them back in the same statement; `fresh`
    says whether that hit's browser was new today (read back at once, like `new_visit`).
    """

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    address = models.CharField(max_length=64)
    minute = models.BigIntegerField(default=0)  # minutes since the epoch of the two below
    minute_new = models.IntegerField(default=0)
    minute_views = models.IntegerField(default=0)
    day_new = models.IntegerField(default=0)
    fresh = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "address"], name="visits_address_unique")
        ]
        indexes = [models.Index(fields=["day"], name="visits_address_day")]

    def __str__(self) -> str:
        return f"{self.address} {self.day}"


def forget_addresses(sender: Any, before: date, **kwargs: Any) -> None:
    """Once the secrets of days before `before` are gone, their address rows go too."""
    AddressDay.objects.filter(day__lt=before).delete()


class DailyStats(models.Model):
    """A site's visits and page views on one local day."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    visits = models.PositiveBigIntegerField(default=0)
    pageviews = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "day"], name="visits_daily_unique")]
        verbose_name = _("số liệu ngày")

    def __str__(self) -> str:
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

    def __str__(self) -> str:
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

    def __str__(self) -> str:
        return f"{self.day} {self.reason}: {self.count}"


class FlushedBatch(models.Model):
    """A batch of Redis counters already added to SQL: a retried flush adds nothing twice."""

    batch = models.CharField(max_length=64, unique=True)
    flushed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.batch


class BeaconLogPosition(models.Model):
    """How far `manage.py ingest_beacons` has counted nginx's beacon log (database store).

    Written in the same transaction as the counts of the lines before `offset`, so a worker
    killed at any moment resumes exactly after the last line it counted. `inode` tells the
    file: after a rotation the worker finishes the renamed file before the new one.
    """

    name = models.CharField(max_length=200, unique=True)
    inode = models.BigIntegerField()
    offset = models.BigIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.name}: {self.inode}@{self.offset}"
