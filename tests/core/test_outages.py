"""Redis or PostgreSQL down: the site degrades instead of answering 500 everywhere.

Redis is simulated by pointing the cache at a closed port (django-redis as production
configures it); a database outage by making the code under a request raise the error a lost
connection raises.
"""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.test import Client
from wagtail.models import Site

from cong.core import pagecache
from cong.core.cache import UNKNOWN, cache_reachable, content_version
from cong.core.outages import is_database_outage

MAINTENANCE = "Website đang bảo trì"
ADMIN_MAINTENANCE = "Trang quản trị tạm thời không hoạt động"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    """The production cache configuration (cong/settings.py) aimed at a port nobody serves."""
    from cong import settings as project

    project_options = {
        "CLIENT_CLASS": "django_redis.client.DefaultClient",
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": 0.2,
        "SOCKET_TIMEOUT": 0.5,
        "CONNECTION_POOL_KWARGS": {"retry": project.Retry(project.NoBackoff(), 1)},
    }
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": project_options,
        }
    }
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
    yield
    cache.close()


def test_the_cache_reports_itself_unreachable_and_the_content_version_unknown(redis_down):
    assert cache_reachable() is False
    assert content_version() == UNKNOWN


def test_the_production_settings_ignore_redis_errors_with_short_timeouts(tmp_path):
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        "o = settings.CACHES['default']['OPTIONS'];"
        "d = settings.DATABASES['default'];"
        "print(json.dumps({'ignore': o['IGNORE_EXCEPTIONS'], 'connect': o['SOCKET_CONNECT_TIMEOUT'],"
        "'timeout': o['SOCKET_TIMEOUT'], 'retries': o['CONNECTION_POOL_KWARGS']['retry'].get_retries(),"
        "'fail_open': settings.RATELIMIT_FAIL_OPEN, 'health': d['CONN_HEALTH_CHECKS'],"
        "'age': d['CONN_MAX_AGE'], 'db_connect': d['OPTIONS']['connect_timeout']}))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        CONG_VAR_DIR=str(tmp_path / "var"),
        DJANGO_SETTINGS_MODULE="cong.settings",
        REDIS_URL="redis://127.0.0.1:6379/0",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/cong",
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    s = json.loads(out.stdout)
    assert s["ignore"] is True and s["fail_open"] is True
    assert s["connect"] <= 0.5 and s["timeout"] <= 1 and s["retries"] <= 1
    # A lost PostgreSQL connection is replaced on the next request, without a restart.
    assert s["health"] is True and s["age"] > 0 and s["db_connect"] <= 5


def test_public_pages_answer_200_within_a_second_while_redis_is_down(home, redis_down):
    started = time.monotonic()
    for path in ("/", "/khong-ton-tai/"):
        Client().get(path)
    response = Client().get("/")
    assert response.status_code == 200
    assert time.monotonic() - started < 1.5
    assert Client().get("/khong-ton-tai/").status_code == 404


def test_the_admin_login_works_while_redis_is_down(home, redis_down, django_user_model):
    django_user_model.objects.create_user(
        "bientap", password="mat-khau-du-dai-2024", is_staff=True, is_superuser=True
    )
    client = Client()
    assert client.get("/admin/login/").status_code == 200
    response = client.post(
        "/admin/login/", {"username": "bientap", "password": "mat-khau-du-dai-2024"}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_no_page_is_written_to_the_page_cache_while_the_cache_is_unreachable(
    home, redis_down, settings, tmp_path
):
    # A publish could not bump the version meanwhile, so a render could not be told stale.
    settings.CONG_PAGE_CACHE_DIR = str(tmp_path / "pagecache")
    assert Client().get("/").status_code == 200
    assert not list((tmp_path / "pagecache").rglob("index.html"))


def test_a_content_purge_removes_the_stale_copy_too(home, settings, tmp_path):
    settings.CONG_PAGE_CACHE_DIR = str(tmp_path)
    folder = tmp_path / "localhost" / "tin-tuc"
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("moi")
    (folder / pagecache.STALE_FILE).write_text("cu")
    pagecache.purge(pages=["/tin-tuc/"])
    assert not (folder / "index.html").exists()
    assert not (folder / pagecache.STALE_FILE).exists()


# PostgreSQL unreachable


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_lost_database_gives_the_public_a_vietnamese_maintenance_page(home, monkeypatch, error):
    from cong.news.models import HomePage

    def lost(self, request, *args, **kwargs):
        raise error("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    monkeypatch.setattr(HomePage, "get_context", lost)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert MAINTENANCE in response.content.decode()


def test_a_database_lost_inside_a_middleware_gives_the_maintenance_page_too(home, monkeypatch):
    # The site lookup (cong.core.sites.CachedSiteMiddleware) is the first query of a request.
    def lost(request):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Site, "find_for_request", staticmethod(lost))
    response = Client(raise_request_exception=False).get("/tin-tuc/")
    assert response.status_code == 503
    assert MAINTENANCE in response.content.decode()


def test_the_admin_shows_a_vietnamese_maintenance_message(home, monkeypatch):
    def lost(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(Site, "find_for_request", staticmethod(lost))
    response = Client(raise_request_exception=False).get("/admin/login/")
    assert response.status_code == 503
    html = response.content.decode()
    assert ADMIN_MAINTENANCE in html and MAINTENANCE not in html


def test_the_site_answers_again_as_soon_as_the_database_is_back(home, monkeypatch):
    from cong.news.models import HomePage

    original = HomePage.get_context
    monkeypatch.setattr(
        HomePage, "get_context", lambda *a, **k: (_ for _ in ()).throw(OperationalError("down"))
    )
    assert Client(raise_request_exception=False).get("/").status_code == 503
    monkeypatch.setattr(HomePage, "get_context", original)
    assert Client().get("/").status_code == 200


def test_other_errors_still_get_the_500_page(home, monkeypatch):
    from cong.news.models import HomePage

    monkeypatch.setattr(
        HomePage, "get_context", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("bug"))
    )
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert MAINTENANCE not in response.content.decode()


def test_an_outage_is_recognised_through_a_wrapping_exception():
    try:
        try:
            raise OperationalError("refused")
        except OperationalError as exc:
            raise RuntimeError("while rendering") from exc
    except RuntimeError as wrapped:
        assert is_database_outage(wrapped)
    assert not is_database_outage(ValueError("x"))
