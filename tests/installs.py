"""Installs (a var/ folder: SQLite file, media, secret key) prepared once per test run.

`manage.py migrate` and `load_demo` in a subprocess cost tens of seconds each on a small
machine; the tests that run the site in other processes (backups, gunicorn) copy one
prepared install instead of rebuilding it. Under pytest-xdist every worker sees the same
folder, and a file lock makes the first worker that needs an install build it while the
others wait for it (pytest-xdist's recipe for session fixtures shared by workers).
"""

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DONE = ".built"  # written last: an install without it was interrupted and is rebuilt


def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's temporary folder that every xdist worker shares (the base one without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]
) -> Path:
    """The folder `name`, made by `build(folder)` by whichever worker asks first."""
    root = shared_folder(tmp_path_factory)
    folder = root / name
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (folder / DONE).exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            (folder / DONE).touch()
    return folder


def copy_install(source: Path, target: Path) -> Path:
    """A private copy of a prepared install, for a test that changes it."""
    # A reader of the source's database (another worker) may leave its -shm/-wal beside it
    # for a moment: they hold nothing a reader wrote, and may vanish mid-copy.
    ignored = shutil.ignore_patterns(DONE, "*.lock", "demo-files", "*-shm", "*-wal")
    shutil.copytree(source, target, ignore=ignored)
    return target


def sqlite_environment(var_dir: Path) -> dict:
    """A `manage.py` environment on the install in `var_dir` alone: its SQLite file, no
    Redis, whatever a developer's .env or the test run's environment names."""
    env = {k: v for k, v in os.environ.items() if k not in ("MEDIA_ROOT", "CONG_BACKUP_DIR")}
    env.update(
        CONG_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="cong.settings",
        DATABASE_URL=f"sqlite:///{var_dir / 'cong.sqlite3'}",
        REDIS_URL="",
        CONG_VISITS_STORE="database",
    )
    return env


def manage(var_dir: Path, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=sqlite_environment(var_dir),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty install, migrated."""
    return built_once(
        tmp_path_factory,
        "install-migrated",
        lambda var: manage(var, "migrate", "--noinput", "--skip-checks", "-v0"),
    )


def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated install with the demo site loaded (`manage.py load_demo`)."""
    empty = migrated(tmp_path_factory)

    def build(var: Path) -> None:
        shutil.rmtree(var)
        copy_install(empty, var)
        # the pictures and PDFs rendered once per machine (cong.demo.kept), not redrawn
        (ROOT / "var" / "demo-files").mkdir(parents=True, exist_ok=True)
        (var / "demo-files").symlink_to(ROOT / "var" / "demo-files")
        manage(var, "load_demo", "-v0")

    return built_once(tmp_path_factory, "install-demo", build)


@contextmanager
def demo_in_test_database(
    django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory, name: str = "demo"
) -> Iterator[Path]:
    """The demo site in the test database for a module's tests, and its files' folder
    (media/ and private/, which the tests must use too). Each test runs in a savepoint
    within it (pytest-django's `db`), so it sees the demo and changes nothing that outlives
    the module.

    On the in-memory SQLite database of `make test`, the worker's database is filled from
    the demo install built once per run (`demo()`: `load_demo` in a subprocess) and emptied
    back to the migrated install after the module: a copy in milliseconds instead of
    `load_demo`'s seconds in every module that needs it. Elsewhere (PostgreSQL),
    `load_demo` runs in a transaction rolled back at the end, as Django's
    TestCase.setUpTestData does."""
    from django.db import connection

    folder = tmp_path_factory.mktemp(name)
    if not _in_memory_sqlite(connection):
        with loaded_demo(django_db_blocker, folder):
            yield folder
        return
    install = demo(tmp_path_factory)
    for files in ("media", "private"):
        if (install / files).exists():
            shutil.copytree(install / files, folder / files)
    with django_db_blocker.unblock():
        _fill(connection, install / "cong.sqlite3")
        try:
            yield folder
        finally:
            _fill(connection, migrated(tmp_path_factory) / "cong.sqlite3")


def _in_memory_sqlite(connection: Any) -> bool:
    creation = connection.creation
    return connection.vendor == "sqlite" and creation.is_in_memory_db(
        connection.settings_dict["NAME"]
    )


def _fill(connection: Any, source: Path) -> None:
    """Replace the worker's database by the one in `source`, page by page (SQLite's backup),
    and forget what Django cached of the old one."""
    import sqlite3
    from contextlib import closing

    from django.contrib.contenttypes.models import ContentType

    connection.ensure_connection()
    # Read-only and immutable: no lock and no -shm/-wal beside a file other workers copy.
    with closing(sqlite3.connect(f"file:{source}?mode=ro&immutable=1", uri=True)) as database:
        database.backup(connection.connection)
    ContentType.objects.clear_cache()


@contextmanager
def loaded_demo(django_db_blocker: Any, folder: Path) -> Iterator[None]:
    """`load_demo` run into the test database, inside a transaction rolled back at the end.
    Files go under `folder`."""
    from django.core.management import call_command
    from django.db import transaction
    from django.test.utils import override_settings

    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=folder / "media", CONG_PARTICIPATION_UPLOAD_ROOT=folder / "private"
        ),
        transaction.atomic(),
    ):
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)
