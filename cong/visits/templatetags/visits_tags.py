from django import template
from wagtail.models import Site

from cong.visits.stats import summary_for_site

register = template.Library()


@register.inclusion_tag("visits/widget.html", takes_context=True)
def visit_widget(context):
    """The sidebar's "Thống kê truy cập" block, rendered with the server's figures."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return {"summary": summary_for_site(site)}
