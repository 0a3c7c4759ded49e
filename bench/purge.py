"""`make bench-purge`: how many cached pages each kind of change purges, and how long it takes.

A fresh var/ with the demo site and its province mode (four sites; SQLite; BENCH_PURGE_PAGES more articles in one generated
section, 0 by default: `BENCH_PURGE_PAGES=10000 make bench-purge` for the 10,000-page site),
the page cache on. Every page a reader can reach from the home page (links followed, no
query strings) is rendered into the cache; then each change is made and committed, and the
purge (the after-commit callbacks: content version bump and the purge through every
configured front-end cache backend) is timed alone: what the editor's request waits for.
A removed host's folder is deleted afterwards by a background thread ("deleted after": from
the commit until it is gone; its pages were gone for nginx at the rename). Before each change
the full cache (files and key indexes) is put back from a copy, so each row starts from a full
cache. "before" is what the purge did before surrogate keys: every cached page of every site,
except a page publish (its subtree and its ancestors' pages; a menu page everything).

Then two app servers with a cache folder each (the second a copy of the first, both backends
of the process that publishes, as tests/core/test_purge.py's two-server test): the time from a
publish's commit until the pages carrying its key are gone from both folders.
"""

import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.liveserver import environment, manage, prepare  # noqa: E402

EXTRA_PAGES = int(os.environ.get("BENCH_PURGE_PAGES", "0"))
# The province demo (`load_demo --province`: three more sites): a change of the demo Sở must
# leave the other sites' pages cached. BENCH_PURGE_PROVINCE=0 for the Sở alone.
PROVINCE = os.environ.get("BENCH_PURGE_PROVINCE", "1") == "1"
MAX_PAGES = int(os.environ.get("BENCH_PURGE_MAX_CRAWL", "20000"))
LINK = re.compile(r'href="(/[^"?#]*/)"')


def setup(var_dir: Path) -> None:
    env = environment(var_dir)
    env["CONG_PAGE_CACHE_DIR"] = str(var_dir / "pagecache")
    prepare(env)
    if PROVINCE:
        manage(env, "load_demo", "--province", "-v0")
    os.environ.update(env)
    import django

    django.setup()


def generate(count: int) -> None:
    """`count` more articles under one new section of the default site (bulk: tree paths
    computed here; a publish of each would take an hour)."""
    from django.utils import timezone
    from wagtail.models import Site

    from cong.news.models import ArticlePage, CategoryPage

    home = Site.objects.get(is_default_site=True).root_page
    section = home.add_child(
        instance=CategoryPage(title="Kho bài viết", slug="kho-bai-viet", show_in_menus=False)
    )
    now = timezone.now()
    step = 200
    for start in range(0, count, step):
        for n in range(start, min(start + step, count)):
            section.add_child(
                instance=ArticlePage(
                    title=f"Bài viết lưu trữ số {n}",
                    slug=f"bai-{n}",
                    date=now - timezone.timedelta(days=400 + n),
                    lead="Bài viết tạo cho phép đo.",
                )
            )
        section.refresh_from_db()
        print(f"  {min(start + step, count)} / {count} bài", file=sys.stderr)


def crawl(client, host: str, site) -> list[str]:
    """Every page reachable from the home page, and every live page of the site (a long
    section's later articles are linked only from `?page=N`, which is not cached)."""
    from wagtail.models import Page

    root = site.root_page.url_path
    paths = Page.objects.live().descendant_of(site.root_page).values_list("url_path", flat=True)
    queue = ["/" + path[len(root) :] for path in paths] + ["/"]
    seen = set(queue)
    pages = []
    while queue and len(pages) < MAX_PAGES:
        path = queue.pop()
        response = client.get(path, HTTP_HOST=host)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        pages.append(path)
        for link in LINK.findall(response.content.decode()):
            if link not in seen and not link.startswith(("/admin", "/cms", "/static", "/media")):
                seen.add(link)
                queue.append(link)
    return pages


def cached_files(root: Path) -> set[Path]:
    return set(root.rglob("index.html"))


def refill(root: Path, snapshot: Path) -> None:
    """The full cache again (files and key index) from the copy taken after the crawl:
    rendering every purged page again would take longer than the whole measurement."""
    from cong.core.pagecache import wait_for_trash

    wait_for_trash()
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(snapshot, root)


