"""`make bench-province`: one install hosting a province's portal and N member sites.

A fresh PostgreSQL database (BENCH_PROVINCE_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/cong_bench_province, dropped and created) with the demo
site, Redis as the shared cache (BENCH_REDIS_URL, default db 14, under a key prefix of its
own), gunicorn with deploy/gunicorn.conf.py and two workers on loopback. Then:

1. The demo site becomes the portal (kind "tinh", with its page "Tin từ các đơn vị") and
   member site 1 is created with `create_site` and BENCH_ARTICLES live articles (default
   500) in its "Tin tức - Sự kiện", bulk-inserted as page rows (tree paths, depth and
   url_path as treebeard and Wagtail set them; not in the search index: search has its own
   `make bench-search`). The install then holds one agency beside the portal.
   Measured through gunicorn, uncached (a query string, as `make bench` (c) and (d)), with
   `wrk` (installed with apt by the make target; a Python thread pool if it is missing):
   the demo's seed-shaped article and home, member 1's newest article and home (by its host
   name), the portal's "Tin từ các đơn vị"; member 1's sitemap.xml (median of 5 single
   requests); the workers' memory.
2. Sites 2…BENCH_SITES (default 200) are created the same way, each `create_site` timed.
   Admin latency, in-process (Django's own time, median of 5 after a warm-up): member 1's
   editor exploring its news section (BENCH_ARTICLES pages) and its home, the province's
   staff exploring the tree's root (every site's home), and the dashboard's figures for
   every site (without the compliance checks, which are kept between views).
3. gunicorn is started again and everything in 1 measured again: the same pages, now with
   BENCH_SITES member sites in the install.

Targets: creating a site ≤ 5 s (the slowest), admin listings ≤ 300 ms, the same pages
within 10 % of their speed with one member (req/s ≥ 0.9 ×), worker memory within 10 %.

    BENCH_SITES=20 BENCH_ARTICLES=100 BENCH_DURATION=5s make bench-province
"""

import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import redis

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.liveserver import ARTICLE, BIN, ROOT, Server, environment, manage  # noqa: E402
from bench.stack import fresh_database, worker_memory  # noqa: E402

PG_URL = os.environ.get(
    "BENCH_PROVINCE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cong_bench_province"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
SITES = int(os.environ.get("BENCH_SITES", "200"))
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "500"))
DURATION = os.environ.get("BENCH_DURATION", "15s")
CONNECTIONS = 8
WRK = shutil.which("wrk")
BYPASS = "?bench=uncached"  # as `make bench`: never a page-cache file, Django renders
MEMBER_NEWS = "/tin-cac-don-vi/"
NEWS_SLUG = "tin-tuc-su-kien"  # the news section create_site makes
TARGETS = {"create_s": 5.0, "admin_ms": 300.0, "pages_ratio": 0.9, "memory_ratio": 1.1}


def member_host(n: int) -> str:
    return f"don-vi-{n:04d}.bench.localhost"


# --- load ------------------------------------------------------------------------------


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def load(base: str, path: str, host: str = "") -> dict:
    """req/s and p50/p99 of `path` under `CONNECTIONS` connections for DURATION (wrk; else
    a thread pool of keep-alive connections, which counts less than wrk would)."""
    if WRK:
        args = [WRK, "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency", "--timeout", "10s"]
        if host:
            args += ["-H", f"Host: {host}"]
        out = subprocess.run([*args, base + path], capture_output=True, text=True, check=True)
        text = out.stdout
        latency = dict(re.findall(r"^\s*(50|99)(?:\.0+)?%\s+(\S+)\s*$", text, re.M))
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
        return {
            "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
            "p50": _ms(latency["50"]),
            "p99": _ms(latency["99"]),
            "errors": int(errors.group(1)) if errors else 0,
        }
    return _thread_load(base, path, host)


