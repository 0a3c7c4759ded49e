"""What the work schedule plugs into: nothing beyond what every page gets.

A week is a page and its entries are an inline published with it, so Wagtail indexes them
with the page (`ScheduleWeekPage.entries_text`), and publishing a week purges the cached
week, its ancestors (the schedule index showing the current week, the home page with
"Lịch công tác hôm nay") through cong.core's page purge. Today's highlight and the current
week change at midnight: the page-cache sweep (CONG_PAGE_CACHE_MAX_AGE_MINUTES) retires
them, as it does the home page's dated blocks. No search kind, `watch()` or `never_cache()`.
"""


def register_all() -> None:
    return None
