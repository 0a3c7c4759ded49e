import json
from typing import Any

from django import template
from django.core.cache import cache
from django.core.paginator import Page as DjangoPage
from django.http import QueryDict
from django.template import Context
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from cong.core import i18n, pagination, surrogate
from cong.core.addresses import absolute_url
from cong.core.cache import content_version
from cong.core.metadata import metadata_dict

register = template.Library()


def _site_root(context: Context) -> Page | None:
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return i18n.site_root(site)  # the English home on /en/ pages


@register.inclusion_tag("core/includes/main_menu.html", takes_context=True)
def main_menu(context: Context) -> dict[str, Any]:
    """The main menu: the site's home and its children marked "show in menus". A page type
    with an `external_url` (a link to another website) is linked there directly."""
    root = _site_root(context)
    current = context.get("page")
    current_path = current.url_path if current else ""
    children = root.get_children().live().in_menu().public().specific(defer=True) if root else []
    items = [
        (item, item.url_path == current_path, current_path.startswith(item.url_path))
        for item in children
    ]
    return {
        "root": root,
        "items": items,
        "is_home": root is not None and current_path == root.url_path,
        "request": context.get("request"),
    }


@register.inclusion_tag("core/includes/breadcrumb.html", takes_context=True)
def breadcrumb(context: Context, page: Page) -> dict[str, Any]:
    """Where `page` sits, from the home page down ("Trang chủ / Tin tức - Sự kiện / ...")."""
    root = _site_root(context)
    if root is None or page.depth <= root.depth:
        return {"ancestors": [], "page": page}
    ancestors = (
        Page.objects.ancestor_of(page).filter(depth__gte=root.depth).only("title", "url_path")
    )
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def site_url(context: Context, path: str) -> str:
    """`path` as an absolute URL on the current site's recorded address (never the request's
    Host header, which a cached page would hand to every reader): `{% site_url img.url %}`."""
    request = context.get("request")
    site = context.get("current_site") or (Site.find_for_request(request) if request else None)
    return absolute_url(str(path), site)


@register.inclusion_tag("core/includes/pagination.html", takes_context=True)
def pagination_links(context: Context, page_obj: DjangoPage, anchor: str = "") -> dict:
    """Previous/next and numbered links of a listing: `{% pagination_links documents %}`.

    The links keep the request's filters and change only `page` (`{% querystring %}`),
    without tracking parameters or one-shot notices (`cong.core.pagination.listing_query`);
    `anchor` (e.g. "#comments-heading") follows each link. Numbers: the first and last
    page and two each side of the current one, with "…" for the gaps."""
    request = context.get("request")
    paginator = page_obj.paginator
    return {
        "page_obj": page_obj,
        "query": pagination.listing_query(request) if request else QueryDict(),
        "pages": paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
        "gap": paginator.ELLIPSIS,
        "anchor": anchor,
    }


@register.simple_tag(takes_context=True)
def page_url(context: Context, page_id: int | None) -> str:
    """The address of the live page `page_id` (a setting's chosen page), looked up once per
    content version: the footer shows it on every page."""
    if not page_id:
        return ""
    key = f"page-url:{page_id}:{content_version()}"
    url = cache.get(key)
    if url is None:
        page = Page.objects.filter(pk=page_id, live=True).first()
        url = (page.get_url(request=context.get("request")) or "") if page else ""
        cache.set(key, url, 3600)
    surrogate.add_key(surrogate.page_key(page_id))  # purged when that page changes
    return url


@register.inclusion_tag("core/includes/metadata.html", takes_context=True)
def page_metadata(context: Context) -> dict[str, Any]:
    """The head's canonical link, Dublin Core, Open Graph, JSON-LD and RSS links
    (cong.core.metadata): from the context's `metadata` (a route's own: a legal document, an
    answer), else from `page.metadata(request)`; a page type without it gets its canonical
    link only."""
    request = context.get("request")
    meta = context.get("metadata")
    page = context.get("page")
    if meta is None and page is not None and hasattr(page, "metadata"):
        meta = page.metadata(request)
    if meta is None:
        return {"canonical": page.full_url if page is not None else ""}
    site = context.get("current_site") or (Site.find_for_request(request) if request else None)
    return {"meta": metadata_dict(meta, site), "nodes": meta.jsonld}


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def jsonld(data: dict) -> str:
    """`data` as a schema.org JSON-LD block; `<`, `>` and `&` escaped as in `json_script`,
    so no text an editor typed can close the element."""
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False)
    return mark_safe(  # noqa: S308 (escaped above)
        f'<script type="application/ld+json">{text.translate(_JSON_ESCAPES)}</script>'
    )