def _thread_load(base: str, path: str, host: str) -> dict:
    from concurrent.futures import ThreadPoolExecutor

    seconds = _ms(DURATION) / 1000
    netloc = urlparse(base).netloc

    def run(_n: int) -> tuple[list[float], int]:
        conn = http.client.HTTPConnection(netloc, timeout=30)
        times, errors = [], 0
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            started = time.perf_counter()
            status, _body = get(conn, path, host)
            times.append((time.perf_counter() - started) * 1000)
            errors += status >= 400
        conn.close()
        return times, errors

    started = time.monotonic()
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        results = list(pool.map(run, range(CONNECTIONS)))
    elapsed = time.monotonic() - started
    times = sorted(t for ts, _e in results for t in ts)
    return {
        "rps": len(times) / elapsed,
        "p50": times[len(times) // 2],
        "p99": times[min(len(times) - 1, int(len(times) * 0.99))],
        "errors": sum(e for _ts, e in results),
    }


def get(conn: http.client.HTTPConnection, path: str, host: str = "") -> tuple[int, bytes]:
    headers = {"User-Agent": "cong-bench"}
    if host:
        headers["Host"] = host
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


def single_ms(base: str, path: str, host: str = "", runs: int = 5) -> tuple[float, int, bytes]:
    """Median time of `runs` single requests after one warm-up; the last status and body."""
    conn = http.client.HTTPConnection(urlparse(base).netloc, timeout=120)
    status, body = get(conn, path, host)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        status, body = get(conn, path, host)
        times.append((time.perf_counter() - started) * 1000)
    conn.close()
    return statistics.median(times), status, body


def measure_pages(env: dict, pages: list[tuple[str, str, str]]) -> tuple[dict, list]:
    """Start gunicorn, warm each page, load each one; the workers' memory after."""
    server = Server(env, workers=2, config=ROOT / "deploy" / "gunicorn.conf.py").start()
    try:
        results = {}
        conn = http.client.HTTPConnection(urlparse(server.url).netloc, timeout=60)
        for label, path, host in pages:
            for _ in range(3):  # each worker renders it once, fragment caches warm
                status, _body = get(conn, path, host)
            if status != 200:
                raise RuntimeError(f"{label}: {path} on {host or 'the default site'}: {status}")
        conn.close()
        for label, path, host in pages:
            results[label] = load(server.url, path, host)
        memory = worker_memory(server.process.pid)
        extra = {}
        if any(label == "member article" for label, _p, _h in pages):
            ms, status, body = single_ms(server.url, "/sitemap.xml", member_host(1))
            extra["sitemap"] = {"ms": ms, "status": status, "urls": body.count(b"<loc>")}
        return results | extra, memory
    finally:
        server.stop()


# --- the province, built in a child process ----------------------------------------------


WORDS = (
    "Sở tổ chức hội nghị triển khai nhiệm vụ chuyển đổi số năm 2024 với sự tham dự của lãnh "
    "đạo các phòng đơn vị trực thuộc và đại diện các huyện thị xã thành phố trong tỉnh bàn "
    "giải pháp nâng cao chất lượng dịch vụ công trực tuyến bảo đảm an toàn thông tin"
).split()


def bulk_articles(section, count: int, site_no: int) -> None:
    """`count` live articles under `section` (which has none yet), inserted as rows."""
    import datetime

    from django.utils import timezone
    from wagtail.models import Page
    from wagtail.rich_text import RichText

    from bench.articles import insert_articles

    now = timezone.now()
    specs = []
    for n in range(count):
        words = WORDS[n % 7 :] + WORDS[: n % 7]
        when = now - datetime.timedelta(minutes=(count - n) * 53 + site_no)
        specs.append(
            {
                "title": f"{' '.join(words[:12]).capitalize()} (đơn vị {site_no}, bài {n})",
                "slug": f"bai-{site_no}-{n}",
                "date": when,
                "lead": " ".join(words[:30]),
                "body": [("paragraph", RichText(f"<p>{' '.join(words)}</p>")) for _ in range(4)],
                "author_names": "Nguyễn Hiền",
            }
        )
    insert_articles(section, specs, first=1)
    Page.objects.filter(pk=section.pk).update(numchild=count)


def admin_latency(client, path: str, runs: int = 5) -> float:
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"admin {path}: {response.status_code}")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def build(first: bool) -> None:
    """`first`: make the demo the portal and create member site 1 with its articles;
    otherwise create sites 2…N and measure the admin. Prints one JSON line."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client
    from wagtail.models import Site

    from cong.core.models import AgencySettings, SiteKind
    from cong.editorial.roles import BIEN_TAP_VIEN
    from cong.news.models import CategoryPage
    from cong.portal import dashboard
    from cong.portal.models import MemberNewsPage
    from cong.province.sites import create_site, group_name

    if first:
        portal = Site.objects.get(is_default_site=True)
        agency = AgencySettings.for_site(portal)
        agency.kind = SiteKind.TINH
        agency.save()
        page = MemberNewsPage(title="Tin từ các sở, ngành, địa phương", slug=MEMBER_NEWS.strip("/"))
        portal.root_page.add_child(instance=page)
        page.save_revision().publish()

    create_times, article_seconds = [], 0.0
    for n in range(1, 2) if first else range(2, SITES + 1):
        started = time.perf_counter()
        kind = SiteKind.XA if n % 3 else SiteKind.SO
        site = create_site(member_host(n), f"Đơn vị thử số {n}", kind)
        create_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        section = CategoryPage.objects.child_of(site.root_page).get(slug=NEWS_SLUG)
        bulk_articles(section, ARTICLES, n)
        article_seconds += time.perf_counter() - started
        if n % 20 == 0 or n == SITES:
            print(f"  {n:>4} sites, {n * ARTICLES:>7} articles", file=sys.stderr, flush=True)

    member = Site.objects.get(hostname=member_host(1))
    section = CategoryPage.objects.child_of(member.root_page).get(slug=NEWS_SLUG)
    newest = section.get_children().live().order_by("-path").first()
    result = {
        "create": create_times,
        "articles_s": article_seconds,
        "member_article": newest.url_path[len(member.root_page.url_path) - 1 :],
    }
    if not first:
        User = get_user_model()
        editor = User.objects.create_user("bien-tap-don-vi-1")  # force_login: no password
        editor.groups.add(Group.objects.get(name=group_name(BIEN_TAP_VIEN, member)))
        staff = User.objects.create_user("bien-tap-tinh")
        staff.groups.add(Group.objects.get(name=BIEN_TAP_VIEN))  # install-wide
        client = Client(HTTP_HOST=member.hostname)
        client.force_login(editor)
        province = Client(HTTP_HOST="localhost")
        province.force_login(staff)
        root = member.root_page.get_parent()
        result["admin"] = {
            "explorer, member's news section (editor)": admin_latency(
                client, f"/admin/pages/{section.pk}/"
            ),
            "explorer, member's home (editor)": admin_latency(
                client, f"/admin/pages/{member.root_page_id}/"
            ),
            "explorer, tree root (province staff)": admin_latency(
                province, f"/admin/pages/{root.pk}/"
            ),
        }
        started = time.perf_counter()
        dashboard.build(score_budget=0)
        result["dashboard_figures_ms"] = (time.perf_counter() - started) * 1000
    print(json.dumps(result))


def run_build(env: dict, first: bool) -> dict:
    out = subprocess.run(
        [str(BIN / "python"), __file__, "--build-first" if first else "--build-rest"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    if out.returncode:
        raise RuntimeError("building the province failed")
    return json.loads(out.stdout.strip().rsplit("\n", 1)[-1])


# --- the run ---------------------------------------------------------------------------


def main() -> int:
    started = time.monotonic()
    fresh_database(PG_URL)
    redis.Redis.from_url(REDIS_URL).ping()
    print(
        f"{SITES} member sites × {ARTICLES} articles; "
        f"{'wrk' if WRK else 'a Python thread pool (wrk missing)'} with {CONNECTIONS} "
        f"connections for {DURATION} per page, gunicorn 2 workers, uncached (Django renders)"
    )
    with tempfile.TemporaryDirectory(prefix="cong-bench-province-") as tmp:
        var_dir = Path(tmp) / "var"
        env = environment(var_dir, database_url=PG_URL, redis_url=REDIS_URL)
        kept = ROOT / "var" / "demo-files"  # the demo's pictures, rendered once per machine
        if kept.is_dir():
            (var_dir / "demo-files").symlink_to(kept)
        env.update(
            CACHE_KEY_PREFIX=f"cong-bench-province-{os.getpid()}",
            DEBUG="false",
            LOG_LEVEL="WARNING",
            CONG_PROXY_COUNT="0",
        )
        try:
            step = time.monotonic()
            manage(env, "migrate", "--noinput", "-v0")
            manage(env, "load_demo", "--if-empty", "-v0")
            print(f"database and demo ready in {time.monotonic() - step:.0f} s")
            first = run_build(env, first=True)
            member = member_host(1)
            pages = [
                ("article", ARTICLE + BYPASS, ""),
                ("home", "/" + BYPASS, ""),
                ("member article", first["member_article"] + BYPASS, member),
                ("member home", "/" + BYPASS, member),
                ("Tin từ các đơn vị", MEMBER_NEWS + BYPASS, ""),
            ]
            before, memory_before = measure_pages(env, pages)

            step = time.monotonic()
            built = run_build(env, first=False)
            built["create"] = first["create"] + built["create"]
            built["articles_s"] += first["articles_s"]
            print(f"{SITES - 1} more member sites built in {time.monotonic() - step:.0f} s")
            after, memory_after = measure_pages(env, pages)
        finally:
            client = redis.Redis.from_url(REDIS_URL)
            for key in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*", count=1000):
                client.delete(key)
    return report(before, memory_before, built, after, memory_after, started)


def report(before, memory_before, built, after, memory_after, started) -> int:
    create = built["create"]
    print(
        f"\ncreate_site: median {statistics.median(create):.2f} s, slowest {max(create):.2f} s, "
        f"first {create[0]:.2f} s, last {create[-1]:.2f} s ({len(create)} sites); "
        f"{SITES * ARTICLES} articles bulk-inserted in {built['articles_s']:.0f} s"
    )
    print(f"\nadmin with {SITES} member sites (in-process, median of 5):")
    for label, ms in built["admin"].items():
        print(f"  {label:<46}{ms:>8.0f} ms")
    figures = built["dashboard_figures_ms"]
    print(f"  {'dashboard figures, every site (no checks)':<46}{figures:>8.0f} ms")

    print(
        f"\n{'uncached through gunicorn':<26}{'1 member: req/s':>16}{'p50 ms':>8}"
        f"{f'{SITES} members: req/s':>22}{'p50 ms':>8}{'ratio':>7}"
    )
    ratios = {}
    for label, r in after.items():
        if label == "sitemap":
            continue
        b = before[label]
        ratios[label] = r["rps"] / b["rps"] if b["rps"] else 0.0
        print(
            f"{label:<26}{b['rps']:>16.1f}{b['p50']:>8.0f}{r['rps']:>22.1f}{r['p50']:>8.0f}"
            f"{ratios[label]:>7.2f}"
        )
    sb, sa = before["sitemap"], after["sitemap"]
    print(
        f"\nmember sitemap.xml (median of 5): {sb['ms']:.0f} ms with 1 member, "
        f"{sa['ms']:.0f} ms with {SITES} ({sa['urls']} addresses, status {sa['status']})"
    )
    rss_before = max(rss for _pid, rss, _pss in memory_before)
    rss_after = max(rss for _pid, rss, _pss in memory_after)
    print(
        f"worker RSS: 1 member {', '.join(f'{rss:.0f}' for _p, rss, _s in memory_before)} MB; "
        f"{SITES} members {', '.join(f'{rss:.0f}' for _p, rss, _s in memory_after)} MB"
    )
    errors = sum(r.get("errors", 0) for label, r in after.items() if label != "sitemap")
    checks = [
        (
            f"create_site ≤ {TARGETS['create_s']:.0f} s (slowest)",
            max(create) <= TARGETS["create_s"],
        ),
        (
            f"admin listings ≤ {TARGETS['admin_ms']:.0f} ms",
            all(ms <= TARGETS["admin_ms"] for ms in built["admin"].values()),
        ),
        (
            f"pages ≥ {TARGETS['pages_ratio']} × with 1 member",
            all(ratio >= TARGETS["pages_ratio"] for ratio in ratios.values()),
        ),
        (
            f"worker memory ≤ {TARGETS['memory_ratio']} × with 1 member",
            rss_after <= TARGETS["memory_ratio"] * rss_before,
        ),
    ]
    print("\ntargets: " + "; ".join(f"{name}: {'met' if ok else 'NOT met'}" for name, ok in checks))
    load_avg = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"total run time {time.monotonic() - started:.0f} s; load average {load_avg} on "
        f"{os.cpu_count()} CPUs"
    )
    if errors or sa["status"] != 200:
        print(
            f"PROBLEM: {errors} error responses under load; sitemap {sa['status']}", file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    if "--build-first" in sys.argv or "--build-rest" in sys.argv:
        build(first="--build-first" in sys.argv)
    else:
        sys.exit(main())
