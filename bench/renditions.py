"""`make bench-renditions`: the first reader of a new article, with and without the worker
(issue 20 part 1, cong/core/renditions.py).

In a fresh SQLite database with the demo (its own var/ folder), in one process: BENCH_ARTICLES
(default 3) new articles, each with a featured photo and three captioned photos in its body
(new pictures from the demo's generator, 1600×1067 JPEGs), are published, and then

  - without the worker: the first reader's request makes every rendition the page shows
    (Django's test client, the page cache bypassed by a query string), timed;
  - with the worker: `db_worker --backend background --batch` works through what the publish
    queued, timed; then the first reader's request, timed, and the renditions it made (0 is
    the goal).

Pillow's own AVIF speed, as in production (not the tests' fast setting).
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

N = int(os.environ.get("BENCH_ARTICLES", "3"))


def main() -> None:
    var = Path(tempfile.mkdtemp(prefix="cong-bench-renditions-"))
    (var / "static").mkdir()
    os.environ.update(
        CONG_VAR_DIR=str(var),
        DJANGO_SETTINGS_MODULE="cong.settings",
        DATABASE_URL=f"sqlite:///{var / 'bench.sqlite3'}",
        CONG_BACKGROUND_TASKS="database",
        STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    call_command("db_worker", "--backend", "background", "--batch", verbosity=0)  # the demo's

    without = [first_view(make_article(f"khong-{i}"), worker=False) for i in range(N)]
    with_worker = [first_view(make_article(f"co-{i}"), worker=True) for i in range(N)]
    print(f"{N} new articles, 4 photos each (1 featured + 3 in the body):")
    print("| | worker s/article | first view ms (median, range) | renditions made by the view |")
    print("|---|---:|---:|---:|")
    for name, rows in (("without the worker", without), ("with the worker", with_worker)):
        views = [r["view_ms"] for r in rows]
        work = [r["worker_s"] for r in rows if r["worker_s"] is not None]
        print(
            f"| {name} | {statistics.median(work):.2f} |" if work else f"| {name} | |",
            f"{statistics.median(views):,.0f} ({min(views):,.0f}–{max(views):,.0f}) |",
            f"{statistics.median(r['made_by_view'] for r in rows):.0f} |",
        )


def make_article(key: str):
    from django.core.files.images import ImageFile
    from django.db import transaction
    from wagtail.images import get_image_model

    from cong.demo.photos import demo_photo
    from cong.news.models import ArticlePage, CategoryPage

    Image = get_image_model()
    photos = [
        Image.objects.create(
            title=f"Ảnh {key}-{n}",
            file=ImageFile(io.BytesIO(demo_photo("meeting", f"{key}-{n}")), name=f"{key}-{n}.jpg"),
        )
        for n in range(4)
    ]
    section = CategoryPage.objects.live().first()
    body = [{"type": "image", "value": {"image": p.pk, "caption": "Ảnh"}} for p in photos[1:]]
    body.insert(1, {"type": "paragraph", "value": "<p>Nội dung bài viết.</p>"})
    with transaction.atomic():
        page = ArticlePage(title=f"Bài có ảnh {key}", slug=f"bai-co-anh-{key}", lead="Tóm tắt.")
        page.featured_image = photos[0]
        page.body = body
        section.add_child(instance=page)
        page.save_revision().publish()
    return page, photos


def first_view(made, worker: bool) -> dict:
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from cong.core.templatetags.pictures import forget_pictures

    page, photos = made
    worker_s = None
    if worker:
        start = time.perf_counter()
        call_command("db_worker", "--backend", "background", "--batch", verbosity=0)
        worker_s = time.perf_counter() - start
    else:
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(status="READY").delete()  # as if no worker ran
    cache.clear()
    forget_pictures()
    before = sum(p.renditions.count() for p in photos)
    start = time.perf_counter()
    response = Client().get(page.url, {"v": time.time_ns()})
    view_ms = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, response.status_code
    made_by_view = sum(p.renditions.count() for p in photos) - before
    return {"view_ms": view_ms, "worker_s": worker_s, "made_by_view": made_by_view}


if __name__ == "__main__":
    main()
