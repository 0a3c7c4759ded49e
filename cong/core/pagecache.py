"""Whole-page cache: anonymous pages written to files that nginx serves without Django.

When `CONG_PAGE_CACHE_DIR` is set (the deploy configuration sets it; dev and tests leave it
unset, and then nothing here does anything), `PageCacheMiddleware` writes the HTML of each
cacheable response to `<dir>/<host>/<path>/index.html`, atomically (a temporary file in the
same directory, then `os.replace`). nginx (`deploy/nginx/cong.conf`) answers a GET or HEAD
without a `sessionid` cookie and without a query string (or only tracking parameters) from
that file when it exists, and asks gunicorn otherwise. Without nginx the files are unused.

A response is written only if nothing in it belongs to one visitor: a GET with no session
cookie, status 200, HTML, no cookie set, no CSRF token used (`{% csrf_token %}` makes Django
set the CSRF cookie: question and comment forms are never written), no CSP nonce, no
`Cache-Control` private/no-cache/no-store, no `Vary` beyond `Cookie` and `Accept-Encoding`,
a path that ends in "/" and maps to a file inside the directory (no "..", hidden or empty
segments), outside the admin and what apps declare with `never_cache()`, and, when nginx
names the Content-Security-Policy it will send with the copy (`X-Cong-Cache-Csp`, its
per-host map), a response whose own policy is the same.

Purges (wired in `cong.core.signal_handlers`, run after commit) remove only the pages that
showed what changed, on its own site: each file is written with the surrogate keys of what
its page loaded (`cong.core.surrogate`: the page, its ancestors, the records and images it
showed) in its host's key index (`<dir>/<host>/.surrogate-keys.sqlite3`), and every purge
goes through Wagtail's front-end cache backends (`WAGTAILFRONTENDCACHE`; `PageCacheBackend`
below is this folder). A page in the menu (a site root or one of its children), a site
setting and a moved page purge their site's hosts; a Site record everything; a purge by key
that covers most of a host's pages removes the host as a whole too (`whole_host`). A host
goes with one rename of its folder, which takes its key index along. A render that started
before a content change never leaves its (old) file behind: the content version is read
before rendering and checked again after the file is in place; and none leaves a file its
keys do not find: the keys are recorded before the file is written, purges forget keys
before removing files, and the file goes if the live index lost the page meanwhile.
"""

import atexit
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage
from django.core.checks import Warning as CheckWarning
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponseBase
from django.http.request import split_domain_port
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import Page

from cong.core import surrogate
from cong.core.cache import UNKNOWN, content_version, stored_content_version

logger = logging.getLogger(__name__)

FILE = "index.html"
# deploy/pagecache.sh's sweep renames an old FILE to this instead of deleting it, and nginx
# serves it only when the app fails (502/503/504): a page that is merely old, never one a
# content change purged (purges remove both). A dot name is never a page's path segment.
STALE_FILE = ".stale.html"
# Parameters that never change a page (links shared from Facebook, Zalo, Google, newsletters):
# such a request is served the page's file too. deploy/nginx/cong.conf lists the same ones.
IGNORED_PARAMS = frozenset({"fbclid", "gclid", "zarsrc"})
IGNORED_PREFIXES = ("utm_",)
# Never written although they may look cacheable: what apps declare with `never_cache()`
# (e.g. one citizen's tracking page, a page that opens and closes by the clock), plus the
# settings CONG_PAGE_CACHE_SKIP (path patterns) and CONG_PAGE_CACHE_SKIP_PAGE_TYPES
# ("app_label.ModelName"). The admin never.
_skip_paths: set[str] = set()
_skip_page_types: set[str] = set()
_HOST = surrogate.HOST_NAME
_ALLOWED_VARY = {"cookie", "accept-encoding"}
_NOT_SHARED = ("private", "no-cache", "no-store")
MAX_PATH_BYTES = 1024
TRASH_PREFIX = ".purge-"
# A purge by key that covers most of a host removes the host as a whole (its folder, with its
# key index, renamed away at once) instead of one file and its index rows at a time: when it
# covers at least HOST_PURGE_MIN pages and either HOST_PURGE_SHARE of the host's cached pages
# or HOST_PURGE_PAGES of them. Page by page costs about 0.1 ms a page (unloaded; 3x under
# load), the host's removal under a millisecond, and the pages that did not carry the key
# are only rendered again on their next read, which the sweep would ask within
# CONG_PAGE_CACHE_MAX_AGE_MINUTES anyway (docs/performance.md, `make bench-purge`).
HOST_PURGE_MIN = 100
HOST_PURGE_SHARE = 0.5
HOST_PURGE_PAGES = 1000
# A removed folder of more pages than this is deleted by a background thread: its pages are
# gone for nginx with the rename; deleting 10,000 files takes a second or more.
TRASH_INLINE_PAGES = 200
# nginx names the Content-Security-Policy it sends with its cached copy of the page.
NGINX_POLICY_HEADER = "X-Cong-Cache-Csp"


