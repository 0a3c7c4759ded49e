"""The backup archive: one .tar.gz holding the database, the uploaded files and a manifest.

Members, in order:

    database/db.sqlite3 or database/db.pgdump   the database (see cong.ops.databases)
    media/<path under MEDIA_ROOT>               images and documents uploaded by editors
    private/<path under the private root>       citizens' attachments (never public), when
                                                CONG_PARTICIPATION_UPLOAD_ROOT is set
    manifest.json                               versions, database vendor, creation time,
                                                the file trees, and the sha256 and size of
                                                every member above

The archive is written under a hidden temporary name in the target folder and renamed when
complete, so a crash or a full disk never leaves a half archive under a backup's name.
Reading it back is `cong.ops.reading`.
"""

import hashlib
import io
import json
import os
import tarfile
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from importlib import metadata
from pathlib import Path

import django
import wagtail
from django.conf import settings

FORMAT = 1
MANIFEST = "manifest.json"
ARCHIVE_PREFIX = "cong-backup-"
ARCHIVE_SUFFIX = ".tar.gz"
STAMP = "%Y%m%d-%H%M%S"
# The one database member each vendor's backup holds.
DATABASE_MEMBERS = {"sqlite": "database/db.sqlite3", "postgresql": "database/db.pgdump"}
TREES = ("media", "private")


def archive_name(moment: datetime) -> str:
    """The file name of a backup taken at `moment` (local time).

    >>> archive_name(datetime(2025, 3, 31, 2, 30, 0))
    'cong-backup-20250331-023000.tar.gz'
    """
    return f"{ARCHIVE_PREFIX}{moment.strftime(STAMP)}{ARCHIVE_SUFFIX}"


def file_trees() -> dict[str, Path]:
    """The folders of uploaded files this install has, by their name in the archive."""
    trees = {"media": Path(settings.MEDIA_ROOT)}
    private = getattr(settings, "CONG_PARTICIPATION_UPLOAD_ROOT", None)
    if private:
        trees["private"] = Path(private)
    return {name: path.resolve() for name, path in trees.items()}


def safe_member_name(name: str) -> bool:
    """Whether a member name stays inside the archive's layout (no traversal, no tricks).

    >>> safe_member_name("media/original_images/anh.jpg")
    True
    >>> safe_member_name("media/../../etc/cron.d/x"), safe_member_name("/etc/passwd")
    (False, False)
    >>> safe_member_name("database/../db.sqlite3"), safe_member_name("media/a\\\\..\\\\b")
    (False, False)
    """
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return False
    if name == MANIFEST:
        return True
    return (parts[0] in TREES and len(parts) > 1) or (parts[0] == "database" and len(parts) == 2)


def software_versions() -> dict:
    try:
        cong = metadata.version("cong")
    except metadata.PackageNotFoundError:
        cong = "unknown"
    return {
        "cong_version": cong,
        "django_version": django.get_version(),
        "wagtail_version": wagtail.__version__,
    }


def tree_files(tree: str, root: Path, skip: Path | None = None) -> Iterator[tuple[str, Path]]:
    """(member name, path) of every regular file under `root`, sorted; links are left out."""
    if not root.is_dir():
        return
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if (here / d) != skip)
        for name in sorted(files):
            path = here / name
            if path.is_file() and not path.is_symlink():
                yield f"{tree}/{path.relative_to(root).as_posix()}", path


class _HashingReader:
    """A file wrapper that hashes what tarfile reads from it, so each file is read once."""

    def __init__(self, file):
        self.file, self.sha256, self.size = file, hashlib.sha256(), 0

    def read(self, size=-1):
        data = self.file.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def _add_file(tar: tarfile.TarFile, name: str, path: Path) -> dict:
    info = tarfile.TarInfo(name)
    stat = path.stat()
    info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o644
    with path.open("rb") as file:
        reader = _HashingReader(file)
        tar.addfile(info, reader)
    return {"sha256": reader.sha256.hexdigest(), "size": reader.size}


def write_archive(
    target: Path,
    database_file: Path,
    trees: dict[str, Path],
    details: dict,
    skip: Path | None = None,
) -> dict:
    """Write the archive at `target` atomically; return its manifest.

    `details` goes into the manifest as is; its `database_vendor` names the database member.
    """
    database_member = DATABASE_MEMBERS[details["database_vendor"]]
    handle = tempfile.NamedTemporaryFile(
        dir=target.parent, prefix=f".{target.name}.", suffix=".partial", delete=False
    )
    try:
        files = {}
        with tarfile.open(fileobj=handle, mode="w:gz", compresslevel=6) as tar:
            files[database_member] = _add_file(tar, database_member, database_file)
            for tree, root in trees.items():
                for name, path in tree_files(tree, root, skip):
                    files[name] = _add_file(tar, name, path)
            manifest = {
                "format": FORMAT,
                **software_versions(),
                **details,
                "trees": sorted(trees),
                "files": files,
            }
            payload = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(payload), int(time.time()), 0o644
            tar.addfile(info, io.BytesIO(payload))
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        os.replace(handle.name, target)
    except BaseException:
        handle.close()
        Path(handle.name).unlink(missing_ok=True)
        raise
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)  # the rename itself survives a power cut
    finally:
        os.close(directory)
    return manifest
