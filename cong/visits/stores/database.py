"""The embedded store: every hit is one short SQL transaction of three atomic upserts.

A hit is committed before the beacon is answered, so a killed worker loses nothing. Each
counter is an `INSERT ... ON CONFLICT DO UPDATE SET n = n + excluded.n` (SQLite ≥ 3.24 and
PostgreSQL): one statement that creates the day's row or adds to it, with no read-modify-write
for two worker processes to interleave. The statements are written out because the ORM has no
increment-on-conflict, and this path runs for every page view.
"""

import datetime
from collections import Counter
from functools import lru_cache
from typing import Any

from django.db import connection, transaction
from django.db.models import Sum

from cong.visits import filters
from cong.visits.models import (
    AddressDay,
    BeaconLogPosition,
    DailyStats,
    DroppedHits,
    PageDailyStats,
    VisitorDay,
)
from cong.visits.stores.base import VISIT_GAP, AddressLimits, Drop, Hit, LogPosition, Summary


def _column(model: Any, name: str) -> str:
    return _quoted_column(model, name, connection.vendor)


# Statements are built once per shape and database vendor: rebuilding them from the models'
# metadata took about a fifth of each hit's time.
@lru_cache(maxsize=256)
def _quoted_column(model: Any, name: str, vendor: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def _prep(model: Any, values: dict) -> list:
    return [
        model._meta.get_field(name).get_db_prep_value(value, connection)
        for name, value in values.items()
    ]


def increment(model: Any, keys: dict, deltas: dict, on_insert: dict | None = None) -> None:
    """Add `deltas` to the row of `model` identified by `keys`, creating it if missing."""
    values = {**keys, **(on_insert or {}), **deltas}
    sql = _increment_sql(
        model, tuple(keys), tuple(on_insert or ()), tuple(deltas), connection.vendor
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, _prep(model, values))


@lru_cache(maxsize=64)
def _increment_sql(model: Any, keys: tuple, on_insert: tuple, deltas: tuple, vendor: str) -> str:
    table = connection.ops.quote_name(model._meta.db_table)
    names = (*keys, *on_insert, *deltas)
    columns = ", ".join(_column(model, name) for name in names)
    conflict = ", ".join(_column(model, name) for name in keys)
    updates = ", ".join(
        f"{_column(model, n)} = {table}.{_column(model, n)} + excluded.{_column(model, n)}"
        for n in deltas
    )
    return (
        f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(names))}) "  # noqa: S608 (quoted model identifiers; values are parameters)
        f"ON CONFLICT ({conflict}) DO UPDATE SET {updates}"
    )


def touch_visitor(hit: Hit) -> bool:
    """Mark the visitor seen; True when this hit starts a visit (first, or after a 30-min gap).

    The SET clause reads the row as it was before this statement, so of two simultaneous
    hits by one visitor exactly one sees the old `last_seen` and starts the visit.
    """
    table = connection.ops.quote_name(VisitorDay._meta.db_table)
    col = {n: _column(VisitorDay, n) for n in ("site", "day", "visitor", "last_seen", "new_visit")}
    sql = (
        f"INSERT INTO {table} ({col['site']}, {col['day']}, {col['visitor']}, {col['last_seen']}, "  # noqa: S608
        f"{col['new_visit']}) VALUES (%s, %s, %s, %s, %s) "
        f"ON CONFLICT ({col['site']}, {col['visitor']}) DO UPDATE SET "
        f"{col['new_visit']} = ({table}.{col['last_seen']} <= %s), "
        f"{col['last_seen']} = excluded.{col['last_seen']} "
        f"RETURNING {col['new_visit']}"
    )
    params = _prep(
        VisitorDay,
        {
            "site": hit.site_id,
            "day": hit.day,
            "visitor": hit.visitor,
            "last_seen": hit.at,
            "new_visit": True,
        },
    )
    params += _prep(VisitorDay, {"last_seen": hit.at - VISIT_GAP})
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return bool(cursor.fetchone()[0])