def never_cache(*, paths: Iterable[str] = (), page_types: Iterable[type | str] = ()) -> None:
    """Declare path patterns (regular expressions searched in the path) and page types
    (models or "app_label.ModelName") whose pages are never written to the page cache."""
    _skip_paths.update(paths)
    _skip_page_types.update(t if isinstance(t, str) else t._meta.label for t in page_types)


def skipped_paths() -> list[str]:
    return sorted(_skip_paths | set(getattr(settings, "CONG_PAGE_CACHE_SKIP", ())))


def skipped_page_types() -> set[str]:
    return _skip_page_types | set(getattr(settings, "CONG_PAGE_CACHE_SKIP_PAGE_TYPES", ()))


def cache_dir() -> Path | None:
    """The page cache directory, or None when the page cache is off."""
    value = getattr(settings, "CONG_PAGE_CACHE_DIR", "")
    return Path(value) if value else None


def host_name(request: HttpRequest) -> str | None:
    """The request's host as nginx's `$host` has it (lower case, no port), if it is safe."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    domain, _port = split_domain_port(host)
    return domain if domain and len(domain) <= 253 and _HOST.fullmatch(domain) else None


def site_host(request: HttpRequest) -> str | None:
    """The request's host name if it is a Wagtail Site's address, else None.

    Only such pages are written: ALLOWED_HOSTS accepts its names with any port, and a page
    answered for `127.0.0.1:6666` must not become the file every reader of `127.0.0.1`
    gets. The Host must name a Site's hostname and, if it carries a port, that Site's port
    (nginx passes no port on 80/443, and its own listening port otherwise). Wagtail keeps
    the Sites' addresses cached (`get_site_root_paths`), so this costs no query.
    """
    from urllib.parse import urlsplit

    from wagtail.models import Site

    host = host_name(request)
    if host is None:
        return None
    port = split_domain_port(request.get_host())[1]
    for root in Site.get_site_root_paths():
        url = urlsplit(root.root_url)
        site_port = url.port or (443 if url.scheme == "https" else 80)
        if url.hostname == host and (not port or int(port) == site_port):
            return host
    return None


def path_parts(path: str) -> list[str] | None:
    """The directory names for `path`, or None if it must not become a file.

    >>> path_parts("/tin-tuc/bai-viet/")
    ['tin-tuc', 'bai-viet']
    >>> path_parts("/"), path_parts("/../etc/"), path_parts("/a//b/"), path_parts("/a")
    ([], None, None, None)
    """
    if (
        not path.startswith("/")
        or not path.endswith("/")
        or len(path.encode("utf-8", "surrogatepass")) > MAX_PATH_BYTES
    ):
        return None
    parts = path[1:-1].split("/") if path != "/" else []
    for part in parts:
        if (
            not part
            or part.startswith(".")  # ".", "..", and our own temporary and trash names
            or part == FILE
            or "\\" in part
            or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in part)
            or len(part.encode("utf-8", "surrogatepass")) > 255
        ):
            return None
    return parts


def file_for(root: Path, host: str, path: str) -> Path | None:
    """`<root>/<host>/<path>/index.html`, or None if that would leave `root`."""
    parts = path_parts(path)
    if parts is None or not _HOST.fullmatch(host):
        return None
    target = root.joinpath(host, *parts, FILE)
    real_root = os.path.realpath(root)
    if not os.path.realpath(target.parent).startswith(real_root + os.sep):
        return None
    return target


def _ignored(name: str) -> bool:
    return name in IGNORED_PARAMS or name.startswith(IGNORED_PREFIXES)


def _skipped(path: str) -> bool:
    if path.startswith("/" + settings.CONG_ADMIN_PATH):
        return True
    return any(re.search(pattern, path) for pattern in skipped_paths())


def request_is_cacheable(request: HttpRequest) -> bool:
    """Whether the response to `request` may be shared (before looking at the response)."""
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and all(_ignored(name) for name in request.GET)
        and path_parts(request.path) is not None
        and not _skipped(request.path)
    )


def same_policy(first: str, second: str) -> bool:
    """Whether two Content-Security-Policy values say the same, whatever the order of their
    directives and sources (django-csp's order changes from one process to the next)."""

    def parts(value: str) -> set[tuple[str, frozenset[str]]]:
        directives = (d.split() for d in value.split(";"))
        return {(words[0].lower(), frozenset(words[1:])) for words in directives if words}

    return parts(first) == parts(second)


def response_is_cacheable(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether `response` holds nothing that belongs to one visitor."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    # {% csrf_token %} (or get_token) was used: the page carries a per-visitor token.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    # A CSP nonce is per response: the page's inline script would not run from a copy.
    if "'nonce-" in response.get("Content-Security-Policy", ""):
        return False
    # nginx sends its copy with the policy it names here (its per-host map, reloaded after a
    # site's sources change): a page whose own policy differs would lose it in the copy.
    expected = request.headers.get(NGINX_POLICY_HEADER)
    if expected is not None and not same_policy(
        expected, response.get("Content-Security-Policy", "")
    ):
        return False
    page = (getattr(response, "context_data", None) or {}).get("page")
    label = getattr(getattr(page, "_meta", None), "label", None)
    if label and label in skipped_page_types():
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in _NOT_SHARED):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= _ALLOWED_VARY


def store(root: Path, host: str, path: str, content: bytes, version: int) -> Path | None:
    """Write `content` as the file for `host` and `path`; None if it was not (or is no longer)."""
    target = file_for(root, host, path)
    if target is None:
        return None
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(tmp, 0o644)  # nginx runs as another user
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:  # a purge renamed the directory meanwhile, a full disk, ...
        logger.info("page cache: %s not written: %s", target, exc)
        return None
    finally:
        if tmp is not None:
            _unlink(Path(tmp))
    # Content changed while this page rendered: the purge may have run before the file was
    # in place, so the file may be old. The bump precedes the purge, so checking after the
    # replace cannot miss it.
    if stored_content_version() != version:
        _unlink(target)
        return None
    return target


class PageCacheMiddleware:
    """Write cacheable anonymous pages to `CONG_PAGE_CACHE_DIR` (first in MIDDLEWARE), with
    the surrogate keys of what they show (cong.core.surrogate) in the folder's key index and,
    when `CONG_SURROGATE_HEADER` names one (`xkey` for Varnish), in a response header."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        root = cache_dir()
        header = getattr(settings, "CONG_SURROGATE_HEADER", "")
        if (root is None and not header) or not request_is_cacheable(request):
            return self.get_response(request)
        version = content_version()
        with surrogate.collect() as keys:
            response = self.get_response(request)
        # Cache unreachable: a publish meanwhile could not be told, so nothing is written.
        if version == UNKNOWN or not response_is_cacheable(request, response):
            return response
        host = site_host(request)
        if not host:
            return response
        keys.update((surrogate.ALL, surrogate.host_key(host)))
        if header:
            response[header] = " ".join(sorted(keys))
        if root is not None and file_for(root, host, request.path) is not None:
            # Keys first: a purge that runs between the two finds the file (or bumped the
            # version before it, and `store` then drops the file). Purges forget a page's
            # keys before removing its file, and a host's removal takes its index along: if
            # the live index no longer has the page once the file is in place, a purge ran
            # in between and the file (not findable by key any more) goes.
            index = surrogate.HostIndex(root, host)
            try:
                index.record(request.path, keys)
            except sqlite3.Error as exc:
                logger.warning("page cache: key index not written: %s", exc)
                return response
            if store(root, host, request.path, response.content, version) is not None:
                try:
                    indexed = index.has(request.path)
                except sqlite3.Error:
                    indexed = False
                if not indexed:
                    remove_page(root, host, request.path)
        return response


# Purges. Every function is a no-op when the page cache is off.


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        logger.warning("page cache: could not remove %s: %s", path, exc)


_deleting: dict[threading.Thread, str] = {}  # thread: the folder it deletes


def _remove_tree(directory: Path, root: Path, *, background: bool = False) -> None:
    """Make `directory` vanish at once (a rename), then delete it (`background`: in a thread
    of its own, so that the purge, often in an editor's request, does not wait)."""
    trash = root / f"{TRASH_PREFIX}{uuid.uuid4().hex}"
    try:
        directory.rename(trash)
    except FileNotFoundError:
        return
    except OSError as exc:
        logger.warning("page cache: could not remove %s: %s", directory, exc)
        return
    if background:
        _delete_later(str(trash))
    else:
        shutil.rmtree(trash, ignore_errors=True)


def _delete_later(trash: str) -> None:
    def delete() -> None:
        try:
            shutil.rmtree(trash, ignore_errors=True)
        finally:
            _deleting.pop(thread, None)

    thread = threading.Thread(target=delete, name="cong-pagecache-trash", daemon=True)
    _deleting[thread] = trash
    thread.start()


def wait_for_trash(timeout: float | None = None) -> None:
    """Wait until the folders being deleted in the background are gone (at exit, in
    benchmarks); a folder left by an interrupted process goes with the next `purge_all`."""
    for thread in list(_deleting):
        thread.join(timeout)


atexit.register(wait_for_trash, 60)


def _hosts(root: Path) -> list[str]:
    try:
        return [e.name for e in os.scandir(root) if e.is_dir() and _HOST.fullmatch(e.name)]
    except FileNotFoundError:
        return []


def remove_page(root: Path, host: str, path: str) -> None:
    """Remove the cached file (and its stale copy) of `path` on `host` under `root`."""
    target = file_for(root, host, path)
    if target is not None:
        _unlink(target)
        _unlink(target.with_name(STALE_FILE))


def remove_tree(root: Path, host: str, path: str) -> None:
    """Remove the cached files of `path` on `host` and of every path below it."""
    if path == "/":
        remove_hosts(root, [host])
        return
    target = file_for(root, host, path)
    if target is not None:
        _remove_tree(target.parent, root)


def remove_hosts(root: Path, hosts: Iterable[str] | None) -> None:
    """Remove every cached page of `hosts` (None: of every host) under `root`, with their
    key index (inside each host's folder)."""
    for host in _hosts(root) if hosts is None else hosts:
        if _HOST.fullmatch(host):
            try:
                big = surrogate.HostIndex(root, host).count() > TRASH_INLINE_PAGES
            except sqlite3.Error:
                big = True
            _remove_tree(root / host, root, background=big)
    if hosts is not None:
        return
    deleting = set(_deleting.values())  # not the folders this process deletes meanwhile
    try:  # trash left by a purge that was interrupted
        leftovers = [
            e.path
            for e in os.scandir(root)
            if e.name.startswith(TRASH_PREFIX) and e.path not in deleting
        ]
    except FileNotFoundError:
        return
    for leftover in leftovers:
        shutil.rmtree(leftover, ignore_errors=True)


def whole_host(carrying: int, cached: int) -> bool:
    """Whether a purge of `carrying` of a host's `cached` pages removes the host instead."""
    return carrying >= HOST_PURGE_MIN and (
        carrying >= HOST_PURGE_SHARE * cached or carrying >= HOST_PURGE_PAGES
    )


def purge_all() -> None:
    """Remove every cached page of every host, from every configured cache."""
    surrogate.purge_hosts(None)


def purge_site(site: Any) -> None:
    """Remove every cached page of one Site (its host names), from every configured cache."""
    surrogate.purge_hosts(site_hostnames([site]))


def site_hostnames(sites: Iterable[Any]) -> set[str]:
    return {site.hostname.lower() for site in sites if site is not None}


def purge(
    pages: Iterable[str] = (), trees: Iterable[str] = (), hosts: Iterable[str] | None = None
) -> None:
    """Remove the file of each path in `pages`, and each path in `trees` with all below it,
    on `hosts` (default: every Site's host name), from every configured cache."""
    from wagtail.models import Site

    pages, trees = list(pages), list(trees)
    if not pages and not trees:
        return
    if hosts is None:
        hosts = site_hostnames(Site.objects.all())
    urls = [(host, path) for host in hosts for path in pages]
    urls += [(host, path + "*") for host in hosts for path in trees]
    surrogate.purge_urls(surrogate._urls(urls))


def site_paths(page: Page) -> list[str]:
    """The page's path below each site root it is under ("/" for a site's home page)."""
    return [path for _site, path in site_routes(page)]


def site_routes(page: Page) -> list[tuple[Any, str]]:
    """(site, path) for each Site whose root the page is under."""
    from wagtail.models import Site

    return [
        (site, "/" + page.url_path[len(site.root_page.url_path) :])
        for site in Site.objects.select_related("root_page")
        if page.url_path.startswith(site.root_page.url_path)
    ]


def sites_of_page(page: Page) -> list[Any]:
    return [site for site, _path in site_routes(page)]


def in_menu(paths: Iterable[str]) -> bool:
    """A site root ("/") or one of its children ("/section/"): in the menu on every page."""
    return any(path.count("/") <= 2 for path in paths)


def _ancestor_paths(path: str) -> list[str]:
    parts = path.strip("/").split("/")
    return ["/" + "".join(p + "/" for p in parts[:i]) for i in range(len(parts))]


def purge_page(page: Page, *, url_path: str | None = None) -> None:
    """After `page` changed (published, unpublished, deleted, renamed): every cached page
    that showed it (its key: the page itself, the pages below it, whose route loads it, and
    the lists and sidebars it was in) and its ancestors' pages (the lists a new page enters),
    on its own sites only; a page in the menu (a site root or one of its children) purges
    its sites entirely. `url_path` is the page's address before a rename or move."""
    routes = site_routes(page)
    if url_path is not None and url_path != page.url_path:
        before = Page(url_path=url_path)
        routes += site_routes(before)
    if not routes:
        surrogate.purge_keys({surrogate.page_key(page.pk)})
        return
    sites = [site for site, _path in routes]
    paths = [path for _site, path in routes]
    if in_menu(paths):
        surrogate.purge_hosts(site_hostnames(sites))
        return
    surrogate.purge_keys({surrogate.page_key(page.pk)}, site_hostnames(sites))
    urls = {
        (site.hostname.lower(), ancestor)
        for site, path in routes
        for ancestor in [*_ancestor_paths(path), path]
    }
    surrogate.purge_urls(surrogate._urls(sorted(urls)))


def purge_published(page: Page) -> None:
    """After `page` is published (see `purge_page`)."""
    purge_page(page)


def check_shared_cache(app_configs: Any | None = None, **kwargs: Any) -> list[CheckMessage]:
    """The page cache relies on the content version being shared by every worker."""
    backend = settings.CACHES["default"]["BACKEND"]
    if cache_dir() is not None and backend.endswith("LocMemCache"):
        return [
            CheckWarning(
                "CONG_PAGE_CACHE_DIR is set but the cache is local memory: with several "
                "workers a page rendered during a publish may stay cached. Set REDIS_URL.",
                id="cong.W001",
            )
        ]
    return []


# The folder as a backend of wagtail.contrib.frontend_cache (settings.WAGTAILFRONTENDCACHE).


class PageCacheBackend(BaseBackend):
    """The local file cache (`cong.core.pagecache`) as a Wagtail front-end cache backend.

    LOCATION is the cache folder (default: CONG_PAGE_CACHE_DIR, read at each purge). A URL
    ending in `*` purges the path and everything below it. Beyond Wagtail's URL purges it
    purges by surrogate key (`purge_keys`) and whole hosts (`purge_hosts`).
    """

    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__(params)
        self.location = params.get("LOCATION") or ""

    def root(self) -> Path | None:
        value = self.location or getattr(settings, "CONG_PAGE_CACHE_DIR", "")
        return Path(value) if value else None

    def purge(self, url: str) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls: Iterable[str]) -> None:
        root = self.root()
        if root is None:
            return
        index = surrogate.KeyIndex(root)
        # The keys are forgotten before the files go (see PageCacheMiddleware).
        for url in urls:
            parts = urlsplit(url)
            host, path = (parts.hostname or "").lower(), parts.path or "/"
            if path.endswith("*"):
                path = path[:-1]
                if path != "/":  # "/": the host's folder goes, with its index
                    index.forget_tree(host, path)
                remove_tree(root, host, path)
            else:
                index.forget([(host, path)])
                remove_page(root, host, path)

    def purge_keys(self, keys: Iterable[str], hosts: Iterable[str] | None = None) -> int:
        """Remove the pages carrying one of `keys` (on `hosts`); a host most of whose pages
        carry them goes as a whole (HOST_PURGE_*). The number of pages that carried them."""
        root = self.root()
        if root is None:
            return 0
        keys = set(keys)
        index = surrogate.KeyIndex(root)
        purged = 0
        for host in index.hosts() if hosts is None else sorted(set(hosts)):
            host_index = index.host(host)
            paths = host_index.pages(keys)
            if not paths:
                continue
            purged += len(paths)
            if whole_host(len(paths), host_index.count()):
                remove_hosts(root, [host])
                continue
            host_index.forget(paths)
            for path in paths:
                remove_page(root, host, path)
        return purged

    def purge_hosts(self, hosts: Iterable[str] | None = None) -> None:
        root = self.root()
        if root is None:
            return
        remove_hosts(root, None if hosts is None else list(hosts))
