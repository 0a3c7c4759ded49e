"""Surrogate keys: what each cached page showed, so a change purges only the pages showing it.

While a cacheable page renders (`collect()`, opened by `PageCacheMiddleware`), every model
instance loaded from the database adds its key to the page's set (a `post_init` receiver;
a `{% cache %}` fragment replays the keys it collected when it was rendered, see
`cong.core.templatetags.keyed_cache`), and code may call `add_key()`. Keys:

- `p<pk>` a page (routing loads every ancestor of the page served, so a page carries its
  ancestors' keys, and a listing carries the key of each page it lists);
- `<app_label>.<model>:<pk>` any other record (a document, an image, a link group, ...) and
  `<app_label>.<model>` its type (the pages that showed any record of the type: the lists a
  new or newly visible record enters);
- `h:<host>` the host the page was served for, and `all`.

The page cache writes the keys beside each file (`HostIndex`, a small SQLite file in each
host's folder of the cache, `KeyIndex` over a folder's hosts) and sends them in an `xkey`
header (`CONG_SURROGATE_HEADER`) for Varnish.

Purges go through Wagtail's front-end cache interface (`wagtail.contrib.frontend_cache`,
setting `WAGTAILFRONTENDCACHE`): `cong.core.pagecache.PageCacheBackend` is the backend for the local file cache,
`VarnishBackend` purges by key with Varnish's xkey module; any backend Wagtail ships
(Cloudflare, CloudFront, Azure, HTTP) is told the URLs the local index resolves the keys to.
"""

import contextlib
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import Model
from django.db.models.signals import post_init
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.models import Page

logger = logging.getLogger(__name__)

ALL = "all"
INDEX_FILE = ".surrogate-keys.sqlite3"
# A host name as nginx's `$host` has it (lower case, no port): the name of a host's folder.
HOST_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*")
# Loaded on every request and no part of what a page shows (or purged by other means:
# a Site change purges everything, a revision is not public).
_IGNORED = frozenset(
    {
        "contenttypes.contenttype",
        "sessions.session",
        "auth.user",
        "auth.group",
        "auth.permission",
        "wagtailcore.site",
        "wagtailcore.locale",
        "wagtailcore.revision",
        "wagtailcore.pageviewrestriction",
        "wagtailcore.grouppagepermission",
        "wagtailcore.workflowstate",
        "wagtailcore.taskstate",
        "wagtailcore.pagelogentry",
        "wagtailcore.modellogentry",
    }
)

_keys: ContextVar[set[str] | None] = ContextVar("cong_surrogate_keys", default=None)


def page_key(pk: Any) -> str:
    return f"p{pk}"


def host_key(host: str) -> str:
    return f"h:{host}"


def type_key(model: type[Model] | Model) -> str:
    return model._meta.label_lower


def object_key(instance: Model) -> str:
    if isinstance(instance, Page):
        return page_key(instance.pk)
    return f"{instance._meta.label_lower}:{instance.pk}"


def keys_of(instance: Model) -> set[str]:
    """The keys a change of `instance` purges: its own (a new record enters lists, which the
    type key of its site covers: see cong.core.signal_handlers)."""
    return {object_key(instance)}


def add_key(*keys: str) -> None:
    """Mark the page being rendered as showing `keys` (no-op outside a cacheable render)."""
    current = _keys.get()
    if current is not None:
        current.update(keys)


def current_keys() -> set[str] | None:
    return _keys.get()


@contextlib.contextmanager
def collect() -> Iterator[set[str]]:
    """Collect the keys of what is loaded and rendered inside the block: the records loaded
    (their keys) and the tables read (their types' keys, even when a list came back empty:
    its first record must purge it)."""
    keys: set[str] = set()
    token = _keys.set(keys)
    try:
        with connection.execute_wrapper(_read_tables):
            yield keys
    finally:
        _keys.reset(token)


_TABLE = re.compile(r'\b(?:FROM|JOIN)\s+[`"]?(\w+)')
_table_types: dict[str, str] | None = None


