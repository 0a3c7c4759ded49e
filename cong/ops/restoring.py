"""Restore a verified archive so that a failure at any step leaves the site as it was.

Order: stage everything (each file tree into a new folder beside the live one, the database
copy beside the database file or in a work folder) and check the copy; swap each tree's
folders by renaming; restore the database; only then delete the old folders. If the
database step fails, the folders are swapped back. Nothing is staged inside live folders.
"""

import os
import secrets
import shutil
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from cong.ops import BackupError, databases
from cong.ops.reading import extract


class FolderSwap:
    """Replace a live folder by a staged one with two renames, and undo them if asked."""

    def __init__(self, root: Path):
        self.root = root
        token = secrets.token_hex(4)
        self.staging = root.with_name(f".{root.name}.restore-{token}")
        self.aside = root.with_name(f".{root.name}.old-{token}")
        self.swapped = False

    def stage(self) -> Path:
        self.root.parent.mkdir(parents=True, exist_ok=True)
        self.staging.mkdir(mode=0o755)
        if self.root.is_dir():
            shutil.copymode(self.root, self.staging)
        return self.staging

    def swap(self) -> None:
        had_root = self.root.exists()
        if had_root:
            os.rename(self.root, self.aside)
        try:
            os.rename(self.staging, self.root)
        except OSError:
            if had_root:
                os.rename(self.aside, self.root)
            raise
        self.swapped = True

    def undo(self) -> None:
        if not self.swapped:
            return
        os.rename(self.root, self.staging)
        if self.aside.exists():
            os.rename(self.aside, self.root)
        self.swapped = False

    def finish(self) -> None:
        """Delete whichever of the staged or the old folder is no longer wanted."""
        shutil.rmtree(self.aside if self.swapped else self.staging, ignore_errors=True)


def _adopt_owner(paths, reference: Path) -> None:
    """Run as root, give restored files the owner of what they replace, so the site's
    own user can still write its database and uploads."""
    if os.geteuid() != 0 or not reference.exists():
        return
    stat = reference.stat()
    for path in paths:
        os.chown(path, stat.st_uid, stat.st_gid, follow_symlinks=False)


def _tree(root: Path):
    yield root
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            yield Path(folder) / name


def _check_space(manifest: dict, folders) -> None:
    needed = sum(entry["size"] for entry in manifest["files"].values())
    for folder in set(folders):
        free = shutil.disk_usage(folder).free
        if free < needed:
            raise BackupError(
                _("Không đủ chỗ trống trên đĩa ở %(folder)s: cần %(needed)s MB, còn %(free)s MB.")
                % {"folder": folder, "needed": needed // 2**20 + 1, "free": free // 2**20}
            )


def restore_archive(path: Path, manifest: dict, trees: dict[str, Path]) -> None:
    """Restore the database and the file trees the archive holds (see module docstring)."""
    unknown = sorted(set(manifest["trees"]) - trees.keys())
    if unknown:
        raise BackupError(
            _("Tệp sao lưu có thư mục “%(name)s” mà website này không cấu hình.")
            % {"name": unknown[0]}
        )
    swaps = {name: FolderSwap(trees[name]) for name in manifest["trees"]}
    for swap in swaps.values():
        swap.stage()
    work_parent = trees["media"].parent
    work_parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work_parent, prefix=".cong-restore-") as work:
        staged_database = databases.staging_path(Path(work))
        done = []
        try:
            _check_space(manifest, [work_parent, staged_database.parent])
            staging = {name: swap.staging for name, swap in swaps.items()}
            extract(path, manifest, staged_database, staging)
            databases.check_copy(staged_database)
            for swap in swaps.values():
                _adopt_owner(_tree(swap.staging), swap.root)
            if databases.vendor() == "sqlite":
                _adopt_owner([staged_database], databases.sqlite_file())
            for swap in swaps.values():
                swap.swap()
                done.append(swap)
            databases.restore(staged_database)
        except BaseException:
            for swap in reversed(done):
                swap.undo()
            raise
        finally:
            for swap in swaps.values():
                swap.finish()
            staged_database.unlink(missing_ok=True)
