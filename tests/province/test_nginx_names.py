"""deploy/nginx/render.py names every Site in server_name."""

import importlib.util
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from cong.province.sites import create_site

RENDER = Path(django_settings.BASE_DIR) / "deploy" / "nginx" / "render.py"

pytestmark = pytest.mark.django_db


@pytest.fixture
def render():
    spec = importlib.util.spec_from_file_location("cong_nginx_render_province", RENDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_site_is_a_server_name(render, settings, site, django_capture_on_commit_callbacks):
    settings.ALLOWED_HOSTS = ["stttt.thanhhoa.gov.vn", "127.0.0.1", "[::1]", "*"]
    with django_capture_on_commit_callbacks(execute=True):
        create_site("tinh.localhost", "Cổng thông tin tỉnh", "tinh")
        create_site("xa-dong-son.localhost", "UBND xã Đông Sơn", "xa")
    names = render.server_names(settings).split()
    assert names[:2] == ["stttt.thanhhoa.gov.vn", "127.0.0.1"]  # .env first
    assert {"localhost", "tinh.localhost", "xa-dong-son.localhost"} <= set(names)
    assert "*" not in names and "[::1]" not in names
    assert len(names) == len(set(names))
    # Names given on the command line come first; the sites are still added.
    given = render.server_names(settings, "cong.thanhhoa.gov.vn").split()
    assert given[0] == "cong.thanhhoa.gov.vn" and "tinh.localhost" in given
    assert "stttt.thanhhoa.gov.vn" not in given


def test_the_site_block_carries_the_names(render, settings, site, tmp_path):
    settings.CONG_PAGE_CACHE_DIR = str(tmp_path / "pagecache")
    conf = render.site(settings, "80", render.server_names(settings, "a.gov.vn"), "127.0.0.1:9")
    assert "server_name a.gov.vn localhost;" in conf
