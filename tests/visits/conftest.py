import os

import pytest
import redis

from cong.core import clients as identity
from cong.visits.stores.database import DatabaseStore
from cong.visits.stores.redis import PREFIX, RedisStore

REDIS_URL = os.environ.get("REDIS_URL") or os.environ.get(
    "CONG_TEST_REDIS_URL", "redis://127.0.0.1:6379/15"
)


def redis_or_skip() -> str:
    """The Redis for store tests; skipped without one, unless services are required."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        if os.environ.get("CONG_REQUIRE_SERVICES") == "1":
            pytest.fail(f"Redis at {REDIS_URL} is required: {exc}")
        pytest.skip(f"no Redis at {REDIS_URL} ({exc}); set CONG_REQUIRE_SERVICES=1 to fail instead")
    return REDIS_URL


@pytest.fixture(autouse=True)
def _fresh_salts():
    identity._salts.clear()
    yield
    identity._salts.clear()


def clean_redis(url: str) -> None:
    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(PREFIX + "*"))
    if keys:
        client.delete(*keys)


@pytest.fixture
def redis_store(db, monkeypatch):
    url = redis_or_skip()
    clean_redis(url)
    yield install(RedisStore(url), monkeypatch)
    clean_redis(url)


@pytest.fixture(params=["database", "redis"])
def store(request, db, monkeypatch):
    """Each visit store in turn, installed as the site's store."""
    if request.param == "database":
        return install(DatabaseStore(), monkeypatch)
    return request.getfixturevalue("redis_store")


def install(chosen, monkeypatch):
    monkeypatch.setattr("cong.visits.stores.get_store", lambda: chosen)
    monkeypatch.setattr("cong.visits.counting.get_store", lambda: chosen)
    monkeypatch.setattr("cong.visits.stats.get_store", lambda: chosen)
    return chosen


def _not_django(environ, start_response):
    raise AssertionError(f"{environ['PATH_INFO']} reached Django's handler")


def send_to_wsgi(body, path="/api/visits/hit", method="POST", **extra):
    """A request through cong.visits.fast.BeaconFirst as gunicorn calls it (WSGI), in front of
    an application that fails the test if the request reaches it. Returns an HttpResponse
    with the status, headers and body the WSGI answer had."""
    from django.core import signals
    from django.db import close_old_connections
    from django.http import HttpResponse
    from django.test import RequestFactory

    from cong.visits.fast import BeaconFirst

    content_type = extra.pop("content_type", "text/plain")
    request = RequestFactory().generic(method, path, body, content_type=content_type, **extra)
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = int(status.split()[0]), headers

    # As Django's test client does: closing "old" connections would end the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        content = b"".join(BeaconFirst(_not_django)(request.environ, start_response))
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    response = HttpResponse(content, status=answer["status"])
    for name, value in answer["headers"]:
        response[name] = value
    return response
