from typing import Any

from django import template
from django.template import Context
from wagtail.models import Page, Site

from cong.visits.stats import page_views as stored_page_views
from cong.visits.stats import summary_for_site

register = template.Library()


def _site(context: Context) -> Any:
    return context.get("current_site") or (
        Site.find_for_request(context["request"]) if context.get("request") else None
    )


@register.inclusion_tag("visits/widget.html", takes_context=True)
def visit_widget(context: Context) -> dict[str, Any]:
    """The sidebar's "Thống kê truy cập" block, with the server's figures (JS refreshes them)."""
    return {"summary": summary_for_site(_site(context))}


@register.simple_tag(takes_context=True)
def page_views(context: Context, page: Page) -> int:
    """How many times `page` has been viewed ("Lượt xem")."""
    site = _site(context)
    return stored_page_views(site, page.pk) if site else 0
