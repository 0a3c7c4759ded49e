"""Purges that remove what changed: surrogate keys, one site at a time, every configured cache."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import wagtail_factories
from django.test import Client

from cong.core import surrogate
from cong.core.models import AgencySettings
from cong.participation.models import QuestionIndexPage, QuestionStatus
from tests.factories import ArticlePageFactory, CategoryPageFactory, LinkFactory, QuestionFactory
from tests.tenancy import OTHER_HOST, other_site  # noqa: F401 (a fixture)

assert other_site

HOST = "testserver"


@pytest.fixture
def root(settings, tmp_path) -> Path:
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]
    settings.CONG_PAGE_CACHE_DIR = str(tmp_path / "pagecache")
    settings.WAGTAILFRONTENDCACHE = {
        "pagecache": {"BACKEND": "cong.core.pagecache.PageCacheBackend"}
    }
    return tmp_path / "pagecache"


@pytest.fixture
def site(site):
    site.hostname = HOST
    site.save()
    return site


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def local(url: str) -> str:
    """A page's path (its `url` is absolute when several sites exist)."""
    return urlsplit(url).path


def cached(root: Path, path: str, host: str = HOST) -> Path:
    path = local(path)
    return root.joinpath(host, *[p for p in path.split("/") if p], "index.html")


def write(client: Client, root: Path, *urls: str, host: str = HOST) -> None:
    for url in map(local, urls):
        assert client.get(url, HTTP_HOST=host).status_code == 200, url
        assert cached(root, url, host).exists(), url


def keys(root: Path, path: str, host: str = HOST) -> set[str]:
    return surrogate.KeyIndex(root).keys(host, local(path))


@pytest.fixture
def tree(site):
    """A section with seven articles: the oldest is in no "Tin mới" sidebar (five newest)."""
    section = CategoryPageFactory(parent=site.root_page, title="Tin tức", slug="tin-tuc")
    other = CategoryPageFactory(parent=site.root_page, title="Chuyển đổi số", slug="cds")
    articles = [
        ArticlePageFactory(
            parent=section, title=f"Bài {n}", slug=f"bai-{n}", date=f"2024-01-{n + 1:02d}"
        )
        for n in range(7)
    ]
    return section, other, articles


def test_a_cached_page_carries_the_keys_of_what_it_showed(client, root, site, tree):
    section, _other, articles = tree
    photo = wagtail_factories.ImageFactory(title="Ảnh")
    article = articles[-1]
    article.featured_image = photo
    article.save_revision().publish()
    write(client, root, article.url, section.url)
    shown = keys(root, article.url)
    # the page, its ancestors (routing loads them), the image, the host
    assert {f"p{article.pk}", f"p{section.pk}", f"p{site.root_page_id}"} <= shown
    assert f"wagtailimages.image:{photo.pk}" in shown
    assert {"all", f"h:{HOST}"} <= shown
    # the section lists its articles
    assert {f"p{a.pk}" for a in articles[-3:]} <= keys(root, section.url)


def test_a_fragment_from_the_cache_adds_its_keys_to_the_page(client, root, site, tree):
    _section, other, articles = tree
    group_link = LinkFactory(title="Cổng Dịch vụ công quốc gia")
    write(client, root, articles[0].url)  # renders the link directory (cache miss)
    write(client, root, other.url)  # the brand and most-read fragments come from the cache
    for path in (articles[0].url, other.url):
        assert f"links.linkgroup:{group_link.group_id}" in keys(root, path)
        assert f"links.link:{group_link.pk}" in keys(root, path)


def test_editing_an_article_purges_the_pages_showing_it_not_the_others(
    client, root, site, tree, commit
):
    section, other, articles = tree
    oldest, newest = articles[0], articles[-1]
    write(client, root, "/", section.url, other.url, oldest.url, newest.url)
    oldest.title = "Bài cũ đã sửa"
    with commit(execute=True):
        oldest.save_revision().publish()
    # the oldest article is in no sidebar: its own page, its section and the home page go
    assert not cached(root, oldest.url).exists()
    assert not cached(root, section.url).exists()
    assert not cached(root, "/").exists()
    assert cached(root, other.url).exists() and cached(root, newest.url).exists()
    assert "Bài cũ đã sửa" in client.get(oldest.url).content.decode()


def test_editing_a_document_purges_the_list_and_the_articles_linking_it(
    client, root, site, tree, index, make_document, commit
):
    _section, other, articles = tree
    old = make_document("12/KH-UBND", issued="2020-01-01")
    for n in range(6):  # the five newest fill "Văn bản mới"
        make_document(f"{n + 30}/QĐ-UBND", issued=f"2024-0{n + 1}-01")
    linking = articles[1]
    linking.body = [("paragraph", "<p>Thực hiện Kế hoạch số 12/KH-UBND của tỉnh.</p>")]
    linking.save_revision().publish()
    write(client, root, index.url, linking.url, articles[2].url, other.url)
    write(client, root, linking.url)  # rendered again: the links come from the cache
    assert f"documents.legaldocument:{old.pk}" in keys(root, linking.url)
    old.summary = "Trích yếu đã sửa"
    with commit(execute=True):
        old.save()
    assert not cached(root, index.url).exists()  # the documents list showed it
    assert not cached(root, linking.url).exists()  # the article links it
    assert cached(root, articles[2].url).exists() and cached(root, other.url).exists()


