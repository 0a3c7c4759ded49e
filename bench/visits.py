"""`make bench-visits`: beacons per second through gunicorn (2 workers), for each store.

For each store: a fresh var/ with the demo site, gunicorn with two sync workers
(deploy/gunicorn.conf.py) on loopback behind a private nginx rendered from deploy/nginx/
(as `make bench`), the "Done means" check (1,200 beacons from 150 browsers, 32 at a time:
exactly +150 visits and +1,200 page views), then three timed runs:

  direct   Python threads POSTing to gunicorn itself (the first version of this bench);
  wrk      `wrk -t2 -c32 -s beacon.lua` POSTing beacons through nginx (a new browser
           every beacon), BENCH_WRK_DURATION (default 10s);
  views    a fully cached site: each wrk "page view" is the cached article from nginx's
           page cache, its beacon, and the counter's summary (nginx's summary cache): counted
           page views per second.

Then, for each store, the nginx-logged path (CONG_VISITS_BEACON_LOG: nginx answers the
beacon itself and logs it; `manage.py ingest_beacons` counts the log in batches): the same two
wrk runs through nginx (beacons/s acknowledged by nginx; the cached site's page views/s),
then the worker drains the log (`ingest_beacons --once`): its rate (lines/s over its own
counting time, and over its process's, which adds Django's start) and CPU per line (the
process's), and lost = acknowledged minus counted once it has drained.

lost = acknowledged beacons (204s) minus counted page views, which must be 0 (wrk stops
with up to 32 beacons in flight that it does not count, so counted may exceed it by that
much). Targets: ≥ 1,000 beacons/s on the Redis store, ≥ 500/s on the database store,
≥ 2,000 counted page views/s. PostgreSQL and Redis runs are included when they answer.
"""

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import psycopg
import redis

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.liveserver import ARTICLE, ROOT, Server, environment, figures, fire, prepare  # noqa: E402
from bench.stack import Nginx, get  # noqa: E402

PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cong_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
TIMED_BEACONS = int(os.environ.get("BENCH_BEACONS", "6000"))
WRK_DURATION = os.environ.get("BENCH_WRK_DURATION", "10s")
# BENCH_STORES="redis postgresql": only those runs (default: every store that answers).
STORES = os.environ.get("BENCH_STORES", "").lower().split()
TARGETS = {"redis": 1000, "database": 500, "views": 2000}

# Each request a beacon from a browser never seen before (thread id + counter in the
# User-Agent), so the per-visitor cap never applies; `views` also fetches the page and summary.
BEACON_LUA = """
local n, tid = 0, 0
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
function init(args) tid = tonumber(wrk.thread:get("tid")) or math.random(1000000) end
local body = '{"path": "%(path)s"}'
function request()
  n = n + 1
  local ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0."
    .. tid .. "." .. n .. " Safari/537.36"
  %(body)s
end
"""
ONLY_BEACON = """return wrk.format("POST", "/api/visits/hit",
    {["Content-Type"] = "text/plain", ["User-Agent"] = ua}, body)"""
PAGE_VIEW = """local step = n %% 3
  if step == 1 then return wrk.format("GET", "%(path)s", {["User-Agent"] = ua}) end
  if step == 2 then return wrk.format("POST", "/api/visits/hit",
    {["Content-Type"] = "text/plain", ["User-Agent"] = ua}, body) end
  return wrk.format("GET", "/api/visits/summary?path=%(path)s", {["User-Agent"] = ua})"""


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


def nginx_environment(env: dict, var_dir: Path) -> dict:
    """`env` with the production settings nginx needs (page cache, one proxy, hosts)."""
    return {
        **env,
        "CONG_PAGE_CACHE_DIR": str(var_dir / "pagecache"),
        "CONG_PROXY_COUNT": "1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CACHE_KEY_PREFIX": f"cong-bench-visits-{os.getpid()}-{var_dir.name}",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
    }


def wrk(base: str, script: str, folder: Path) -> dict:
    """wrk -t2 -c32 with a Lua script: requests, 2xx answers, per second."""
    lua = folder / "bench.lua"
    lua.write_text(script)
    out = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{WRK_DURATION}", "--timeout", "10s", "-s", str(lua), base],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)", out)
    requests, seconds = int(found.group(1)), float(found.group(2))
    seconds *= {"ms": 0.001, "s": 1.0, "m": 60.0}[found.group(3)]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "requests": requests,
        "ok": requests - (int(bad.group(1)) if bad else 0),
        "socket_errors": sum(map(int, socket.groups())) if socket else 0,
        "seconds": seconds,
    }


