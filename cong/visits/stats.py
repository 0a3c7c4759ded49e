"""The figures the widget, the articles and the "most read" list show (cached briefly)."""

import datetime
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone
from wagtail.models import Site

from cong.core.cache import cached_setting, request_scope
from cong.core.clients import local_day
from cong.visits.models import PageDailyStats, VisitSettings
from cong.visits.stores import Summary, get_store

SUMMARY_SECONDS = 5
PAGE_VIEWS_SECONDS = 60


def summary_key(site_id: int) -> str:
    return f"cong:visits:summary:{site_id}"


def page_views_key(page_id: int) -> str:
    return f"cong:visits:page:{page_id}"


def summary_for_site(site: Site, fresh: bool = False) -> Summary:
    """Visits and page views of `site`, with the carried-over baseline; at most 5 s old."""
    if site is None:
        return Summary(0, 0, 0, 0, 0)
    key = summary_key(site.pk)
    scope = request_scope()
    summary = None if fresh else (scope or {}).get(key) or cache.get(key)
    if summary is None:
        settings = cached_setting(VisitSettings, site)
        raw = get_store().summary(
            site.pk, timezone.now(), datetime.timedelta(minutes=settings.online_minutes)
        )
        summary = Summary(
            online=raw.online,
            today=raw.today,
            total=raw.total + settings.total_baseline,
            pageviews_today=raw.pageviews_today,
            pageviews_total=raw.pageviews_total,
        )
        cache.set(key, summary, SUMMARY_SECONDS)
    return summary


# Views a page had before Cổng counted them: functions page id → views, registered by the
# apps that keep such counts (cong.siteimport: an article brought over from an old site that
# showed "Lượt xem: 1.234"), added so the count readers see does not start again from 0.
CARRIED_OVER: list[Callable[[int], int]] = []


def page_views(site: Site, page_id: int) -> int:
    """All views of one page ("Lượt xem"), at most a minute old. Read with the site's
    summary, which the same page shows in its sidebar: one cache round trip for both."""
    key = page_views_key(page_id)
    found = cache.get_many([key, summary_key(site.pk)])
    scope = request_scope()
    if scope is not None and summary_key(site.pk) in found:
        scope[summary_key(site.pk)] = found[summary_key(site.pk)]
    views = found.get(key)
    if views is None:
        views = get_store().page_views(site.pk, page_id)
        views += sum(count(page_id) for count in CARRIED_OVER)
        cache.set(key, views, PAGE_VIEWS_SECONDS)
    return views


def most_viewed_pages(site: Site, days: int = 30, limit: int = 20) -> list[tuple[int, int]]:
    """(page id, views) of the pages viewed most in the last `days` days, most viewed first."""
    since = local_day(timezone.now()) - datetime.timedelta(days=days - 1)
    rows = (
        PageDailyStats.objects.filter(site=site, day__gte=since, page__isnull=False)
        .values("page_id")
        .annotate(views=Sum("views"))
        .order_by("-views", "page_id")[:limit]
    )
    return [(row["page_id"], row["views"]) for row in rows]


def most_viewed_page_ids(site: Site, days: int = 30, limit: int = 20) -> list[int]:
    """Ids of the pages viewed most in the last `days` days, most viewed first."""
    return [page_id for page_id, _views in most_viewed_pages(site, days, limit)]
