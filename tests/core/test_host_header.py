"""The request's Host header never reaches a page: absolute links come from the Site record,
and the page cache writes only pages asked for by a Site's own address."""

import re
from pathlib import Path

import pytest
import wagtail_factories
from django.test import Client

from cong.core.addresses import absolute_url, root_url
from tests.factories import ArticlePageFactory

FOREIGN_HOSTS = ["127.0.0.1:6666", "localhost:6666", "127.0.0.1", "[::1]:6666"]


@pytest.fixture
def article(section):
    photo = wagtail_factories.ImageFactory(title="Ảnh", width=1600, height=1000)
    return ArticlePageFactory(
        parent=section, title="Hội nghị chuyển đổi số", slug="hoi-nghi", featured_image=photo
    )


XML_NAMESPACES = ("http://www.w3.org/", "http://purl.org/", "http://www.sitemaps.org/")


def absolute_links(text: str) -> set[str]:
    links = set(re.findall(r"https?://[^\s\"'<>]+", text))
    return {link for link in links if not link.startswith(XML_NAMESPACES)}


@pytest.mark.parametrize("host", FOREIGN_HOSTS)
def test_a_page_asked_for_with_a_foreign_host_links_only_to_the_sites_address(article, host):
    html = Client(HTTP_HOST=host).get(article.url).content.decode()
    assert '<meta property="og:image" content="http://localhost/media/images/' in html
    assert f'<link rel="canonical" href="http://localhost{article.url}">' in html
    assert f'<meta property="og:url" content="http://localhost{article.url}">' in html
    own = [u for u in absolute_links(html) if u.startswith("http://localhost/")]
    assert own and "6666" not in html
    assert not [u for u in absolute_links(html) if "127.0.0.1" in u or "[::1]" in u]


@pytest.mark.parametrize("path", ["/rss/", "/sitemap.xml", "/robots.txt"])
def test_feeds_sitemap_and_robots_link_to_the_sites_address(article, path):
    response = Client(HTTP_HOST="127.0.0.1:6666").get(path)
    assert response.status_code == 200
    links = absolute_links(response.content.decode())
    assert links and all(u.startswith("http://localhost/") for u in links), links


def test_the_rss_items_link_to_the_articles_on_the_sites_address(article):
    body = Client(HTTP_HOST="localhost:6666").get("/rss/").content.decode()
    assert f"<link>http://localhost{article.url}</link>" in body
    assert '<atom:link href="http://localhost/rss/" rel="self"' in body


def test_the_site_record_decides_the_address_and_the_setting_stands_in(settings, site):
    site.hostname, site.port = "stttt.thanhhoa.gov.vn", 443
    assert absolute_url("/rss/", site) == "https://stttt.thanhhoa.gov.vn/rss/"
    settings.WAGTAILADMIN_BASE_URL = "https://cong.example.vn/"
    assert root_url(None) == "https://cong.example.vn"


@pytest.fixture
def pagecache_dir(settings, tmp_path) -> Path:
    settings.CONG_PAGE_CACHE_DIR = str(tmp_path / "pagecache")
    return tmp_path / "pagecache"


def written(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("index.html"))


@pytest.mark.parametrize("host", FOREIGN_HOSTS + ["testserver"])
def test_the_page_cache_writes_nothing_for_a_host_that_is_not_a_site(
    pagecache_dir, article, host, settings
):
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]
    assert Client(HTTP_HOST=host).get(article.url).status_code == 200
    assert written(pagecache_dir) == []


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST", "localhost:80"])
def test_the_page_cache_writes_a_page_asked_for_by_the_sites_address(pagecache_dir, article, host):
    Client(HTTP_HOST=host).get(article.url)
    assert written(pagecache_dir) == [f"localhost{article.url}index.html"]


def test_a_site_on_another_port_is_written_only_for_that_port(pagecache_dir, article, site):
    site.port = 8080
    site.save()
    Client(HTTP_HOST="localhost:6666").get(article.url)
    assert written(pagecache_dir) == []
    Client(HTTP_HOST="localhost:8080").get(article.url)
    assert written(pagecache_dir) == [f"localhost{article.url}index.html"]
