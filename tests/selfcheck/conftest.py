import pytest
from wagtail.models import Site

from tests import installs


@pytest.fixture(scope="package")
def _demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """`load_demo` once for the package, rolled back at its end."""
    with installs.demo_in_test_database(django_db_blocker, tmp_path_factory) as folder:
        yield folder


@pytest.fixture
def demo(_demo_loaded, db, settings, tmp_path):
    """The demo's site; backups, nginx's file and the test tools' results in this test's
    folder (none there unless the test writes them)."""
    settings.MEDIA_ROOT = _demo_loaded / "media"
    settings.CONG_PARTICIPATION_UPLOAD_ROOT = _demo_loaded / "private"
    settings.CONG_BACKUP_DIR = tmp_path / "backups"
    settings.CONG_NGINX_CONF = tmp_path / "nginx-cong.conf"
    settings.CONG_PAGE_CACHE_DIR = ""
    return Site.objects.get(is_default_site=True)


@pytest.fixture(autouse=True)
def tools(monkeypatch, tmp_path):
    """(Every test) Lighthouse reports and the accessibility result read from this test's folder."""
    from cong.selfcheck import checks

    monkeypatch.setattr(checks, "LIGHTHOUSE_DIR", tmp_path / "lighthouse")
    monkeypatch.setattr(checks, "ACCESSIBILITY_FILE", tmp_path / "accessibility.json")
    return tmp_path
