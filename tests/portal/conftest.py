"""A province's portal with two member sites, as `create_site` would make them."""

import pytest
from wagtail.models import Page, Site

from cong.core.models import AgencySettings, SiteKind
from tests.factories import CategoryPageFactory, HomePageFactory


def make_site(host: str, name: str, kind: str = SiteKind.SO, **agency) -> Site:
    home = HomePageFactory(parent=Page.get_first_root_node(), slug=host.split(".")[0], title=name)
    site = Site.objects.create(hostname=host, port=80, root_page=home, site_name=name)
    settings = AgencySettings.for_site(site)
    settings.agency_name = name
    settings.kind = kind
    for field, value in agency.items():
        setattr(settings, field, value)
    settings.save()
    return site


@pytest.fixture
def province(site):
    """The default site, made the province's portal."""
    settings = AgencySettings.for_site(site)
    settings.agency_name = "UBND tỉnh Thanh Hóa"
    settings.kind = SiteKind.TINH
    settings.save()
    return site


@pytest.fixture
def members(province):
    """Two member sites, each with a news section: a department and a commune."""
    so = make_site(
        "stp.localhost",
        "Sở Tư pháp",
        SiteKind.SO,
        responsible_person="Ông Lê Văn Minh",
        responsible_title="Giám đốc Sở",
    )
    xa = make_site("dongson.localhost", "UBND xã Đông Sơn", SiteKind.XA)
    for site in (so, xa):
        CategoryPageFactory(parent=site.root_page, title="Tin tức", slug="tin-tuc")
    return so, xa


def section_of(site: Site, slug: str = "tin-tuc") -> Page:
    return site.root_page.get_children().get(slug=slug).specific
