"""The production store: one Lua script per hit in Redis, flushed to SQL every minute.

A hit is one atomic script (visitor's last-seen time, the day's counters, the page's
counter, the "online" sorted set), so concurrent workers never lose an update. Counters wait
in Redis until `manage.py flush_visits` moves them to SQL: the keys of a day are renamed to a
batch in one atomic step, the batch is added to SQL in one transaction together with its
id (so a retried flush adds nothing twice), and only then are the batch keys deleted.

What a Redis crash can lose: counters not yet flushed (at most one flush interval, one minute
with the shipped timer) unless Redis persists with appendonly/fsync; visitors' last-seen
times (a visitor's next hit then counts as a new visit).
"""

import datetime
import json
import uuid
from collections import Counter
from typing import Any

import redis
from django.conf import settings
from django.db import IntegrityError, transaction
from redis.backoff import NoBackoff
from redis.retry import Retry
from wagtail.models import Page

from cong.visits.models import DailyStats, DroppedHits, FlushedBatch, PageDailyStats
from cong.visits.stores.base import VISIT_GAP, AddressLimits, Drop, Hit, LogPosition, Summary
from cong.visits.stores.database import increment, sql_page_views, sql_summary

PREFIX = "cong:visits:"  # with the default prefix; a store uses _prefix() as it starts
VISITOR_TTL = 2 * 24 * 3600
ONLINE_KEEP = 3600
CONNECT_TIMEOUT = 0.5
TIMEOUT = 5.0  # a flush reads whole hashes

# KEYS[7], KEYS[8]: the address's counts of this minute (hash: views, new) and of this day
# (new browsers); ARGV[9..11]: the caps. A hit over a cap is counted as dropped (KEYS[9])
# and returns -1; otherwise 1 for a new visit, 0 for a page view within a visit.
RECORD = """
local last = redis.call('GET', KEYS[1])
if KEYS[7] ~= '' then
  local views = redis.call('HINCRBY', KEYS[7], 'views', 1)
  if views == 1 then redis.call('EXPIRE', KEYS[7], 120) end
  local reason = nil
  if views > tonumber(ARGV[11]) then reason = 'address_rate' end
  if not last then
    local minute_new = redis.call('HINCRBY', KEYS[7], 'new', 1)
    local day_new = redis.call('INCR', KEYS[8])
    if day_new == 1 then redis.call('EXPIRE', KEYS[8], ARGV[7]) end
    if (not reason) and (minute_new > tonumber(ARGV[9]) or day_new > tonumber(ARGV[10])) then
      reason = 'address_new_visitors'
    end
  end
  if reason then
    redis.call('HINCRBY', KEYS[9], reason, 1)
    redis.call('SADD', KEYS[6], ARGV[6])
    return -1
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[7])
local new = 0
if (not last) or (tonumber(ARGV[1]) - tonumber(last) >= tonumber(ARGV[2])) then new = 1 end
redis.call('HINCRBY', KEYS[2], 'visits', new)
redis.call('HINCRBY', KEYS[2], 'pageviews', 1)
redis.call('HINCRBY', KEYS[3], ARGV[3], 1)
if ARGV[4] ~= '' then redis.call('HSET', KEYS[4], ARGV[3], ARGV[4]) end
redis.call('ZADD', KEYS[5], ARGV[1], ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[8]))
redis.call('SADD', KEYS[6], ARGV[6])
return new
"""

# A batch of hits in one call: RECORD for each, in order, with the keys made here from the
# prefix (ARGV[1]) as `RedisStore._key` makes them; ARGV[2..7] as RECORD's ARGV[2], [7..11];
# then 8 arguments a hit. KEYS[1]: the dirty set. Fewer, shorter arguments than one RECORD
# call a hit: the worker packs a third as much.
RECORD_BATCH = (
    "local function record(KEYS, ARGV)\n"
    + RECORD
    + """end
local p = ARGV[1]
for i = 8, #ARGV, 8 do
  local now, site, visitor, path = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local page, member, address, minute = ARGV[i + 4], ARGV[i + 5], ARGV[i + 6], ARGV[i + 7]
  local per_minute, per_day = '', ''
  if address ~= '' then
    per_minute = p .. 'a:' .. site .. ':' .. address .. ':' .. minute
    per_day = p .. 'ad:' .. site .. ':' .. address
  end
  record(
    {p .. 'v:' .. site .. ':' .. visitor, p .. 'd:' .. member, p .. 'p:' .. member,
     p .. 'm:' .. member, p .. 'online:' .. site, KEYS[1], per_minute, per_day,
     p .. 'x:' .. member},
    {now, ARGV[2], path, page, visitor, member, ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]})
end
return 1
"""
)

