"""Count the beacons nginx answered itself and wrote to its beacon log (`ingest_beacons`).

With `CONG_VISITS_BEACON_LOG` set, nginx answers `POST /api/visits/hit` with 204 and writes
one JSON line per beacon (deploy/nginx/cong.conf, log_format cong_beacon): no gunicorn
worker is woken per page view. This module reads that log in batches, turns each line into
the same `counting.Beacon` a request becomes, judges it with the same `counting.judge`, and
stores a batch's counts together with the log position after it in one step of the store
(one SQL transaction, or one Redis MULTI/EXEC). So:

- a worker killed at any moment resumes after the last line whose counts were stored:
  nothing is counted twice, nothing skipped;
- while the store is down, lines wait in the log and are counted when it returns;
- a rotated log (renamed, nginx reopened on USR1) is read to its end before the new file;
  the position names the file by inode, so a restart finds the renamed file too;
- a line's own time decides its day (and the day's salt), however late it is counted.

The per-visitor minute counter lives in the cache, outside the store's transaction: each
line's count is remembered under its place in the log, so a batch counted again after a
crash finds the counts it had (see `Ingester.judge_lines`).
"""

import datetime
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpRequest
from django.http.request import split_domain_port
from redis.exceptions import RedisError
from wagtail.models import Site

from cong.core.clients import client_ip
from cong.core.sites import CachedSiteMiddleware
from cong.visits.counting import Beacon, Lookups, judge
from cong.visits.stores import Drop, Hit, LogPosition, VisitStore

logger = logging.getLogger(__name__)

# nginx takes bodies up to 4 KB (escaped for JSON: at most 6 bytes each); longer is not ours.
MAX_LINE = 64 * 1024
BATCH_LINES = 1000
READ_BYTES = 1024 * 1024
# After a rotation, nginx keeps writing to the renamed file until it reopens its logs
# (USR1): the old file is left once it has been quiet this long.
ROTATE_GRACE = 2.0
# Each line's per-visitor minute count, kept while a retry of its batch may need it.
MARK_PREFIX = "cong:visits:rateline:"
MARK_SECONDS = 3600
RATE_SECONDS = 90  # as counting.rate_count's keys

# Why a line was not a beacon (logged, never counted: it names no site).
TOO_LONG = "too_long"
BAD_JSON = "bad_json"
BAD_FIELD = "bad_field"
BAD_TIME = "bad_time"
NOT_ANSWERED = "not_answered"  # nginx refused it (413: body over 4 KB), as Django would
BAD_HOST = "bad_host"
FIELDS = ("t", "s", "x", "h", "f", "u", "sp", "p", "b")


@dataclass(frozen=True)
class Logged:
    """One line of the beacon log, as nginx wrote it."""

    at: datetime.datetime
    scheme: str
    host: str
    forwarded_for: str
    user_agent: str
    purpose: str
    body: bytes


def parse_line(raw: bytes) -> Logged | str:
    """The beacon a log line records, or why the line is not one.

    Bytes that are not UTF-8 (nginx's escape=json passes bytes above 0x7f through) are kept
    as they came, so the body and User-Agent are what Django would have read from the
    request: a body that is not UTF-8 is then the same "bad request" drop as in the view.

    >>> parse_line(b'{"t":"1700000000.5","s":"204","x":"http","h":"a.vn","f":"1.2.3.4",'
    ...            b'"u":"UA","sp":"","p":"","b":"{\\\\"path\\\\": \\\\"/\\\\"}"}').body
    b'{"path": "/"}'
    >>> parse_line(b"{not json"), parse_line(b"[1]"), parse_line(b"x" * 70000)
    ('bad_json', 'bad_json', 'too_long')
    """
    if len(raw) > MAX_LINE:
        return TOO_LONG
    try:
        data = json.loads(raw.decode("utf-8", "surrogateescape"))
    except ValueError:
        return BAD_JSON
    if not isinstance(data, dict):
        return BAD_JSON
    if any(not isinstance(data.get(name), str) for name in FIELDS):
        return BAD_FIELD
    if data["s"] != "204":
        return NOT_ANSWERED
    try:
        seconds = float(data["t"])
        at = datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)
    except (ValueError, OverflowError, OSError):
        return BAD_TIME
    return Logged(
        at=at,
        scheme=data["x"],
        host=_header(data["h"]),
        forwarded_for=_header(data["f"]),
        user_agent=_header(data["u"]),
        purpose=_header(data["sp"]) or _header(data["p"]),
        body=data["b"].encode("utf-8", "surrogateescape"),
    )


