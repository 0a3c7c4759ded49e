"""A new site's host answers at once (cong.province.hosts), and keeps its own cached pages."""

import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import CSRF_SECRET_LENGTH
from django.test import Client, RequestFactory
from wagtail.models import Site

from cong.province.hosts import SiteHosts, SiteOrigins, forget_sites, site_hostnames
from cong.province.middleware import SiteCsrfViewMiddleware, check_csrf_middleware
from cong.province.sites import create_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run `call(*args)` and its after-commit callbacks (the content version's bump), as a
    committed transaction would."""

    def run(call, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args)

    return run


NEW_HOST = "so-tu-phap.localhost"


@pytest.fixture
def production_hosts(settings):
    """The ALLOWED_HOSTS and CSRF_TRUSTED_ORIGINS objects cong/settings.py makes (Django's
    test set-up replaces them with a plain list copy, adding "testserver")."""
    module = sys.modules["cong.settings"]
    forget_sites()  # a site of an earlier test, rolled back with no signal
    settings.ALLOWED_HOSTS = module.ALLOWED_HOSTS
    settings.CSRF_TRUSTED_ORIGINS = module.CSRF_TRUSTED_ORIGINS
    return module.ALLOWED_HOSTS


def test_the_settings_follow_the_sites():
    module = sys.modules["cong.settings"]
    assert isinstance(module.ALLOWED_HOSTS, SiteHosts)
    assert isinstance(module.CSRF_TRUSTED_ORIGINS, SiteOrigins)
    assert "cong.province.middleware.SiteCsrfViewMiddleware" in module.MIDDLEWARE
    assert "django.middleware.csrf.CsrfViewMiddleware" not in module.MIDDLEWARE


def test_a_new_sites_host_answers_without_a_settings_change(site, production_hosts, committed):
    assert Client(HTTP_HOST=NEW_HOST).get("/").status_code == 400
    committed(create_site, NEW_HOST, "Sở Tư pháp")
    response = Client(HTTP_HOST=NEW_HOST).get("/")
    assert response.status_code == 200
    assert "Sở Tư pháp" in response.text
    # … with a port too (runserver), and its sections.
    assert Client(HTTP_HOST=f"{NEW_HOST}:8000").get("/hoi-dap/").status_code == 200


def test_an_unknown_host_is_still_400(site, production_hosts, committed):
    committed(create_site, NEW_HOST, "Sở Tư pháp")
    assert Client(HTTP_HOST="la.localhost").get("/").status_code == 400
    assert Client(HTTP_HOST="evil.example").get("/").status_code == 400


def test_the_hosts_from_the_environment_still_answer(site, production_hosts):
    assert "localhost" in list.__iter__(production_hosts)  # the .env default
    assert Client(HTTP_HOST="localhost").get("/").status_code == 200
    assert Client(HTTP_HOST="127.0.0.1").get("/").status_code == 200


def test_a_deleted_or_renamed_site_stops_answering(site, production_hosts, committed):
    made = committed(create_site, NEW_HOST, "Sở Tư pháp")
    assert Client(HTTP_HOST=NEW_HOST).get("/").status_code == 200
    made.hostname = "so-tu-phap-moi.localhost"
    committed(made.save)
    assert Client(HTTP_HOST=NEW_HOST).get("/").status_code == 400
    assert Client(HTTP_HOST="so-tu-phap-moi.localhost").get("/").status_code == 200
    committed(made.delete)
    assert "so-tu-phap-moi.localhost" not in site_hostnames()


def test_a_site_hostname_that_is_a_pattern_is_never_a_host(site, committed):
    for hostname, port in (("*", 80), (".thanhhoa.gov.vn", 81)):
        committed(Site(hostname=hostname, port=port, root_page=site.root_page).save)
    hosts = list(SiteHosts(["localhost"]))
    assert "*" not in hosts and ".thanhhoa.gov.vn" not in hosts


def test_a_new_sites_origins_are_trusted(site, production_hosts, committed):
    committed(create_site, NEW_HOST, "Sở Tư pháp")
    origins = list(sys.modules["cong.settings"].CSRF_TRUSTED_ORIGINS)
    assert f"https://{NEW_HOST}" in origins and f"http://{NEW_HOST}" in origins


def csrf_post(host: str, origin: str):
    secret = "a" * CSRF_SECRET_LENGTH
    request = RequestFactory().post("/lien-he/", HTTP_HOST=host, HTTP_ORIGIN=origin)
    request.COOKIES[settings.CSRF_COOKIE_NAME] = secret
    request.META["HTTP_X_CSRFTOKEN"] = secret
    return request


def test_a_running_csrf_check_trusts_a_site_created_after_it_started(
    site, production_hosts, committed
):
    """Behind a TLS proxy that does not say so the request looks like http while the
    browser's Origin is https: only a trusted origin lets the form through."""
    middleware = SiteCsrfViewMiddleware(lambda request: HttpResponse())
    request = csrf_post(NEW_HOST, f"https://{NEW_HOST}")
    refused = middleware.process_view(request, lambda r: None, (), {})
    assert refused is not None and refused.status_code == 403
    committed(create_site, NEW_HOST, "Sở Tư pháp")
    request = csrf_post(NEW_HOST, f"https://{NEW_HOST}")
    assert middleware.process_view(request, lambda r: None, (), {}) is None
    request = csrf_post(NEW_HOST, "https://la.localhost")
    assert middleware.process_view(request, lambda r: None, (), {}).status_code == 403


@pytest.fixture
def cache_root(settings, tmp_path) -> Path:
    settings.CONG_PAGE_CACHE_DIR = str(tmp_path / "pagecache")
    return tmp_path / "pagecache"


def test_each_sites_pages_are_cached_under_its_own_host(
    site, production_hosts, cache_root, committed
):
    committed(create_site, "a.localhost", "Sở Nội vụ")
    create_site("b.localhost", "UBND xã Đông Sơn", "xa")
    path = "/tin-tuc-su-kien/"  # the same address on both sites
    b_page = Client(HTTP_HOST="b.localhost").get(path)
    assert b_page.status_code == 200 and "Đông Sơn" in b_page.text
    b_file = cache_root / "b.localhost" / "tin-tuc-su-kien" / "index.html"
    assert b_file.read_bytes() == b_page.content
    # Host A never gets B's page: its own is rendered and written under its own name.
    a_page = Client(HTTP_HOST="a.localhost").get(path)
    assert a_page.status_code == 200
    assert "Sở Nội vụ" in a_page.text and "Đông Sơn" not in a_page.text
    a_file = cache_root / "a.localhost" / "tin-tuc-su-kien" / "index.html"
    assert a_file.read_bytes() == a_page.content
    assert "Đông Sơn" in b_file.read_text()  # B's file untouched


def test_a_missing_csrf_middleware_is_still_reported(settings):
    assert check_csrf_middleware() == []
    settings.MIDDLEWARE = [
        path
        for path in settings.MIDDLEWARE
        if path != "cong.province.middleware.SiteCsrfViewMiddleware"
    ]
    assert [warning.id for warning in check_csrf_middleware()] == ["cong.W030"]
