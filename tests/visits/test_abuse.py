"""One client cannot inflate the figures: per-address caps, crawler lists, webdriver, and the
addresses outside the page tree (legal documents, answers) that are real page views."""

import datetime
import json
from pathlib import Path

import crawleruseragents
import pytest
import time_machine
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.utils import timezone
from wagtail.models import Site

from cong.participation.models import QuestionIndexPage, QuestionStatus
from cong.visits import filters
from cong.visits.models import DroppedHits
from cong.visits.stats import summary_key
from cong.visits.stores import Hit
from cong.visits.stores.redis import RedisStore
from tests.factories import ArticlePageFactory, QuestionFactory
from tests.visits.conftest import install, redis_or_skip

BROWSERS = [
    line
    for line in (Path(__file__).parent / "data" / "browser_user_agents.txt")
    .read_text()
    .splitlines()
    if line and not line.startswith("#")
]
CRAWLERS = [ua for entry in crawleruseragents.CRAWLER_USER_AGENTS_DATA for ua in entry["instances"]]
OFFICE = "203.113.1.1"


def chrome(n: int) -> str:
    return (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        f"Chrome/131.0.{n}.0 Safari/537.36"
    )


@pytest.fixture
def beacon():
    client = Client()

    def send(path, user_agent=None, ip=OFFICE, **data):
        return client.post(
            "/api/visits/hit",
            json.dumps({"path": path, **data}),
            content_type="text/plain",
            HTTP_USER_AGENT=user_agent or chrome(0),
            REMOTE_ADDR=ip,
        )

    return send


@pytest.fixture
def article(section):
    return ArticlePageFactory(parent=section, title="Hội nghị tập huấn")


@pytest.fixture
def caps(settings):
    settings.CONG_VISITS_ADDRESS_NEW_PER_MINUTE = 5
    settings.CONG_VISITS_ADDRESS_NEW_PER_DAY = 8
    settings.CONG_VISITS_ADDRESS_VIEWS_PER_MINUTE = 12
    # The per-minute windows follow the clock: a test that crossed a minute boundary on a
    # slow machine would start a new window half-way. The clock stands still instead.
    moment = datetime.datetime(2026, 11, 10, 3, 0, 5, tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False):
        yield settings


def figures(client, store):
    cache.delete_many([summary_key(site.pk) for site in Site.objects.all()])
    return client.get("/api/visits/summary").json()


def dropped(store) -> dict:
    store.flush()
    return dict(DroppedHits.objects.values_list("reason", "count"))


# Per-address caps, in both stores ------------------------------------------------------------


def test_rotating_the_user_agent_from_one_address_makes_only_the_capped_new_visitors(
    store, caps, client, beacon, article
):
    for n in range(9):
        assert beacon(article.url, user_agent=chrome(n)).status_code == 204
    data = figures(client, store)
    assert (data["today"], data["pageviews_today"]) == (5, 5)
    assert dropped(store) == {"address_new_visitors": 4}


def test_browsers_already_seen_keep_being_counted_when_their_address_is_over_the_cap(
    store, caps, client, beacon, article
):
    beacon(article.url, user_agent=chrome(0))  # a reader of the office
    for n in range(1, 10):  # then someone rotates User-Agents from the same address
        beacon(article.url, user_agent=chrome(n))
    beacon(article.url, user_agent=chrome(0))  # the first reader's next page: still counted
    assert figures(client, store)["pageviews_today"] == 6


def test_other_addresses_are_not_affected_by_one_address_over_its_cap(
    store, caps, client, beacon, article
):
    for n in range(9):
        beacon(article.url, user_agent=chrome(n))
    beacon(article.url, user_agent=chrome(0), ip="14.160.0.9")
    assert figures(client, store)["today"] == 6


def test_the_new_visitor_cap_of_a_minute_starts_again_but_the_day_cap_holds(
    store, caps, client, beacon, article
):
    start = timezone.now().replace(hour=9, minute=0, second=0)
    with time_machine.travel(start, tick=False):
        for n in range(6):
            beacon(article.url, user_agent=chrome(n))
    with time_machine.travel(start + datetime.timedelta(minutes=1), tick=False):
        for n in range(6, 12):
            beacon(article.url, user_agent=chrome(n))
        data = figures(client, store)
    # 5 in the first minute (the 6th refused, yet one of the day's 8 new browsers), then 2.
    assert data["today"] == 7
    assert dropped(store) == {"address_new_visitors": 5}


def test_page_views_of_one_address_are_capped_per_minute(store, caps, client, beacon, article):
    for n in range(15):
        beacon(article.url, user_agent=chrome(n % 3))
    assert figures(client, store)["pageviews_today"] == 12
    assert dropped(store) == {"address_rate": 3}


def test_addresses_of_one_ipv6_64_network_share_one_cap(store, caps, client, beacon, article):
    for n in range(9):
        beacon(article.url, user_agent=chrome(n), ip=f"2001:ee0:4f0:1::{n + 1:x}")
    assert figures(client, store)["today"] == 5


def test_the_default_caps_let_an_office_of_sixty_new_readers_a_minute_be_counted(
    store, client, beacon, article
):
    # One minute, held still: a slow run must not spread the 61 readers over two minutes.
    with time_machine.travel(
        datetime.datetime(2026, 11, 10, 3, 0, 5, tzinfo=datetime.UTC), tick=False
    ):
        for n in range(61):
            beacon(article.url, user_agent=chrome(n))
        assert figures(client, store)["today"] == 60


