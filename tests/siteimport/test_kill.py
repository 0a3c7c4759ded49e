"""A real kill: `manage.py import_site` in its own process, SIGKILLed in the middle of an
article (after its photo is saved, while it waits for its file). The articles before it are
whole, nothing of it is left in the database, and the next run brings over the rest with
nothing lost and nothing twice."""

import sqlite3
import subprocess
import sys
import time

import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cong.news.models import ArticlePage
from cong.siteimport.models import ImportedItem
from tests.installs import ROOT, copy_install, migrated, sqlite_environment
from tests.siteimport import oldsite

# A manage.py process on a fresh install: `make test-slow`.
pytestmark = pytest.mark.slow

FILE = "/LinkClick.aspx?fileticket=Xy7k2PqLm0A%3D&tabid=94&mid=512"  # in article 1002


def import_site(var, served) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "import_site", "--source",
         served.base + oldsite.DNN_LISTING_PATH, "--rate", "0", "--timeout", "60",
         "--retries", "0", "-v0"],
        cwd=ROOT,
        env=sqlite_environment(var),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )  # fmt: skip


def rows(var, sql: str) -> list[tuple]:
    with sqlite3.connect(var / "cong.sqlite3") as connection:
        return connection.execute(sql).fetchall()


def count(var, model) -> int:
    return rows(var, f"SELECT COUNT(*) FROM {model._meta.db_table}")[0][0]  # noqa: S608 (a model's table)


def titles(var) -> list[str]:
    return [
        title
        for (title,) in rows(
            var,
            f"SELECT p.title FROM wagtailcore_page p JOIN {ArticlePage._meta.db_table} a "  # noqa: S608
            "ON a.page_ptr_id = p.id ORDER BY p.title",
        )
    ]


def test_sigkill_in_the_middle_of_an_article_then_resume(tmp_path_factory, tmp_path):
    var = copy_install(migrated(tmp_path_factory), tmp_path / "var")
    site = oldsite.dnn_site()
    site.routes[FILE].delay = 120.0  # the run waits here, inside article 1002's transaction
    with oldsite.serve(site) as served:
        process = import_site(var, served)
        try:
            deadline = time.monotonic() + 120
            while FILE not in served.hits:
                assert process.poll() is None, process.communicate()
                assert time.monotonic() < deadline, "the import never reached the file"
                time.sleep(0.05)
        finally:
            process.kill()  # SIGKILL: no handler, no rollback by the process itself
            process.communicate()

        assert titles(var) == ["Hội nghị triển khai công tác tư pháp năm 2024"]
        assert count(var, ImportedItem) == 1
        assert count(var, get_image_model()) == 2  # 1001's two photos, not 1002's
        assert count(var, get_document_model()) == 1

        site.routes[FILE].delay = 0.0
        fetched_before = served.hits[oldsite.dnn_address(1001)]
        resumed = import_site(var, served)
        out, err = resumed.communicate(timeout=180)
        assert resumed.returncode == 0, err.decode()
        assert served.hits[oldsite.dnn_address(1001)] == fetched_before  # not fetched again

    assert titles(var) == sorted(a["title"] for a in oldsite.DNN_ARTICLES.values())
    assert count(var, ImportedItem) == 4
    assert count(var, get_image_model()) == 3
    assert count(var, get_document_model()) == 2
    redirects = rows(
        var, "SELECT COUNT(*), COUNT(DISTINCT old_path) FROM wagtailredirects_redirect"
    )
    assert redirects[0][0] == redirects[0][1] > 4
