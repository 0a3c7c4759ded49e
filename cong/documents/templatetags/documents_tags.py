import re
from typing import Any

from django import template
from django.http import HttpRequest
from django.template import Context
from django.utils.safestring import mark_safe
from wagtail.models import Site

from cong.core import surrogate
from cong.core.cache import content_version
from cong.core.text import DOCUMENT_NUMBER
from cong.documents.models import LegalDocumentIndexPage, number_key

register = template.Library()

TAG = re.compile(r"(<[^>]*>)")


@register.inclusion_tag("documents/includes/latest_documents.html", takes_context=True)
def latest_documents(context: Context, count: int = 5) -> dict[str, Any]:
    """The sidebar's "Văn bản mới": the site's latest published documents."""
    index = LegalDocumentIndexPage.for_site(Site.find_for_request(context.get("request")))
    if index is None:
        return {"documents": []}
    documents = index.documents().select_related("doc_type")[:count]
    return {"documents": [(d, index.document_url(d)) for d in documents]}


def _document_urls(site: Site, keys: set[str]) -> dict[str, str]:
    """URL of each of the site's published documents whose number key is in `keys` (cached
    per version)."""
    if not keys:
        return {}
    cache_key = f"cong:doclinks:{site.pk}:{content_version()}:{'|'.join(sorted(keys))}"

    def find() -> dict[str, str]:
        index = LegalDocumentIndexPage.for_site(site)
        urls: dict[str, str] = {}
        if index is not None:
            for document in (
                index.documents().filter(number_key__in=keys).select_related("doc_type")
            ):
                urls.setdefault(document.number_key, index.document_url(document))
        return urls

    # The page that links them is purged when one of them changes (surrogate keys).
    return surrogate.cached(cache_key, find, 3600)


@register.filter(needs_autoescape=False)
def link_documents(html: str, request: HttpRequest | None = None) -> str:
    """Link document numbers in rendered HTML ("Kế hoạch số 21/KH-UBND") to their pages.

    Only text outside tags and outside existing links is touched.
    """
    html = str(html)
    site = Site.find_for_request(request) if request else None
    if site is None:
        return mark_safe(html)  # noqa: S308 (input is already-rendered, escaped HTML)
    found = {number_key(m) for m in DOCUMENT_NUMBER.findall(TAG.sub(" ", html))}
    urls = _document_urls(site, found)
    if not urls:
        return mark_safe(html)  # noqa: S308
    out, in_link = [], 0
    for part in TAG.split(html):
        if part.startswith("<"):
            lowered = part.lower()
            if lowered.startswith("<a ") or lowered == "<a>":
                in_link += 1
            elif lowered.startswith("</a"):
                in_link = max(in_link - 1, 0)
            out.append(part)
        elif in_link:
            out.append(part)
        else:
            out.append(DOCUMENT_NUMBER.sub(lambda m: _link(m.group(1), urls), part))
    return mark_safe("".join(out))  # noqa: S308


def _link(number: str, urls: dict[str, str]) -> str:
    url = urls.get(number_key(number))
    return f'<a class="doc-link" href="{url}">{number}</a>' if url else number
