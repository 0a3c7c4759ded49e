import pytest
from wagtail.models import Page, Site

from tests.factories import CategoryPageFactory, HomePageFactory


@pytest.fixture
def home(db):
    """The site's home page, replacing Wagtail's welcome page as the default site's root."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="trang-chu")
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    site.root_page = home
    site.save()
    welcome.delete()
    return home


@pytest.fixture
def site(home):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def section(home):
    return CategoryPageFactory(parent=home, title="Tin tức - Sự kiện")
