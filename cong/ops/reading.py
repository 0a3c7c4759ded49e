"""Reading a backup archive back: check all of it first, then extract it file by file.

Nothing is ever extracted with `tarfile.extractall`. `verify` reads every member and checks
it against the manifest (names inside the layout, plain files only, no duplicates, every
sha256 and size, the database vendor) before anything is changed; `extract` then writes each
file itself into new folders, checking each one again as it goes.
"""

import hashlib
import json
import os
import tarfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.utils.translation import gettext as _

from cong.ops import BackupError
from cong.ops.archive import DATABASE_MEMBERS, FORMAT, MANIFEST, TREES, safe_member_name

CHUNK = 1024 * 1024
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
READ_ERRORS = (tarfile.TarError, EOFError, OSError, zlib.error)


def _members(path: Path) -> Iterator[tuple[tarfile.TarInfo, tarfile.TarFile]]:
    """Every member of the archive, refusing unsafe names and anything but plain files."""
    with tarfile.open(path, "r:gz") as tar:
        seen = set()
        for member in tar:
            if not safe_member_name(member.name):
                raise BackupError(
                    _("Tệp sao lưu chứa đường dẫn không an toàn: “%(name)s”. Không khôi phục.")
                    % {"name": member.name}
                )
            if not member.isreg():
                raise BackupError(
                    _("Tệp sao lưu chứa “%(name)s” không phải tệp thường (liên kết, thư mục…).")
                    % {"name": member.name}
                )
            if member.name in seen:
                raise BackupError(_("Tệp sao lưu chứa “%(name)s” hai lần.") % {"name": member.name})
            seen.add(member.name)
            yield member, tar


@contextmanager
def _readable(path: Path, errors=READ_ERRORS):
    """Turn a damaged archive's low-level errors into a message for the operator."""
    try:
        yield
    except errors as exc:
        raise BackupError(
            _("Không đọc được tệp sao lưu %(path)s (hỏng hoặc không phải .tar.gz): %(error)s")
            % {"path": path, "error": exc}
        ) from exc


def _changed() -> BackupError:
    return BackupError(_("Tệp sao lưu đã thay đổi sau khi kiểm tra. Không khôi phục."))


def _copy_hashing(source, destination=None) -> dict:
    sha256, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        sha256.update(chunk)
        size += len(chunk)
        if destination is not None:
            destination.write(chunk)
    return {"sha256": sha256.hexdigest(), "size": size}


def _checksum(entry) -> dict:
    if not isinstance(entry, dict):
        return {}
    return {"sha256": entry.get("sha256"), "size": entry.get("size")}


def _parse_manifest(raw: bytes) -> dict:
    try:
        manifest = json.loads(raw)
    except ValueError:
        manifest = None
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") != FORMAT
        or not isinstance(manifest.get("files"), dict)
        or manifest.get("database_vendor") not in DATABASE_MEMBERS
        or not isinstance(manifest.get("trees"), list)
        or not set(manifest["trees"]) <= set(TREES)
    ):
        raise BackupError(_("manifest.json của tệp sao lưu không hợp lệ."))
    return manifest


def verify(path: Path, vendor: str) -> dict:
    """Read the whole archive and check it against its manifest; return the manifest.

    Raises BackupError, before anything is changed, when the manifest is missing or
    unreadable, a member is missing, extra, altered or unsafely named, or the database in
    the archive is not of `vendor`'s kind.
    """
    found, raw_manifest = {}, None
    with _readable(path):
        for member, tar in _members(path):
            source = tar.extractfile(member)
            if member.name == MANIFEST:
                raw_manifest = source.read(MAX_MANIFEST_BYTES + 1)
            else:
                found[member.name] = _copy_hashing(source)
    if raw_manifest is None:
        raise BackupError(_("Tệp sao lưu không có manifest.json: không kiểm tra được."))
    manifest = _parse_manifest(raw_manifest)
    expected = manifest["files"]
    missing = sorted(expected.keys() - found.keys())
    if missing:
        raise BackupError(
            _("Tệp sao lưu thiếu “%(name)s” (ghi trong manifest.json).") % {"name": missing[0]}
        )
    extra = sorted(
        name
        for name in found
        if name not in expected or name.split("/")[0] not in ["database", *manifest["trees"]]
    )
    if extra:
        raise BackupError(
            _("Tệp sao lưu có “%(name)s” không ghi trong manifest.json.") % {"name": extra[0]}
        )
    altered = [name for name in sorted(found) if found[name] != _checksum(expected[name])]
    if altered:
        raise BackupError(
            _("Mã kiểm tra (sha256) của “%(name)s” không khớp: tệp sao lưu đã bị sửa hoặc hỏng.")
            % {"name": altered[0]}
        )
    archive_vendor = manifest["database_vendor"]
    if archive_vendor != vendor:
        raise BackupError(
            _(
                "Tệp sao lưu là của cơ sở dữ liệu %(archive)s, còn website đang dùng %(current)s: "
                "không khôi phục chéo được."
            )
            % {"archive": archive_vendor, "current": vendor}
        )
    if [name for name in found if name.startswith("database/")] != [DATABASE_MEMBERS[vendor]]:
        raise BackupError(
            _("Tệp sao lưu phải có đúng một cơ sở dữ liệu (%(name)s).")
            % {"name": DATABASE_MEMBERS[vendor]}
        )
    return manifest


def extract(path: Path, manifest: dict, database_target: Path, trees: dict[str, Path]) -> None:
    """Write a verified archive's database to `database_target` and each file tree under
    its folder in `trees` (all new), checking every file against the manifest again."""
    expected = manifest["files"]
    # Write errors (a full disk) stay OSErrors; only reading errors mean a damaged archive.
    with _readable(path, errors=(tarfile.TarError, EOFError, zlib.error)):
        for member, tar in _members(path):
            if member.name == MANIFEST:
                continue
            if member.name not in expected:
                raise _changed()
            tree, *rest = member.name.split("/")
            if tree == "database":
                destination = database_target
            else:
                destination = trees[tree].joinpath(*rest)
                destination.parent.mkdir(parents=True, exist_ok=True)
            with destination.open("xb") as out:
                written = _copy_hashing(tar.extractfile(member), out)
            if written != _checksum(expected[member.name]):
                raise _changed()
            os.utime(destination, (member.mtime, member.mtime))