def timed_commit(change) -> tuple[float, float]:
    """Run `change` in a transaction; the after-commit callbacks (the purge) timed alone, and
    the time until the folders removed meanwhile are deleted (ms)."""
    from django.db import connection, transaction

    from cong.core.pagecache import wait_for_trash

    with transaction.atomic():
        change()
        callbacks = [cb for _sp, cb, _robust in connection.run_on_commit]
        connection.run_on_commit = []
    started = time.perf_counter()
    for callback in callbacks:
        callback()
    ms = (time.perf_counter() - started) * 1000
    wait_for_trash()
    return ms, (time.perf_counter() - started) * 1000


def two_servers(root: Path, snapshot: Path, picks: list) -> list[tuple[str, int, float]]:
    """One publish, two cache folders (two backends): ms from the commit until the pages
    carrying the article's key are gone from both (the purge returns; checked). `picks`:
    the oldest and the newest article when the cache was filled."""
    from django.conf import settings
    from wagtail.models import Site

    from cong.core import pagecache
    from cong.news.models import ArticlePage

    second = root.parent / "pagecache-server2"
    configured = settings.WAGTAILFRONTENDCACHE
    settings.WAGTAILFRONTENDCACHE = {
        "server1": {"BACKEND": "cong.core.pagecache.PageCacheBackend", "LOCATION": str(root)},
        "server2": {"BACKEND": "cong.core.pagecache.PageCacheBackend", "LOCATION": str(second)},
    }
    site = Site.objects.get(is_default_site=True)
    host = site.hostname
    rows = []
    try:
        for label, pk in zip(("bài cũ", "bài mới nhất"), picks, strict=True):
            article = ArticlePage.objects.get(pk=pk)
            refill(root, snapshot)
            refill(second, snapshot)
            path = "/" + article.url_path[len(site.root_page.url_path) :]
            targets = [pagecache.file_for(folder, host, path) for folder in (root, second)]
            assert all(t is not None and t.exists() for t in targets), path
            before = len(cached_files(root))

            def publish(article=article):
                article.refresh_from_db()
                article.title += " ."
                article.save_revision().publish()

            ms, _deleted = timed_commit(publish)
            assert not any(t.exists() for t in targets), "a folder kept the page"
            purged = [before - len(cached_files(folder)) for folder in (root, second)]
            assert purged[0] == purged[1], purged
            rows.append((f"Hai máy chủ: sửa {label}", purged[0], ms))
    finally:
        settings.WAGTAILFRONTENDCACHE = configured
    return rows


