"""One page of a listing, forgiving odd `?page=` values instead of failing."""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator


def paginate(request, items, per_page: int) -> Page:
    """The page of `items` that `?page=` asks for; the first or last page for odd values."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
