"""A restore that is refused or fails half way leaves the existing site exactly as it was."""

import json

import pytest

from tests.ops.conftest import (
    leftovers,
    read_member,
    rewrite_archive,
    run,
    snapshot,
    tree_checksums,
)

# Real processes (manage.py backup/restore on fresh installs): `make test-slow`.
pytestmark = pytest.mark.slow

# Restore with the database step failing, after the media folders have been swapped.
FAIL_AFTER_MEDIA_SWAP = """
import sys, django
django.setup()
from django.core.management import call_command
from cong.ops import databases

def power_cut(path):
    raise OSError("mất điện giữa chừng (giả lập)")

databases.restore = power_cut
call_command("restore", sys.argv[1], yes=True)
"""


def _site_with_own_content(env, var):
    (var / "media" / "original_images").mkdir(parents=True)
    (var / "media" / "original_images" / "logo-cu.png").write_bytes(b"\x89PNG old logo")
    (var / "private").mkdir()
    (var / "private" / "don-cu.pdf").write_bytes(b"%PDF-1.4 old")
    run(
        env,
        "-c",
        "import django; django.setup(); from wagtail.models import Page;"
        "Page.objects.filter(depth=2).update(title='Trang của website hiện có')",
    )
    return snapshot(env), tree_checksums(var)


def test_an_archive_with_an_altered_file_is_refused_and_changes_nothing(
    demo_backup, fresh_install, tmp_path
):
    _source_env, _source_var, archive = demo_backup
    env, var = fresh_install
    before, files_before = _site_with_own_content(env, var)
    manifest = json.loads(read_member(archive, "manifest.json"))
    photo = next(name for name in manifest["files"] if name.startswith("media/original_images/"))
    tampered = tmp_path / "tampered.tar.gz"
    rewrite_archive(archive, tampered, {photo: read_member(archive, photo) + b"<script>"})

    result = run(env, "restore", str(tampered), "--yes", check=False)

    assert result.returncode == 1
    assert "Mã kiểm tra (sha256)" in result.stderr and photo in result.stderr
    assert "không bị thay đổi" in result.stderr
    assert snapshot(env) == before
    assert tree_checksums(var) == files_before
    assert leftovers(var) == []


def test_a_failure_after_the_media_swap_puts_the_old_media_and_database_back(
    demo_backup, fresh_install
):
    _source_env, _source_var, archive = demo_backup
    env, var = fresh_install
    before, files_before = _site_with_own_content(env, var)

    result = run(env, "-c", FAIL_AFTER_MEDIA_SWAP, str(archive), check=False)

    assert result.returncode != 0
    assert "mất điện giữa chừng" in result.stderr
    assert snapshot(env) == before
    assert tree_checksums(var) == files_before
    assert leftovers(var) == []


def test_a_restore_onto_a_site_that_is_running_is_refused(demo_backup, fresh_install):
    """SQLite: while another process holds the database open, nothing is swapped."""
    _source_env, _source_var, archive = demo_backup
    env, var = fresh_install
    before, files_before = _site_with_own_content(env, var)
    holder = (
        "import sqlite3, subprocess, sys;"
        "db = sqlite3.connect(sys.argv[1]); db.execute('PRAGMA journal_mode=WAL');"
        "db.execute('SELECT COUNT(*) FROM wagtailcore_page').fetchone();"
        "r = subprocess.run([sys.executable, 'manage.py', 'restore', sys.argv[2], '--yes'],"
        " capture_output=True, text=True); print(r.returncode); print(r.stderr)"
    )

    result = run(env, "-c", holder, str(var / "cong.sqlite3"), str(archive))

    assert result.stdout.startswith("1")
    assert "đang được dùng" in result.stdout
    assert snapshot(env) == before
    assert tree_checksums(var) == files_before
    assert leftovers(var) == []
