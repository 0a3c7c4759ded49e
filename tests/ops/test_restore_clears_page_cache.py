"""After a restore no cached page shows the content from before it."""

import pytest
from django.core.management import call_command

from cong.ops.management.commands import restore

MANIFEST = {"files": ["database"], "database_vendor": "sqlite", "trees": ["media"]}


@pytest.fixture
def restorable(monkeypatch, tmp_path):
    """The archive checks and the restore itself stubbed: only what follows them runs."""
    monkeypatch.setattr(restore, "verify", lambda path, vendor: dict(MANIFEST))
    monkeypatch.setattr(restore, "restore_archive", lambda path, manifest, trees: None)
    monkeypatch.setattr(restore.databases, "vendor", lambda: "sqlite")
    archive = tmp_path / "cong-backup-2026-01-01.tar.gz"
    archive.write_bytes(b"stub")
    return archive


def test_a_restore_clears_the_page_cache(restorable, settings, tmp_path):
    cache_dir = tmp_path / "pagecache"
    page = cache_dir / "stttt.thanhhoa.gov.vn" / "tin-tuc" / "index.html"
    stale = page.with_name(".stale.html")
    page.parent.mkdir(parents=True)
    page.write_text("trước khi khôi phục")
    stale.write_text("trước khi khôi phục")
    settings.CONG_PAGE_CACHE_DIR = str(cache_dir)
    call_command("restore", str(restorable), "--yes")
    assert not page.exists() and not stale.exists()
