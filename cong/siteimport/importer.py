"""One import run: pick the reader for the source, write (or, dry, only list) its records,
keep the run's counts and report for the admin."""

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from cong.core.text import fold
from cong.news.models import CategoryPage
from cong.siteimport import indexing
from cong.siteimport.models import ImportedItem, ImportRun
from cong.siteimport.records import Article, Problem
from cong.siteimport.sources import crawl, sheet, wxr
from cong.siteimport.sources.http import Fetcher
from cong.siteimport.writer import Writer

PRESETS = ("auto", "liferay", "nukeviet", "dnn", "generic", "wordpress", "sheet")


def records(
    source: str,
    preset: str,
    fetcher: Fetcher,
    skip: Iterable[str] = (),
    limit: int | None = None,
) -> Iterator[Article | Problem]:
    """The records of `source` (an address to crawl, or a WXR/CSV/XLSX file)."""
    path = Path(source)
    is_file = not source.startswith(("http://", "https://")) and path.is_file()
    if is_file and (preset == "wordpress" or (preset == "auto" and path.suffix == ".xml")):
        items: Iterable[Article | Problem] = wxr.read(path.read_bytes())
    elif is_file and (preset == "sheet" or path.suffix.lower() in (".csv", ".xlsx")):
        items = sheet.read(path.name, path.read_bytes())
    elif is_file:
        raise ValueError(_("Không nhận dạng được tệp “%(file)s”.") % {"file": source})
    else:
        crawl_preset = "auto" if preset in ("wordpress", "sheet") else preset
        yield from crawl.crawl(source, fetcher, crawl_preset, skip=skip, limit=limit)
        return
    count = 0
    for item in items:
        if isinstance(item, Article) and limit is not None and count >= limit:
            return
        count += isinstance(item, Article)
        yield item


# --- The category → section mapping ---------------------------------------------------------


def load_mapping(path: str | None) -> dict:
    if not path or not Path(path).is_file():
        return {}
    return json.loads(Path(path).read_text(encoding="utf-8"))


def suggest_mapping(site: Site, categories: dict[str, str], previous: dict) -> dict:
    """The mapping file a dry run writes: every old category with the section of the same
    name if the site has one ("" otherwise: the real run creates a section for it); the
    operator's earlier choices are kept."""
    sections = {
        fold(s.title).lower(): "/" + s.url_path[len(site.root_page.url_path) :]
        for s in CategoryPage.objects.descendant_of(site.root_page)
    }
    chosen = previous.get("categories", {})
    mapping = {
        "default": previous.get("default", ""),
        "pages_parent": previous.get("pages_parent", "/"),
        "categories": {},
    }
    for key, title in sorted(categories.items()):
        old = chosen.get(key, {})
        mapping["categories"][key] = {
            "title": title,
            "section": old.get("section")
            if old.get("section")
            else sections.get(fold(title).lower(), ""),
        }
    return mapping


# --- A run ------------------------------------------------------------------------------------


def run_import(
    site: Site,
    source: str,
    preset: str = "auto",
    *,
    fetcher: Fetcher | None = None,
    dry_run: bool = False,
    limit: int | None = None,
    mapping_path: str | None = None,
    refresh: bool = False,
    progress: Callable[[str], None] | None = None,
    say: Callable[[str], None] | None = None,
    after_article: Callable[[int], None] | None = None,
) -> ImportRun:
    """Import `source` into `site`; return the run with its counts and report.

    `progress` is called once per item (the progress bar), `say` with each line a dry run
    prints. A KeyboardInterrupt (or a test's simulated kill) ends the run as interrupted:
    every article written so far is whole, and the next run resumes after them.
    """
    fetcher = fetcher or Fetcher()
    run = ImportRun.objects.create(
        site=site,
        source=source[:1000],
        preset=preset,
        status=ImportRun.Status.DRY_RUN if dry_run else ImportRun.Status.RUNNING,
    )
    mapping = load_mapping(mapping_path)
    indexer = indexing.BatchIndexer()

    def after_each(written: int) -> None:
        if written % indexing.BATCH == 0:
            indexer.flush()
        if after_article:
            after_article(written)

    writer = Writer(site, run, fetcher, mapping, after_article=after_each)
    known = dict(ImportedItem.objects.filter(site=site).values_list("source_url", "checksum"))
    skip = () if refresh or dry_run else known.keys()
    categories: dict[str, str] = {}
    planned = {"create": 0, "update": 0, "unchanged": 0}
    indexer.swap(batching=True)
    try:
        for item in records(source, preset, fetcher, skip=skip, limit=limit):
            if progress:
                progress(item.source_url)
            if isinstance(item, Problem):
                writer.stats.fail(item.source_url, item.reason)
                if say and dry_run:
                    say(
                        _("KHÔNG ĐỌC ĐƯỢC %(url)s: %(reason)s")
                        % {"url": item.source_url, "reason": item.reason}
                    )
                continue
            for category in item.categories:
                categories.setdefault(category.key, category.title)
            if dry_run:
                action = _plan(item, known)
                planned[action] += 1
                if say:
                    say(_dry_line(action, item))
                continue
            writer.write(item)
    except KeyboardInterrupt:
        run.status = ImportRun.Status.INTERRUPTED
    except Exception as exc:
        run.status = ImportRun.Status.FAILED
        writer.stats.fail(source, str(exc))
        raise
    finally:
        indexer.swap(batching=False)
        indexer.flush()
        _finish(run, writer, fetcher, planned if dry_run else None)
        if dry_run and mapping_path:
            mapping = suggest_mapping(site, categories, mapping)
            Path(mapping_path).write_text(
                json.dumps(mapping, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
    return run


def _plan(item: Article, known: dict[str, str]) -> str:
    if item.source_url not in known:
        return "create"
    return "unchanged" if known[item.source_url] == item.checksum() else "update"


def _dry_line(action: str, item: Article) -> str:
    label = {"create": _("SẼ TẠO"), "update": _("SẼ CẬP NHẬT"), "unchanged": _("KHÔNG ĐỔI")}
    date = item.date.strftime("%d/%m/%Y %H:%M") if item.date else _("không rõ ngày")
    section = item.categories[0].title if item.categories else "—"
    return f"{label[action]} [{section}] {date} · {item.title} ← {item.source_url}"


def _finish(run, writer, fetcher, planned) -> None:
    stats = writer.stats
    if run.status == ImportRun.Status.RUNNING:
        run.status = ImportRun.Status.DONE
    run.finished_at = timezone.now()
    for name in ("created", "updated", "skipped", "failed", "redirects", "images", "documents"):
        setattr(run, name, getattr(stats, name))
    run.bytes = fetcher.bytes
    run.report = {
        "failures": stats.failures,
        "warnings": stats.warnings,
        **({"planned": planned} if planned is not None else {}),
    }
    run.save()
