"""`make bench-search`: search latency over 100,000 articles and 20,000 documents.

For SQLite and (when it answers) PostgreSQL: a fresh database, a corpus of varied text
generated locally (`bench/corpus.py`: real words with Zipf-like weights, tens of thousands of
topic terms, names, places and numbers; bulk-inserted, then indexed through Wagtail's search
backend exactly as published pages are), then 45 queries through /tim-kiem/ (30 an agency's
readers type, 15 of the corpus's own topics and names), five timed runs each after a warm-up.
Prints p50/p95/p99 in milliseconds and the index size. Targets: p95 under 100 ms on SQLite,
under 50 ms on PostgreSQL.

`BENCH_SEARCH_KEEP=DIR` keeps each database (SQLite's file in DIR/sqlite, PostgreSQL's database
as it is) and a later run with the same DIR measures them again without building: for trying
a change to the engine on the same 100,000 articles.

`BENCH_SEARCH_DEMO=1` measures the demo instead (`load_demo`, the goal p95 ≤ 15 ms): the 30
readers' queries × 5 runs on SQLite and, when it answers, PostgreSQL
(BENCH_DEMO_DATABASE_URL, default …/cong_bench_search_demo); besides the latencies, the
process's CPU ms and the SQL queries per request. With BENCH_SEARCH_KEEP the demo databases
are kept too (DIR/demo-sqlite, and PostgreSQL's as it is).
"""

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "100000"))
DOCUMENTS = int(os.environ.get("BENCH_DOCUMENTS", "20000"))
PG_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cong_bench_search"
)
QUERIES = [
    "quyen con nguoi",
    "quyền con người",
    "QUYỀN CON NGƯỜI",
    "doi ngoai",
    "đối ngoại",
    "chuyen doi so",
    "chuyển đổi số",
    "dich vu cong truc tuyen",
    "dịch vụ công trực tuyến",
    "an toan thong tin",
    "an toàn thông tin mạng",
    "bao chi",
    "báo chí xuất bản",
    "21/KH-UBND",
    "1079/QĐ-TTg",
    "44-CT/TW",
    '"thông tin đối ngoại"',
    '"chuyen doi so"',
    "ha noi",
    "Thanh Hóa",
    "tap huan",
    "hội nghị tập huấn công tác thông tin đối ngoại",
    "to cong nghe so cong dong",
    "thông báo tuyển dụng viên chức",
    "5G",
    "buu chinh",
    "ke hoach",
    "quyết định phê duyệt đề án",
    "dien tap thuc chien",
    "loa truyen thanh",
]


KEEP = os.environ.get("BENCH_SEARCH_KEEP", "")
DEMO = os.environ.get("BENCH_SEARCH_DEMO", "") not in ("", "0")
DEMO_PG_URL = os.environ.get(
    "BENCH_DEMO_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cong_bench_search_demo"
)


