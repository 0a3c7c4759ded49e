"""Beacons nginx logged, counted by `ingest_beacons` (cong.visits.ingest): the same counts as
the view, exactly once across a crash, and across a log rotation."""

import datetime
import json
import os
import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import redis
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from cong.core import clients
from cong.core.models import DailySalt
from cong.visits import filters
from cong.visits.ingest import (
    BAD_FIELD,
    BAD_HOST,
    BAD_JSON,
    BAD_TIME,
    NOT_ANSWERED,
    TOO_LONG,
    Ingester,
    Logged,
    parse_line,
)
from cong.visits.models import (
    AddressDay,
    BeaconLogPosition,
    DailyStats,
    DroppedHits,
    PageDailyStats,
    VisitorDay,
    VisitSettings,
)
from cong.visits.stores.base import Drop, Hit
from tests.factories import ArticlePageFactory
from tests.loopback_nginx import running_nginx
from tests.visits.conftest import REDIS_URL, clean_redis

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
# 23:50 in Hà Nội (UTC+7): the hits run past local midnight into the next day.
START = datetime.datetime(2026, 6, 1, 16, 50, tzinfo=datetime.UTC)


def nginx_line(
    at: datetime.datetime,
    body: bytes | str,
    user_agent: str = FIREFOX,
    ip: str = "203.113.1.1",
    host: str = "testserver",
    status: str = "204",
    sec_purpose: str = "",
) -> bytes:
    """A line as nginx's `log_format cong_beacon escape=json` writes it: `"` and `\\` and
    control characters escaped, other bytes (UTF-8 or not) as they came."""
    fields = {
        "t": f"{at.timestamp():.3f}",
        "s": status,
        "x": "http",
        "h": host,
        "f": ip,
        "u": user_agent,
        "sp": sec_purpose,
        "p": "",
    }
    head = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))[:-1].encode()
    raw = body.encode() if isinstance(body, str) else body
    escaped = raw.replace(b"\\", b"\\\\").replace(b'"', b'\\"')
    escaped = b"".join(b"\\u%04x" % c if c < 32 else bytes([c]) for c in escaped)
    return head + b',"b":"' + escaped + b'"}\n'


def body(path: str, webdriver: bool = False) -> str:
    return json.dumps({"path": path, **({"webdriver": True} if webdriver else {})})


@pytest.fixture
def article(section):
    return ArticlePageFactory(parent=section, title="Hội nghị tập huấn")


@pytest.fixture
def caps(settings, site):
    settings.CONG_PROXY_COUNT = 1
    settings.CONG_VISITS_ADDRESS_NEW_PER_MINUTE = 4
    settings.CONG_VISITS_ADDRESS_VIEWS_PER_MINUTE = 50
    visit_settings = VisitSettings.for_site(site)
    visit_settings.max_hits_per_minute = 3
    visit_settings.save()
    cache.clear()
    return settings


def scenario(article, section) -> list[dict]:
    """Hits that exercise every rule: dedup, per-visitor rate, per-address new visitors,
    bots, prefetch, webdriver, bad paths and bodies, a new visit, and local midnight."""
    a, s = article.url, section.url
    hits = [dict(body=body(a)) for _ in range(5)]  # 4th and 5th: over 3 a minute
    hits += [dict(body=body(a), user_agent=IPHONE, ip="203.113.1.2")]
    hits += [dict(body=body(s), user_agent=IPHONE, ip="203.113.1.2")]
    hits += [dict(body=body(a), user_agent=GOOGLEBOT)]
    hits += [dict(body=body(a), user_agent="")]
    hits += [dict(body=body(a), user_agent=IPHONE, sec_purpose="prefetch")]
    hits += [dict(body=body(a, webdriver=True), user_agent=IPHONE + " x")]
    hits += [dict(body=body("/khong-co-trang-nay/"), ip="203.113.1.3")]
    hits += [dict(body="not json", ip="203.113.1.3"), dict(body=b'{"path": "/\xff"}')]
    # One address, six new browsers in a minute: the 5th and 6th are over its cap of 4.
    hits += [dict(body=body(a), user_agent=f"{FIREFOX} n{i}", ip="203.113.1.9") for i in range(6)]
    timed = [dict(at=START + datetime.timedelta(seconds=i), **hit) for i, hit in enumerate(hits)]
    # 35 minutes later (the next local day): Firefox again, a new visit on another day.
    later = START + datetime.timedelta(minutes=35)
    timed += [dict(at=later, body=body(a)), dict(at=later, body=body(s), ip="203.113.1.2")]
    return timed