def workers_cpu_seconds(master_pid: int) -> float:
    """CPU time (user + system) gunicorn's workers have used so far: the live ones, and those
    already replaced (max_requests), which the master has reaped (its cutime, cstime)."""
    ticks = 0
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    for pid in children:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:  # replaced meanwhile: counted in the master's cutime
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    master = Path(f"/proc/{master_pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks += int(master[13]) + int(master[14])  # cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def run(label: str, env: dict) -> dict:
    var_dir = Path(env["CONG_VAR_DIR"])
    env = nginx_environment(env, var_dir)
    prepare(env)
    server = Server(env, workers=2, config=ROOT / "deploy" / "gunicorn.conf.py")
    nginx = Nginx(env, var_dir.parent / f"{var_dir.name}-nginx", f"127.0.0.1:{server.port}")
    server.start()
    try:
        nginx.start()
        before = figures(env)
        check = fire(nginx.url, 1200, 150, concurrency=32, run=f"check{time.time_ns()}")
        middle = figures(env)
        timed = fire(server.url, TIMED_BEACONS, 600, concurrency=32, run=f"timed{time.time_ns()}")
        after = figures(env)
        cpu_before = workers_cpu_seconds(server.process.pid)
        beacons = wrk(nginx.url, BEACON_LUA % {"path": ARTICLE, "body": ONLY_BEACON}, var_dir)
        cpu = workers_cpu_seconds(server.process.pid) - cpu_before
        after_wrk = figures(env)
        for _ in range(2):  # the first request renders the page and writes the file
            status, headers, _body = get(nginx.url, ARTICLE)
        cached = status == 200 and headers.get("X-Cong-Cache") == "HIT"
        view_script = BEACON_LUA % {"path": ARTICLE, "body": PAGE_VIEW % {"path": ARTICLE}}
        views = wrk(nginx.url, view_script, var_dir)
        after_views = figures(env)
    finally:
        nginx.stop()
        server.stop()
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*", count=1000):
            client.delete(key)
    exact = (
        middle["today"] - before["today"] == 150
        and middle["pageviews_today"] - before["pageviews_today"] == 1200
        and check.acknowledged == 1200
    )
    counted = after["pageviews_today"] - middle["pageviews_today"]
    wrk_counted = after_wrk["pageviews_today"] - after["pageviews_today"]
    views_counted = after_views["pageviews_today"] - after_wrk["pageviews_today"]
    return {
        "store": label,
        "beacons_per_s": timed.per_second,
        "acknowledged": timed.acknowledged,
        "lost": timed.acknowledged - counted,
        "exact_150_1200": exact,
        **wrk_rows(beacons, wrk_counted, views, views_counted, cached),
        "wrk_per_s": wrk_counted / beacons["seconds"],
        "cpu_ms": cpu * 1000 / max(1, wrk_counted),
    }


def wrk_rows(
    beacons: dict, wrk_counted: int, views: dict, views_counted: int, cached: bool
) -> dict:
    """The figures of the two wrk runs (beacons, then the cached site's page views) that
    both paths report: acknowledged, counted, lost, errors; views per second."""
    views_acknowledged = views["ok"] - 2 * (views["requests"] // 3)  # the pages and summaries
    return {
        "wrk_acknowledged": beacons["ok"],
        "wrk_counted": wrk_counted,
        "wrk_lost": max(0, beacons["ok"] - wrk_counted),
        "wrk_errors": beacons["requests"] - beacons["ok"] + beacons["socket_errors"],
        "views_per_s": views_counted / views["seconds"],
        "views_counted": views_counted,
        "views_lost": max(0, views_acknowledged - views_counted),
        "views_errors": views["requests"] - views["ok"] + views["socket_errors"],
        "page_cached": cached,
    }


def ingest(env: dict) -> dict:
    """`ingest_beacons --once` in its own process: wall time and the CPU it used."""
    before = os.times()
    started = time.monotonic()
    out = subprocess.run(
        [sys.executable, "manage.py", "ingest_beacons", "--once"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    seconds = time.monotonic() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    lines = int(re.search(r"lines (\d+)", out).group(1))
    # The worker's own time counting (from its first batch to the drained log), and the
    # process's, which adds starting Django.
    counting = float(re.search(r"seconds ([\d.]+)", out).group(1))
    return {"lines": lines, "seconds": seconds, "counting": counting, "cpu": cpu}


def run_logged(label: str, env: dict) -> dict:
    """The nginx-logged path: nginx answers and logs, the worker counts afterwards."""
    var_dir = Path(env["CONG_VAR_DIR"])
    env = {**nginx_environment(env, var_dir), "CONG_VISITS_BEACON_LOG": str(var_dir / "b.log")}
    prepare(env)
    server = Server(env, workers=2, config=ROOT / "deploy" / "gunicorn.conf.py")
    nginx = Nginx(env, var_dir.parent / f"{var_dir.name}-nginx", f"127.0.0.1:{server.port}")
    server.start()
    try:
        nginx.start()
        before = figures(env)
        beacons = wrk(nginx.url, BEACON_LUA % {"path": ARTICLE, "body": ONLY_BEACON}, var_dir)
        drained = ingest(env)
        after_wrk = figures(env)
        for _ in range(2):
            status, headers, _body = get(nginx.url, ARTICLE)
        cached = status == 200 and headers.get("X-Cong-Cache") == "HIT"
        view_script = BEACON_LUA % {"path": ARTICLE, "body": PAGE_VIEW % {"path": ARTICLE}}
        views = wrk(nginx.url, view_script, var_dir)
        drained_views = ingest(env)
        after_views = figures(env)
    finally:
        nginx.stop()
        server.stop()
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*", count=1000):
            client.delete(key)
    wrk_counted = after_wrk["pageviews_today"] - before["pageviews_today"]
    views_counted = after_views["pageviews_today"] - after_wrk["pageviews_today"]
    lines = drained["lines"] + drained_views["lines"]
    return {
        "store": label,
        **wrk_rows(beacons, wrk_counted, views, views_counted, cached),
        "wrk_per_s": beacons["ok"] / beacons["seconds"],
        "ingest_per_s": drained["lines"] / drained["counting"],
        "ingest_process_per_s": drained["lines"] / drained["seconds"],
        "ingest_cpu_us": (drained["cpu"] + drained_views["cpu"]) * 1e6 / max(1, lines),
    }


def logged_runs(tmp: str) -> list[dict]:
    rows = []
    if redis_available() and (not STORES or "redis" in STORES):
        pg = postgres_available()
        rows.append(
            run_logged(
                "logged, redis" + (" (+PostgreSQL)" if pg else " (+SQLite)"),
                environment(
                    Path(tmp) / "logged-redis",
                    database_url=PG_URL if pg else "",
                    redis_url=REDIS_URL,
                    store="redis",
                ),
            )
        )
    if postgres_available() and (not STORES or "postgresql" in STORES):
        rows.append(
            run_logged(
                "logged, PostgreSQL",
                environment(
                    Path(tmp) / "logged-pg",
                    database_url=PG_URL,
                    redis_url=REDIS_URL if redis_available() else "",
                ),
            )
        )
    return rows


def main() -> int:
    rows = []
    logged: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        if os.environ.get("BENCH_LOGGED_ONLY"):  # only the nginx-logged rows
            logged = logged_runs(tmp)
        elif not STORES or "sqlite" in STORES:
            rows.append(run("database (SQLite)", environment(Path(tmp) / "sqlite")))
        if postgres_available() and not os.environ.get("BENCH_LOGGED_ONLY"):
            if not STORES or "postgresql" in STORES:
                rows.append(
                    run(
                        "database (PostgreSQL)",
                        # Redis as the cache only (page cache, lookups); the visits go to SQL.
                        environment(Path(tmp) / "pg", database_url=PG_URL, redis_url=REDIS_URL)
                        if redis_available()
                        else environment(Path(tmp) / "pg", database_url=PG_URL),
                    )
                )
            if redis_available() and (not STORES or "redis" in STORES):
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
        elif redis_available() and (not STORES or "redis" in STORES) and not logged:
            rows.append(
                run(
                    "redis (+SQLite)",
                    environment(Path(tmp) / "redis", redis_url=REDIS_URL, store="redis"),
                )
            )
        if not os.environ.get("BENCH_SKIP_LOGGED") and not logged:
            logged = logged_runs(tmp)
    print(f"\n{'store':<24}{'beacons/s':>11}{'acknowledged':>14}{'lost':>6}  exact 150/1200")
    for r in rows:
        print(
            f"{r['store']:<24}{r['beacons_per_s']:>11.0f}{r['acknowledged']:>14}{r['lost']:>6}"
            f"  {'yes' if r['exact_150_1200'] else 'NO'}"
        )
    print(f"\nthrough nginx, wrk -t2 -c32 -d{WRK_DURATION} (Lua POST; counts read from the store)")
    print(
        f"{'store':<24}{'beacons/s':>11}{'acknowledged':>14}{'counted':>9}{'lost':>6}{'errors':>8}"
        f"{'views/s':>10}{'counted':>9}{'lost':>6}{'errors':>8}"
    )
    checks = []
    for r in rows:
        print(
            f"{r['store']:<24}{r['wrk_per_s']:>11.0f}{r['wrk_acknowledged']:>14}"
            f"{r['wrk_counted']:>9}{r['wrk_lost']:>6}{r['wrk_errors']:>8}{r['views_per_s']:>10.0f}"
            f"{r['views_counted']:>9}{r['views_lost']:>6}{r['views_errors']:>8}"
            + ("" if r["page_cached"] else "  (article NOT from the page cache)")
        )
        kind = "redis" if r["store"].startswith("redis") else "database"
        checks.append(
            (f"{r['store']} beacons ≥ {TARGETS[kind]}/s", r["wrk_per_s"] >= TARGETS[kind])
        )
        checks.append(
            (f"{r['store']} views ≥ {TARGETS['views']}/s", r["views_per_s"] >= TARGETS["views"])
        )
    print(
        "gunicorn workers' CPU per beacon during the wrk run: "
        + ", ".join(f"{r['store']} {r['cpu_ms']:.2f} ms" for r in rows)
        + " (2 workers on 2 free cores: about 2,000 / that many beacons/s)"
    )
    if logged:
        print(
            f"\nnginx-logged (CONG_VISITS_BEACON_LOG), wrk -t2 -c32 -d{WRK_DURATION}; counted "
            "after `ingest_beacons --once` drained the log"
        )
        print(
            f"{'store':<32}{'beacons/s':>10}{'acked':>8}{'counted':>9}{'lost':>6}{'err':>5}"
            f"{'views/s':>9}{'counted':>9}{'lost':>6}{'err':>5}{'ingest/s':>10}{'(process)':>10}"
            f"{'µs CPU/line':>13}"
        )
        for r in logged:
            print(
                f"{r['store']:<32}{r['wrk_per_s']:>10.0f}{r['wrk_acknowledged']:>8}"
                f"{r['wrk_counted']:>9}{r['wrk_lost']:>6}{r['wrk_errors']:>5}"
                f"{r['views_per_s']:>9.0f}{r['views_counted']:>9}{r['views_lost']:>6}"
                f"{r['views_errors']:>5}{r['ingest_per_s']:>10.0f}{r['ingest_process_per_s']:>10.0f}"
                f"{r['ingest_cpu_us']:>13.0f}"
                + ("" if r["page_cached"] else "  (article NOT from the page cache)")
            )
            kind = "redis" if "redis" in r["store"] else "database"
            checks.append(
                (f"{r['store']} beacons ≥ {TARGETS[kind]}/s", r["wrk_per_s"] >= TARGETS[kind])
            )
            checks.append(
                (f"{r['store']} views ≥ {TARGETS['views']}/s", r["views_per_s"] >= TARGETS["views"])
            )
    print("targets: " + "; ".join(f"{name}: {'met' if ok else 'MISSED'}" for name, ok in checks))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average {load} on {os.cpu_count()} CPUs")
    return (
        0
        if all(
            r["lost"] == 0 and r["exact_150_1200"] and r["wrk_lost"] == 0 and r["views_lost"] == 0
            for r in rows
        )
        and all(r["wrk_lost"] == 0 and r["views_lost"] == 0 for r in logged)
        else 1
    )


if __name__ == "__main__":
    sys.exit(main())
