"""`make bench`: the production stack on loopback, measured with wrk.

One run: the demo site in a fresh PostgreSQL database (BENCH_STACK_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/cong_bench_stack, dropped and created), Redis as the
shared cache (BENCH_REDIS_URL, default db 14, under a key prefix of its own), collected
static files, gunicorn with deploy/gunicorn.conf.py and two workers, and a private nginx
(run as the current user, everything under a temporary directory) with the site rendered
from deploy/nginx/. Then `wrk -t2 -c32 -d15s --latency` (BENCH_DURATION) on:

  (a) the seed-shaped article (the human-rights training article of the demo) as a plain
      static file served by nginx: the ceiling;
  (b) the same article through the stack with the page cache warm (nginx serves the file);
  (c) the same article uncached (a query string makes nginx ask gunicorn, and Django
      renders it; fragment caches warm, as on a live site);
  (d) the home page both ways;
  (f) each page type uncached beside the bare-Wagtail anchor (bench/anchor/: a Wagtail page
      with a title and a rich-text body of the article's text in a bare template, under the
      same settings and middleware; installed by CONG_BENCH_ANCHOR=1): BENCH_ROUNDS (3)
      rounds, each the anchor then the article, home, a section (the article's parent) and
      the documents list (/van-ban/), BENCH_ROUND_DURATION (5s) each, so every ratio is taken
      against the anchor of its own round while other jobs' load comes and goes;

and the median of 20 single uncached requests, each gunicorn worker's memory, and
"publish → visible": an edit published through the ORM in another process while the
article is polled through nginx until the new title shows.

Each uncached page type is then printed beside the anchor (medians over the rounds): req/s,
the ratio to the anchor's req/s of the same round (and its range), the gunicorn workers' CPU
per request (utime + stime of the workers from /proc before and after the wrk run, plus the
master's cutime + cstime for workers that max_requests replaced meanwhile, divided by the
requests wrk counted; each run starts once the workers are idle, so requests the previous run
left queued count against neither) and the median of 20 single requests.

Uncached rows send a new query string with every request (a wrk Lua script): nginx keeps
anonymous query-string pages a few seconds (its micro-cache), so one fixed `?bench=` would
be answered by nginx after the first request.

  (e) a crawl: 1,000 distinct document-filter URLs (/van-ban/?year=…&doc_type=…&page=…)
      at 32 connections from one address, while one reader fetches the article uncached
      and another the cached article: the crawl's answers (200, 429 from the per-address
      limit) and the readers' latency against the same readers without the crawl.
"""

import http.client
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import psycopg
import redis

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.liveserver import ARTICLE, BIN, ROOT, Server, environment, free_port, manage  # noqa: E402

PG_URL = os.environ.get(
    "BENCH_STACK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cong_bench_stack"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
DURATION = os.environ.get("BENCH_DURATION", "15s")
# A 10 s timeout (wrk's default is 2 s) keeps slow uncached answers in the percentiles.
WRK = ["wrk", "-t2", "-c32", f"-d{DURATION}", "--latency", "--timeout", "10s"]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SLUG = ARTICLE.rstrip("/").rsplit("/", 1)[1]
BYPASS = "?bench=uncached"  # any parameter that is not a tracking one skips the page cache
TARGETS = {"cached_ratio": 0.8, "uncached_rps": 200, "single_ms": 15, "publish_s": 1.0}
# Issue 20: uncached pages against the bare-Wagtail anchor (ratio of req/s), article CPU.
SECTION = ARTICLE.rstrip("/").rsplit("/", 1)[0] + "/"
DOCUMENTS = "/van-ban/"
ANCHOR = "/bench-anchor/"
ANCHOR_TARGETS = {ARTICLE: 1.3, "/": 1.0, SECTION: 1.0, DOCUMENTS: 1.0}
PAGE_TYPES = [
    ("anchor (bare Wagtail)", ANCHOR),
    ("article", ARTICLE),
    ("home", "/"),
    ("section", SECTION),
    ("documents list", DOCUMENTS),
]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
ROUND_DURATION = os.environ.get("BENCH_ROUND_DURATION", "5s")
ARTICLE_CPU_MS = 10.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def fresh_database(url: str) -> None:
    parts = urlparse(url)
    with psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
        autocommit=True,
        connect_timeout=5,
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path[1:]}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{parts.path[1:]}"')