def _type_of_table(table: str) -> str | None:
    global _table_types
    if _table_types is None:
        found = {}
        for model in apps.get_models():
            label = model._meta.label_lower
            if not issubclass(model, Page) and label not in _IGNORED:
                found[model._meta.db_table] = label
        _table_types = found
    return _table_types.get(table)


def _read_tables(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    keys = _keys.get()
    if keys is not None and sql.lstrip()[:6].upper() == "SELECT":
        for table in _TABLE.findall(sql):
            label = _type_of_table(table)
            if label is not None:
                keys.add(label)
    return execute(sql, params, many, context)


def cached(key: str, compute: Callable[[], Any], timeout: int = 3600) -> Any:
    """`cache.get(key)`, else `compute()` stored under `key`, with the surrogate keys of what
    `compute` loaded kept beside the value and added to the page being rendered on a hit
    (a value taken from the cache loads nothing that would tell them). `key` names the
    content version (`cong.core.cache.versioned_get`: this process keeps a copy)."""
    from cong.core.cache import versioned_get, versioned_set

    stored = versioned_get(key)
    if isinstance(stored, tuple) and len(stored) == 3 and stored[0] == _MARK:
        add_key(*stored[2])
        return stored[1]
    outer = _keys.get()
    with collect() as found:
        value = compute()
    if outer is not None:
        outer.update(found)
    versioned_set(key, (_MARK, value, frozenset(found)), timeout)
    return value


_MARK = "cong-keyed-1"


def _loaded(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    keys = _keys.get()
    if keys is None:
        return
    pk = instance.pk
    if pk is None:
        return
    if isinstance(instance, Page):
        keys.add(f"p{pk}")
        return
    label = sender._meta.label_lower
    if label in _IGNORED:
        return
    image_id = getattr(instance, "image_id", None)
    if image_id is not None and label.endswith("rendition"):  # a picture of that image
        image_model: Any = instance._meta.get_field("image").related_model
        keys.add(f"{type_key(image_model)}:{image_id}")
        return
    keys.add(f"{label}:{pk}")
    keys.add(label)


def register() -> None:
    post_init.connect(_loaded, dispatch_uid="cong-surrogate-keys")


# The index of keys beside the cached files.


class HostIndex:
    """Which keys each cached page of one host carries: `<root>/<host>/INDEX_FILE`, a small
    SQLite file inside the host's folder, shared by the workers of one server (WAL, short
    transactions). Inside the folder so that removing a host as a whole (one rename of the
    folder, `cong.core.pagecache.remove_hosts`) drops its index with its pages: no rows to
    delete, which cost seconds at 10,000 pages (docs/performance.md).

    A connection is kept per thread and file, and opened again when the file at the path is
    no longer the one it has open (the folder was renamed away, and a writer created a new
    one): rows written to the old file are lost with it, which is why the page cache checks,
    after writing a page's file, that the live index still has the page (`has`)."""

    _local = threading.local()

    def __init__(self, root: Path, host: str) -> None:
        self.host = host
        self.path = Path(root) / host / INDEX_FILE
        self.valid = bool(HOST_NAME.fullmatch(host))  # never a path outside `root`

    def _db(self, create: bool = True) -> sqlite3.Connection | None:
        if not self.valid:
            return None
        cache = getattr(self._local, "connections", None)
        if cache is None or self._local.pid != os.getpid():  # not one shared over a fork
            cache = self._local.connections = {}
            self._local.pid = os.getpid()
        try:
            inode = self.path.stat().st_ino
        except FileNotFoundError:
            inode = None
        entry = cache.get(self.path)
        if entry is not None and entry[1] == inode:
            return entry[0]
        if entry is not None:
            entry[0].close()
            del cache[self.path]
        if inode is None and not create:
            return None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA cache_size=-512")  # KiB: one connection per host and thread
        db.execute("CREATE TABLE IF NOT EXISTS page (path TEXT PRIMARY KEY) WITHOUT ROWID")
        db.execute(
            "CREATE TABLE IF NOT EXISTS tag (key TEXT, path TEXT, PRIMARY KEY (key, path))"
            " WITHOUT ROWID"
        )
        db.execute("CREATE INDEX IF NOT EXISTS tag_path ON tag (path)")
        cache[self.path] = (db, self.path.stat().st_ino)
        return db

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        db = self._db()
        if db is None:
            raise ValueError(f"not a host name: {self.host!r}")
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def record(self, path: str, keys: Iterable[str]) -> None:
        with self._write() as db:
            db.execute("DELETE FROM tag WHERE path = ?", (path,))
            db.execute("INSERT OR IGNORE INTO page (path) VALUES (?)", (path,))
            db.executemany(
                "INSERT OR IGNORE INTO tag (key, path) VALUES (?, ?)",
                [(key, path) for key in set(keys)],
            )

    def has(self, path: str) -> bool:
        db = self._db(create=False)
        return db is not None and bool(
            db.execute("SELECT 1 FROM page WHERE path = ?", (path,)).fetchone()
        )

    def keys(self, path: str) -> set[str]:
        db = self._db(create=False)
        if db is None:
            return set()
        return {row[0] for row in db.execute("SELECT key FROM tag WHERE path = ?", (path,))}

    def pages(self, keys: Iterable[str]) -> set[str]:
        """The paths of the cached pages carrying one of `keys`."""
        keys = sorted(set(keys))
        db = self._db(create=False) if keys else None
        if db is None:
            return set()
        found: set[str] = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT DISTINCT path FROM tag WHERE key IN ({marks})"  # noqa: S608
            found.update(row[0] for row in db.execute(sql, chunk))
        return found

    def count(self) -> int:
        db = self._db(create=False)
        return 0 if db is None else db.execute("SELECT COUNT(*) FROM page").fetchone()[0]

    def forget(self, paths: Iterable[str]) -> None:
        rows = [(path,) for path in paths]
        if not rows or self._db(create=False) is None:
            return
        with self._write() as db:  # one transaction: not one commit per row
            db.executemany("DELETE FROM tag WHERE path = ?", rows)
            db.executemany("DELETE FROM page WHERE path = ?", rows)

    def forget_tree(self, path: str) -> None:
        if self._db(create=False) is None:
            return
        escaped = path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        with self._write() as db:
            for table in ("tag", "page"):
                db.execute(
                    f"DELETE FROM {table} WHERE path LIKE ? ESCAPE '\\'",  # noqa: S608
                    (escaped + "%",),
                )

    def forget_all(self) -> None:
        if self._db(create=False) is None:
            return
        with self._write() as db:
            db.execute("DELETE FROM tag")
            db.execute("DELETE FROM page")


class KeyIndex:
    """The key index of a cache folder: one `HostIndex` per host folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def host(self, host: str) -> HostIndex:
        return HostIndex(self.root, host)

    def hosts(self) -> list[str]:
        """The hosts that have an index (a folder with INDEX_FILE)."""
        try:
            entries = list(os.scandir(self.root))
        except FileNotFoundError:
            return []
        return sorted(
            e.name
            for e in entries
            if HOST_NAME.fullmatch(e.name) and os.path.exists(os.path.join(e.path, INDEX_FILE))
        )

    def record(self, host: str, path: str, keys: Iterable[str]) -> None:
        self.host(host).record(path, keys)

    def keys(self, host: str, path: str) -> set[str]:
        return self.host(host).keys(path)

    def pages(
        self, keys: Iterable[str], hosts: Iterable[str] | None = None
    ) -> set[tuple[str, str]]:
        """(host, path) of each cached page carrying one of `keys` (on `hosts` if given)."""
        keys = set(keys)
        return {
            (host, path)
            for host in (self.hosts() if hosts is None else sorted(set(hosts)))
            for path in self.host(host).pages(keys)
        }

    def forget(self, pages: Iterable[tuple[str, str]]) -> None:
        by_host: dict[str, list[str]] = {}
        for host, path in pages:
            by_host.setdefault(host, []).append(path)
        for host, paths in by_host.items():
            self.host(host).forget(paths)

    def forget_tree(self, host: str, path: str) -> None:
        self.host(host).forget_tree(path)

    def forget_hosts(self, hosts: Iterable[str] | None) -> None:
        for host in self.hosts() if hosts is None else hosts:
            self.host(host).forget_all()

    def count(self) -> int:
        return sum(self.host(host).count() for host in self.hosts())


# Backends of wagtail.contrib.frontend_cache.


class VarnishBackend(HTTPBackend):
    """Varnish with the xkey module (deploy/varnish/cong.vcl): URL purges as Wagtail's HTTP
    backend does; key and host purges as one `PURGE` carrying an `xkey-purge` header."""

    def _purge_xkeys(self, keys: Iterable[str]) -> None:
        keys = sorted(set(keys))
        for start in range(0, len(keys), 200):
            request = Request(  # noqa: S310 (the configured LOCATION)
                f"{self.cache_scheme}://{self.cache_netloc}/",
                method="PURGE",
                headers={"xkey-purge": " ".join(keys[start : start + 200])},
            )
            try:
                urlopen(request, timeout=5).close()  # noqa: S310 (configured LOCATION)
            except OSError as exc:
                logger.error("Varnish: could not purge keys %s: %s", keys[:5], exc)

    def purge_keys(self, keys: Iterable[str], hosts: Iterable[str] | None = None) -> int:
        self._purge_xkeys(keys)
        return 0

    def purge_hosts(self, hosts: Iterable[str] | None = None) -> None:
        self._purge_xkeys([ALL] if hosts is None else [host_key(h) for h in hosts])


def backends() -> dict[str, Any]:
    return get_backends()


def _local_index() -> KeyIndex | None:
    value = getattr(settings, "CONG_PAGE_CACHE_DIR", "")
    return KeyIndex(Path(value)) if value else None


def _urls(pages: Iterable[tuple[str, str]]) -> list[str]:
    """Full URLs of (host, path) pairs, on each Site's recorded scheme and port."""
    from wagtail.models import Site

    roots: dict[str, str] = {}
    for site in Site.objects.all():
        roots.setdefault(site.hostname, site.root_url)
    return [f"{roots.get(host, 'http://' + host)}{path}" for host, path in pages]


def _dispatch(
    method: str, keys: set[str] | None, hosts: set[str] | None, index_keys: set[str]
) -> None:
    """Call `method` on each backend that has it; tell the others (Wagtail's URL-only
    backends) the URLs of the local index's pages carrying `index_keys`, resolved first
    (the file backend forgets them as it purges)."""
    configured = backends()
    plain = [name for name, backend in configured.items() if not hasattr(backend, method)]
    index = _local_index()
    urls = _urls(index.pages(index_keys, hosts)) if plain and index is not None else []
    for name, backend in configured.items():
        if name not in plain:
            if keys is None:
                getattr(backend, method)(hosts)
            else:
                getattr(backend, method)(keys, hosts)
    if urls:
        PurgeBatch(urls).purge(backends=plain)


def purge_keys(keys: Iterable[str], hosts: Iterable[str] | None = None) -> None:
    """Purge, from every configured cache, the pages carrying one of `keys` (on `hosts`)."""
    keys = set(keys)
    hosts = None if hosts is None else set(hosts)
    if not keys or hosts == set():
        return
    _dispatch("purge_keys", keys, hosts, keys)


def purge_hosts(hosts: Iterable[str] | None = None) -> None:
    """Purge every page of `hosts` (None: of every host) from every configured cache."""
    hosts = None if hosts is None else set(hosts)
    if hosts == set():
        return
    keys = {ALL} if hosts is None else {host_key(h) for h in hosts}
    _dispatch("purge_hosts", None, hosts, keys)


def purge_urls(urls: Iterable[str]) -> None:
    """Purge URLs (`*` at the end: and everything below) through Wagtail's PurgeBatch."""
    urls = list(urls)
    if urls:
        PurgeBatch(urls).purge()
