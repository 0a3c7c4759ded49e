"""Promoted search results ("Kết quả tìm kiếm ưu tiên") are install-wide: only install-wide
users manage them.

wagtail.contrib.search_promotions keeps one list of queries and their promoted pages for the
whole install, with no site: a promotion made for "học phí" shows on every site's search. In
province mode an agency's editor must not change what other agencies' readers see, so only
users who work for every site (`sites_of(user).everything`: superusers and members of an
install-wide group) see the menu item and open the views; for an agency's own users the views
answer 403 whatever their permissions, and the menu item is hidden. `wagtail_hooks` puts these
patterns at Wagtail's own addresses ("searchpicks/…"), ahead of Wagtail's.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import URLPattern, path
from django.views.defaults import permission_denied

from cong.core.i18n import site_root
from cong.core.tenancy import sites_of

PREFIX = "searchpicks/"
MENU_ITEM = "promoted-search-results"


def manages_promotions(user: Any) -> bool:
    return sites_of(user).everything


def install_wide_only(view: Callable) -> Callable:
    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not manages_promotions(request.user):
            # A plain 403 (Wagtail would turn PermissionDenied into a way back home).
            return permission_denied(request, PermissionDenied())
        return view(request, *args, **kwargs)

    return checked


def urlpatterns() -> list[URLPattern]:
    """Wagtail's promotion views (wagtail/contrib/search_promotions/admin_urls.py), checked."""
    from wagtail.contrib.search_promotions import views

    routes = [
        ("", views.IndexView.as_view(), "index"),
        ("results/", views.IndexView.as_view(results_only=True), "index_results"),
        ("add/", views.CreateView.as_view(), "add"),
        ("<int:query_id>/", views.EditView.as_view(), "edit"),
        ("<int:query_id>/delete/", views.DeleteView.as_view(), "delete"),
        ("queries/chooser/", views.chooser, "chooser"),
        ("queries/chooser/results/", views.chooserresults, "chooserresults"),
    ]
    return [
        path(PREFIX + route, install_wide_only(view), name=f"cong_promotions_{name}")
        for route, view, name in routes
    ]


def hide_menu_item(request: HttpRequest, menu_items: list) -> None:
    if not manages_promotions(request.user):
        menu_items[:] = [item for item in menu_items if item.name != MENU_ITEM]


def promoted_on(site: Any, query: Any) -> list:
    """The promotions of `query` a reader of `site` sees: links to outside addresses, and
    pages of `site`'s own tree in the reader's language (a promotion of another agency's
    page stays on that agency's search, a Vietnamese page on the Vietnamese search)."""
    picks = query.editors_picks.select_related("page").order_by("sort_order")
    home = site_root(site)
    root = home.path if home is not None else None
    return [
        pick
        for pick in picks
        if pick.page is None or (root is not None and pick.page.path.startswith(root))
    ]