def touch_address(hit: Hit, limits: AddressLimits) -> str | None:
    """Count the hit against its address; the reason it is over a cap, or None.

    One upsert: whether the browser is new today (no VisitorDay row yet) is a subquery, the
    minute's counts restart when the minute changes, and the counts are read back at once.
    Hits over a cap are counted here too, so an address that keeps sending stays over it.
    """
    sql = _address_sql(connection.vendor)
    params = _prep(
        AddressDay,
        {
            "site": hit.site_id,
            "day": hit.day,
            "address": hit.address,
            "minute": int(hit.at.timestamp() // 60),
        },
    )
    params += [hit.site_id, hit.visitor] * 3
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        minute_new, minute_views, day_new, fresh = cursor.fetchone()
    if minute_views > limits.views_per_minute:
        return filters.ADDRESS_RATE
    if fresh and (minute_new > limits.new_per_minute or day_new > limits.new_per_day):
        return filters.ADDRESS_NEW_VISITORS
    return None


@lru_cache(maxsize=4)
def _address_sql(vendor: str) -> str:
    table = connection.ops.quote_name(AddressDay._meta.db_table)
    visitors = connection.ops.quote_name(VisitorDay._meta.db_table)
    c = {
        n: _column(AddressDay, n)
        for n in ("site", "day", "address", "minute", "minute_new", "minute_views", "day_new")
    }
    c["fresh"] = _column(AddressDay, "fresh")
    v_site, v_visitor = _column(VisitorDay, "site"), _column(VisitorDay, "visitor")
    new = (
        f"(CASE WHEN EXISTS (SELECT 1 FROM {visitors} WHERE {v_site} = %s "  # noqa: S608
        f"AND {v_visitor} = %s) THEN 0 ELSE 1 END)"
    )
    same = f"{table}.{c['minute']} = excluded.{c['minute']}"
    return (
        f"INSERT INTO {table} ({c['site']}, {c['day']}, {c['address']}, {c['minute']}, "  # noqa: S608
        f"{c['minute_new']}, {c['minute_views']}, {c['day_new']}, {c['fresh']}) "
        f"VALUES (%s, %s, %s, %s, {new}, 1, {new}, {new} = 1) "
        f"ON CONFLICT ({c['site']}, {c['address']}) DO UPDATE SET "
        f"{c['minute_new']} = CASE WHEN {same} THEN {table}.{c['minute_new']} "
        f"+ excluded.{c['minute_new']} ELSE excluded.{c['minute_new']} END, "
        f"{c['minute_views']} = CASE WHEN {same} THEN {table}.{c['minute_views']} + 1 ELSE 1 END, "
        f"{c['day_new']} = {table}.{c['day_new']} + excluded.{c['day_new']}, "
        f"{c['minute']} = excluded.{c['minute']}, {c['fresh']} = excluded.{c['fresh']} "
        f"RETURNING {c['minute_new']}, {c['minute_views']}, {c['day_new']}, {c['fresh']}"
    )


ROWS_PER_STATEMENT = 500  # 500 rows of 8 columns: within SQLite's 32,766 parameters


def upsert(
    model: Any, keys: tuple, columns: tuple, rows: list[tuple], add: tuple = (), replace: tuple = ()
) -> None:
    """Insert `rows` (values of `keys` then `columns`) into `model`; a row that exists gets
    the columns in `add` added to and those in `replace` replaced, the others left as they
    are. Several rows per statement; no two rows may have the same keys."""
    names = (*keys, *columns)
    fields = [model._meta.get_field(name) for name in names]
    for start in range(0, len(rows), ROWS_PER_STATEMENT):
        chunk = rows[start : start + ROWS_PER_STATEMENT]
        params = [
            field.get_db_prep_value(value, connection)
            for row in chunk
            for field, value in zip(fields, row, strict=True)
        ]
        sql = _upsert_sql(model, keys, columns, add, replace, len(chunk), connection.vendor)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


@lru_cache(maxsize=64)
def _upsert_sql(
    model: Any, keys: tuple, columns: tuple, add: tuple, replace: tuple, count: int, vendor: str
) -> str:
    table = connection.ops.quote_name(model._meta.db_table)
    names = (*keys, *columns)
    row = "(" + ", ".join(["%s"] * len(names)) + ")"
    updates = [
        f"{_column(model, n)} = {table}.{_column(model, n)} + excluded.{_column(model, n)}"
        for n in add
    ] + [f"{_column(model, n)} = excluded.{_column(model, n)}" for n in replace]
    return (
        f"INSERT INTO {table} ({', '.join(_column(model, n) for n in names)}) "  # noqa: S608 (quoted model identifiers; values are parameters)
        f"VALUES {', '.join([row] * count)} "
        f"ON CONFLICT ({', '.join(_column(model, n) for n in keys)}) "
        f"DO UPDATE SET {', '.join(updates)}"
    )


class BatchOfHits:
    """A batch's hits worked out in memory, as `DatabaseStore._record` would one by one."""

    def __init__(self, hits: list[Hit], limits: AddressLimits, drops: Counter) -> None:
        self.hits, self.limits, self.drops = hits, limits, drops
        # (site, visitor) -> [day, last_seen, new_visit, stored before]
        self.visitors: dict[tuple[int, str], list] = {}
        # (site, address) -> [day, minute, minute_new, minute_views, day_new, fresh]
        self.addresses: dict[tuple[int, str], list] = {}
        self.daily: Counter = Counter()  # (site, day) -> visits; pageviews below
        self.pageviews: Counter = Counter()
        self.pages: dict[tuple, list] = {}  # (site, day, path) -> [page on insert, views]

    def store(self) -> None:
        self._lock_and_read()
        for hit in self.hits:
            self._count(hit)
        upsert(
            VisitorDay,
            ("site", "visitor"),
            ("day", "last_seen", "new_visit"),
            [(s, v, day, last, new) for (s, v), (day, last, new) in self.visitors.items()],
            replace=("last_seen", "new_visit"),
        )
        upsert(
            AddressDay,
            ("site", "address"),
            ("day", "minute", "minute_new", "minute_views", "day_new", "fresh"),
            [(s, a, *row) for (s, a), row in self.addresses.items()],
            replace=("minute", "minute_new", "minute_views", "day_new", "fresh"),
        )
        upsert(
            DailyStats,
            ("site", "day"),
            ("visits", "pageviews"),
            [(s, d, self.daily[(s, d)], n) for (s, d), n in self.pageviews.items()],
            add=("visits", "pageviews"),
        )
        upsert(
            PageDailyStats,
            ("site", "day", "path"),
            ("page", "views"),
            [(*key, page, views) for key, (page, views) in self.pages.items()],
            add=("views",),
        )

    def _lock_and_read(self) -> None:
        if connection.vendor == "postgresql":
            address_table = connection.ops.quote_name(AddressDay._meta.db_table)
            visitor_table = connection.ops.quote_name(VisitorDay._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"LOCK TABLE {address_table}, {visitor_table} IN SHARE ROW EXCLUSIVE MODE"  # noqa: S608 (quoted model identifiers)
                )
        wanted_visitors = {(h.site_id, h.visitor) for h in self.hits}
        # The site too, so that the (site, visitor) unique index finds the rows.
        rows = VisitorDay.objects.filter(
            site_id__in={s for s, _v in wanted_visitors},
            visitor__in={v for _s, v in wanted_visitors},
        )
        for site, visitor, day, last_seen, new_visit in rows.values_list(
            "site_id", "visitor", "day", "last_seen", "new_visit"
        ):
            if (site, visitor) in wanted_visitors:
                self.visitors[(site, visitor)] = [day, last_seen, new_visit]
        wanted_addresses = {(h.site_id, h.address) for h in self.hits if h.address}
        if not wanted_addresses:
            return
        found = AddressDay.objects.filter(
            site_id__in={s for s, _a in wanted_addresses},
            address__in={a for _s, a in wanted_addresses},
        )
        for site, address, *row in found.values_list(
            "site_id", "address", "day", "minute", "minute_new", "minute_views", "day_new", "fresh"
        ):
            if (site, address) in wanted_addresses:
                self.addresses[(site, address)] = row

    def _count(self, hit: Hit) -> None:
        """`_record` for one hit: `touch_address`, `touch_visitor`, the two increments."""
        visitor_key = (hit.site_id, hit.visitor)
        if hit.address:
            new = 0 if visitor_key in self.visitors else 1
            minute = int(hit.at.timestamp() // 60)
            row = self.addresses.get((hit.site_id, hit.address))
            if row is None:
                row = self.addresses[(hit.site_id, hit.address)] = [hit.day, minute, 0, 0, 0, False]
                row[2:6] = [new, 1, new, new == 1]
            else:
                same = row[1] == minute
                row[2] = row[2] + new if same else new
                row[3] = row[3] + 1 if same else 1
                row[4] += new
                row[1], row[5] = minute, new == 1
            limits = self.limits
            reason = None
            if row[3] > limits.views_per_minute:
                reason = filters.ADDRESS_RATE
            elif row[5] and (row[2] > limits.new_per_minute or row[4] > limits.new_per_day):
                reason = filters.ADDRESS_NEW_VISITORS
            if reason is not None:
                self.drops[(hit.site_id, hit.day, reason)] += 1
                return
        visitor = self.visitors.get(visitor_key)
        if visitor is None:
            new_visit = True
            self.visitors[visitor_key] = [hit.day, hit.at, True]
        else:
            new_visit = visitor[1] <= hit.at - VISIT_GAP
            visitor[1], visitor[2] = hit.at, new_visit
        self.daily[(hit.site_id, hit.day)] += int(new_visit)
        self.pageviews[(hit.site_id, hit.day)] += 1
        page = self.pages.setdefault((hit.site_id, hit.day, hit.path), [hit.page_id, 0])
        page[1] += 1


def sql_summary(site_id: int, day: datetime.date) -> tuple[int, int, int, int]:
    """(visits today, page views today, visits ever, page views ever) as stored in SQL."""
    today = DailyStats.objects.filter(site_id=site_id, day=day).values_list("visits", "pageviews")
    visits_today, pageviews_today = today.first() or (0, 0)
    totals = DailyStats.objects.filter(site_id=site_id).aggregate(
        v=Sum("visits"), p=Sum("pageviews")
    )
    return visits_today, pageviews_today, totals["v"] or 0, totals["p"] or 0


def sql_page_views(site_id: int, page_id: int) -> int:
    """The views of one page on one site (a site's figures never count another's hits)."""
    views = PageDailyStats.objects.filter(site_id=site_id, page_id=page_id)
    return views.aggregate(n=Sum("views"))["n"] or 0


class DatabaseStore:
    """Counters in the SQL database (SQLite or PostgreSQL)."""

    def record(self, hit: Hit) -> bool | None:
        with transaction.atomic():
            return self._record(hit, AddressLimits.from_settings())

    def _record(self, hit: Hit, limits: AddressLimits) -> bool | None:
        """`record` inside the caller's transaction."""
        if hit.address:
            reason = touch_address(hit, limits)
            if reason is not None:
                self.drop(hit.site_id, hit.day, reason)
                return None
        new_visit = touch_visitor(hit)
        increment(
            DailyStats,
            {"site": hit.site_id, "day": hit.day},
            {"visits": int(new_visit), "pageviews": 1},
        )
        increment(
            PageDailyStats,
            {"site": hit.site_id, "day": hit.day, "path": hit.path},
            {"views": 1},
            on_insert={"page": hit.page_id},
        )
        return new_visit

    def apply_batch(self, verdicts: list[Hit | Drop], log: str, position: LogPosition) -> None:
        """One transaction: the hits in order (each sees the ones before it), the drops
        added up by reason, and the log position.

        The hits are worked out in memory from the rows they touch, read once, exactly as
        `_record`'s statements would change them one hit after another; then each table
        gets one multi-row upsert (about 8 statements a batch instead of 4 a hit). On
        PostgreSQL the two tables whose rows are read first are locked against other
        writers until the commit (in `_record`'s order: no deadlock with the view); SQLite
        takes its one writer lock as the transaction begins (IMMEDIATE, cong/settings.py).
        """
        limits = AddressLimits.from_settings()
        hits = [v for v in verdicts if isinstance(v, Hit)]
        drops = Counter((v.site_id, v.day, v.reason) for v in verdicts if isinstance(v, Drop))
        with transaction.atomic():
            if hits:
                BatchOfHits(hits, limits, drops).store()
            rows = [
                (site_id, day, reason, count) for (site_id, day, reason), count in drops.items()
            ]
            upsert(DroppedHits, ("site", "day", "reason"), ("count",), rows, add=("count",))
            BeaconLogPosition.objects.update_or_create(
                name=log, defaults={"inode": position.inode, "offset": position.offset}
            )

    def log_position(self, log: str) -> LogPosition | None:
        row = BeaconLogPosition.objects.filter(name=log).values_list("inode", "offset").first()
        return LogPosition(*row) if row else None

    def drop(self, site_id: int, day: datetime.date, reason: str) -> None:
        increment(DroppedHits, {"site": site_id, "day": day, "reason": reason}, {"count": 1})

    def summary(
        self, site_id: int, now: datetime.datetime, online_window: datetime.timedelta
    ) -> Summary:
        from cong.core.clients import local_day

        visits_today, pageviews_today, visits, pageviews = sql_summary(site_id, local_day(now))
        online = VisitorDay.objects.filter(site_id=site_id, last_seen__gt=now - online_window)
        return Summary(
            online=online.count(),
            today=visits_today,
            total=visits,
            pageviews_today=pageviews_today,
            pageviews_total=pageviews,
        )

    def page_views(self, site_id: int, page_id: int) -> int:
        return sql_page_views(site_id, page_id)

    def flush(self) -> int:
        return 0
