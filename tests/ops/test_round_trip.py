"""A backup restored onto a fresh install brings back the same site: SQLite and PostgreSQL."""

import glob
import hashlib
import json
import os
import shutil
import tarfile
from urllib.parse import urlparse

import psycopg
import pytest

from tests.ops.conftest import (
    SEED_VISITS,
    environment,
    run,
    snapshot,
    tree_checksums,
    visit_figures,
)

# Real processes (manage.py backup/restore on fresh installs): `make test-slow`.
pytestmark = pytest.mark.slow

REQUIRE_SERVICES = os.environ.get("CONG_REQUIRE_SERVICES") == "1"


def test_the_archive_has_a_manifest_with_versions_and_a_checksum_for_every_member(demo_backup):
    _env, _var, archive = demo_backup
    with tarfile.open(archive, "r:gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        members = {
            m.name: hashlib.sha256(tar.extractfile(m).read()).hexdigest()
            for m in tar
            if m.name != "manifest.json"
        }
    assert {"cong_version", "django_version", "wagtail_version", "created_at"} <= manifest.keys()
    assert manifest["database_vendor"] == "sqlite"
    assert members == {name: entry["sha256"] for name, entry in manifest["files"].items()}
    assert "database/db.sqlite3" in members
    assert any(name.startswith("media/original_images/") for name in members)
    assert any(name.startswith("media/images/") for name in members)  # renditions
    assert any(name.startswith("media/documents/") for name in members)
    assert "private/hoi-dap/2025/don-kien-nghi.pdf" in members
    assert manifest["trees"] == ["media", "private"]
    assert archive.stat().st_mode & 0o077 == 0  # holds password hashes: owner only


def test_a_backup_restored_on_a_fresh_install_shows_the_same_site(demo_backup, fresh_install):
    source_env, source_var, archive = demo_backup
    env, var = fresh_install
    before = snapshot(source_env)
    assert snapshot(env)["legal_documents"] == []

    result = run(env, "restore", str(archive), "--yes")

    assert "Đã khôi phục" in result.stdout
    after = snapshot(env)
    assert after == before
    assert after["legal_documents"] and after["images"] and after["documents"]
    assert after["visits"] == {"visits": 303, "views": 1203}
    assert visit_figures(env)["total"] == visit_figures(source_env)["total"]
    assert tree_checksums(var / "media") == tree_checksums(source_var / "media")
    assert tree_checksums(var / "private") == tree_checksums(source_var / "private")
    assert [p.name for p in var.iterdir() if p.name.startswith(".")] == []


def _postgres_server() -> str:
    """The PostgreSQL server to use: DATABASE_URL's when it names one, else the local one.

    Skips when none answers, unless CONG_REQUIRE_SERVICES=1, which makes it a failure.
    """
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = "postgres://postgres@127.0.0.1:5432/postgres"
    parts = urlparse(url)
    problem = ""
    try:
        psycopg.connect(_conninfo(parts), connect_timeout=3).close()
    except psycopg.Error as exc:
        problem = f"PostgreSQL ({parts.hostname}:{parts.port or 5432}) không truy cập được: {exc}"
    if not problem and not (
        shutil.which("pg_dump") or glob.glob("/usr/lib/postgresql/*/bin/pg_dump")
    ):
        problem = "không có pg_dump (gói postgresql-client)"
    if problem:
        if REQUIRE_SERVICES:
            pytest.fail(f"CONG_REQUIRE_SERVICES=1 nhưng {problem}")
        pytest.skip(problem)
    return url


def _conninfo(parts, dbname="postgres") -> str:
    return psycopg.conninfo.make_conninfo(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname=dbname,
    )


@pytest.fixture
def postgres_databases():
    """Two new databases, source and destination, dropped afterwards: their URLs."""
    parts = urlparse(_postgres_server())
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")  # one pair per xdist worker
    names = (f"cong_backup_test_src_{worker}", f"cong_backup_test_dst_{worker}")
    with psycopg.connect(_conninfo(parts), autocommit=True) as conn:
        for name in names:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {name}")
    yield [parts._replace(path=f"/{name}").geturl() for name in names]
    with psycopg.connect(_conninfo(parts), autocommit=True) as conn:
        for name in names:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _copy_database(source_url: str, target_url: str) -> None:
    """Replace the target database by a copy of the source (CREATE DATABASE ... TEMPLATE)."""
    source, target = urlparse(source_url).path.strip("/"), urlparse(target_url).path.strip("/")
    with psycopg.connect(_conninfo(urlparse(source_url)), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {target} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {target} TEMPLATE {source}")


def test_a_postgresql_backup_restored_on_a_fresh_database_shows_the_same_site(
    postgres_databases, tmp_path
):
    source_url, target_url = postgres_databases
    source = environment(tmp_path / "source", source_url)
    run(source, "migrate", "--noinput", "-v0")
    # The fresh destination: a copy of the migrated, still empty source (one migrate, not two).
    _copy_database(source_url, target_url)
    run(source, "load_demo", "-v0")
    run(source, "-c", SEED_VISITS)
    run(source, "backup")
    (archive,) = (tmp_path / "source" / "backups").glob("cong-backup-*.tar.gz")
    with tarfile.open(archive, "r:gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database_vendor"] == "postgresql"
    assert "database/db.pgdump" in manifest["files"]

    target = environment(tmp_path / "target", target_url)
    run(target, "restore", str(archive), "--yes")

    expected = snapshot(source)
    assert snapshot(target) == expected
    assert expected["visits"] == {"visits": 303, "views": 1203}
    assert tree_checksums(tmp_path / "target" / "media") == tree_checksums(
        tmp_path / "source" / "media"
    )
    # A second restore over the restored site works too (--clean --if-exists).
    run(target, "restore", str(archive), "--yes")
    assert snapshot(target) == expected
