"""What the site import plugs into.

Imported pages purge the page cache through the news and agency apps' own watches, and
redirects are Wagtail's; import runs are an administrators' record, never shown on the site.
The one thing shown: an imported article's old view count ("Lượt xem: 1.234" on the old
page) is added to the count readers see (`cong.visits.stats.CARRIED_OVER`).
"""


def register_all() -> None:
    from cong.siteimport.models import carried_over_views
    from cong.visits import stats

    if carried_over_views not in stats.CARRIED_OVER:
        stats.CARRIED_OVER.append(carried_over_views)