def build_corpus() -> None:
    """Bulk-insert the articles and documents, then index them with Wagtail's backend.

    Each part is skipped when a kept database (BENCH_SEARCH_KEEP) already holds it."""
    import datetime

    from django.db import connection
    from django.utils import timezone
    from wagtail.models import Page, Site
    from wagtail.rich_text import RichText
    from wagtail.search.backends import get_search_backend

    from bench.articles import insert_articles
    from bench.corpus import Generator
    from cong.core.text import slugify_vi
    from cong.documents.models import DocumentType, IssuingBody, LegalDocument, number_key
    from cong.news.models import ArticlePage, CategoryPage, HomePage
    from cong.search.index_tables import drop_rum_index

    text = Generator()
    # As a bulk load would: the RUM index (PostgreSQL) is built once at the end, in
    # tidy_index(), not updated row by row.
    if not ArticlePage.objects.exists():
        drop_rum_index()
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(slug="trang-chu-bench").first() or root.add_child(
        instance=HomePage(title="Trang chủ", slug="trang-chu-bench")
    )
    section = CategoryPage.objects.filter(slug="tin-tuc").first() or home.add_child(
        instance=CategoryPage(title="Tin tức", slug="tin-tuc")
    )
    now = timezone.now()
    backend = get_search_backend()
    chunk = 2000
    site = Site.objects.get(is_default_site=True)
    for start in range(0, 0 if ArticlePage.objects.exists() else ARTICLES, chunk):
        specs = []
        for n in range(start, min(start + chunk, ARTICLES)):
            title, lead, paragraphs = text.article()
            specs.append(
                {
                    "title": title,
                    "slug": f"{slugify_vi(title)[:60]}-{n}",
                    "date": now - datetime.timedelta(minutes=37 * n),
                    "lead": lead,
                    "body": [("paragraph", RichText(f"<p>{p}</p>")) for p in paragraphs],
                    "author_names": text.person(),
                    "author_unit": "Phòng QLTTBCXB",
                }
            )
        articles = insert_articles(section, specs, first=start + 1)
        backend.add_bulk(ArticlePage, articles)
        print(f"  {min(start + chunk, ARTICLES):>7} articles", flush=True)
    Page.objects.filter(pk=section.pk).update(numchild=ARTICLES)

    types = list(DocumentType.objects.all())
    bodies = [
        IssuingBody.objects.get_or_create(name=n)[0]
        for n in (
            "UBND tỉnh Thanh Hóa",
            "Sở Thông tin và Truyền thông",
            "Thủ tướng Chính phủ",
            "Ban Bí thư",
        )
    ]
    for start in range(0, 0 if LegalDocument.objects.exists() else DOCUMENTS, chunk):
        documents = []
        for n in range(start, min(start + chunk, DOCUMENTS)):
            kind = types[n % len(types)]
            document = LegalDocument(
                site=site,
                number=f"{n + 1}/{kind.name[:2].upper()}-UBND",
                doc_type=kind,
                issuing_body=bodies[n % len(bodies)],
                issued_on=(now - datetime.timedelta(days=n % 4000)).date(),
                summary=text.summary(),
                signer=text.person(),
                live=True,
            )
            document.number_key = number_key(document.number)
            document.search_text = document.build_search_text()
            documents.append(document)
        LegalDocument.objects.bulk_create(documents)
        backend.add_bulk(LegalDocument, documents)
    print(f"  {DOCUMENTS:>7} documents", flush=True)
    site.root_page = home
    site.save()
    from cong.documents.models import LegalDocumentIndexPage

    if not LegalDocumentIndexPage.objects.exists():
        home.add_child(instance=LegalDocumentIndexPage(title="Văn bản", slug="van-ban"))
    from cong.search.management.commands.rebuild_search import tidy_index

    tidy_index()  # as `manage.py rebuild_search` ends; PostgreSQL's autovacuum would too
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def index_size() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_total_relation_size('wagtailsearch_indexentry')")
            return cursor.fetchone()[0]
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'wagtailsearch_indexentry%'")
        names = [r[0] for r in cursor.fetchall()]
        try:
            cursor.execute(
                f"SELECT SUM(pgsize) FROM dbstat WHERE name IN ({','.join(['%s'] * len(names))})",  # noqa: S608
                names,
            )
            return cursor.fetchone()[0] or 0
        except Exception:  # noqa: BLE001 (dbstat is optional in SQLite builds)
            return -1


def worker() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    if DEMO:
        queries = list(QUERIES)
    else:
        build_corpus()
        from bench.corpus import Generator

        queries = QUERIES + Generator().topic_queries(15)
    built = time.perf_counter() - started
    client = Client(HTTP_HOST="127.0.0.1")
    samples, found, sql = [], {}, []
    for q in queries:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/tim-kiem/", {"q": q})
        assert response.status_code == 200
        sql.append(len(captured.captured_queries))
        count = re.search(r"Kết quả cho “.*?”: (\d+)", response.content.decode())
        found[q] = int(count.group(1)) if count else 0
    cpu = time.process_time()
    for q in queries:
        for _ in range(5):
            t = time.perf_counter()
            client.get("/tim-kiem/", {"q": q})
            samples.append((time.perf_counter() - t) * 1000)
    cpu_ms = (time.process_time() - cpu) * 1000 / len(samples)
    samples.sort()

    def pct(p):
        return samples[min(len(samples) - 1, int(len(samples) * p / 100))]

    print(
        json.dumps(
            {
                "build_s": round(built),
                "p50": pct(50),
                "p95": pct(95),
                "p99": pct(99),
                "mean": statistics.mean(samples),
                "cpu_ms": cpu_ms,
                "sql": statistics.mean(sql),
                "sql_max": max(sql),
                "load": os.getloadavg()[0],
                "index_bytes": index_size(),
                "zero_hits": [q for q, n in found.items() if n == 0],
            }
        )
    )


