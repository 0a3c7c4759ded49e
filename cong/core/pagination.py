"""One page of a listing, forgiving odd `?page=` values, and the query its links carry."""

from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import HttpRequest, QueryDict

from cong.core.pagecache import IGNORED_PARAMS, IGNORED_PREFIXES

# Parameters apps declare with `keep_out_of_links()`: a notice shown once after a redirect
# ("your comment was sent"), which the next page of the listing must not show again.
_one_shot: set[str] = set()


def paginate(request: HttpRequest, items: Any, per_page: int) -> Page:
    """The page of `items` that `?page=` asks for; the first or last page for odd values."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def keep_out_of_links(*names: str) -> None:
    """Declare query parameters that announce something once (e.g. `?da-gui=1`): the links
    of a listing (`listing_query`) never carry them on."""
    _one_shot.update(names)


def listing_query(request: HttpRequest) -> QueryDict:
    """The request's query for the links of a listing (`{% querystring query page=2 %}`):
    its filters, without the page and without tracking parameters (utm_*, fbclid...) or
    one-shot notices.

    A listing asked for with `?utm_source=x` is the page cache's file for the plain address
    (those parameters never change a page), so anything it links to from the query string
    would show that one visitor's tracking tag to every later reader. Without the page, the
    page number always comes last in the links, whatever order the request had.
    """
    query = request.GET.copy()
    for name in list(query):
        if (
            name == "page"
            or name in _one_shot
            or name in IGNORED_PARAMS
            or name.startswith(IGNORED_PREFIXES)
        ):
            del query[name]
    return query
