from django import template
from wagtail.models import Site

from cong.agency.models import AgencyContacts, SitemapPage, SocialAccount
from cong.core.cache import cached_setting

register = template.Library()


@register.simple_tag(takes_context=True)
def html_sitemap_url(context) -> str:
    """The site's "Sơ đồ website" page, or the XML sitemap where it has none."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    page = SitemapPage.for_site(site)
    return page.url if page else "/sitemap.xml"


def _site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request else None


@register.inclusion_tag("agency/includes/spokesperson.html", takes_context=True)
def spokesperson_box(context):
    """The spokesperson's name, position, phone and e-mail (sidebar and contact page)."""
    site = _site(context)
    contacts = cached_setting(AgencyContacts, site) if site else None
    return {"speaker": contacts.speaker if contacts else None}


@register.inclusion_tag("agency/includes/social_accounts.html", takes_context=True)
def social_accounts(context):
    """The agency's official social accounts, by platform and name (footer)."""
    site = _site(context)
    return {"accounts": list(SocialAccount.objects.filter(site=site)) if site else []}


@register.simple_tag(takes_context=True)
def agency_contacts(context):
    """The site's contact settings (office hours, map, information-request focal person)."""
    site = _site(context)
    return cached_setting(AgencyContacts, site) if site else None