def _database_exists(url: str) -> bool:
    """Whether PostgreSQL answers and already holds `url`'s database (kept by a former run)."""
    from urllib.parse import urlparse

    import psycopg

    parts = urlparse(url)
    try:
        with psycopg.connect(
            host=parts.hostname, port=parts.port or 5432, user=parts.username, dbname="postgres"
        ) as conn:
            found = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [parts.path[1:]]
            ).fetchone()
    except psycopg.Error:
        return False
    return found is not None


def run(label: str, env: dict) -> dict:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    out = subprocess.run(
        [sys.executable, __file__, "--worker"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        print(out.stdout[-2000:], out.stderr[-4000:])
        out.check_returncode()
    print(out.stdout.strip().rsplit("\n", 1)[0])
    result = json.loads(out.stdout.strip().rsplit("\n", 1)[-1])
    result["label"] = label
    return result


def demo() -> int:
    """The demo's search latency (BENCH_SEARCH_DEMO=1)."""
    from bench.liveserver import environment, manage
    from bench.visits import postgres_available

    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(KEEP or scratch)
        envs = [("SQLite", environment(tmp / "demo-sqlite"))]
        import bench.visits as visits

        visits.PG_URL = DEMO_PG_URL
        if (KEEP and _database_exists(DEMO_PG_URL)) or postgres_available():
            envs.append(("PostgreSQL", environment(tmp / "demo-pg", database_url=DEMO_PG_URL)))
        for label, env in envs:
            manage(env, "migrate", "--noinput", "-v0")
            manage(env, "load_demo", "--if-empty", "-v0")
            rows.append(run(label, env))
    print(f"\ndemo (load_demo), {len(QUERIES)} queries x 5 runs through /tim-kiem/ (ms)")
    print(f"{'database':<12}{'p50':>8}{'p95':>8}{'p99':>8}{'CPU ms':>8}{'SQL':>6}{'load':>6}  goal")
    for r in rows:
        print(
            f"{r['label']:<12}{r['p50']:>8.1f}{r['p95']:>8.1f}{r['p99']:>8.1f}{r['cpu_ms']:>8.1f}"
            f"{r['sql']:>6.1f}{r['load']:>6.1f}  p95 < 15 {'met' if r['p95'] < 15 else 'NOT met'}"
        )
    return 0


def main() -> int:
    from bench.liveserver import environment

    if DEMO:
        return demo()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        tmp = KEEP or scratch
        rows.append(run("SQLite", environment(Path(tmp) / "sqlite")))
        from bench.visits import postgres_available

        os.environ["BENCH_DATABASE_URL"] = PG_URL
        import bench.visits as visits

        visits.PG_URL = PG_URL
        if (KEEP and _database_exists(PG_URL)) or postgres_available():
            rows.append(run("PostgreSQL", environment(Path(tmp) / "pg", database_url=PG_URL)))
    print(
        f"\n{ARTICLES} articles, {DOCUMENTS} documents, {len(QUERIES) + 15} queries x 5 runs (ms)"
    )
    print(f"{'database':<12}{'p50':>8}{'p95':>8}{'p99':>8}{'index MB':>10}{'build s':>9}  goal p95")
    for r, goal in zip(rows, (100, 50), strict=False):
        size = f"{r['index_bytes'] / 1e6:.0f}" if r["index_bytes"] >= 0 else "n/a"
        print(
            f"{r['label']:<12}{r['p50']:>8.1f}{r['p95']:>8.1f}{r['p99']:>8.1f}{size:>10}"
            f"{r['build_s']:>9}  < {goal} {'met' if r['p95'] < goal else 'NOT met'}"
        )
        if r["zero_hits"]:
            print(f"  queries with no result: {r['zero_hits']}")
    return 0


if __name__ == "__main__":
    if "--worker" in sys.argv:
        worker()
    else:
        sys.exit(main())
