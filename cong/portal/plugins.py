"""What the province's portal plugs into.

- Its page types go under a home page (news' `HomePage.subpage_types` is extended here, so
  news names no page type of the portal); `ProvincePage.can_create_at` then offers them on a
  site of kind "tinh" only.
- A member's article published anywhere changes the portal's "Tin từ các đơn vị": its cached
  page (whole-page cache) is purged with the article's own, after commit.
"""

from functools import partial
from typing import Any

from django.db import transaction
from wagtail.signals import page_published

PAGE_TYPES = (
    "portal.MemberNewsPage",
    "portal.MemberDirectoryPage",
    "portal.ProvinceDocumentsPage",
)


def _purge_member_news() -> None:
    from cong.core import pagecache
    from cong.portal.models import MemberNewsPage

    if pagecache.cache_dir() is None:
        return
    paths = [path for page in MemberNewsPage.objects.live() for path in pagecache.site_paths(page)]
    if paths:
        pagecache.purge(trees=paths)


def _article_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    transaction.on_commit(partial(_purge_member_news))


def register_all() -> None:
    from cong.news.models import ArticlePage, HomePage

    for name in PAGE_TYPES:
        if name not in HomePage.subpage_types:
            HomePage.subpage_types.append(name)
    page_published.connect(_article_published, sender=ArticlePage, dispatch_uid="cong-portal-news")
