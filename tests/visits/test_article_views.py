"""Per-article "Lượt xem", the "Đọc nhiều nhất" list, and the widget's script."""

import json

from cong.core.cache import bump_content_version
from tests.factories import ArticlePageFactory

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0"


def read(client, page, times, ip="203.113.1.1"):
    for n in range(times):
        client.post(
            "/api/visits/hit",
            json.dumps({"path": page.url}),
            content_type="text/plain",
            HTTP_USER_AGENT=f"{FIREFOX} n{n}",
            REMOTE_ADDR=ip,
        )


def test_an_article_shows_how_many_times_it_was_read(store, client, section):
    article = ArticlePageFactory(parent=section, title="Bài được đọc")
    read(client, article, 3)
    html = client.get(article.url).content.decode()
    assert "Lượt xem: <span data-page-views>3</span>" in html


def test_most_read_lists_articles_by_views_in_the_last_30_days(store, client, section):
    quiet = ArticlePageFactory(parent=section, title="Bài ít người đọc")
    popular = ArticlePageFactory(parent=section, title="Bài nhiều người đọc")
    unread = ArticlePageFactory(parent=section, title="Bài chưa ai đọc")
    read(client, quiet, 1)
    read(client, popular, 4)
    store.flush()
    bump_content_version()  # the cached "most read" fragment is rebuilt
    html = client.get("/").content.decode()
    box = html.split('id="most-read-heading"')[1].split("</section>")[0]
    assert box.index("Bài nhiều người đọc") < box.index("Bài ít người đọc")
    assert unread.title not in box and popular.pk


def test_every_public_page_loads_the_counting_script_but_previews_do_not_count(client, section):
    html = client.get("/").content.decode()
    assert 'src="/static/js/visits.js" data-api="/api/visits/" defer' in html
    assert "data-visits-total" in html
    article = ArticlePageFactory(parent=section)
    preview = article.make_preview_request().render().content.decode()
    assert 'src="/static/js/visits.js" data-api="/api/visits/" data-track="off" defer' in preview
