"""The beacon's path in gunicorn (cong.visits.fast.BeaconFirst): answered before Django's
middleware, with the checks of that middleware a beacon needs kept. The counting rules on this
path are the beacon tests' (tests/visits/test_beacon.py runs each of them through it too)."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import cong.wsgi
from cong.visits.fast import BeaconFirst
from cong.visits.models import DailyStats, DroppedHits
from cong.visits.stores.database import DatabaseStore
from tests.factories import ArticlePageFactory
from tests.visits.conftest import install, send_to_wsgi

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0"


@pytest.fixture
def article(section):
    return ArticlePageFactory(parent=section, title="Hội nghị tập huấn")


def send(path, **extra):
    extra.setdefault("HTTP_USER_AGENT", FIREFOX)
    extra.setdefault("REMOTE_ADDR", "203.113.1.1")
    return send_to_wsgi(json.dumps({"path": path}), **extra)


def test_gunicorns_application_answers_beacons_first():
    assert isinstance(cong.wsgi.application, BeaconFirst)


def test_a_beacon_is_counted_without_reaching_django(db, article, monkeypatch):
    install(DatabaseStore(), monkeypatch)  # counted straight into SQL, whatever REDIS_URL says
    # send_to_wsgi puts an application that fails the test behind BeaconFirst.
    response = send(article.url)
    assert response.status_code == 204 and "no-store" in response["Cache-Control"]
    assert DailyStats.objects.get().pageviews == 1


def test_other_requests_go_to_django():
    with pytest.raises(AssertionError, match="reached Django"):
        send_to_wsgi("", method="GET")
    with pytest.raises(AssertionError, match="reached Django"):
        send_to_wsgi("{}", path="/api/visits/summary")


def test_a_declared_body_over_the_limit_is_refused_unread(db, article):
    response = send_to_wsgi(b"x" * 70_000, HTTP_USER_AGENT=FIREFOX)
    assert response.status_code == 413
    assert not DailyStats.objects.exists() and not DroppedHits.objects.exists()


def test_a_host_the_site_does_not_serve_is_400(db, article, settings):
    settings.ALLOWED_HOSTS = ["stttt.example.vn"]
    assert send(article.url, HTTP_HOST="evil.example").status_code == 400
    assert not DailyStats.objects.exists()


def test_a_planned_stop_refuses_beacons_with_503(db, article, settings, tmp_path):
    settings.CONG_MAINTENANCE_DIR = str(tmp_path)
    (tmp_path / "maintenance.on").write_text("")
    response = send(article.url)
    assert response.status_code == 503 and response["Retry-After"]
    assert not DailyStats.objects.exists()


def test_a_beacon_on_the_database_store_is_a_few_statements(db, article, monkeypatch):
    install(DatabaseStore(), monkeypatch)
    send(article.url)  # warms the site and path lookups
    with CaptureQueriesContext(connection) as queries:
        assert send(article.url, HTTP_USER_AGENT=FIREFOX + " other").status_code == 204
    statements = [q["sql"] for q in queries.captured_queries]
    # The address, the visitor, the day and the page: no session, user or site query.
    assert len([s for s in statements if s.startswith("INSERT")]) == 4, statements
    assert not any(
        "session" in s or "auth_user" in s or "wagtailcore_site" in s for s in statements
    )
