from django import template
from wagtail.models import Site

from cong.agency.models import SitemapPage

register = template.Library()


@register.simple_tag(takes_context=True)
def html_sitemap_url(context) -> str:
    """The site's "Sơ đồ website" page, or the XML sitemap where it has none."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    page = SitemapPage.for_site(site)
    return page.url if page else "/sitemap.xml"
