from django import template
from wagtail.models import Site

from cong.visits.stats import page_views as stored_page_views
from cong.visits.stats import summary_for_site

register = template.Library()


def _site(context):
    return context.get("current_site") or (
        Site.find_for_request(context["request"]) if context.get("request") else None
    )


@register.inclusion_tag("visits/widget.html", takes_context=True)
def visit_widget(context):
    """The sidebar's "Thống kê truy cập" block, with the server's figures (JS refreshes them)."""
    return {"summary": summary_for_site(_site(context))}


@register.simple_tag(takes_context=True)
def page_views(context, page) -> int:
    """How many times `page` has been viewed ("Lượt xem")."""
    site = _site(context)
    return stored_page_views(site, page.pk) if site else 0
