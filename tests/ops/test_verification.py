"""`restore` reads the whole archive and refuses it, before touching anything, when it is
not exactly what its manifest says."""

import hashlib
import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from cong.ops import BackupError
from cong.ops.reading import verify

DATABASE = {"sqlite": "database/db.sqlite3", "postgresql": "database/db.pgdump"}


def make_archive(path, members, vendor="sqlite", manifest=None, extra=()):
    """A .tar.gz of `members` ({name: bytes}) with a correct manifest unless one is given;
    `extra` are TarInfo/bytes pairs added as they are (links and the like)."""
    if manifest is None:
        manifest = {
            "format": 1,
            "cong_version": "0.1.0",
            "django_version": "5.2",
            "wagtail_version": "8.0.1",
            "database_vendor": vendor,
            "created_at": "2025-03-31T02:30:00+07:00",
            "trees": ["media"],
            "files": {
                name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                for name, data in members.items()
            },
        }
    with tarfile.open(path, "w:gz") as tar:
        for name, data in {**members, "manifest.json": json.dumps(manifest).encode()}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for info, data in extra:
            tar.addfile(info, io.BytesIO(data) if data else None)
    return path


@pytest.fixture
def members():
    return {"database/db.sqlite3": b"SQLite format 3\x00...", "media/documents/qd.pdf": b"%PDF-1.7"}


def test_a_complete_archive_passes(tmp_path, members):
    manifest = verify(make_archive(tmp_path / "ok.tar.gz", members), "sqlite")
    assert manifest["files"].keys() == members.keys()


def test_an_altered_file_is_refused(tmp_path, members):
    archive = make_archive(tmp_path / "a.tar.gz", members)
    altered = make_archive(
        tmp_path / "b.tar.gz",
        {**members, "media/documents/qd.pdf": b"%PDF-1.7 <script>"},
        manifest=json.loads(tarfile.open(archive).extractfile("manifest.json").read()),
    )
    with pytest.raises(BackupError, match=r"Mã kiểm tra \(sha256\) của “media/documents/qd.pdf”"):
        verify(altered, "sqlite")


@pytest.mark.parametrize(
    "name",
    [
        "media/../../../etc/cron.d/cong",
        "/etc/cron.d/cong",
        "database/../../x",
        "media\\..\\x",
        "khac/a",
    ],
)
def test_a_member_outside_the_layout_is_refused_even_when_listed(tmp_path, members, name):
    archive = make_archive(tmp_path / "t.tar.gz", {**members, name: b"* * * * * root sh"})
    with pytest.raises(BackupError, match="đường dẫn không an toàn"):
        verify(archive, "sqlite")


def test_a_link_is_refused(tmp_path, members):
    link = tarfile.TarInfo("media/original_images/passwd.jpg")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    archive = make_archive(tmp_path / "l.tar.gz", members, extra=[(link, b"")])
    with pytest.raises(BackupError, match="không phải tệp thường"):
        verify(archive, "sqlite")


def test_a_file_missing_from_the_manifest_is_refused(tmp_path, members):
    manifest = json.loads(
        tarfile.open(make_archive(tmp_path / "m.tar.gz", members))
        .extractfile("manifest.json")
        .read()
    )
    archive = make_archive(
        tmp_path / "x.tar.gz", {**members, "media/them.html": b"<html>"}, manifest=manifest
    )
    with pytest.raises(BackupError, match="không ghi trong manifest.json"):
        verify(archive, "sqlite")


def test_a_file_tree_the_manifest_does_not_name_is_refused(tmp_path, members):
    archive = make_archive(tmp_path / "p.tar.gz", {**members, "private/don.pdf": b"%PDF-1.4"})
    with pytest.raises(BackupError, match="“private/don.pdf” không ghi trong manifest.json"):
        verify(archive, "sqlite")


def test_an_archive_without_manifest_is_refused(tmp_path, members):
    archive = tmp_path / "n.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with pytest.raises(BackupError, match="không có manifest.json"):
        verify(archive, "sqlite")


def test_a_truncated_archive_is_refused(tmp_path, members):
    archive = make_archive(tmp_path / "c.tar.gz", members)
    archive.write_bytes(archive.read_bytes()[:-40])
    with pytest.raises(BackupError, match="Không đọc được tệp sao lưu"):
        verify(archive, "sqlite")


def test_a_postgresql_backup_is_refused_on_sqlite_and_the_reverse(tmp_path):
    pg = make_archive(tmp_path / "pg.tar.gz", {"database/db.pgdump": b"PGDMP"}, vendor="postgresql")
    with pytest.raises(BackupError, match="cơ sở dữ liệu postgresql, còn website đang dùng sqlite"):
        verify(pg, "sqlite")
    lite = make_archive(tmp_path / "s.tar.gz", {"database/db.sqlite3": b"SQLite"}, vendor="sqlite")
    with pytest.raises(BackupError, match="không khôi phục chéo"):
        verify(lite, "postgresql")


def test_the_restore_command_stops_with_the_reason_and_changes_nothing(tmp_path, settings):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    archive = make_archive(tmp_path / "o.tar.gz", {DATABASE[other]: b"..."}, vendor=other)
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True)
    (settings.MEDIA_ROOT / "documents" / "giu-nguyen.pdf").write_bytes(b"%PDF-1.4")

    with pytest.raises(CommandError, match="không bị thay đổi: Tệp sao lưu là của cơ sở dữ liệu"):
        call_command("restore", str(archive), yes=True)

    assert sorted(p.name for p in settings.MEDIA_ROOT.parent.iterdir()) == ["media", "o.tar.gz"]
    assert (settings.MEDIA_ROOT / "documents" / "giu-nguyen.pdf").read_bytes() == b"%PDF-1.4"


def test_the_restore_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp sao lưu"):
        call_command("restore", str(tmp_path / "khong-co.tar.gz"), yes=True)
