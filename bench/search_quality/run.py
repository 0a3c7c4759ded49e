"""`make bench-search-quality`: recall@10, MRR and nDCG@10 of /tim-kiem/ per query class.

On SQLite and (when it answers) PostgreSQL: a fresh database, the judged corpus
(`corpus.py`: articles and legal documents written for this benchmark) published through the
ORM, so Wagtail indexes it as it indexes an editor's work, then every query of `queries.py`
through the search page; the first page's results (10) are compared with the judgments.

recall@10: share of the relevant items (grade ≥ 1) in the first 10; MRR: 1/rank of the first
relevant item; nDCG@10: gains 2^grade − 1, discounted by log2(rank + 1), over the ideal order.
Targets (issue 20): recall@10 ≥ 0.95 and MRR ≥ 0.90 overall, no class below 0.8.
"""

import datetime
import html
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from bench.search_quality.corpus import ARTICLES, DOCUMENTS  # noqa: E402
from bench.search_quality.queries import QUERIES  # noqa: E402

PG_URL = os.environ.get(
    "BENCH_QUALITY_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cong_bench_search_quality"
)
RESULT = re.compile(r'<li><h2><a href="[^"]+">([^<]+)</a></h2>')
K = 10


def build_corpus() -> dict[str, str]:
    """Publish the corpus on a new site; returns each result title's item id."""
    from django.utils import timezone
    from wagtail.models import Page, Site

    from cong.documents.models import (
        DocumentType,
        IssuingBody,
        LegalDocument,
        LegalDocumentIndexPage,
    )
    from cong.news.models import ArticlePage, CategoryPage, HomePage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu-quality"))
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    section = home.add_child(instance=CategoryPage(title="Tin hoạt động", slug="tin-hoat-dong"))
    home.add_child(instance=LegalDocumentIndexPage(title="Văn bản", slug="van-ban"))
    start = timezone.make_aware(datetime.datetime(2024, 6, 1, 8, 0))
    titles = {}
    for n, (item, title, text) in enumerate(ARTICLES):
        section.add_child(
            instance=ArticlePage(
                title=title,
                slug=f"bai-{item}",
                lead=text,
                date=start - datetime.timedelta(days=n),
                author_names="Phòng Thông tin",
            )
        )
        titles[title] = item
    for n, (item, kind, number, body, signer, summary) in enumerate(DOCUMENTS):
        document = LegalDocument(
            site=site,
            number=number,
            doc_type=DocumentType.objects.get(name=kind),
            issuing_body=IssuingBody.objects.get_or_create(name=body)[0],
            signer=signer,
            summary=summary,
            issued_on=(start - datetime.timedelta(days=3 * n)).date(),
            live=True,
        )
        document.save()
        titles[str(document)] = item
    return titles


def worker() -> None:
    import django

    django.setup()
    from django.test import Client

    titles = build_corpus()
    client = Client(HTTP_HOST="localhost")
    rows = []
    for kind, query, judged in QUERIES:
        response = client.get("/tim-kiem/", {"q": query})
        assert response.status_code == 200, query
        found = [titles.get(html.unescape(t), "?") for t in RESULT.findall(response.text)][:K]
        rows.append({"class": kind, "query": query, "found": found, "judged": judged})
    print(json.dumps(rows, ensure_ascii=False))


def scores(found: list[str], judged: dict[str, int]) -> tuple[float, float, float]:
    """recall@10, reciprocal rank, nDCG@10 of one query."""
    relevant = [item for item in found if judged.get(item, 0) > 0]
    recall = len(set(relevant)) / len(judged)
    rank = next((i + 1 for i, item in enumerate(found) if judged.get(item, 0) > 0), None)
    dcg = sum((2 ** judged.get(item, 0) - 1) / math.log2(i + 2) for i, item in enumerate(found))
    ideal = sorted(judged.values(), reverse=True)[:K]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return recall, (1 / rank if rank else 0.0), dcg / idcg


def report(label: str, rows: list[dict]) -> dict:
    by_class: dict[str, list] = defaultdict(list)
    for row in rows:
        by_class[row["class"]].append(scores(row["found"], row["judged"]))
    every = [s for values in by_class.values() for s in values]
    print(f"\n{label}: {len(rows)} queries over {len(ARTICLES) + len(DOCUMENTS)} items")
    print(f"  {'class':<16}{'queries':>8}{'recall@10':>11}{'MRR':>8}{'nDCG@10':>9}")
    table = {}
    for name, values in [*sorted(by_class.items()), ("ALL", every)]:
        mean = [sum(v[i] for v in values) / len(values) for i in range(3)]
        table[name] = mean
        print(f"  {name:<16}{len(values):>8}{mean[0]:>11.3f}{mean[1]:>8.3f}{mean[2]:>9.3f}")
    misses = [r for r in rows if scores(r["found"], r["judged"])[0] < 1]
    if misses:
        print("  queries missing a relevant item in the first 10:")
        for r in misses:
            missing = sorted(set(r["judged"]) - set(r["found"]))
            print(f"    [{r['class']}] {r['query']!r}: missing {missing}, got {r['found'][:5]}")
    late = [r for r in rows if 0 < scores(r["found"], r["judged"])[1] < 1]
    if late:
        print("  queries whose first result is not a judged one:")
        for r in late:
            print(f"    [{r['class']}] {r['query']!r}: got {r['found'][:5]}, judged {r['judged']}")
    return table


def run(label: str, env: dict) -> dict:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    out = subprocess.run(
        [sys.executable, __file__, "--worker"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if out.returncode:
        print(out.stdout[-2000:], out.stderr[-4000:])
        out.check_returncode()
    return report(label, json.loads(out.stdout.strip().rsplit("\n", 1)[-1]))


def main() -> int:
    from bench.liveserver import environment

    with tempfile.TemporaryDirectory() as tmp:
        if os.environ.get("BENCH_QUALITY_ONLY", "") != "postgresql":
            run("SQLite", environment(Path(tmp) / "sqlite"))
        import bench.visits as visits

        visits.PG_URL = PG_URL
        if visits.postgres_available():
            run("PostgreSQL", environment(Path(tmp) / "pg", database_url=PG_URL))
        else:
            print("\nPostgreSQL: not reachable, skipped")
    return 0


if __name__ == "__main__":
    if "--worker" in sys.argv:
        worker()
    else:
        sys.exit(main())
