"""`make profile-pages`: where an uncached page render spends its time (issue 20).

The demo in a fresh database with production-like settings (bench/stack.py's environment:
manifest static files, DEBUG off, the bare-Wagtail anchor app installed): PostgreSQL
(BENCH_PROFILE_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/cong_bench_profile,
dropped and created) and Redis (BENCH_REDIS_URL, default db 14, under a key prefix of its
own) when they answer, else SQLite and the local-memory cache. Then, in one process, each page
is rendered uncached through Django's test client (a new query string every request, as
`make bench` does, so the page cache is bypassed; fragment caches and renditions warm, as on a
live site): warmed first, then

  - BENCH_PROFILE_N (default 30) renders timed: median and mean wall ms per render, and the
    process's CPU ms per render (what other jobs on the machine inflate least);
  - one render counted: SQL queries, Redis round trips (socket writes: a pipeline or an MGET is
    one) and Redis commands;
  - BENCH_PROFILE_N renders under cProfile timed by the process's CPU clock (waits on
    PostgreSQL and Redis left out, so the figures hold under load): the 15 functions of cong/
    and wagtail/ with the largest cumulative CPU time per render, the CPU spent outside the
    view, the own time by package and the functions with the most own time.
    BENCH_PROFILE_SQL=1 also prints each page's SQL, BENCH_PROFILE_REDIS=1 each Redis command.

Pages: the seed-shaped article, home, its section, the documents list, a search
(/tim-kiem/?q=chuyển đổi số) and the anchor page (/bench-anchor/).
"""

import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.liveserver import ARTICLE, BIN, ROOT, manage  # noqa: E402

