"""A killed or failed import leaves no file behind: attachments are staged, moved in on
commit, and `sweep_orphan_files` clears what a killed process left."""

import io
import os
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model

from cong.documents import importer
from cong.documents.models import LegalDocument
from tests.documents.test_import import GOOD, HEADER, run

TWO_HOURS_AGO = time.time() - 2 * 3600


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def folder(tmp_path):
    files = tmp_path / "tep"
    files.mkdir()
    (files / "ke-hoach-21.pdf").write_bytes(b"%PDF-1.4 demo")
    return files


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def age(path: Path) -> None:
    for p in [path, *path.rglob("*")]:
        os.utime(p, (TWO_HOURS_AGO, TWO_HOURS_AGO))


def sweep(*args) -> str:
    out = io.StringIO()
    call_command("sweep_orphan_files", *args, stdout=out)
    return out.getvalue()


def test_attachments_reach_the_documents_folder_only_when_the_import_commits(
    db, tmp_path, folder, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        run(tmp_path, HEADER + GOOD, folder)
    assert files_under(media / "documents") == []  # staged, not yet in place
    assert files_under(media / ".staging")[0].endswith("documents/ke-hoach-21.pdf")
    for callback in callbacks:
        callback()
    assert files_under(media) == ["documents/ke-hoach-21.pdf"]
    document = LegalDocument.objects.get(number="21/KH-UBND").files.get().document
    assert document.file.name == "documents/ke-hoach-21.pdf"
    assert document.file.read() == b"%PDF-1.4 demo"


def test_an_attachment_never_overwrites_a_file_of_the_same_name(
    db, tmp_path, folder, media, django_capture_on_commit_callbacks
):
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "ke-hoach-21.pdf").write_bytes(b"%PDF-1.4 older")  # already there
    with django_capture_on_commit_callbacks(execute=True):
        run(tmp_path, HEADER + GOOD, folder)
    name = get_document_model().objects.get().file.name
    assert name.startswith("documents/ke-hoach-21_") and name.endswith(".pdf")
    assert (media / name).read_bytes() == b"%PDF-1.4 demo"
    assert (media / "documents" / "ke-hoach-21.pdf").read_bytes() == b"%PDF-1.4 older"


def test_a_failure_mid_import_leaves_no_file_and_no_row_behind(
    db, tmp_path, folder, media, monkeypatch
):
    def crash(*args, **kwargs):
        raise OSError("disk full")  # after the attachments were copied, before the commit

    monkeypatch.setattr("cong.documents.importer.LegalDocumentFile.objects.bulk_create", crash)
    with pytest.raises(OSError):
        run(tmp_path, HEADER + GOOD, folder)
    assert LegalDocument.objects.count() == 0
    assert get_document_model().objects.count() == 0
    assert files_under(media) == []


def test_the_sweep_removes_a_killed_imports_staging_folder_and_orphans(db, media):
    staging = importer.Staging()  # what a kill -9 mid-import leaves: staged copies
    source = media.parent / "a.pdf"
    source.write_bytes(b"%PDF-1.4 a")
    staging.add(source)
    orphan = media / "documents" / "mo-coi.pdf"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"%PDF-1.4 orphan")
    fresh = media / "documents" / "dang-tai-len.pdf"
    age(media)
    fresh.write_bytes(b"%PDF-1.4 an upload under way")
    kept = get_document_model().objects.create(title="Giữ", file="documents/giu.pdf")
    (media / "documents" / "giu.pdf").write_bytes(b"%PDF-1.4 kept")
    os.utime(media / "documents" / "giu.pdf", (TWO_HOURS_AGO, TWO_HOURS_AGO))

    out = sweep("--dry-run")
    assert "Sẽ xóa 2 tệp" in out and "mo-coi.pdf" in out
    assert len(files_under(media)) == 4

    out = sweep()
    assert "Đã xóa 2 tệp" in out
    assert files_under(media) == ["documents/dang-tai-len.pdf", "documents/giu.pdf"]
    assert not any((media / ".staging").iterdir())
    assert kept.file.read() == b"%PDF-1.4 kept"


def test_the_sweep_moves_in_the_files_of_an_import_killed_after_its_commit(db, media):
    staging = importer.Staging()
    source = media.parent / "b.pdf"
    media.mkdir(parents=True, exist_ok=True)
    source.write_bytes(b"%PDF-1.4 b")
    name = staging.add(source)
    get_document_model().objects.create(title="Đã nhập", file=name)  # the rows committed
    age(staging.folder)
    assert "đã đưa vào 1 tệp" in sweep()
    assert files_under(media) == [name]


def test_a_recent_staging_folder_is_left_alone(db, media):
    staging = importer.Staging()
    source = media.parent / "c.pdf"
    media.mkdir(parents=True, exist_ok=True)
    source.write_bytes(b"%PDF-1.4 c")
    staging.add(source)
    sweep()
    assert len(files_under(media / ".staging")) == 1
