from django import template
from django.db.models import Prefetch

from cong.links.models import Link, LinkGroup

register = template.Library()


@register.inclusion_tag("links/link_directory.html")
def link_directory():
    """The sidebar's "Liên kết website" block: every group with its links, in order."""
    groups = LinkGroup.objects.prefetch_related(
        Prefetch("links", queryset=Link.objects.order_by("sort_order"))
    )
    return {"groups": groups}
