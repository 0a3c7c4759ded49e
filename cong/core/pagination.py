"""One page of a listing, forgiving odd `?page=` values, and the query its links carry."""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import HttpRequest

from cong.core.pagecache import IGNORED_PARAMS, IGNORED_PREFIXES


def paginate(request, items, per_page: int) -> Page:
    """The page of `items` that `?page=` asks for; the first or last page for odd values."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def filter_query(request: HttpRequest, drop: tuple[str, ...] = ("page",)) -> str:
    """The request's query string for the links of a listing (pages 2, 3..., filters):
    without `drop` and without tracking parameters (utm_*, fbclid...).

    A listing asked for with `?utm_source=x` is the page cache's file for the plain address
    (those parameters never change a page), so anything it links to from the query string
    would show that one visitor's tracking tag to every later reader.
    """
    query = request.GET.copy()
    for name in list(query):
        if name in drop or name in IGNORED_PARAMS or name.startswith(IGNORED_PREFIXES):
            del query[name]
    return query.urlencode()