def counts(store) -> dict:
    store.flush()
    return {
        "days": sorted(DailyStats.objects.values_list("day", "visits", "pageviews")),
        "pages": sorted(PageDailyStats.objects.values_list("day", "path", "page_id", "views")),
        "dropped": sorted(DroppedHits.objects.values_list("day", "reason", "count")),
    }


def forget_everything(store) -> None:
    """A fresh start for the second path: no counters, visitors, salts or cached minutes."""
    for model in (DailyStats, PageDailyStats, DroppedHits, VisitorDay, AddressDay, DailySalt):
        model.objects.all().delete()
    cache.clear()
    if hasattr(store, "redis"):
        clean_redis(REDIS_URL)
    clients._salts.clear()


def send_through_view(hits) -> None:
    client = Client()
    for hit in hits:
        extra = {"HTTP_SEC_PURPOSE": hit["sec_purpose"]} if hit.get("sec_purpose") else {}
        payload = hit["body"].encode() if isinstance(hit["body"], str) else hit["body"]
        with time_machine.travel(hit["at"], tick=False):
            response = client.post(
                "/api/visits/hit",
                payload,
                content_type="text/plain",
                HTTP_USER_AGENT=hit.get("user_agent", FIREFOX),
                REMOTE_ADDR="127.0.0.1",
                HTTP_X_FORWARDED_FOR=hit.get("ip", "203.113.1.1"),
                **extra,
            )
        assert response.status_code == 204


def write_log(path: Path, hits, mode: str = "wb") -> None:
    with path.open(mode) as log:
        for hit in hits:
            log.write(nginx_line(**hit))


# -- the line parser ---------------------------------------------------------------------


def test_a_logged_line_is_read_as_nginx_wrote_it():
    at = datetime.datetime(2026, 6, 1, 3, 0, 0, 250000, tzinfo=datetime.UTC)
    line = parse_line(
        nginx_line(at, '{"path": "/a\\"b/"}', user_agent='UA "quoted"', sec_purpose="prefetch")
    )
    assert isinstance(line, Logged)
    assert line.at == at
    assert line.body == b'{"path": "/a\\"b/"}'
    assert line.user_agent == 'UA "quoted"'
    assert line.purpose == "prefetch"
    assert (line.host, line.forwarded_for, line.scheme) == ("testserver", "203.113.1.1", "http")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", BAD_JSON),
        (b"{not json", BAD_JSON),
        (b'["a"]', BAD_JSON),
        (b"\xff\xfe{", BAD_JSON),
        (b"{" + b" " * 70_000 + b"}", TOO_LONG),
        (b'{"t": "1"}', BAD_FIELD),
        (nginx_line(START, "{}").replace(b'"u":"', b'"u":1,"v":"'), BAD_FIELD),
        (nginx_line(START, "{}").replace(b'"t":"', b'"t":"x'), BAD_TIME),
        (nginx_line(START, "{}").replace(b'"t":"', b'"t":"9e99'), BAD_TIME),
        (nginx_line(START, "x" * 5000, status="413"), NOT_ANSWERED),
    ],
)
def test_odd_lines_are_skipped_with_a_reason_never_a_crash(raw, reason):
    assert parse_line(raw) == reason


def test_a_body_that_is_not_utf8_is_kept_byte_for_byte_and_dropped_as_a_bad_request(
    store, site, tmp_path
):
    line = parse_line(nginx_line(START, b'{"path": "/\xff\xfe"}', user_agent=FIREFOX))
    assert isinstance(line, Logged)
    assert line.body == b'{"path": "/\xff\xfe"}'
    log = tmp_path / "beacons.log"
    write_log(log, [dict(at=START, body=b'{"path": "/\xff\xfe"}')])
    Ingester(log, store).drain()
    assert counts(store)["dropped"] == [(datetime.date(2026, 6, 1), filters.BAD_REQUEST, 1)]


def test_a_host_we_do_not_serve_is_skipped(store, site, tmp_path):
    log = tmp_path / "beacons.log"
    write_log(log, [dict(at=START, body=body("/"), host="evil.example")])
    ingester = Ingester(log, store)
    assert ingester.drain() == 1
    assert ingester.stats.rejected == {BAD_HOST: 1}
    assert counts(store) == {"days": [], "pages": [], "dropped": []}


# -- the same counts as the view -----------------------------------------------------------