def _header(value: str) -> str:
    """A header as WSGI hands it to Django: its bytes read as ISO-8859-1."""
    return value.encode("utf-8", "surrogateescape").decode("latin-1")


_site = CachedSiteMiddleware(lambda request: None)


def beacon_for(line: Logged, sites: dict, clients: dict | None = None) -> Beacon | str | None:
    """The `Beacon` of a logged line: site and client address found exactly as for the
    request nginx would have passed to gunicorn (Host with nginx's port, X-Forwarded-For
    ending in the client's address, nginx as the trusted peer). None: no site of ours.

    `clients` keeps what was found per (Host, scheme, X-Forwarded-For) for a batch: lines
    from one client need one request built, not one each."""
    place = (line.host, line.scheme, line.forwarded_for)
    if clients is not None and place in clients:
        found = clients[place]
    else:
        found = _site_and_address(line, sites)
        if clients is not None:
            clients[place] = found
    if not isinstance(found, tuple):
        return found
    site, ip = found
    return Beacon(
        site=site,
        body=line.body,
        user_agent=line.user_agent,
        purpose=line.purpose,
        ip=ip,
        at=line.at,
    )


def _site_and_address(line: Logged, sites: dict) -> tuple[Site, str] | str | None:
    request = HttpRequest()
    _hostname, port = split_domain_port(line.host)
    request.META = {
        "HTTP_HOST": line.host,
        "SERVER_NAME": "nginx",
        "SERVER_PORT": port or ("443" if line.scheme == "https" else "80"),
        # gunicorn's Unix socket, which only nginx opens: always a trusted proxy.
        "REMOTE_ADDR": "",
        "HTTP_X_FORWARDED_FOR": line.forwarded_for,
    }
    try:
        request.get_host()
    except DisallowedHost:
        return BAD_HOST
    key = (line.host, request.META["SERVER_PORT"])
    if key not in sites:
        _site(request)
        sites[key] = request._wagtail_site  # type: ignore[attr-defined]
    site = sites[key]
    if site is None:
        return None
    return site, client_ip(request)


@dataclass
class Stats:
    """What one worker has done, for its log and the bench."""

    lines: int = 0
    counted: int = 0
    dropped: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    batches: int = 0


