import pytest
from wagtail.models import Page, Site

from tests.factories import HomePageFactory

HOST = "testserver"
OTHER_HOST = "xa-dong-tien.thanhhoa.gov.vn"


@pytest.fixture
def site(home):
    """The default site, answering to the test client's name (the page cache writes only a
    Site's pages)."""
    site = Site.objects.get(is_default_site=True)
    site.hostname = HOST
    site.save()
    return site


@pytest.fixture
def other_site(home):
    """A second agency's site in the same install (province mode)."""
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="trang-chu-xa")
    return Site.objects.create(hostname=OTHER_HOST, port=80, root_page=other_home)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the after-commit callbacks (purges, nginx's map) as a real commit would."""
    return django_capture_on_commit_callbacks


@pytest.fixture(autouse=True)
def var(settings, tmp_path):
    """(Every test) The page cache, the maintenance folder and nginx's CSP map in this test's folder."""
    settings.CONG_PAGE_CACHE_DIR = str(tmp_path / "pagecache")
    settings.CONG_MAINTENANCE_DIR = tmp_path / "maintenance"
    settings.CONG_NGINX_CSP_MAP = tmp_path / "nginx-csp.map"
    return tmp_path