def stack_environment(
    var_dir: Path, database_url: str = PG_URL, redis_url: str = REDIS_URL
) -> dict:
    """Production-like settings (manifest static files, DEBUG off, the anchor app installed);
    empty URLs: SQLite under var_dir and the local-memory cache."""
    env = environment(var_dir, database_url=database_url, redis_url=redis_url, store="database")
    env.update(
        STATICFILES_STORAGE="whitenoise.storage.CompressedManifestStaticFilesStorage",
        STATIC_ROOT=str(var_dir / "static"),
        MEDIA_ROOT=str(var_dir / "media"),
        CONG_PAGE_CACHE_DIR=str(var_dir / "pagecache"),
        CONG_SERVE_MEDIA="false",
        CONG_PROXY_COUNT="1",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CACHE_KEY_PREFIX=f"cong-bench-stack-{os.getpid()}",
        CONG_BENCH_ANCHOR="1",
        DEBUG="false",
        LOG_LEVEL="WARNING",
    )
    return env


def point_site_at(env: dict, hostname: str, port: int) -> None:
    """Make the default Site record name the address readers use: the page cache writes only
    pages asked for by a Site's hostname and port, and absolute links come from the record."""
    code = (
        "from wagtail.models import Site; site = Site.objects.get(is_default_site=True); "
        f"site.hostname, site.port = {hostname!r}, {int(port)}; site.save()"
    )
    manage(env, "shell", "-c", code)