def test_a_log_counts_exactly_what_the_view_counts(store, caps, article, section, tmp_path):
    hits = scenario(article, section)
    send_through_view(hits)
    through_view = counts(store)
    forget_everything(store)  # salts too: yesterday's lines count on their own day anyway
    log = tmp_path / "beacons.log"
    write_log(log, hits)
    Ingester(log, store, batch_lines=4).drain()
    through_log = counts(store)
    assert through_log == through_view
    # What the scenario means, so an equal but empty result cannot pass.
    first, second = datetime.date(2026, 6, 1), datetime.date(2026, 6, 2)
    assert through_view["days"] == [(first, 6, 9), (second, 2, 2)]
    assert dict(((d, r), n) for d, r, n in through_view["dropped"]) == {
        (first, filters.RATE): 2,
        (first, filters.CRAWLER): 1,
        (first, filters.NO_USER_AGENT): 1,
        (first, filters.PREFETCH): 1,
        (first, filters.WEBDRIVER): 1,
        (first, filters.BAD_PATH): 1,
        (first, filters.BAD_REQUEST): 2,
        (first, filters.ADDRESS_NEW_VISITORS): 2,
    }


# -- exactly once --------------------------------------------------------------------------


def test_a_worker_killed_between_batches_resumes_after_the_last_stored_one(
    store, caps, article, section, tmp_path
):
    hits = scenario(article, section)
    log = tmp_path / "beacons.log"
    write_log(log, hits)
    Ingester(log, store).drain()
    once = counts(store)
    forget_everything(store)
    BeaconLogPosition.objects.all().delete()

    first = Ingester(log, store, batch_lines=5)
    assert first.step() == 5 and first.step() == 5
    del first  # killed: a new process starts from the stored position
    second = Ingester(log, store, batch_lines=5)
    assert second.drain() == len(hits) - 10
    assert counts(store) == once


def test_a_worker_killed_while_storing_a_batch_stores_none_of_it(
    store, caps, article, section, tmp_path, monkeypatch
):
    hits = scenario(article, section)
    log = tmp_path / "beacons.log"
    write_log(log, hits)
    Ingester(log, store).drain()
    once = counts(store)
    forget_everything(store)
    BeaconLogPosition.objects.all().delete()

    dying = Ingester(log, store, batch_lines=5)
    assert dying.step() == 5
    # Killed in the middle of the second batch's store: its hits are written, the
    # position is not (SQL: inside the transaction; Redis: before EXEC).
    if hasattr(store, "redis"):
        monkeypatch.setattr(
            redis.client.Pipeline,
            "execute",
            lambda self, *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()),
        )
    else:
        real = BeaconLogPosition.objects.update_or_create

        def die(*args, **kwargs):
            raise KeyboardInterrupt

        monkeypatch.setattr(BeaconLogPosition.objects, "update_or_create", die)
    with pytest.raises(KeyboardInterrupt):
        dying.step()
    monkeypatch.undo()
    if not hasattr(store, "redis"):
        assert BeaconLogPosition.objects.update_or_create == real
    Ingester(log, store, batch_lines=5).drain()
    assert counts(store) == once


def test_lines_wait_in_the_log_while_the_store_is_down(store, caps, article, tmp_path, monkeypatch):
    log = tmp_path / "beacons.log"
    write_log(log, [dict(at=START, body=body(article.url))])
    ingester = Ingester(log, store)
    real = store.apply_batch
    monkeypatch.setattr(
        store, "apply_batch", lambda *a: (_ for _ in ()).throw(redis.ConnectionError())
    )
    with pytest.raises(redis.ConnectionError):
        ingester.step()
    monkeypatch.setattr(store, "apply_batch", real)
    ingester.close()
    assert Ingester(log, store).drain() == 1
    assert counts(store)["days"] == [(datetime.date(2026, 6, 1), 1, 1)]


def test_a_partial_line_waits_for_its_end(store, caps, article, tmp_path):
    log = tmp_path / "beacons.log"
    line = nginx_line(START, body(article.url))
    log.write_bytes(line + line[:20])
    ingester = Ingester(log, store)
    assert ingester.drain() == 1
    with log.open("ab") as f:
        f.write(line[20:])
    assert ingester.drain() == 1
    assert counts(store)["days"] == [(datetime.date(2026, 6, 1), 1, 2)]


# -- rotation ------------------------------------------------------------------------------


