"""POST /api/visits/hit and GET /api/visits/summary, as a browser's script uses them."""

import json

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from cong.visits.models import DroppedHits, VisitSettings
from cong.visits.stats import page_views_key, summary_key
from tests.factories import ArticlePageFactory
from tests.visits.conftest import send_to_wsgi

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/120.0.0.0 Safari/537.36",
    "coccocbot-web/1.0 (+http://help.coccoc.com/searchengine)",
    "python-requests/2.31.0",
    "curl/8.4.0",
]


@pytest.fixture(params=["django", "wsgi"])
def beacon(request):
    """Send a beacon through Django's whole stack (runserver, the test client) or the way
    gunicorn gets it, through cong.wsgi's BeaconFirst, which answers it before Django."""
    client = Client(enforce_csrf_checks=True)

    def send(path, user_agent=FIREFOX, content_type="text/plain", ip="203.113.1.1", **extra):
        body = json.dumps({"path": path}) if isinstance(path, str) else path
        if request.param == "wsgi":
            return send_to_wsgi(
                body, content_type=content_type, HTTP_USER_AGENT=user_agent, REMOTE_ADDR=ip, **extra
            )
        return client.post(
            "/api/visits/hit",
            body,
            content_type=content_type,
            HTTP_USER_AGENT=user_agent,
            REMOTE_ADDR=ip,
            **extra,
        )

    return send


@pytest.fixture
def article(section):
    return ArticlePageFactory(parent=section, title="Hội nghị tập huấn")


def figures(client):
    # The summary is cached for 5 s; these tests read it at once. (Not cache.clear(): with
    # Redis as the cache, that would flush the visit counters too.)
    cache.delete_many([summary_key(site.pk) for site in Site.objects.all()])
    return client.get("/api/visits/summary").json()


def test_a_beacon_without_csrf_token_is_counted_and_answered_204(store, client, beacon, article):
    response = beacon(article.url)
    assert response.status_code == 204
    data = figures(client)
    assert (data["today"], data["total"], data["pageviews_today"], data["online"]) == (1, 1, 1, 1)


def test_json_bodies_are_accepted_too(store, client, beacon, article):
    assert beacon(article.url, content_type="application/json").status_code == 204
    assert figures(client)["pageviews_total"] == 1


def test_each_browser_is_one_visitor_and_each_load_one_page_view(store, client, beacon, article):
    for _ in range(3):
        beacon(article.url, user_agent=FIREFOX)
        beacon(article.url, user_agent=IPHONE)
    beacon(article.url, user_agent=FIREFOX, ip="14.160.0.9")  # same browser, other address
    data = figures(client)
    assert (data["today"], data["pageviews_today"]) == (3, 7)


@pytest.mark.parametrize("user_agent", BOTS)
def test_crawlers_and_headless_browsers_are_not_counted(store, client, beacon, article, user_agent):
    assert beacon(article.url, user_agent=user_agent).status_code == 204
    data = figures(client)
    assert (data["today"], data["pageviews_total"]) == (0, 0)
    store.flush()
    assert DroppedHits.objects.get().reason == "crawler"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("https://evil.example/", "bad_request"),
        ("/admin/", "bad_path"),
        ("/khong-ton-tai/", "bad_path"),
        (b"\xff\xfe not json", "bad_request"),
        ('{"path": 12}', "bad_request"),
        ("/static/css/site.css", "bad_path"),
        ("/" + "a" * 600, "bad_request"),
    ],
)
def test_only_addresses_of_the_site_are_counted(store, client, beacon, home, body, reason):
    assert beacon(body).status_code == 204
    assert figures(client)["pageviews_total"] == 0
    store.flush()
    assert DroppedHits.objects.get().reason == reason


def test_prefetches_and_missing_user_agents_are_not_page_views(store, client, beacon, article):
    beacon(article.url, HTTP_SEC_PURPOSE="prefetch")
    beacon(article.url, user_agent="")
    assert figures(client)["pageviews_total"] == 0
    store.flush()
    assert dict(DroppedHits.objects.values_list("reason", "count")) == {
        "prefetch": 1,
        "no_user_agent": 1,
    }


def test_a_visitor_over_the_rate_cap_is_not_counted(store, client, beacon, article, site):
    settings = VisitSettings.for_site(site)
    settings.max_hits_per_minute = 5
    settings.save()
    # The cap counts per clock minute: held still, a slow run cannot straddle two minutes.
    with time_machine.travel(timezone.now().replace(second=1), tick=False):
        for _ in range(8):
            beacon(article.url)
    assert figures(client)["pageviews_total"] == 5
    store.flush()
    assert DroppedHits.objects.get(reason="rate").count == 3


def test_other_counted_addresses_such_as_search_are_accepted(store, client, beacon, home):
    beacon("/tim-kiem/")
    assert figures(client)["pageviews_total"] == 1


def test_the_summary_adds_the_carried_over_total_and_can_be_cached(
    store, client, beacon, site, article
):
    settings = VisitSettings.for_site(site)
    settings.total_baseline = 5689426
    settings.save()
    beacon(article.url)
    response = client.get("/api/visits/summary")
    assert response["Cache-Control"] == "public, max-age=5"
    data = figures(client)
    assert data == {
        "online": 1,
        "today": 1,
        "total": 5689427,
        "pageviews_today": 1,
        "pageviews_total": 1,
    }
    assert all(isinstance(value, int) for value in data.values())


def test_the_summary_gives_a_page_its_views(store, client, beacon, article):
    beacon(article.url)
    beacon(article.url, user_agent=IPHONE)
    figures(client)
    cache.delete(page_views_key(article.pk))
    assert client.get("/api/visits/summary", {"path": article.url}).json()["page_views"] == 2


def test_a_get_on_the_beacon_is_refused(client, home):
    assert client.get("/api/visits/hit").status_code == 405


def test_a_visit_across_local_midnight_counts_once_on_each_day(store, client, beacon, article):
    import datetime

    import time_machine

    # 23:59 and 00:01 in Hà Nội are 16:59 and 17:01 UTC: one day in UTC, two days here.
    with time_machine.travel(datetime.datetime(2026, 3, 1, 16, 59, tzinfo=datetime.UTC)):
        beacon(article.url)
        assert figures(client)["today"] == 1
    with time_machine.travel(datetime.datetime(2026, 3, 1, 17, 1, tzinfo=datetime.UTC)):
        beacon(article.url)  # two minutes later, but a new local day and a new daily secret
        data = figures(client)
    assert (data["today"], data["total"], data["pageviews_today"]) == (1, 2, 1)
