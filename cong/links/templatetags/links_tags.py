from typing import Any

from django import template
from django.db.models import Prefetch
from django.template import Context
from wagtail.models import Site

from cong.core.i18n import in_language
from cong.links.models import Link, LinkGroup

register = template.Library()


@register.inclusion_tag("links/link_directory.html", takes_context=True)
def link_directory(context: Context) -> dict[str, Any]:
    """The sidebar's "Liên kết website" block: the site's groups with their links, in order."""
    site = Site.find_for_request(context.get("request"))
    if site is None:
        return {"groups": LinkGroup.objects.none()}
    groups = in_language(LinkGroup.objects.filter(site=site)).prefetch_related(
        Prefetch("links", queryset=Link.objects.order_by("sort_order"))
    )
    return {"groups": groups}
