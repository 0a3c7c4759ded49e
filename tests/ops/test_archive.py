"""An archive appears complete under its final name, or not at all."""

import sqlite3

import pytest

from cong.ops import archive
from cong.ops.archive import write_archive
from cong.ops.reading import verify


@pytest.fixture
def database_file(tmp_path):
    path = tmp_path / "copy.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (x)")
    return path


@pytest.fixture
def media(tmp_path):
    root = tmp_path / "media"
    (root / "documents").mkdir(parents=True)
    (root / "documents" / "qd-1079.pdf").write_bytes(b"%PDF-1.7 ...")
    (root / "original_images").mkdir()
    (root / "original_images" / "hoi-nghi.jpg").write_bytes(b"\xff\xd8\xff ...")
    (root / "original_images" / "lien-ket.jpg").symlink_to("/etc/passwd")
    return root


def test_a_written_archive_verifies_and_leaves_links_out(tmp_path, database_file, media):
    target = tmp_path / "out" / "cong-backup-20250331-023000.tar.gz"
    target.parent.mkdir()
    write_archive(target, database_file, {"media": media}, {"database_vendor": "sqlite"})

    manifest = verify(target, "sqlite")

    assert sorted(manifest["files"]) == [
        "database/db.sqlite3",
        "media/documents/qd-1079.pdf",
        "media/original_images/hoi-nghi.jpg",
    ]
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_a_backup_that_fails_half_way_leaves_no_file(tmp_path, database_file, media, monkeypatch):
    def failing(tree, root, skip=None):
        yield "media/documents/qd-1079.pdf", root / "documents" / "qd-1079.pdf"
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(archive, "tree_files", failing)
    out = tmp_path / "out"
    out.mkdir()

    with pytest.raises(OSError, match="No space left"):
        write_archive(
            out / "cong-backup-20250331-023000.tar.gz",
            database_file,
            {"media": media},
            {"database_vendor": "sqlite"},
        )

    assert list(out.iterdir()) == []