def test_a_rotated_log_is_finished_before_the_new_one(store, caps, article, tmp_path):
    log = tmp_path / "beacons.log"
    ip = iter(f"198.51.100.{i}" for i in range(1, 100))
    hit = lambda: dict(at=START, body=body(article.url), ip=next(ip))  # noqa: E731
    write_log(log, [hit(), hit()])
    ingester = Ingester(log, store, rotate_grace=0)
    assert ingester.drain() == 2
    os.rename(log, tmp_path / "beacons.log.1")  # logrotate
    write_log(tmp_path / "beacons.log.1", [hit()], mode="ab")  # nginx before USR1
    write_log(log, [hit(), hit()])  # nginx after USR1: the new file
    assert ingester.drain() == 1  # the rest of the old file, then the switch
    assert ingester.drain() == 2
    assert counts(store)["days"] == [(datetime.date(2026, 6, 1), 5, 5)]


def test_a_worker_restarted_after_a_rotation_finds_the_renamed_file(store, caps, article, tmp_path):
    log = tmp_path / "beacons.log"
    ip = iter(f"198.51.100.{i}" for i in range(1, 100))
    hit = lambda: dict(at=START, body=body(article.url), ip=next(ip))  # noqa: E731
    write_log(log, [hit(), hit()])
    Ingester(log, store, batch_lines=1).step()  # one line counted, then killed
    os.rename(log, tmp_path / "beacons.log.1")
    write_log(log, [hit(), hit(), hit()])
    restarted = Ingester(log, store, rotate_grace=0)
    assert restarted.drain() == 1  # the old file's last line
    assert restarted.drain() == 3
    assert counts(store)["days"] == [(datetime.date(2026, 6, 1), 5, 5)]
    assert Ingester(log, store).drain() == 0  # nothing twice


def test_the_command_counts_the_log_once(store, caps, article, tmp_path, settings):
    log = tmp_path / "beacons.log"
    write_log(log, [dict(at=START, body=body(article.url)), dict(at=START, body="{")])
    settings.CONG_VISITS_BEACON_LOG = str(log)
    call_command("ingest_beacons", "--once")
    call_command("ingest_beacons", "--once")
    assert counts(store)["days"] == [(datetime.date(2026, 6, 1), 1, 1)]


def test_judged_lines_are_the_view_verdicts(store, caps, article, tmp_path):
    verdicts = Ingester(tmp_path / "none", store).judge_lines(
        [nginx_line(START, body(article.url)), nginx_line(START, body(article.url), user_agent="")]
    )
    assert isinstance(verdicts[0], Hit) and verdicts[0].page_id == article.pk
    assert verdicts[1] == Drop(verdicts[0].site_id, datetime.date(2026, 6, 1), "no_user_agent")


# -- nginx itself ----------------------------------------------------------------------------


