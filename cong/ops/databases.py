"""Copy the configured database out and back in, for SQLite and PostgreSQL.

SQLite is copied with its online backup API (a consistent snapshot while the site keeps
writing) and restored by renaming a checked copy over the database file. PostgreSQL goes
through `pg_dump --format=custom` and `pg_restore --single-transaction`, so a restore that
fails half way is rolled back by the server.
"""

import glob
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.utils.translation import gettext as _

from cong.ops import BackupError

VENDORS = ("sqlite", "postgresql")
PG_BIN_GLOB = "/usr/lib/postgresql/*/bin/{tool}"


def vendor() -> str:
    """The current database's vendor, refusing the ones backups do not support."""
    if connection.vendor not in VENDORS:
        raise BackupError(
            _("Chưa hỗ trợ sao lưu cơ sở dữ liệu %(vendor)s.") % {"vendor": connection.vendor}
        )
    return connection.vendor


def dump(target: Path) -> dict:
    """Write the database to `target` (a new file); return what the manifest should say."""
    if vendor() == "sqlite":
        _dump_sqlite(target)
        return {"database_vendor": "sqlite"}
    server = _server_major()
    tool, major = find_tool("pg_dump", server)
    _run([tool, "--format=custom", "--no-password", f"--file={target}"], "pg_dump")
    return {"database_vendor": "postgresql", "postgresql_version": server, "pg_dump_version": major}


def staging_path(work_dir: Path) -> Path:
    """Where a restore puts the database copy before swapping it in.

    For SQLite: beside the database file, so the final rename stays on one file system.
    """
    if vendor() == "sqlite":
        database = sqlite_file()
        return database.with_name(f".{database.name}.restore-{secrets.token_hex(4)}")
    return work_dir / "db.pgdump"


def check_copy(path: Path) -> None:
    """Make sure a staged copy can be restored, before anything is changed."""
    if vendor() == "sqlite":
        try:
            copy = sqlite3.connect(path)
            try:
                result = copy.execute("PRAGMA integrity_check").fetchone()[0]
                copy.execute("SELECT COUNT(*) FROM django_migrations").fetchone()
            finally:
                copy.close()
        except sqlite3.Error as exc:
            result = str(exc)
        if result != "ok":
            raise BackupError(
                _("Bản cơ sở dữ liệu trong tệp sao lưu bị hỏng: %(error)s") % {"error": result}
            )
        return
    tool, _major = find_tool("pg_restore", _server_major())
    _run([tool, "--list", str(path)], "pg_restore --list")


def restore(path: Path) -> None:
    """Replace the database's content with the staged copy at `path`."""
    if vendor() == "sqlite":
        _restore_sqlite(path)
        return
    tool, _major = find_tool("pg_restore", _server_major())
    connections.close_all()
    _run(
        [
            tool,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--no-password",
            f"--dbname={settings.DATABASES['default']['NAME']}",
            str(path),
        ],
        "pg_restore",
    )


def sqlite_file() -> Path:
    return Path(settings.DATABASES["default"]["NAME"])


def _dump_sqlite(target: Path) -> None:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()


def _restore_sqlite(staged: Path) -> None:
    database = sqlite_file()
    connections.close_all()
    if database.exists():
        _leave_wal(database)
    os.replace(staged, database)


def _leave_wal(database: Path) -> None:
    """Fold the write-ahead log into the file and switch it off, so no old log is replayed
    into the restored file. SQLite only allows this with no other connection open."""
    busy = BackupError(
        _(
            "Cơ sở dữ liệu %(path)s đang được dùng: dừng website (và các tác vụ định kỳ) "
            "rồi khôi phục lại."
        )
        % {"path": database}
    )
    try:
        db = sqlite3.connect(database, timeout=5)
        try:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            mode = db.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise busy from exc
    if mode.lower() != "delete":
        raise busy


def _server_major() -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def _tool_major(path: str) -> int | None:
    try:
        out = subprocess.run(  # noqa: S603 (a PostgreSQL client found on this machine)
            [path, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r"\)\s*(\d+)", out)
    return int(found.group(1)) if found else None


def find_tool(tool: str, server_major: int) -> tuple[str, int]:
    """The PostgreSQL client `tool` to use against a server of `server_major`.

    Looks on PATH and in /usr/lib/postgresql/*/bin; prefers the server's own version,
    then the oldest newer one. An older client cannot read a newer server: say so.
    """
    candidates = [shutil.which(tool), *sorted(glob.glob(PG_BIN_GLOB.format(tool=tool)))]
    found = {}
    for path in dict.fromkeys(p for p in candidates if p):
        major = _tool_major(path)
        if major is not None:
            found.setdefault(major, path)
    if not found:
        raise BackupError(
            _("Không tìm thấy %(tool)s: cài gói postgresql-client-%(major)s.")
            % {"tool": tool, "major": server_major}
        )
    usable = sorted(major for major in found if major >= server_major)
    if not usable:
        raise BackupError(
            _(
                "%(tool)s phiên bản %(found)s cũ hơn máy chủ PostgreSQL %(major)s: "
                "cài gói postgresql-client-%(major)s."
            )
            % {"tool": tool, "found": max(found), "major": server_major}
        )
    major = server_major if server_major in found else usable[0]
    return found[major], major


def _client_environment() -> dict:
    """The connection settings for the PostgreSQL clients, passed as PG* variables so the
    password never appears on a command line."""
    database = settings.DATABASES["default"]
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if database.get(key):
            env[variable] = str(database[key])
    if database.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = database["OPTIONS"]["sslmode"]
    return env


def _run(command: list[str], label: str) -> None:
    result = subprocess.run(  # noqa: S603 (fixed arguments, no shell)
        command, env=_client_environment(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()[-2000:]
        raise BackupError(
            _("%(label)s thất bại (mã %(code)s): %(detail)s")
            % {"label": label, "code": result.returncode, "detail": detail}
        )
