"""`make bench-visits`: beacons per second through gunicorn (2 workers), for each store.

For each store: a fresh var/ with the demo site, gunicorn with two sync workers on loopback,
the "Done means" check (1,200 beacons from 150 browsers, 32 at a time: exactly +150 visits
and +1,200 page views), then a timed run; lost = acknowledged beacons minus counted views,
which must be 0. PostgreSQL and Redis runs are included when the services answer.
"""

import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import psycopg
import redis

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.liveserver import Server, environment, figures, fire, prepare  # noqa: E402

PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cong_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
TIMED_BEACONS = int(os.environ.get("BENCH_BEACONS", "6000"))


def postgres_available() -> bool:
    parts = urlparse(PG_URL)
    try:
        with psycopg.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=parts.username,
            dbname="postgres",
            autocommit=True,
            connect_timeout=3,
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{parts.path[1:]}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{parts.path[1:]}"')
        return True
    except psycopg.Error:
        return False


def redis_available() -> bool:
    try:
        client = redis.Redis.from_url(REDIS_URL)
        client.ping()
        client.flushdb()
        return True
    except redis.RedisError:
        return False


def run(label: str, env: dict) -> dict:
    prepare(env)
    server = Server(env, workers=2).start()
    try:
        before = figures(env)
        check = fire(server.url, 1200, 150, concurrency=32, run=f"check{time.time_ns()}")
        middle = figures(env)
        timed = fire(server.url, TIMED_BEACONS, 600, concurrency=32, run=f"timed{time.time_ns()}")
    finally:
        server.stop()
    after = figures(env)
    exact = (
        middle["today"] - before["today"] == 150
        and middle["pageviews_today"] - before["pageviews_today"] == 1200
        and check.acknowledged == 1200
    )
    counted = after["pageviews_today"] - middle["pageviews_today"]
    return {
        "store": label,
        "beacons_per_s": timed.per_second,
        "acknowledged": timed.acknowledged,
        "lost": timed.acknowledged - counted,
        "exact_150_1200": exact,
    }


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(run("database (SQLite)", environment(Path(tmp) / "sqlite")))
        if postgres_available():
            rows.append(
                run("database (PostgreSQL)", environment(Path(tmp) / "pg", database_url=PG_URL))
            )
            if redis_available():
                rows.append(
                    run(
                        "redis (+PostgreSQL)",
                        environment(
                            Path(tmp) / "redis",
                            database_url=PG_URL,
                            redis_url=REDIS_URL,
                            store="redis",
                        ),
                    )
                )
        elif redis_available():
            rows.append(
                run(
                    "redis (+SQLite)",
                    environment(Path(tmp) / "redis", redis_url=REDIS_URL, store="redis"),
                )
            )
    print(f"\n{'store':<24}{'beacons/s':>11}{'acknowledged':>14}{'lost':>6}  exact 150/1200")
    for r in rows:
        print(
            f"{r['store']:<24}{r['beacons_per_s']:>11.0f}{r['acknowledged']:>14}{r['lost']:>6}"
            f"  {'yes' if r['exact_150_1200'] else 'NO'}"
        )
    return 0 if all(r["lost"] == 0 and r["exact_150_1200"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
