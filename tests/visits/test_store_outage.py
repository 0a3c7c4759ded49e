"""A beacon that cannot be stored is refused with 503, never acknowledged with 204 and lost."""

import socket
import time

import pytest
from django.db import OperationalError

from cong.visits.models import DailyStats
from cong.visits.stores.database import DatabaseStore
from cong.visits.stores.redis import RedisStore
from tests.factories import ArticlePageFactory
from tests.visits.conftest import install
from tests.visits.test_beacon import beacon  # noqa: F401 (fixture)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def article(section):
    return ArticlePageFactory(parent=section, title="Hội nghị tập huấn")


def test_a_beacon_is_refused_with_503_while_the_redis_visit_store_is_down(
    db,
    monkeypatch,
    beacon,  # noqa: F811
    article,
):
    install(RedisStore(f"redis://127.0.0.1:{closed_port()}/0"), monkeypatch)
    started = time.monotonic()
    response = beacon(article.url)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    # A dead Redis costs milliseconds (no ten retries with backoff).
    assert time.monotonic() - started < 1


def test_a_beacon_is_refused_with_503_while_the_database_store_cannot_write(
    db,
    monkeypatch,
    beacon,  # noqa: F811
    article,
):
    class Unwritable(DatabaseStore):
        def record(self, hit):
            raise OperationalError("server closed the connection unexpectedly")

        def drop(self, site_id, day, reason):
            raise OperationalError("server closed the connection unexpectedly")

    install(Unwritable(), monkeypatch)
    assert beacon(article.url).status_code == 503
    assert beacon("/khong-co-trang-nay/").status_code == 503  # a dropped hit is not stored either


def test_a_beacon_is_acknowledged_only_once_it_is_stored(db, monkeypatch, beacon, article):  # noqa: F811
    install(DatabaseStore(), monkeypatch)
    assert beacon(article.url).status_code == 204
    assert DailyStats.objects.get().pageviews == 1
