"""Exact totals through gunicorn with two worker processes, and nothing lost to `kill -9`.

The server runs with its own database (a SQLite file, or a PostgreSQL database beside the
test one when DATABASE_URL names PostgreSQL), as in production.
"""

import os
import threading
import time
from urllib.parse import urlparse

import psycopg
import pytest

from bench.liveserver import CRAWLER, Server, environment, figures, fire, prepare
from tests import installs
from tests.visits.conftest import redis_or_skip

pytestmark = pytest.mark.slow


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return ""  # SQLite under the server's own var/
    parts = urlparse(url)
    # One database per xdist worker: two workers may each run this module's fixture.
    name = "cong_live_" + os.environ.get("PYTEST_XDIST_WORKER", "main")
    with psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return parts._replace(path=f"/{name}").geturl()


@pytest.fixture(scope="module")
def live_env(tmp_path_factory):
    database_url = _database_url(tmp_path_factory)
    if database_url:
        var = tmp_path_factory.mktemp("live-var")
        env = environment(var, database_url=database_url)
        prepare(env)
        return env
    # SQLite: a copy of the demo install prepared once per run (what `prepare` would build).
    var = tmp_path_factory.mktemp("live") / "var"
    return environment(installs.copy_install(installs.demo(tmp_path_factory), var))


@pytest.fixture(params=["database", "redis"])
def server_env(request, live_env):
    env = dict(live_env, CONG_VISITS_STORE=request.param)
    if request.param == "redis":
        env["REDIS_URL"] = redis_or_skip()
        from tests.visits.conftest import clean_redis

        clean_redis(env["REDIS_URL"])
    return env


def test_1200_beacons_from_150_browsers_through_two_workers_count_exactly(server_env):
    before = figures(server_env)
    server = Server(server_env, workers=2).start()
    try:
        fired = fire(
            server.url,
            beacons=1200,
            browsers=150,
            concurrency=32,
            run=f"{server_env['CONG_VISITS_STORE']}{time.time_ns()}",
        )
        crawlers = fire(server.url, beacons=100, browsers=1, user_agent=CRAWLER)
    finally:
        server.stop()
    assert fired.acknowledged == 1200 and crawlers.acknowledged == 100
    after = figures(server_env)
    assert after["today"] - before["today"] == 150
    assert after["total"] - before["total"] == 150
    assert after["pageviews_today"] - before["pageviews_today"] == 1200
    assert after["pageviews_total"] - before["pageviews_total"] == 1200
    assert after["dropped"]["crawler"] - before["dropped"].get("crawler", 0) == 100


def test_a_kill_9_loses_no_acknowledged_hit(server_env):
    before = figures(server_env)
    server = Server(server_env, workers=2).start()
    result = {}
    run = f"kill{server_env['CONG_VISITS_STORE']}{time.time_ns()}"
    sender = threading.Thread(
        target=lambda: result.update(fired=fire(server.url, 3000, 300, concurrency=16, run=run))
    )
    sender.start()
    time.sleep(1.0)
    server.kill()  # SIGKILL to the master and both workers, mid-flight
    sender.join()
    fired = result["fired"]
    assert 0 < fired.acknowledged < fired.sent  # the kill really interrupted the run
    server = Server(server_env, workers=2).start()  # a restart, as systemd would do
    server.stop()
    after = figures(server_env)
    counted = after["pageviews_today"] - before["pageviews_today"]
    assert fired.acknowledged <= counted <= fired.sent
