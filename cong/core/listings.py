"""Listings that read nothing from the database on a page seen before (issue 20).

A listing page (a section's articles, the legal documents with their filters) shows one page
of a queryset and links to the others. Its count and its rows depend only on what is
published (the content version), the page, its filters and the page number, not on the rest
of the query string (`?utm_source=`, or the new parameter each uncached request of `make
bench` sends). So:

- `cached()` keeps a value (the count, the years of the documents' filter) under a key naming
  the content version, with the surrogate keys of what computing it read
  (`cong.core.surrogate.cached`), except in a draft's preview, which computes afresh;
- `paginate_counted()` gives the template a paginator page whose count is given and whose
  rows are read from the database only when the template iterates them: inside a `{% cache
  %}` fragment that varies on the content version and the page number, so only when that
  fragment is not found. The pagination links, which carry the query string, are rendered
  each time, outside the fragment.
"""

from collections.abc import Callable, Iterator
from typing import Any

from django.core.paginator import Page
from django.http import HttpRequest

from cong.core import surrogate
from cong.core.pagination import paginate

TIMEOUT = 3600


def cached(request: HttpRequest | None, key: str, compute: Callable[[], Any]) -> Any:
    """`compute()`, kept under `key` (which must name the content version) with the keys of
    what it read; a draft's preview computes it afresh and keeps nothing."""
    if request is None or getattr(request, "is_preview", False):
        return compute()
    return surrogate.cached(key, compute, TIMEOUT)


class _Rows:
    """One page's slice of the queryset `make()` returns, queried when first iterated."""

    def __init__(self, make: Callable[[], Any], start: int, stop: int) -> None:
        self._make, self._start, self._stop = make, start, stop
        self._rows: list | None = None

    def _read(self) -> list:
        if self._rows is None:
            self._rows = list(self._make()[self._start : self._stop])
        return self._rows

    def __iter__(self) -> Iterator:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())


class CountedItems:
    """What `Paginator` needs of a queryset: its count, given beforehand, and slices made
    only when read (`make()` builds the queryset then: a `.public()` filter queries the view
    restrictions as soon as it is built)."""

    ordered = True  # `make()` orders its queryset; Paginator warns otherwise

    def __init__(self, make: Callable[[], Any], count: int) -> None:
        self._make, self._count = make, count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: slice) -> _Rows:
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("CountedItems can only be sliced")
        return _Rows(self._make, index.start or 0, index.stop)


def paginate_counted(
    request: HttpRequest, make: Callable[[], Any], count: int, per_page: int
) -> Page:
    """`cong.core.pagination.paginate` over `count` items of `make()`, none read yet."""
    return paginate(request, CountedItems(make, count), per_page)