def test_redis_visit_keys_honour_the_key_prefix(redis_store, settings, site, monkeypatch):
    settings.CONG_VISITS_KEY_PREFIX = "tinh-b"
    store = install(RedisStore(redis_or_skip()), monkeypatch)
    client = store.redis
    try:
        now = timezone.now()
        store.record(Hit(site.pk, "v1", "/", None, now, timezone.localdate(now), address="a" * 32))
        assert client.keys("tinh-b:visits:*")
        assert not client.keys("cong:visits:*")
    finally:
        keys = client.keys("tinh-b:visits:*")
        if keys:
            client.delete(*keys)


# Crawlers and software-driven browsers --------------------------------------------------------


def _counted(user_agents: list[str]) -> list[str]:
    factory = RequestFactory()
    return [
        ua
        for ua in user_agents
        if filters.drop_reason(factory.post("/api/visits/hit", HTTP_USER_AGENT=ua)) is None
    ]


def test_the_crawler_user_agents_list_is_filtered_and_no_real_browser_is_lost():
    assert len(CRAWLERS) > 2000 and len(BROWSERS) >= 200
    counted, kept = _counted(CRAWLERS), set(_counted(BROWSERS))
    lost = [ua for ua in BROWSERS if ua not in kept]
    share = 100 * len(counted) / len(CRAWLERS)
    print(
        f"\ncrawlers counted: {len(counted)}/{len(CRAWLERS)} ({share:.1f} %); "
        f"real browsers lost: {len(lost)}/{len(BROWSERS)} ({100 * len(lost) / len(BROWSERS):.1f} %)"
    )
    assert share <= 2, counted[:20]
    assert lost == []


@pytest.mark.parametrize(
    "user_agent",
    [
        # Each was counted as a visitor before the crawler-user-agents patterns were added.
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0; "
        "+https://perplexity.ai/perplexitybot)",
        "Amazon CloudFront",
        "Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Safari/537.36 Google-Extended",
    ],
)
def test_named_crawlers_that_crawlerdetect_missed_are_filtered(user_agent):
    assert filters.is_crawler(user_agent)


@pytest.mark.parametrize("family", ["coc_coc_browser", "Zalo", "FBAN/", "FB_IAB", "SamsungBrowser"])
def test_browsers_common_in_vietnam_are_not_crawlers(family):
    agents = [ua for ua in BROWSERS if family in ua]
    assert len(agents) >= 5
    assert not [ua for ua in agents if filters.is_crawler(ua)]


def test_a_beacon_saying_webdriver_is_not_counted(store, client, beacon, article):
    beacon(article.url, webdriver=True)
    beacon(article.url, user_agent=chrome(1), webdriver=False)
    assert figures(client, store)["pageviews_today"] == 1
    assert dropped(store) == {"webdriver": 1}


def test_the_browser_suite_can_count_software_driven_browsers(
    store, settings, client, beacon, article
):
    settings.CONG_VISITS_COUNT_WEBDRIVER = True
    beacon(article.url, webdriver=True)
    assert figures(client, store)["pageviews_today"] == 1


def test_the_page_script_reports_navigator_webdriver():
    script = (Path(__file__).resolve().parents[2] / "static" / "js" / "visits.js").read_text()
    assert "webdriver: navigator.webdriver === true" in script


# Addresses served by a page's own routes -------------------------------------------------------


@pytest.fixture
def questions_page(home):
    page = QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap")
    home.add_child(instance=page)
    return page


def test_views_of_legal_documents_and_answers_are_counted(
    store, client, beacon, index, make_document, questions_page
):
    document = make_document("21/KH-UBND")
    question = QuestionFactory(status=QuestionStatus.ANSWERED, is_public=True, answer="<p>Có.</p>")
    beacon(index.document_url(document))
    beacon(questions_page.sub_url("detail", pk=question.pk, slug=question.slug))
    beacon(index.url)
    assert figures(client, store)["pageviews_today"] == 3
    assert dropped(store) == {}


@pytest.mark.parametrize(
    "path",
    [
        "/van-ban/999999-khong-co/",  # no such document
        "/van-ban/{document}-sai-ten/",  # not the document's own address
        "/hoi-dap/theo-doi/ABC123/",  # a citizen's tracking page: its address carries a code
        "/hoi-dap/{question}-chua-cong-khai/",  # an answer not published
        "/hoi-dap/dat-cau-hoi/",
    ],
)
def test_other_addresses_under_those_pages_are_still_bad_paths(
    store, client, beacon, index, make_document, questions_page, path
):
    document = make_document("21/KH-UBND")
    question = QuestionFactory(status=QuestionStatus.RECEIVED)
    beacon(path.format(document=document.pk, question=question.pk))
    assert figures(client, store)["pageviews_today"] == 0
    assert dropped(store) == {"bad_path": 1}


def test_a_redis_store_needs_no_second_round_trip_per_hit(redis_store, site, caps):
    """The caps are in the hit's one Lua script: a hit is one call to Redis."""
    calls = []
    real = redis_store.redis.execute_command

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    redis_store.redis.execute_command = counting
    try:
        now = timezone.now()
        redis_store.record(Hit(site.pk, "v", "/", None, now, timezone.localdate(now), "a" * 32))
    finally:
        del redis_store.redis.execute_command
    assert calls in (["EVALSHA"], ["EVALSHA", "SCRIPT LOAD", "EVALSHA"]), calls
