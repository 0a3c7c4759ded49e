"""A purge by key that covers most of a host removes the host as a whole (its folder, with its
key index inside), and what a render does when a purge runs between its keys and its file."""

import threading
from pathlib import Path

import pytest
from django.test import Client

from cong.core import pagecache, surrogate
from cong.core.pagecache import PageCacheBackend
from tests.core.test_purge import cached, local, root, site, tree, write  # noqa: F401 (fixtures)

A, B = "a.example.vn", "b.example.vn"


@pytest.fixture
def folder(tmp_path) -> Path:
    return tmp_path / "pagecache"


def fill(folder: Path, host: str, carrying: int, others: int) -> list[str]:
    """`carrying` pages with the key "k" (and their own), `others` without it, as the
    middleware leaves them: keys in the host's index, then the file."""
    index = surrogate.KeyIndex(folder)
    paths = []
    for n in range(carrying + others):
        path = f"/tin/bai-{n}/"
        index.record(host, path, {f"p{n}", "all", f"h:{host}", *(["k"] if n < carrying else [])})
        target = pagecache.file_for(folder, host, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"<p>x</p>")
        paths.append(path)
    return paths


def files(folder: Path, host: str) -> set[str]:
    return {str(p.parent.relative_to(folder / host)) for p in (folder / host).rglob("index.html")}


def test_a_key_over_most_of_a_host_removes_the_host_and_its_index_not_the_other_host(folder):
    carrying = pagecache.HOST_PURGE_MIN + 20
    fill(folder, A, carrying, others=carrying // 2)  # two thirds carry "k"
    fill(folder, B, carrying, others=carrying // 2)
    backend = PageCacheBackend({"LOCATION": str(folder)})
    assert backend.purge_keys({"k"}, [A]) == carrying
    pagecache.wait_for_trash()
    # every page of A went, also those without the key (the host as a whole) ...
    assert files(folder, A) == set()
    index = surrogate.KeyIndex(folder)
    assert index.host(A).count() == 0 and index.pages({"k", "all"}, [A]) == set()
    # ... and nothing of B, its index whole
    assert len(files(folder, B)) == carrying + carrying // 2
    assert index.host(B).count() == carrying + carrying // 2
    assert len(index.pages({"k"}, [B])) == carrying
    assert not [p for p in folder.iterdir() if p.name.startswith(pagecache.TRASH_PREFIX)]


def test_a_key_on_few_pages_of_a_host_removes_those_pages_only(folder):
    carrying = pagecache.HOST_PURGE_MIN - 1  # below the minimum, although most of the host
    paths = fill(folder, A, carrying, others=10)
    PageCacheBackend({"LOCATION": str(folder)}).purge_keys({"k"})
    assert files(folder, A) == {p.strip("/") for p in paths[carrying:]}
    assert surrogate.KeyIndex(folder).host(A).count() == 10
    assert surrogate.KeyIndex(folder).pages({"k"}) == set()


def test_a_key_on_many_pages_removes_the_host_even_if_not_most(folder, monkeypatch):
    monkeypatch.setattr(pagecache, "HOST_PURGE_PAGES", pagecache.HOST_PURGE_MIN + 10)
    carrying = pagecache.HOST_PURGE_MIN + 10
    fill(folder, A, carrying, others=3 * carrying)  # a quarter carry "k"
    fill(folder, B, 5, others=5)
    PageCacheBackend({"LOCATION": str(folder)}).purge_keys({"k"})  # every host
    pagecache.wait_for_trash()
    assert files(folder, A) == set()
    assert surrogate.KeyIndex(folder).host(A).count() == 0
    assert len(files(folder, B)) == 5  # B's five pages with the key went one by one


def test_a_host_index_replaced_by_another_process_is_opened_again(folder):
    fill(folder, A, 1, others=0)
    index = surrogate.HostIndex(folder, A)
    assert index.has("/tin/bai-0/")  # this thread's connection is open on the file
    pagecache.remove_hosts(folder, [A])  # folder and index renamed away
    # another worker writes a page first: a new index file at the same path
    other = threading.Thread(target=surrogate.HostIndex(folder, A).record, args=("/b/", {"k"}))
    other.start()
    other.join()
    assert index.has("/b/") and not index.has("/tin/bai-0/")
    assert index.pages({"k"}) == {"/b/"}


@pytest.mark.parametrize("purge", ["host", "key"])
def test_a_purge_between_a_renders_keys_and_its_file_leaves_no_unindexed_file(
    client,
    root,  # noqa: F811
    site,  # noqa: F811
    tree,  # noqa: F811
    monkeypatch,
    purge,
):
    """The render began after the content version's bump (so the version check keeps its
    file), and the purge ran between its keys and its file: the keys went (with the
    host's folder, or forgotten by key), so the file would never be found by a purge."""
    _section, other, articles = tree
    article = articles[0]
    write(client, root, other.url)
    store = pagecache.store

    def purged_meanwhile(folder, host, path, *args):
        if path == local(article.url):
            backend = PageCacheBackend({})
            if purge == "host":
                backend.purge_hosts([host])
            else:
                backend.purge_keys({f"p{article.pk}"}, [host])
        return store(folder, host, path, *args)

    monkeypatch.setattr(pagecache, "store", purged_meanwhile)
    assert Client().get(local(article.url)).status_code == 200
    # the live index no longer has the page: its file went too (the next read writes both)
    assert not cached(root, article.url).exists()
    monkeypatch.undo()
    assert Client().get(local(article.url)).status_code == 200
    assert cached(root, article.url).exists()
    assert f"p{article.pk}" in surrogate.KeyIndex(root).keys("testserver", local(article.url))


def test_a_big_host_is_gone_at_once_and_its_folder_deleted_in_the_background(folder, monkeypatch):
    monkeypatch.setattr(pagecache, "TRASH_INLINE_PAGES", 10)
    fill(folder, A, 30, others=0)
    fill(folder, B, 5, others=0)
    PageCacheBackend({"LOCATION": str(folder)}).purge_hosts([A])
    assert not (folder / A).exists()  # renamed away: nginx finds none of its pages
    pagecache.wait_for_trash()
    assert sorted(p.name for p in folder.iterdir()) == [B]  # the trash deleted
    assert len(files(folder, B)) == 5