class Ingester:
    """Reads one beacon log from the position its store remembers, a batch at a time."""

    def __init__(
        self,
        path: str | Path,
        store: VisitStore,
        name: str | None = None,
        batch_lines: int = BATCH_LINES,
        rotate_grace: float = ROTATE_GRACE,
    ) -> None:
        self.path = Path(path)
        self.store = store
        self.name = name or str(self.path)
        self.batch_lines = batch_lines
        self.rotate_grace = rotate_grace
        self.stats = Stats()
        self.file: BinaryIO | None = None
        self.inode = 0
        self.offset = 0
        # Per-visitor counts of the last two minutes: minute -> {cache key: hits}.
        self.minutes: dict[int, dict[str, int]] = {}
        self._changed: dict[tuple[int, str], int] = {}

    # -- the file ------------------------------------------------------------------------

    def _open(self) -> bool:
        """Open the file the stored position names (the log, or its renamed self)."""
        position = self.store.log_position(self.name)
        try:
            current = self.path.open("rb")
        except FileNotFoundError:
            return False
        inode = os.fstat(current.fileno()).st_ino
        if position is None or position.inode == inode:
            self.file, self.inode = current, inode
            self.offset = position.offset if position else 0
            if self.offset > os.fstat(current.fileno()).st_size:  # truncated in place
                logger.warning("beacon log %s is shorter than its position: from 0", self.path)
                self.offset = 0
            return True
        renamed = self._renamed(position.inode)
        if renamed is None:
            logger.warning(
                "beacon log %s: the file counted up to byte %d (inode %d) is gone; "
                "counting the current file from its start",
                self.path,
                position.offset,
                position.inode,
            )
            self.file, self.inode, self.offset = current, inode, 0
            return True
        current.close()
        self.file, self.inode, self.offset = renamed, position.inode, position.offset
        return True

    def _renamed(self, inode: int) -> BinaryIO | None:
        """The rotated copy of the log with `inode` (logrotate: name.1, beside it), open."""
        for candidate in sorted(self.path.parent.glob(self.path.name + "*")):
            try:
                if candidate.stat().st_ino == inode and candidate.is_file():
                    return candidate.open("rb")
            except OSError:
                continue
        return None

    def _rotated(self) -> bool:
        """The log's name now points to another file (or none) and ours has gone quiet."""
        try:
            inode = self.path.stat().st_ino
        except FileNotFoundError:
            return False  # nginx has not reopened yet: nothing to switch to
        if inode == self.inode:
            return False
        quiet = time.time() - os.fstat(self._current.fileno()).st_mtime
        return quiet >= self.rotate_grace

    @property
    def _current(self) -> BinaryIO:
        assert self.file is not None  # opened by step() first
        return self.file

    # -- batches -------------------------------------------------------------------------

    def _read_lines(self) -> tuple[list[bytes], int]:
        """Up to `batch_lines` complete lines from the position, and the bytes they take."""
        self._current.seek(self.offset)
        data = self._current.read(READ_BYTES)
        end = data.rfind(b"\n")
        if end < 0:
            if len(data) == READ_BYTES:  # one line longer than a read: drop it in pieces
                return [data], len(data)
            return [], 0
        lines = data[: end + 1].split(b"\n")[:-1]
        if len(lines) > self.batch_lines:
            lines = lines[: self.batch_lines]
        return lines, sum(len(line) + 1 for line in lines)

    def step(self) -> int:
        """Count one batch; the number of lines it took (0: nothing new to read)."""
        if self.file is None and not self._open():
            return 0
        lines, size = self._read_lines()
        if not lines:
            if self._rotated():
                self._switch()
            elif os.fstat(self._current.fileno()).st_size < self.offset:
                logger.warning("beacon log %s was truncated: from its start", self.path)
                self.offset = 0  # copytruncate
            return 0
        verdicts = self.judge_lines(lines)
        position = LogPosition(self.inode, self.offset + size)
        self.store.apply_batch(verdicts, self.name, position)
        self._remember()
        self.offset = position.offset
        self.stats.lines += len(lines)
        self.stats.batches += 1
        self.stats.counted += sum(1 for v in verdicts if isinstance(v, Hit))
        self.stats.dropped += sum(1 for v in verdicts if isinstance(v, Drop))
        return len(lines)

    def judge_lines(self, lines: list[bytes]) -> list[Hit | Drop]:
        """The verdicts of a batch, in order; lines that are no beacon are logged.

        The per-visitor minute counts (`counting.rate_count`'s keys in the cache) are kept in
        this worker's memory, read from the cache once per batch for the visitors it has not
        seen in that minute and written back once per batch: no cache round trip per line.
        Only this worker counts logged beacons, so writing its counts back undoes no one's.
        They live outside the store's transaction: each line's count is also remembered
        under the line's place in the log (inode, offset), all of a batch's in one cache
        key named by where the batch starts, before the batch is stored; so a batch judged
        again after a crash (from the same stored position) gets the counts it had, not
        counts raised by its first attempt. Only a worker killed in the milliseconds between
        judging a batch and writing its marks counts those lines' minute twice (which only
        matters to a visitor already at the cap).
        """
        offsets = []
        offset = self.offset
        for raw in lines:
            offsets.append(offset)
            offset += len(raw) + 1
        key = self._marks_key(self.offset)
        known: dict[int, int] = cache.get(key) or {}
        verdicts, changed, unseen, counted = self._judge(lines, offsets, known, {}, first=True)
        found = {k: v for k, v in cache.get_many(list(unseen)).items() if v} if unseen else {}
        if found:  # visitors counted before this worker's memory (a restart): again, seeded
            verdicts, changed, _unseen, counted = self._judge(lines, offsets, known, found)
        marks = {key: {**known, **counted}}
        # A first attempt that took more lines than this one: the rest of its marks go
        # under the key the next batch reads.
        later = {at: n for at, n in known.items() if at >= offset}
        if later:
            marks[self._marks_key(offset)] = later
        cache.set_many(marks, MARK_SECONDS)
        cache.set_many({key: n for (_minute, key), n in changed.items()}, RATE_SECONDS)
        self._changed = changed  # into memory once the batch is stored (`_remember`)
        return verdicts

    def _marks_key(self, offset: int) -> str:
        """The cache key of the counts of the batch that starts at `offset`."""
        return f"{MARK_PREFIX}{self.name}:{self.inode}:{offset}"

    def _remember(self) -> None:
        """The stored batch's minute counts into memory; minutes before the last two out."""
        for (minute, key), count in self._changed.items():
            self.minutes.setdefault(minute, {})[key] = count
        self._changed = {}
        newest = max(self.minutes, default=0)
        for minute in [m for m in self.minutes if m < newest - 1]:
            del self.minutes[minute]

    def _judge(
        self, lines: list[bytes], offsets: list[int], known: dict, seed: dict, first: bool = False
    ) -> tuple[list[Hit | Drop], dict, set[str], dict[int, int]]:
        """One pass over a batch: the verdicts, the minute counts it changed, the keys it
        took as 0 because memory had none, and each counted line's count (its mark)."""
        verdicts: list[Hit | Drop] = []
        lookups: Lookups = {}
        sites: dict = {}
        clients: dict = {}
        changed: dict[tuple[int, str], int] = {}
        unseen: set[str] = set()
        counted: dict[int, int] = {}
        for raw, mark in zip(lines, offsets, strict=True):

            def rate(
                site: Site, visitor: str, at: datetime.datetime, mark: int = mark
            ) -> int | None:
                minute = int(at.timestamp() // 60)
                key = f"cong:visits:rate:{site.pk}:{visitor}:{minute}"
                if mark in known:  # this line was judged before a crash: the same count
                    before = changed.get((minute, key), self.minutes.get(minute, {}).get(key))
                    changed[(minute, key)] = max(before or 0, known[mark])
                    return known[mark]
                count = changed.get((minute, key))
                if count is None:
                    count = self.minutes.get(minute, {}).get(key)
                    if count is None:
                        unseen.add(key)
                        count = seed.get(key, 0)
                count += 1
                changed[(minute, key)] = counted[mark] = count
                return count

            line = parse_line(raw)
            beacon = beacon_for(line, sites, clients) if isinstance(line, Logged) else line
            if isinstance(beacon, Beacon):
                verdicts.append(judge(beacon, lookups, rate))
            elif isinstance(beacon, str) and first:
                self.stats.rejected[beacon] = self.stats.rejected.get(beacon, 0) + 1
                logger.info("beacon log line skipped (%s): %r", beacon, raw[:200])
        return verdicts, changed, unseen, counted

    def _switch(self) -> None:
        """The renamed file is done: the new one from its start, remembered at once."""
        leftover = os.fstat(self._current.fileno()).st_size - self.offset
        if leftover:
            logger.warning("beacon log %s: %d bytes without a newline left", self.path, leftover)
        self._current.close()
        try:
            self.file = self.path.open("rb")
        except FileNotFoundError:
            self.file = None
            return
        self.inode, self.offset = os.fstat(self._current.fileno()).st_ino, 0
        self.store.apply_batch([], self.name, LogPosition(self.inode, 0))

    def drain(self) -> int:
        """Count every complete line there is now; the number of lines."""
        total = 0
        while True:
            taken = self.step()
            if not taken:
                return total
            total += taken

    def run(self, interval: float = 0.5, stop: Callable[[], bool] = lambda: False) -> None:
        """Count batches until `stop()`; a store outage waits and retries the same batch."""
        while not stop():
            try:
                taken = self.step()
            except (DatabaseError, RedisError) as exc:
                logger.warning("beacons wait in the log, the visit store is down: %s", exc)
                self.close()  # reopened from the stored position
                time.sleep(max(interval, 1.0))
                continue
            if taken < self.batch_lines:
                time.sleep(interval)

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