def test_an_answered_question_purges_the_question_pages_only(client, root, site, tree, commit):
    _section, other, articles = tree
    questions = QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap")
    site.root_page.add_child(instance=questions)
    question = QuestionFactory()  # a citizen's question: not public yet
    write(client, root, "/hoi-dap/", other.url, articles[0].url)
    question.answer = "<p>Trả lời</p>"
    question.status = QuestionStatus.ANSWERED
    question.is_public = True
    with commit(execute=True):
        question.save()
    assert not cached(root, "/hoi-dap/").exists()
    assert cached(root, other.url).exists() and cached(root, articles[0].url).exists()


@pytest.mark.parametrize("change", ["link", "settings", "article", "menu"])
def test_a_change_on_site_b_leaves_site_a_cached(
    client,
    root,
    site,
    tree,
    other_site,  # noqa: F811
    change,
    commit,
):
    _section, other, articles = tree
    b_section = CategoryPageFactory(parent=other_site.root_page, title="Tin B", slug="tin-b")
    b_article = ArticlePageFactory(parent=b_section, title="Bài B", slug="bai-b")
    b_link = LinkFactory(title="Liên kết B", group__site=other_site)
    LinkFactory(title="Liên kết A")
    write(client, root, "/", other.url, articles[0].url, articles[-1].url)
    write(client, root, "/", b_section.url, b_article.url, host=OTHER_HOST)
    with commit(execute=True):
        if change == "link":
            b_link.title = "Liên kết B đã sửa"
            b_link.save()
            LinkFactory(title="Liên kết B mới", group=b_link.group)
        elif change == "settings":
            agency = AgencySettings.for_site(other_site)
            agency.agency_name = "Sở Tư pháp"
            agency.save()
        elif change == "article":
            b_article.title = "Bài B đã sửa"
            b_article.save_revision().publish()
        elif change == "menu":
            b_section.title = "Tin tức B"
            b_section.save_revision().publish()
    assert not cached(root, b_article.url, OTHER_HOST).exists()
    for path in ("/", other.url, articles[0].url, articles[-1].url):
        assert cached(root, path).exists(), path


def test_one_publish_purges_every_server_configured_as_a_backend(
    client, settings, tmp_path, site, tree, commit
):
    """Two app servers with a cache folder each: the backends of the one that publishes
    name both folders (the other's reached over NFS or a purge endpoint in production)."""
    section, other, articles = tree
    first, second = tmp_path / "server1", tmp_path / "server2"
    settings.WAGTAILFRONTENDCACHE = {
        "server1": {"BACKEND": "cong.core.pagecache.PageCacheBackend", "LOCATION": str(first)},
        "server2": {"BACKEND": "cong.core.pagecache.PageCacheBackend", "LOCATION": str(second)},
    }
    for folder in (first, second):  # each server renders the pages into its own folder
        settings.CONG_PAGE_CACHE_DIR = str(folder)
        write(client, folder, articles[0].url, other.url)
    settings.CONG_PAGE_CACHE_DIR = str(first)
    articles[0].title = "Bài đã sửa"
    with commit(execute=True):
        articles[0].save_revision().publish()
    for folder in (first, second):
        assert not cached(folder, articles[0].url).exists()
        assert cached(folder, other.url).exists()


class _Recorder(BaseHTTPRequestHandler):
    requests: list = []

    def do_PURGE(self) -> None:  # noqa: N802
        self.requests.append((self.path, self.headers.get("Host"), self.headers.get("xkey-purge")))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def varnish():
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", _Recorder.requests
    server.shutdown()


def test_varnish_is_sent_keys_and_pages_carry_an_xkey_header(
    client, root, settings, site, tree, varnish, commit
):
    url, received = varnish
    settings.WAGTAILFRONTENDCACHE = {
        "pagecache": {"BACKEND": "cong.core.pagecache.PageCacheBackend"},
        "varnish": {"BACKEND": "cong.core.surrogate.VarnishBackend", "LOCATION": url},
    }
    settings.CONG_SURROGATE_HEADER = "xkey"
    _section, _other, articles = tree
    response = client.get(local(articles[0].url))
    assert f"p{articles[0].pk}" in response["xkey"].split()
    with commit(execute=True):
        articles[0].save_revision().publish()
    purged = [keys for _path, _host, keys in received if keys]
    assert any(f"p{articles[0].pk}" in keys.split() for keys in purged)
    # the ancestors' pages by URL, with the site's Host
    assert ("/tin-tuc/", HOST, None) in received
    with commit(execute=True):
        AgencySettings.for_site(site).save()
    assert received[-1][2] == f"h:{HOST}"


def test_a_list_taken_from_the_cache_keeps_its_keys(client, root, site, tree, commit):
    """The maintenance banner's windows are cached per content version: pages rendered
    from the cached list still carry the windows' type, so a new window purges them."""
    from datetime import timedelta

    from django.utils import timezone

    from cong.compliance.models import MaintenanceWindow

    _section, other, articles = tree
    write(client, root, articles[0].url, other.url, "/")  # the first reads the table
    for path in (articles[0].url, other.url, "/"):
        assert "compliance.maintenancewindow" in keys(root, path)
    start = timezone.now() + timedelta(days=1)
    with commit(execute=True):
        MaintenanceWindow.objects.create(
            site=site, starts_at=start, ends_at=start + timedelta(hours=2), reason="Nâng cấp"
        )
    assert not list(root.rglob("index.html"))