PG_URL = os.environ.get(
    "BENCH_PROFILE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cong_bench_profile"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
N = int(os.environ.get("BENCH_PROFILE_N", "30"))
SECTION = ARTICLE.rstrip("/").rsplit("/", 1)[0] + "/"
PAGES = [
    ("article", ARTICLE),
    ("home", "/"),
    ("section", SECTION),
    ("documents list", "/van-ban/"),
    ("search", "/tim-kiem/?q=chuyển đổi số"),
    ("anchor (bare Wagtail)", "/bench-anchor/"),
]
TOP = 15


def reachable_database(url: str) -> bool:
    import psycopg

    from bench.stack import fresh_database

    parts = urlparse(url)
    try:
        psycopg.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=parts.username,
            password=parts.password,
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg.Error:
        return False
    fresh_database(url)
    return True


def reachable_redis(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def main() -> int:
    from bench.stack import stack_environment

    database = PG_URL if reachable_database(PG_URL) else ""
    cache = REDIS_URL if reachable_redis(REDIS_URL) else ""
    with tempfile.TemporaryDirectory(prefix="cong-profile-pages-") as tmp:
        env = stack_environment(Path(tmp) / "var", database_url=database, redis_url=cache)
        env["CACHE_KEY_PREFIX"] = f"cong-profile-pages-{os.getpid()}"
        env["BENCH_PROFILE_BACKENDS"] = (
            f"{'PostgreSQL' if database else 'SQLite'} + {'Redis' if cache else 'local memory'}"
        )
        step = time.monotonic()
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo", "--if-empty", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "create_bench_anchor")
        print(
            f"{env['BENCH_PROFILE_BACKENDS']}: database, demo and static files ready in "
            f"{time.monotonic() - step:.0f} s; {N} renders per page"
        )
        try:
            return subprocess.run(
                [str(BIN / "python"), __file__, "--inner"], cwd=ROOT, env=env, check=False
            ).returncode
        finally:
            if cache:
                import redis

                client = redis.Redis.from_url(cache)
                for key in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*", count=1000):
                    client.delete(key)


class RedisCounter:
    """Counts what redis-py sends: socket writes (round trips) and commands."""

    def __init__(self):
        self.round_trips = self.commands = 0
        self.enabled = False
        self.sent: list[str] = []  # "GET key", for BENCH_PROFILE_REDIS=1

    def install(self) -> None:
        from redis.connection import AbstractConnection

        counter = self
        send_packed, send_one, pack_many = (
            AbstractConnection.send_packed_command,
            AbstractConnection.send_command,
            AbstractConnection.pack_commands,
        )

        def send_packed_command(self, command, check_health=True):
            if counter.enabled:
                counter.round_trips += 1
            return send_packed(self, command, check_health)

        def send_command(self, *args, **kwargs):
            if counter.enabled:
                counter.commands += 1
                counter.sent.append(" ".join(str(a)[:80] for a in args[:2]))
            return send_one(self, *args, **kwargs)

        def pack_commands(self, commands):
            if counter.enabled:
                counter.commands += len(commands)
                counter.sent.append(
                    "pipeline: " + "; ".join(" ".join(str(a)[:60] for a in c[:2]) for c in commands)
                )
            return pack_many(self, commands)

        AbstractConnection.send_packed_command = send_packed_command
        AbstractConnection.send_command = send_command
        AbstractConnection.pack_commands = pack_commands


def package(filename: str) -> str:
    """The package a profiled function belongs to, for the own-time breakdown."""
    path = filename.replace("\\", "/")
    if "/site-packages/" in path:
        parts = path.split("/site-packages/", 1)[1].split("/")
        if parts[0] == "django" and len(parts) > 1:
            return f"django.{parts[1].removesuffix('.py')}"
        return parts[0].removesuffix(".py")
    if "/work/" in path or str(ROOT) in path:
        rel = path.split(str(ROOT) + "/", 1)[-1].split("/")
        return ".".join(rel[:2]).removesuffix(".py")
    if path.startswith(("<", "~")):
        return "C builtins"
    return "stdlib"


def inner() -> int:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cong.settings")
    counter = RedisCounter()
    counter.install()
    django.setup()
    from django.apps import apps
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    pages = [
        (name, path)
        for name, path in PAGES
        if name != "anchor (bare Wagtail)" or apps.is_installed("bench.anchor")
    ]

    def get(path: str, tag: str):
        url = f"{path}{'&' if '?' in path else '?'}profile={tag}-{time.time_ns()}"
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: {response.status_code}")
        return response

    rows, problems = [], []
    for name, path in pages:
        for n in range(3):  # renditions, fragment caches, per-process caches
            response = get(path, f"warm{n}")
        if response.get("X-Cong-Cache") not in (None, "BYPASS"):
            problems.append(f"{name}: X-Cong-Cache {response.get('X-Cong-Cache')}")
        times = []
        cpu_begin = time.process_time()
        for n in range(N):
            begin = time.perf_counter()
            get(path, f"t{n}")
            times.append((time.perf_counter() - begin) * 1000)
        cpu_ms = (time.process_time() - cpu_begin) * 1000 / N
        counter.round_trips = counter.commands = 0
        counter.sent = []
        counter.enabled = True
        with CaptureQueriesContext(connection) as queries:
            response = get(path, "count")
        counter.enabled = False
        rows.append(
            {
                "name": name,
                "path": path,
                "median": statistics.median(times),
                "mean": statistics.fmean(times),
                "cpu": cpu_ms,
                "queries": len(queries.captured_queries),
                "sql": [q["sql"] for q in queries.captured_queries],
                "round_trips": counter.round_trips,
                "commands": counter.commands,
                "sent": counter.sent,
                "bytes": len(response.content),
            }
        )
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for n in range(N):
            get(path, f"p{n}")
        profiler.disable()
        rows[-1]["stats"] = pstats.Stats(profiler)

    backends = os.environ.get("BENCH_PROFILE_BACKENDS", "?")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nuncached renders through Django's test client ({backends}; load average {load})")
    anchor = next((r for r in rows if r["name"].startswith("anchor")), None)
    header = f"{'':<24}{'median ms':>10}{'mean ms':>9}{'CPU ms':>8}{'CPU × anchor':>13}{'SQL':>5}"
    print(header + f"{'Redis trips':>13}{'commands':>10}{'KiB':>6}")
    for r in rows:
        ratio = f"{r['cpu'] / anchor['cpu']:.1f}" if anchor else "-"
        print(
            f"{r['name']:<24}{r['median']:>10.1f}{r['mean']:>9.1f}{r['cpu']:>8.1f}{ratio:>13}"
            f"{r['queries']:>5}"
            f"{r['round_trips']:>13}{r['commands']:>10}{r['bytes'] / 1024:>6.0f}"
        )

    if os.environ.get("BENCH_PROFILE_REDIS"):
        for r in rows:
            print(f"\n== {r['name']}: what went to Redis")
            for line in r["sent"]:
                print(f"  {line}")

    for r in rows:
        stats = r["stats"]
        total = stats.total_tt  # type: ignore[attr-defined]
        print(
            f"\n== {r['name']} ({r['path']}): {total * 1000 / N:.1f} CPU ms per render under "
            "cProfile"
        )
        entries = stats.stats.items()  # type: ignore[attr-defined]
        view = max(
            (e[3] for f, e in entries if f[2] == "_get_response" and "handlers/base" in f[0]),
            default=0.0,
        )
        print(
            f"   outside the view (the middleware chain's own work, request and response "
            f"handling): {(total - view) * 1000 / N:.1f} ms ({(total - view) / total * 100:.0f} %)"
        )
        print(
            f"   top {TOP} functions of cong/ and wagtail/ by cumulative time per render "
            "(middleware __call__ pass-throughs left out):"
        )
        ours = [
            (func, entry)
            for func, entry in entries
            if ("/cong/" in func[0] or "/wagtail/" in func[0]) and func[2] != "__call__"
        ]
        ours.sort(key=lambda item: item[1][3], reverse=True)
        for (filename, line, function), (_cc, calls, _tt, cumulative, _callers) in ours[:TOP]:
            where = filename.split("/site-packages/", 1)[-1].split(str(ROOT) + "/", 1)[-1]
            print(
                f"   {cumulative * 1000 / N:>7.2f} ms {cumulative / total * 100:>4.0f} %"
                f" {calls / N:>7.1f}×  {function}  {where}:{line}"
            )
        own: dict[str, float] = defaultdict(float)
        for (filename, _line, _function), entry in entries:
            own[package(filename)] += entry[2]
        parts = sorted(own.items(), key=lambda item: item[1], reverse=True)[:8]
        print(
            "   own time by package: "
            + ", ".join(f"{name} {seconds / total * 100:.0f} %" for name, seconds in parts)
        )
        heaviest = sorted(entries, key=lambda item: item[1][2], reverse=True)[:6]
        print(
            "   largest own time: "
            + "; ".join(
                f"{function} {entry[2] / total * 100:.0f} % ({entry[1] / N:.0f}×)"
                for (_filename, _line, function), entry in heaviest
            )
        )
        if os.environ.get("BENCH_PROFILE_SQL"):
            for sql in r["sql"]:
                print(f"   SQL: {sql[:160]}")
    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(inner() if "--inner" in sys.argv else main())
