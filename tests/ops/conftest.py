"""Installs of their own for the backup tests: `manage.py` runs in a subprocess against a
temporary var/ (SQLite file and media), or a PostgreSQL database the test creates."""

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests import installs

ROOT = Path(__file__).resolve().parents[2]

# What a reader or editor would notice: pages, legal documents, files, visit figures.
SNAPSHOT = """
import json, django
django.setup()
from django.db.models import Sum
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from cong.documents.models import LegalDocument
from cong.visits.models import DailyStats, PageDailyStats
print(json.dumps({
    "pages": sorted(Page.objects.values_list("title", flat=True)),
    "live_pages": Page.objects.live().count(),
    "legal_documents": sorted(LegalDocument.objects.values_list("number", flat=True)),
    "images": sorted(get_image_model().objects.values_list("file", flat=True)),
    "documents": sorted(get_document_model().objects.values_list("file", flat=True)),
    "visits": DailyStats.objects.aggregate(visits=Sum("visits"), views=Sum("pageviews")),
    "page_views": PageDailyStats.objects.aggregate(views=Sum("views"))["views"],
}))
"""

# Visit figures for three days, and a rendered home page (so image renditions exist).
SEED_VISITS = """
import datetime, django
from tests import fast_avif
fast_avif.install()
django.setup()
from django.test import Client
from wagtail.models import Site
from cong.visits.models import DailyStats, PageDailyStats
site = Site.objects.get(is_default_site=True)
for n, day in enumerate(datetime.date(2025, 3, d) for d in (1, 2, 3)):
    DailyStats.objects.create(site=site, day=day, visits=100 + n, pageviews=400 + n)
    PageDailyStats.objects.create(site=site, day=day, path="/", views=50 + n)
assert Client().get("/", HTTP_HOST="localhost").status_code == 200
"""


def environment(var_dir: Path, database_url: str = "") -> dict:
    """The environment of an install living in `var_dir` (SQLite unless `database_url`)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        CONG_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="cong.settings",
        CONG_VISITS_STORE="database",
        STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
    )
    env.pop("MEDIA_ROOT", None)
    env.pop("CONG_BACKUP_DIR", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def run(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """`manage.py *args` (or `python -c CODE ...` when the first argument is "-c")."""
    command = [sys.executable, *args] if args[0] == "-c" else [sys.executable, "manage.py", *args]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"{args[:2]} failed:\n{result.stdout}\n{result.stderr}")
    return result


def snapshot(env: dict) -> dict:
    return json.loads(run(env, "-c", SNAPSHOT).stdout)


def visit_figures(env: dict) -> dict:
    return json.loads(run(env, "visit_stats").stdout)


def tree_checksums(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder`, by relative path."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def leftovers(var_dir: Path) -> list[str]:
    """Staging or set-aside folders and files a restore may have left behind."""
    return sorted(p.name for p in var_dir.iterdir() if p.name.startswith("."))


def rewrite_archive(source: Path, target: Path, changes: dict) -> None:
    """Copy a .tar.gz, replacing the content of the members named in `changes` (bytes),
    dropping those mapped to None, and appending new ones; the manifest is left as is."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old:
            if member.name in changes:
                data = changes[member.name]
                if data is None:
                    continue
                member.size = len(data)
                new.addfile(member, io.BytesIO(data))
            else:
                new.addfile(member, old.extractfile(member))
        names = set(old.getnames())
        for name, data in changes.items():
            if name not in names and data is not None:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                new.addfile(info, io.BytesIO(data))


def read_member(archive: Path, name: str) -> bytes:
    with tarfile.open(archive, "r:gz") as tar:
        return tar.extractfile(name).read()


@pytest.fixture(scope="session")
def empty_install(tmp_path_factory):
    """A migrated install with no content (built once per run), copied by `fresh_install`."""
    return installs.migrated(tmp_path_factory)


@pytest.fixture
def fresh_install(empty_install, tmp_path):
    """A fresh empty install of its own: (environment, var/)."""
    var = installs.copy_install(empty_install, tmp_path / "var")
    return environment(var), var


@pytest.fixture(scope="session")
def demo_backup(tmp_path_factory):
    """The demo site with visit figures, renditions and a private attachment, and a backup
    of it: (environment, var/, archive). Built once per run from the prepared demo install;
    the tests only read it."""
    demo = installs.demo(tmp_path_factory)

    def build(var: Path) -> None:
        shutil.rmtree(var)
        installs.copy_install(demo, var)
        env = environment(var)
        run(env, "-c", SEED_VISITS)
        private = var / "private" / "hoi-dap" / "2025"  # a citizen's attachment, never public
        private.mkdir(parents=True)
        (private / "don-kien-nghi.pdf").write_bytes(b"%PDF-1.4 don kien nghi")
        run(env, "backup")

    var = installs.built_once(tmp_path_factory, "demo-backup", build)
    (archive,) = (var / "backups").glob("cong-backup-*.tar.gz")
    return environment(var), var, archive