def changes() -> list[tuple[str, object, object]]:
    """(label, change, the old purge's pages as a function of the cached paths)."""
    from wagtail.images import get_image_model
    from wagtail.models import Site

    from cong.core.models import AgencySettings
    from cong.documents.models import LegalDocument
    from cong.links.models import Link
    from cong.news.models import ArticlePage, CategoryPage
    from cong.participation.models import Question, QuestionStatus

    site = Site.objects.get(is_default_site=True)
    articles = ArticlePage.objects.live().descendant_of(site.root_page).order_by("-date")
    newest, oldest = articles.first(), articles.last()
    section = CategoryPage.objects.live().child_of(site.root_page).first()
    documents = LegalDocument.objects.filter(site=site).order_by("-issued_on")
    image = get_image_model().objects.filter(pk=newest.featured_image_id).first() or (
        get_image_model().objects.first()
    )
    question = Question.objects.filter(status=QuestionStatus.ANSWERED, is_public=True).first()
    link = Link.objects.filter(group__site=site).first()

    def everything(paths):
        return set(paths)

    def subtree_and_ancestors(page, child=False):
        def old(paths):
            path = "/" + page.url_path[len(site.root_page.url_path) :]
            if child:  # a new page under `page`: its ancestors are `page` and those above
                path += "nouveau/"
            if path.count("/") <= 2:
                return set(paths)
            parts = path.strip("/").split("/")
            ancestors = {"/" + "".join(p + "/" for p in parts[:i]) for i in range(len(parts))}
            return {p for p in paths if p.startswith(path) or p in ancestors}

        return old

    def publish(page, title):
        def run():
            page.refresh_from_db()
            page.title = title
            page.save_revision().publish()

        return run

    def new_article():
        parent = newest.get_parent()
        parent.add_child(
            instance=ArticlePage(
                title="Bài mới cho phép đo", slug=f"moi-{time.time_ns()}", lead="Bài mới."
            )
        ).save_revision().publish()

    def edit_document(document):
        def run():
            document.summary = document.summary + " (sửa)"
            document.save()

        return run

    def new_document():
        model = documents.first()
        model.pk = model.id = None
        model.latest_revision = None
        model.number = f"{time.time_ns() % 10000}/QĐ-ĐO"
        model.save()

    def answer():
        question.answer = (question.answer or "") + "<p>Bổ sung.</p>"
        question.save()

    def edit_link():
        link.title = link.title + " "
        link.save()

    def setting():
        AgencySettings.for_site(site).save()

    def edit_image():
        image.title = image.title + " (sửa)"
        image.save()

    rows = [
        ("Sửa bài cũ (không ở khối Tin mới)", publish(oldest, oldest.title + " ."), oldest),
        ("Sửa bài mới nhất (ở khối Tin mới)", publish(newest, newest.title + " ."), newest),
        ("Đăng bài mới", new_article, (newest.get_parent(), True)),
        ("Sửa chuyên mục trên menu", publish(section, section.title), section),
    ]
    if documents.count() > 6:
        rows.append(("Sửa văn bản cũ", edit_document(documents.last()), None))
    if documents.exists():
        rows.append(("Sửa văn bản mới nhất", edit_document(documents.first()), None))
        rows.append(("Thêm văn bản", new_document, None))
    if question:
        rows.append(("Sửa câu trả lời (hỏi đáp)", answer, None))
    if link:
        rows.append(("Sửa một liên kết website", edit_link, None))
    if image:
        rows.append(("Sửa ảnh", edit_image, None))
    rows.append(("Lưu cài đặt của site", setting, None))
    return [
        (
            label,
            run,
            subtree_and_ancestors(*page)
            if isinstance(page, tuple)
            else subtree_and_ancestors(page)
            if page is not None
            else everything,
        )
        for label, run, page in rows
    ]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="cong-bench-purge-") as tmp:
        var_dir = Path(tmp)
        print("Cài site mẫu…", file=sys.stderr)
        setup(var_dir)
        from django.conf import settings
        from django.test import Client
        from wagtail.models import Site

        from cong.core import pagecache
        from cong.core.cache import bump_content_version

        if EXTRA_PAGES:
            print(f"Tạo {EXTRA_PAGES} bài viết…", file=sys.stderr)
            generate(EXTRA_PAGES)
            bump_content_version()
        root = Path(settings.CONG_PAGE_CACHE_DIR)
        client = Client()
        sites = {site.hostname: site for site in Site.objects.all()}
        print("Đọc mọi trang vào bộ đệm…", file=sys.stderr)
        started = time.perf_counter()
        site_pages = {host: crawl(client, host, site) for host, site in sites.items()}
        total = sum(len(p) for p in site_pages.values())
        # A page whose render saw a change commit (a site's settings row created on its
        # first view purges that site) was not written: once more.
        for host, paths in site_pages.items():
            for path in paths:
                target = pagecache.file_for(root, host, path)
                if target is not None and not target.exists():
                    client.get(path, HTTP_HOST=host)
        print(f"  {total} trang trong {time.perf_counter() - started:.0f} s", file=sys.stderr)
        snapshot = var_dir / "pagecache-full"
        shutil.copytree(root, snapshot)
        default_host = Site.objects.get(is_default_site=True).hostname
        from cong.news.models import ArticlePage

        articles = ArticlePage.objects.live().descendant_of(
            Site.objects.get(is_default_site=True).root_page
        )
        picks = [articles.order_by("date").first().pk, articles.order_by("-date").first().pk]
        rows = []
        cached_total = 0
        for label, change, old in changes():
            refill(root, snapshot)
            before = cached_files(root)
            cached_total = len(before)
            default_cached = [
                path
                for path in site_pages[default_host]
                if pagecache.file_for(root, default_host, path) in before
            ]
            ms, deleted = timed_commit(change)
            purged = len(before - cached_files(root))
            was = len(old(default_cached))
            if was == len(default_cached):
                was = len(before)  # "everything" was every site's
            rows.append((label, was, purged, ms, deleted))
        servers = two_servers(root, snapshot, picks)
        print()
        print(
            f"Purge theo khóa (surrogate keys): {cached_total} trang trong bộ đệm "
            f"({total} trang đọc được), {len(sites)} site"
        )
        print(f"{'Thay đổi':<40} {'trước':>7} {'nay':>7} {'thời gian':>11} {'xóa xong':>11}")
        for label, was, purged, ms, deleted in rows:
            print(f"{label:<40} {was:>7} {purged:>7} {ms:>8.1f} ms {deleted:>8.1f} ms")
        print()
        print("Hai máy chủ, mỗi máy một thư mục bộ đệm: từ lúc commit đến khi cả hai đã purge")
        for label, purged, ms in servers:
            print(f"{label:<40} {purged:>7} trang mỗi thư mục {ms:>8.1f} ms")
        print(f"(tải máy: {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
