"""What the search page searches: kinds of content that apps declare, and page types.

Search knows no feature. Wagtail pages are always searched (any page type; a page type
may say how its results read: `search_result_label`, `search_date_field`, and the method
`search_snippet_text()`); other content (legal documents, answered questions, ...) is
searched once its app declares it from its `AppConfig.ready()`:

    from cong.search.registry import Searchable, register

    register(Searchable(
        name="documents",                      # the ?kind= value of the filter
        label=_("Văn bản"),                    # the filter's option and each result's kind
        model=LegalDocument,                   # indexed with Wagtail's search (index.Indexed)
        date_field="issued_on",                # date filter and "newest first" among equals
        visible=visible_documents,             # site -> QuerySet the public may see, or None
        url=document_url,                      # (object, site) -> its public address
        snippet=lambda document: document.summary,
    ))

`visible(site)` may depend on the site, the active language, the day and the content (it
is asked once for each of them under the content version, and its query kept: not the
time of day or the request). Results shown are kept under the content version too: their
`title`, `url` and `snippet` must change only with the content.

Declaring it is all a new type needs: the search form offers it, its matches are ranked
with everything else, and its results render through `template`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from wagtail.models import Site

RESULT_TEMPLATE = "search/includes/result.html"


@dataclass(frozen=True)
class Searchable:
    """A kind of content the search page finds, besides pages."""

    name: str
    label: str | Promise
    model: type[Model]
    date_field: str
    visible: Callable[[Site | None], QuerySet | None]
    url: Callable[[Model, Site | None], str]
    snippet: Callable[[Model], str]
    title: Callable[[Model], str] = str
    select_related: tuple[str, ...] = ()
    template: str = RESULT_TEMPLATE
    order: int = 100


_registry: dict[str, Searchable] = {}


def register(kind: Searchable) -> Searchable:
    """Make `kind` searchable; registering the same name again replaces it (autoreload)."""
    if kind.name == "pages":
        raise ValueError("'pages' is the search of Wagtail pages and cannot be replaced")
    _registry[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    _registry.pop(name, None)


def kinds() -> list[Searchable]:
    """The declared kinds, in the order the filter lists them."""
    return sorted(_registry.values(), key=lambda kind: (kind.order, kind.name))


def get(name: str) -> Searchable | None:
    return _registry.get(name)