class Nginx:
    """A private nginx under `prefix`, in the foreground of its own process group."""

    def __init__(self, env: dict, prefix: Path, upstream: str):
        self.prefix, self.port, self.process = prefix, free_port(), None
        prefix.mkdir(parents=True, exist_ok=True)
        conf = subprocess.run(
            [
                str(BIN / "python"),
                "deploy/nginx/render.py",
                "--standalone",
                str(prefix),
                "--listen",
                f"127.0.0.1:{self.port}",
                "--upstream",
                upstream,
                "--server-name",
                "127.0.0.1 localhost",
                "--no-access-log",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        (prefix / "nginx.conf").write_text(conf)
        point_site_at(env, "127.0.0.1", self.port)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Nginx":
        args = [NGINX, "-p", str(self.prefix), "-e", str(self.prefix / "error.log")]
        args += ["-c", str(self.prefix / "nginx.conf"), "-g", "daemon off;"]
        self.process = subprocess.Popen(args, start_new_session=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                get(self.url, "/static/")
                return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        self.stop()
        log = (
            (self.prefix / "error.log").read_text() if (self.prefix / "error.log").exists() else ""
        )
        raise RuntimeError(f"nginx did not start:\n{log}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)


def get(base: str, path: str, conn: http.client.HTTPConnection | None = None):
    """GET `path`: (status, headers, body)."""
    own = conn is None
    if own:
        conn = http.client.HTTPConnection(urlparse(base).netloc, timeout=30)
    try:
        conn.request("GET", path, headers={"User-Agent": "cong-bench"})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        if own:
            conn.close()


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


# A new query string every request: never the page cache, never nginx's micro-cache.
UNIQUE_LUA = """
local n, tid, threads = 0, 0, 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
function init(args) tid = tonumber(wrk.thread:get("tid")) or 0 end
function request()
  n = n + 1
  return wrk.format("GET", wrk.path .. "&n=" .. tid .. "-" .. n)
end
"""


def workers_cpu_seconds(master_pid: int) -> float:
    """CPU seconds (user + system) the gunicorn workers have used: the live workers' own, plus
    what the master has reaped from workers that exited (max_requests replaces them)."""

    def stat(pid: int) -> list[str]:
        # Fields after the command name, which is in parentheses and may hold spaces.
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()

    master = stat(master_pid)  # [0] is field 3 (state): utime is field 14, cutime 16
    total = int(master[13]) + int(master[14])  # cutime + cstime
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    for pid in map(int, children):
        try:
            fields = stat(pid)
        except OSError:  # exited between the two reads
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / CLOCK_TICKS


def settle(master_pid: int, timeout: float = 60.0) -> None:
    """Wait until the gunicorn workers are idle: when wrk stops, the requests it left queued
    in nginx and in the listen backlog are still rendered, and would count against the next
    run (its req/s and its CPU)."""
    deadline = time.monotonic() + timeout
    before = workers_cpu_seconds(master_pid)
    while time.monotonic() < deadline:
        time.sleep(0.3)
        now = workers_cpu_seconds(master_pid)
        if now - before < 0.02:  # under 7 % of one core
            return
        before = now


def wrk(url: str, unique: bool = False, master_pid: int | None = None, duration: str = "") -> dict:
    script = []
    if unique:
        lua = Path(tempfile.gettempdir()) / f"cong-bench-unique-{os.getpid()}.lua"
        lua.write_text(UNIQUE_LUA)
        script = ["-s", str(lua)]
    if master_pid:
        settle(master_pid)
    cpu_before = workers_cpu_seconds(master_pid) if master_pid else 0.0
    args = [*WRK, *script, url]
    if duration:
        args = [a if not a.startswith("-d") else f"-d{duration}" for a in args]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    cpu = workers_cpu_seconds(master_pid) - cpu_before if master_pid else 0.0
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    latency = dict(re.findall(r"^\s*(50|99)(?:\.0+)?%\s+(\S+)\s*$", out, re.M))
    if "50" not in latency or "99" not in latency:
        raise RuntimeError(f"unexpected wrk output for {url}:\n{out}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    connect, read, write, timeout = map(int, socket.groups()) if socket else (0, 0, 0, 0)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(latency["50"]),
        "p99": _ms(latency["99"]),
        "errors": (int(errors.group(1)) if errors else 0) + connect + read + write,
        "timeouts": timeout,
        "requests": requests,
        "cpu_ms": cpu * 1000 / requests if master_pid and requests else float("nan"),
    }


def worker_memory(master_pid: int) -> list[tuple[int, float, float]]:
    """(pid, RSS MB, PSS MB) of each gunicorn worker."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    rows = []
    for pid in map(int, children):
        status = Path(f"/proc/{pid}/status").read_text()
        rss = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            pss = int(re.search(r"Pss:\s+(\d+) kB", rollup).group(1)) / 1024
        except (OSError, AttributeError):
            pss = float("nan")
        rows.append((pid, rss, pss))
    return rows


PUBLISH = """
import time
from cong.news.models import ArticlePage
page = ArticlePage.objects.get(slug={slug!r})
page.title = {title!r}
revision = page.save_revision()
print("start", time.time(), flush=True)
revision.publish()
print("done", time.time(), flush=True)
"""


def publish_to_visible(env: dict, base: str) -> dict:
    """Publish a new title in another process; poll the article through nginx until it shows."""
    title = f"Tiêu đề đã sửa lúc {time.time():.0f}"
    process = subprocess.Popen(
        [str(BIN / "python"), "manage.py", "shell", "-c", PUBLISH.format(slug=SLUG, title=title)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    stamps: dict[str, float] = {}

    def read():
        for line in process.stdout:
            name, _sep, value = line.strip().partition(" ")
            if name in ("start", "done"):
                stamps[name] = float(value)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    seen, polls, deadline = None, 0, time.monotonic() + 60
    conn = http.client.HTTPConnection(urlparse(base).netloc, timeout=30)
    while time.monotonic() < deadline:
        status, _headers, body = get(base, ARTICLE, conn)
        polls += 1
        if title.encode() in body:
            seen = time.time()
            break
        time.sleep(0.01)
    conn.close()
    process.wait(timeout=60)
    reader.join(timeout=5)
    if seen is None or "done" not in stamps:
        raise RuntimeError("the published title never showed through nginx")
    status, headers, _body = get(base, ARTICLE)
    status, headers, _body = get(base, ARTICLE)
    return {
        "after_commit_ms": max(0.0, (seen - stamps["done"]) * 1000),
        "from_publish_ms": (seen - stamps["start"]) * 1000,
        "polls": polls,
        "recached": headers.get("X-Cong-Cache") == "HIT",
    }


def _percentiles(values: list[float]) -> tuple[float, float]:
    values = sorted(values) or [0.0]
    return statistics.median(values), values[min(len(values) - 1, int(len(values) * 0.95))]


def _readers(base: str, stop: threading.Event, minimum: int = 40) -> dict:
    """Two readers, one request at a time until `stop` (and at least `minimum` each): the
    article uncached (a new query string each time) and the cached article."""
    found = {"uncached": [], "cached": []}

    def read(kind: str) -> None:
        conn = http.client.HTTPConnection(urlparse(base).netloc, timeout=30)
        n = 0
        while not stop.is_set() or n < minimum:
            n += 1
            path = ARTICLE + (
                f"?bench=reader{os.getpid()}-{time.time_ns()}" if kind == "uncached" else ""
            )
            begin = time.perf_counter()
            get(base, path, conn)
            found[kind].append((time.perf_counter() - begin) * 1000)
        conn.close()

    threads = [threading.Thread(target=read, args=(kind,)) for kind in found]
    for thread in threads:
        thread.start()
    return {"threads": threads, "found": found}


def crawl_filters(base: str, urls: int = 1000, connections: int = 32) -> dict:
    """Crawl `urls` distinct document-filter URLs at `connections`, with readers beside."""
    from concurrent.futures import ThreadPoolExecutor

    quiet_stop = threading.Event()
    quiet_stop.set()  # just the minimum
    quiet = _readers(base, quiet_stop)
    for thread in quiet["threads"]:
        thread.join()
    pages = [
        f"/van-ban/?year={2015 + n % 10}&doc_type={n % 7 + 1}&page={n // 70 + 1}&sort="
        + ("newest" if n % 2 else "oldest")
        for n in range(urls)
    ]
    local = threading.local()

    def fetch(path: str) -> int:
        if not hasattr(local, "conn"):
            local.conn = http.client.HTTPConnection(urlparse(base).netloc, timeout=30)
        try:
            return get(base, path, local.conn)[0]
        except (OSError, http.client.HTTPException):
            local.conn = http.client.HTTPConnection(urlparse(base).netloc, timeout=30)
            return 0

    stop = threading.Event()
    during = _readers(base, stop, minimum=1)
    begin = time.perf_counter()
    with ThreadPoolExecutor(connections) as pool:
        statuses = list(pool.map(fetch, pages))
    seconds = time.perf_counter() - begin
    stop.set()
    for thread in during["threads"]:
        thread.join()
    counts = {code: statuses.count(code) for code in sorted(set(statuses))}
    return {
        "urls": len(set(pages)),
        "seconds": seconds,
        "statuses": ", ".join(f"{code}: {n}" for code, n in counts.items()),
        "during": {k: _percentiles(v) for k, v in during["found"].items()},
        "quiet": {k: _percentiles(v) for k, v in quiet["found"].items()},
    }


def main() -> int:
    started = time.monotonic()
    fresh_database(PG_URL)
    redis.Redis.from_url(REDIS_URL).ping()
    with tempfile.TemporaryDirectory(prefix="cong-bench-stack-") as tmp:
        var_dir = Path(tmp) / "var"
        env = stack_environment(var_dir)
        step = time.monotonic()
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo", "--if-empty", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        anchor = manage(env, "create_bench_anchor").split()
        print(f"anchor page {anchor[0]}: {anchor[1]} characters of text")
        print(f"database, demo and static files ready in {time.monotonic() - step:.0f} s")
        server = Server(env, workers=2, config=ROOT / "deploy" / "gunicorn.conf.py")
        nginx = Nginx(env, Path(tmp) / "nginx", f"127.0.0.1:{server.port}")
        server.start()
        try:
            nginx.start()
            return measure(env, nginx.url, server, var_dir, started)
        finally:
            nginx.stop()
            server.stop()
            client = redis.Redis.from_url(REDIS_URL)
            for key in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*", count=1000):
                client.delete(key)


def measure(env: dict, base: str, server: Server, var_dir: Path, started: float) -> int:
    problems = []
    for path in (ARTICLE, "/"):  # the first request renders and writes the file
        get(base, path)
        status, headers, body = get(base, path)
        if status != 200 or headers.get("X-Cong-Cache") != "HIT":
            problems.append(f"{path}: {status} {headers.get('X-Cong-Cache')} (expected 200 HIT)")
    status, headers, body = get(base, ARTICLE)
    static_dir = var_dir / "static" / "bench"
    static_dir.mkdir(parents=True, exist_ok=True)
    (static_dir / "article.html").write_bytes(body)
    for path in (ARTICLE, "/", SECTION, DOCUMENTS, ANCHOR):
        uncached = get(base, path + BYPASS)
        if uncached[0] != 200 or uncached[1].get("X-Cong-Cache") != "BYPASS":
            problems.append(f"{path} uncached: {uncached[0]} {uncached[1].get('X-Cong-Cache')}")
    print(f"article: {len(body) / 1024:.0f} KiB of HTML; wrk {' '.join(WRK[1:])}")

    runs = [
        ("(a) article, static file by nginx", "/static/bench/article.html"),
        ("(b) article, page cache warm", ARTICLE),
        ("(c) article, uncached (gunicorn)", ARTICLE + BYPASS),
        ("(d) home, page cache warm", "/"),
        ("(d) home, uncached (gunicorn)", "/" + BYPASS),
    ]
    results = []
    master = server.process.pid
    for label, path in runs:
        result = wrk(base + path, unique=BYPASS in path, master_pid=master)
        results.append((label, result))
        if result["errors"]:
            problems.append(f"{label}: {result['errors']} errors (non-2xx or socket)")
    rounds: list[dict[str, dict]] = []
    for _round in range(ROUNDS):
        rounds.append({})
        for name, path in PAGE_TYPES:
            result = wrk(base + path + BYPASS, True, master, ROUND_DURATION)
            rounds[-1][name] = result
            if result["errors"]:
                problems.append(f"(f) {name}: {result['errors']} errors (non-2xx or socket)")
    memory = worker_memory(master)

    def single_median(path: str) -> float:
        conn = http.client.HTTPConnection(urlparse(base).netloc, timeout=30)
        found = []
        for n in range(20):
            begin = time.perf_counter()
            get(base, f"{path}?bench=single{n}-{time.time_ns()}", conn)
            found.append((time.perf_counter() - begin) * 1000)
        conn.close()
        return statistics.median(found)

    singles = {path: single_median(path) for path in (ANCHOR, ARTICLE, "/", SECTION, DOCUMENTS)}
    publish = publish_to_visible(env, base)
    crawl = crawl_filters(base)

    ceiling = results[0][1]["rps"]
    print(f"\n{'':<38}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'× (a)':>8}{'CPU ms':>8}")
    for label, r in results:
        late = f"  ({r['timeouts']} over 10 s)" if r["timeouts"] else ""
        cpu = f"{r['cpu_ms']:>8.1f}" if "gunicorn" in label else ""
        print(
            f"{label:<38}{r['rps']:>9.0f}{r['p50']:>9.2f}{r['p99']:>9.2f}"
            f"{r['rps'] / ceiling:>8.2f}{cpu}{late}"
        )
    single = singles[ARTICLE]
    print(f"\nsingle uncached article request: median {single:.1f} ms of 20")
    anchor_name = PAGE_TYPES[0][0]
    anchor_runs = ", ".join(f"{r[anchor_name]['rps']:.0f}" for r in rounds)
    print(
        f"\n(f) uncached beside the anchor: {ROUNDS} rounds of {ROUND_DURATION} per page, "
        f"anchor {anchor_runs} req/s"
    )
    print(
        f"{'':<24}{'req/s':>8}{'× anchor':>10}{'range':>12}{'target':>8}{'CPU ms/req':>12}"
        f"{'single ms':>11}"
    )
    ratio_checks, cpu_by_path = [], {}
    for name, path in PAGE_TYPES:
        rps = statistics.median(r[name]["rps"] for r in rounds)
        ratios = [r[name]["rps"] / max(r[anchor_name]["rps"], 0.01) for r in rounds]
        cpu = cpu_by_path[path] = statistics.median(r[name]["cpu_ms"] for r in rounds)
        ratio = statistics.median(ratios)
        target = ANCHOR_TARGETS.get(path)
        if target:
            ratio_checks.append((f"{name} ≥ {target}× anchor", ratio >= target))
        print(
            f"{name:<24}{rps:>8.1f}{ratio:>10.2f}{f'{min(ratios):.2f}–{max(ratios):.2f}':>12}"
            f"{(f'≥ {target}' if target else ''):>8}{cpu:>12.1f}{singles[path]:>11.1f}"
        )
    article_cpu = cpu_by_path[ARTICLE]
    ratio_checks.append((f"article ≤ {ARTICLE_CPU_MS:.0f} ms CPU", article_cpu <= ARTICLE_CPU_MS))
    for pid, rss, pss in memory:
        print(f"gunicorn worker {pid}: RSS {rss:.0f} MB, PSS {pss:.0f} MB (shared pages split)")
    print(
        f"publish → visible through nginx: {publish['after_commit_ms']:.0f} ms after publish() "
        f"returned, {publish['from_publish_ms']:.0f} ms from its start ({publish['polls']} "
        f"polls); cached again afterwards: {'yes' if publish['recached'] else 'NO'}"
    )
    print(
        f"(e) crawl of {crawl['urls']} document-filter URLs at 32 connections: "
        f"{crawl['seconds']:.1f} s, answers {crawl['statuses']}; article during / without it: "
        f"uncached p50 {crawl['during']['uncached'][0]:.1f} / {crawl['quiet']['uncached'][0]:.1f} ms, "
        f"p95 {crawl['during']['uncached'][1]:.1f} / {crawl['quiet']['uncached'][1]:.1f} ms; "
        f"cached p50 {crawl['during']['cached'][0]:.2f} / {crawl['quiet']['cached'][0]:.2f} ms, "
        f"p95 {crawl['during']['cached'][1]:.2f} / {crawl['quiet']['cached'][1]:.2f} ms"
    )
    b, c = results[1][1], results[2][1]
    checks = [
        (f"(b) ≥ {TARGETS['cached_ratio']}×(a)", b["rps"] >= TARGETS["cached_ratio"] * ceiling),
        (f"(c) ≥ {TARGETS['uncached_rps']} req/s", c["rps"] >= TARGETS["uncached_rps"]),
        (f"single uncached ≤ {TARGETS['single_ms']} ms", single <= TARGETS["single_ms"]),
        (
            f"publish → visible ≤ {TARGETS['publish_s']} s",
            publish["from_publish_ms"] <= TARGETS["publish_s"] * 1000,
        ),
    ]
    checks += ratio_checks
    print("targets: " + "; ".join(f"{name}: {'met' if ok else 'MISSED'}" for name, ok in checks))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"total run time {time.monotonic() - started:.0f} s; load average {load} on {os.cpu_count()} CPUs"
    )
    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