def _post(url: str, data: bytes, user_agent: str = FIREFOX, method: str = "POST") -> int:
    request = urllib.request.Request(  # noqa: S310 (loopback)
        url, data=data, method=method, headers={"User-Agent": user_agent, "Host": "localhost"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_nginx_answers_beacons_itself_and_its_log_counts_them(store, caps, article, tmp_path):
    """The rendered site with CONG_VISITS_BEACON_LOG: 204 from nginx with no gunicorn at all
    (its upstream is a closed port), and the lines it logged count as the view would."""
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if nginx is None:
        pytest.skip("nginx is not installed (apt-get install nginx)")
    from tests.core.test_nginx_site import _free_port, load_render

    log = tmp_path / "beacons.log"
    caps.CONG_VISITS_BEACON_LOG = str(log)
    caps.CONG_PAGE_CACHE_DIR = str(tmp_path / "pagecache")
    caps.CONG_MAINTENANCE_DIR = str(tmp_path / "maintenance")
    caps.ALLOWED_HOSTS = ["localhost"]
    caps.STATIC_ROOT = str(tmp_path / "static")
    (tmp_path / "static" / "errors").mkdir(parents=True)
    (tmp_path / "static" / "errors" / "413.html").write_text("<p>Quá lớn</p>")
    port, render = _free_port(), load_render()
    sink = f"unix:{tmp_path / 'sink.sock'}"
    conf = render.site(caps, f"127.0.0.1:{port}", "localhost", "127.0.0.1:9", beacon_sink=sink)
    url = f"http://127.0.0.1:{port}/api/visits/hit"
    with running_nginx(nginx, render, conf, tmp_path / "nginx", port):
        assert _post(url, body(article.url).encode()) == 204
        assert _post(url, body(article.url).encode(), user_agent=IPHONE + ' "q"') == 204
        assert _post(url, b'{"path": "/\xff"}') == 204
        assert _post(url, b"x" * 5000) == 413
        assert _post(url, b"", method="GET") == 405
        time.sleep(0.2)  # nginx writes the line after the answer
    statuses = [json.loads(line.decode("latin-1"))["s"] for line in log.read_bytes().splitlines()]
    # The 413 is logged by nginx's error page's location (access_log of the site), not here.
    assert statuses == ["204", "204", "204", "405"]
    ingester = Ingester(log, store)
    assert ingester.drain() == 4
    assert ingester.stats.rejected == {NOT_ANSWERED: 1}
    assert counts(store)["pages"][0][1:] == (article.url, article.pk, 2)
    assert [(r, n) for _d, r, n in counts(store)["dropped"]] == [(filters.BAD_REQUEST, 1)]


def test_a_restarted_worker_keeps_a_visitors_minute_count(store, caps, article, tmp_path):
    """The per-visitor cap (3 a minute here) counts on across a restart: the new worker
    reads the minute's count the old one wrote back, it does not start from zero."""
    log = tmp_path / "beacons.log"
    write_log(log, [dict(at=START, body=body(article.url)) for _ in range(2)])
    assert Ingester(log, store).drain() == 2
    write_log(log, [dict(at=START, body=body(article.url)) for _ in range(2)], mode="ab")
    assert Ingester(log, store).drain() == 2
    day = datetime.date(2026, 6, 1)
    assert counts(store)["days"] == [(day, 1, 3)]
    assert counts(store)["dropped"] == [(day, filters.RATE, 1)]


def test_a_batch_retried_after_a_store_error_keeps_the_visitors_count(
    store, caps, article, tmp_path, monkeypatch
):
    """The store and the cache down together (one Redis): the batch is judged again when
    the store is back, and its hits are not counted twice against the cap of 3 a minute."""
    log = tmp_path / "beacons.log"
    write_log(log, [dict(at=START, body=body(article.url)) for _ in range(3)])
    ingester = Ingester(log, store)
    monkeypatch.setattr(cache, "set_many", lambda *a, **k: [])  # cache writes lost
    real = store.apply_batch
    monkeypatch.setattr(
        store, "apply_batch", lambda *a: (_ for _ in ()).throw(redis.ConnectionError())
    )
    with pytest.raises(redis.ConnectionError):
        ingester.step()
    monkeypatch.setattr(store, "apply_batch", real)
    assert ingester.step() == 3
    assert counts(store)["days"] == [(datetime.date(2026, 6, 1), 1, 3)]
    assert counts(store)["dropped"] == []


def test_a_batch_retried_in_smaller_batches_keeps_every_lines_count(
    store, caps, article, tmp_path, monkeypatch
):
    """A first attempt of five lines judged (its counts remembered), not stored; then a
    worker with batches of two: the lines past its first batch still find their counts, so
    the second visitor's three hits are not counted again on top of themselves (cap 3)."""
    log = tmp_path / "beacons.log"
    hits = [dict(at=START, body=body(article.url)) for _ in range(2)]
    hits += [dict(at=START, body=body(article.url), user_agent=IPHONE) for _ in range(3)]
    write_log(log, hits)
    real = store.apply_batch
    monkeypatch.setattr(
        store, "apply_batch", lambda *a: (_ for _ in ()).throw(redis.ConnectionError())
    )
    with pytest.raises(redis.ConnectionError):
        Ingester(log, store).step()
    monkeypatch.setattr(store, "apply_batch", real)
    assert Ingester(log, store, batch_lines=2).drain() == 5
    assert counts(store)["days"] == [(datetime.date(2026, 6, 1), 2, 5)]
    assert counts(store)["dropped"] == []


def test_lines_of_one_batch_keep_their_own_client_and_site(store, caps, article):
    """What is found per (Host, scheme, X-Forwarded-For) for a batch is each line's own."""
    from cong.visits.counting import Beacon
    from cong.visits.ingest import beacon_for

    places = [
        ("203.113.1.1", "testserver"),
        ("203.113.1.2", "testserver"),
        ("203.113.1.1", "evil.example"),
        ("203.113.1.1", "testserver"),
        ("10.0.0.1, 203.113.1.2", "testserver"),
        ("10.0.0.1, 203.113.1.3", "testserver:8080"),
    ]
    lines = [parse_line(nginx_line(START, body(article.url), ip=ip, host=h)) for ip, h in places]
    sites: dict = {}
    clients: dict = {}
    together = [beacon_for(line, sites, clients) for line in lines]
    assert together == [beacon_for(line, {}) for line in lines]
    assert together[2] == BAD_HOST
    assert [b.ip for b in together if isinstance(b, Beacon)] == [
        "203.113.1.1",
        "203.113.1.2",
        "203.113.1.1",
        "203.113.1.2",
        "203.113.1.3",
    ]
    assert len(clients) == 5
