"""A province's portal with two member sites made by `create_site`."""

import pytest
from wagtail.models import Page, Site

from cong.core.models import AgencySettings, SiteKind
from cong.province.sites import create_site

NEWS = "tin-tuc-su-kien"  # the news section create_site makes


def make_site(host: str, name: str, kind: str = SiteKind.SO, **agency) -> Site:
    site = create_site(host, name, kind)
    if agency:
        settings = AgencySettings.for_site(site)
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
    """Two member sites: a department and a commune."""
    so = make_site(
        "stp.localhost",
        "Sở Tư pháp",
        SiteKind.SO,
        responsible_person="Ông Lê Văn Minh",
        responsible_title="Giám đốc Sở",
    )
    xa = make_site("dongson.localhost", "UBND xã Đông Sơn", SiteKind.XA)
    return so, xa


def section_of(site: Site, slug: str = NEWS) -> Page:
    return site.root_page.get_children().get(slug=slug).specific