# Move one day's pending keys to a batch, atomically, so new hits start fresh keys.
CLAIM = """
local moved = 0
for i = 1, #KEYS, 2 do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    redis.call('RENAME', KEYS[i], KEYS[i + 1])
    moved = moved + 1
  end
end
redis.call('SREM', ARGV[1], ARGV[2])
if moved > 0 then redis.call('HSET', ARGV[3], ARGV[4], ARGV[5]) end
return moved
"""

KINDS = ("d", "p", "m", "x")  # daily counters, page views, page ids, dropped hits


def _prefix() -> str:
    """The keys' prefix: "<CONG_VISITS_KEY_PREFIX>:visits:" (default: CACHE_KEY_PREFIX)."""
    return f"{settings.CONG_VISITS_KEY_PREFIX}:visits:"


class RedisStore:
    """Counters in Redis, flushed to SQL."""

    def __init__(self, url: str | None = None) -> None:
        self.redis = redis.Redis.from_url(
            url or settings.CONG_VISITS_REDIS_URL,
            decode_responses=True,
            # A dead Redis must fail a beacon at once (it is then refused with 503, see
            # cong.visits.views.hit), not after redis-py's default ten retries (4 s).
            socket_connect_timeout=CONNECT_TIMEOUT,
            socket_timeout=TIMEOUT,
            retry=Retry(NoBackoff(), 1),
        )
        self.prefix = _prefix()
        self._record = self.redis.register_script(RECORD)
        self._record_batch = self.redis.register_script(RECORD_BATCH)
        self._claim = self.redis.register_script(CLAIM)
        self.dirty = self._key("dirty")
        self.batches = self._key("batches")

    def _key(self, *parts: Any) -> str:
        return self.prefix + ":".join(str(p) for p in parts)

    def record(self, hit: Hit) -> bool | None:
        keys, args = self._record_call(hit, AddressLimits.from_settings())
        outcome = int(self._record(keys=keys, args=args))
        return None if outcome < 0 else bool(outcome)

    def _record_call(self, hit: Hit, limits: AddressLimits) -> tuple[list, list]:
        """The RECORD script's keys and arguments for one hit."""
        now = hit.at.timestamp()
        member = f"{hit.site_id}:{hit.day.isoformat()}"
        minute = int(now // 60)
        keys = [
            self._key("v", hit.site_id, hit.visitor),
            self._key("d", member),
            self._key("p", member),
            self._key("m", member),
            self._key("online", hit.site_id),
            self.dirty,
            self._key("a", hit.site_id, hit.address, minute) if hit.address else "",
            self._key("ad", hit.site_id, hit.address) if hit.address else "",
            self._key("x", member),
        ]
        args = [
            now,
            VISIT_GAP.total_seconds(),
            hit.path,
            hit.page_id or "",
            hit.visitor,
            member,
            VISITOR_TTL,
            ONLINE_KEEP,
            limits.new_per_minute,
            limits.new_per_day,
            limits.views_per_minute,
        ]
        return keys, args

    def apply_batch(self, verdicts: list[Hit | Drop], log: str, position: LogPosition) -> None:
        """One MULTI/EXEC: RECORD for each hit, in order (each sees the ones before it; one
        RECORD_BATCH call), the drops added up by reason, and the log position. Redis runs
        a transaction whole or, if the client dies before EXEC, not at all."""
        limits = AddressLimits.from_settings()
        pipe = self.redis.pipeline(transaction=True)
        drops: Counter = Counter()
        args: list = [
            self.prefix,
            VISIT_GAP.total_seconds(),
            VISITOR_TTL,
            ONLINE_KEEP,
            limits.new_per_minute,
            limits.new_per_day,
            limits.views_per_minute,
        ]
        for verdict in verdicts:
            if isinstance(verdict, Drop):
                drops[(verdict.site_id, verdict.day, verdict.reason)] += 1
                continue
            now = verdict.at.timestamp()
            args += (
                now,
                verdict.site_id,
                verdict.visitor,
                verdict.path,
                verdict.page_id or "",
                f"{verdict.site_id}:{verdict.day.isoformat()}",
                verdict.address,
                int(now // 60),
            )
        if len(args) > 7:
            self._record_batch(keys=[self.dirty], args=args, client=pipe)
        for (site_id, day, reason), count in drops.items():
            member = f"{site_id}:{day.isoformat()}"
            pipe.hincrby(self._key("x", member), reason, count)
            pipe.sadd(self.dirty, member)
        pipe.hset(
            self._key("log", log), mapping={"inode": position.inode, "offset": position.offset}
        )
        pipe.execute()

    def log_position(self, log: str) -> LogPosition | None:
        found = self.redis.hgetall(self._key("log", log))
        return LogPosition(int(found["inode"]), int(found["offset"])) if found else None

    def drop(self, site_id: int, day: datetime.date, reason: str) -> None:
        member = f"{site_id}:{day.isoformat()}"
        pipe = self.redis.pipeline()
        pipe.hincrby(self._key("x", member), reason, 1)
        pipe.sadd(self.dirty, member)
        pipe.execute()

    def _pending(self, site_id: int) -> Any:
        """Counter hashes not yet in SQL for `site_id`: (day, kind -> hash) per day or batch."""
        members = [m for m in self.redis.smembers(self.dirty) if m.startswith(f"{site_id}:")]
        batches = {b: json.loads(v) for b, v in self.redis.hgetall(self.batches).items()}
        done = (
            set(FlushedBatch.objects.filter(batch__in=batches).values_list("batch", flat=True))
            if batches
            else set()
        )
        sources = [(m.split(":", 1)[1], {k: self._key(k, m) for k in KINDS}) for m in members]
        sources += [
            (info["day"], {k: self._key("b", batch, k) for k in KINDS})
            for batch, info in batches.items()
            if info["site"] == site_id and batch not in done
        ]
        return sources

    def summary(
        self, site_id: int, now: datetime.datetime, online_window: datetime.timedelta
    ) -> Summary:
        from cong.core.clients import local_day

        today = local_day(now)
        visits_today, pageviews_today, visits, pageviews = sql_summary(site_id, today)
        for day, keys in self._pending(site_id):
            counters = self.redis.hgetall(keys["d"])
            v, p = int(counters.get("visits", 0)), int(counters.get("pageviews", 0))
            visits, pageviews = visits + v, pageviews + p
            if day == today.isoformat():
                visits_today, pageviews_today = visits_today + v, pageviews_today + p
        online = self.redis.zcount(
            self._key("online", site_id), (now - online_window).timestamp(), "+inf"
        )
        return Summary(
            online=online,
            today=visits_today,
            total=visits,
            pageviews_today=pageviews_today,
            pageviews_total=pageviews,
        )

    def page_views(self, site_id: int, page_id: int) -> int:
        views = sql_page_views(site_id, page_id)
        for _day, keys in self._pending(site_id):
            ids = self.redis.hgetall(keys["m"])
            paths = [path for path, pid in ids.items() if pid == str(page_id)]
            if paths:
                views += sum(int(n or 0) for n in self.redis.hmget(keys["p"], paths))
        return views

    def flush(self) -> int:
        """Move every pending day to SQL; also finish batches a killed flush left behind."""
        for member in self.redis.smembers(self.dirty):
            batch = uuid.uuid4().hex
            site_id, day = member.split(":", 1)
            keys = []
            for kind in KINDS:
                keys += [self._key(kind, member), self._key("b", batch, kind)]
            info = json.dumps({"site": int(site_id), "day": day})
            self._claim(keys=keys, args=[self.dirty, member, self.batches, batch, info])
        flushed = 0
        for batch, info in self.redis.hgetall(self.batches).items():
            self._apply(batch, json.loads(info))
            flushed += 1
        return flushed

    def _apply(self, batch: str, info: dict) -> None:
        keys = {k: self._key("b", batch, k) for k in KINDS}
        site_id, day = info["site"], datetime.date.fromisoformat(info["day"])
        counters = self.redis.hgetall(keys["d"])
        pages = self.redis.hgetall(keys["p"])
        page_ids = self.redis.hgetall(keys["m"])
        dropped = self.redis.hgetall(keys["x"])
        live_ids = set(
            Page.objects.filter(pk__in={int(i) for i in page_ids.values() if i}).values_list(
                "pk", flat=True
            )
        )  # a page deleted since the hit keeps its path's count, without the link
        try:
            with transaction.atomic():
                FlushedBatch.objects.create(batch=batch)
                if counters:
                    increment(
                        DailyStats,
                        {"site": site_id, "day": day},
                        {
                            "visits": int(counters.get("visits", 0)),
                            "pageviews": int(counters.get("pageviews", 0)),
                        },
                    )
                for path, views in pages.items():
                    page_id = int(page_ids[path]) if page_ids.get(path) else None
                    increment(
                        PageDailyStats,
                        {"site": site_id, "day": day, "path": path},
                        {"views": int(views)},
                        on_insert={"page": page_id if page_id in live_ids else None},
                    )
                for reason, count in dropped.items():
                    increment(
                        DroppedHits,
                        {"site": site_id, "day": day, "reason": reason},
                        {"count": int(count)},
                    )
        except IntegrityError:
            pass  # this batch reached SQL before a previous flush died: only clean up
        pipe = self.redis.pipeline()
        pipe.delete(*keys.values())
        pipe.hdel(self.batches, batch)
        pipe.execute()
