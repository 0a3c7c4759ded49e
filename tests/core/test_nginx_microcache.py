"""nginx's own short caches, through a real loopback nginx: the micro-cache of anonymous
query-string pages, the per-address limit on search and document filters (429), and the
visit counter's summary served from nginx."""

import json
import shutil
import socket
import threading
import urllib.error
import urllib.request
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.core.test_nginx_site import NGINX, load_render
from tests.loopback_nginx import running_nginx


class _App(BaseHTTPRequestHandler):
    """Stands in for gunicorn: counts the requests it gets per path and query."""

    calls: Counter = Counter()

    def do_GET(self):
        type(self).calls[self.path] += 1
        n = type(self).calls[self.path]
        headers = {"Content-Type": "text/html; charset=utf-8"}
        if self.path.startswith("/api/visits/summary"):
            headers = {"Content-Type": "application/json", "Cache-Control": "public, max-age=5"}
            body = json.dumps({"today": n, "host": self.headers["Host"]}).encode()
        else:
            body = f"<!doctype html><p>{self.path} render {n}</p>".encode()
        if "cookie=1" in self.path:
            headers["Set-Cookie"] = "csrftoken=abc; Path=/"
        if "private=1" in self.path:
            headers["Cache-Control"] = "private"
        status = 404 if "missing=1" in self.path else 200
        if "toomany=1" in self.path:
            status, body = 429, b'{"detail": "Django\'s own"}'
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def nginx(settings, tmp_path):
    if NGINX is None:
        pytest.skip("nginx is not installed (apt-get install nginx)")
    app = ThreadingHTTPServer(("127.0.0.1", 0), _App)
    _App.calls = Counter()
    threading.Thread(target=app.serve_forever, daemon=True).start()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STATIC_ROOT = tmp_path / "static"
    shutil.copytree(
        Path(django_settings.BASE_DIR) / "static" / "errors", tmp_path / "static/errors"
    )
    settings.CONG_PAGE_CACHE_DIR = str(tmp_path / "pagecache")
    port = _free_port()
    render = load_render()
    conf = render.site(settings, f"127.0.0.1:{port}", "localhost", f"127.0.0.1:{app.server_port}")
    assert (tmp_path / "nginx-cache").is_dir()  # beside the page cache unless told otherwise
    try:
        with running_nginx(NGINX, render, conf, tmp_path / "nginx", port):
            yield f"http://127.0.0.1:{port}"
    finally:
        app.shutdown()


def _get(url: str, host: str = "localhost", cookie: str = ""):
    headers = {"Host": host, **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (loopback)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (loopback)
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def test_a_second_identical_query_comes_from_the_micro_cache(nginx):
    first = _get(nginx + "/van-ban/?page=2")
    second = _get(nginx + "/van-ban/?page=2")
    assert first[0] == second[0] == 200
    assert (first[1]["X-Cong-Micro"], second[1]["X-Cong-Micro"]) == ("MISS", "HIT")
    assert second[2] == first[2] == "<!doctype html><p>/van-ban/?page=2 render 1</p>"
    assert _App.calls["/van-ban/?page=2"] == 1


def test_tracking_parameters_are_not_part_of_the_key(nginx):
    _get(nginx + "/tin-tuc/?page=3")
    for query in ("utm_source=zalo&page=3", "page=3&fbclid=x", "gclid=1&page=3&utm_medium=a"):
        status, headers, body = _get(nginx + "/tin-tuc/?" + query)
        assert (status, headers["X-Cong-Micro"]) == (200, "HIT"), query
        assert body.endswith("?page=3 render 1</p>")
    assert sum(_App.calls.values()) == 1
    # Other arguments are another page.
    assert _get(nginx + "/tin-tuc/?page=4")[1]["X-Cong-Micro"] == "MISS"


def test_hosts_have_their_own_entries(nginx):
    _get(nginx + "/tin-tuc/?page=2", host="localhost")
    status, headers, _body = _get(nginx + "/tin-tuc/?page=2", host="127.0.0.1")
    assert headers["X-Cong-Micro"] == "MISS"
    assert _App.calls["/tin-tuc/?page=2"] == 2


def test_a_session_cookie_bypasses_the_micro_cache(nginx):
    _get(nginx + "/van-ban/?page=2")
    status, headers, body = _get(nginx + "/van-ban/?page=2", cookie="sessionid=abc")
    assert (status, headers["X-Cong-Micro"]) == (200, "BYPASS")
    assert body.endswith("render 2</p>")
    # ... and what an editor got is not kept for the public.
    assert _get(nginx + "/van-ban/?page=2")[2].endswith("render 1</p>")


def test_only_shareable_200s_are_kept(nginx):
    for query in ("cookie=1", "private=1", "missing=1"):
        _get(nginx + f"/tin-tuc/?{query}")
        _get(nginx + f"/tin-tuc/?{query}")
        assert _App.calls[f"/tin-tuc/?{query}"] == 2, query


def test_pages_without_a_query_are_never_micro_cached(nginx):
    # They belong to the page cache, which a publish purges: no stale copy may sit here.
    for path in ("/tin-tuc/", "/tin-tuc/?utm_source=zalo"):
        assert _get(nginx + path)[1]["X-Cong-Micro"] == "BYPASS"
        assert _get(nginx + path)[1]["X-Cong-Micro"] == "BYPASS"
    assert _App.calls["/tin-tuc/"] == 2 and _App.calls["/tin-tuc/?utm_source=zalo"] == 2


def test_search_and_document_filters_are_limited_per_address_with_a_vietnamese_429(nginx):
    statuses = [_get(nginx + f"/tim-kiem/?q=x{n}")[0] for n in range(80)]
    assert statuses[0] == 200 and 429 in statuses
    status, headers, body = _get(nginx + "/van-ban/?doc_type=3&year=2024")
    assert status == 429
    assert "Bạn đã gửi quá nhiều yêu cầu" in body and headers["Retry-After"] == "10"
    assert "utf-8" in headers["Content-Type"]


def test_ordinary_query_pages_are_not_limited(nginx):
    statuses = {_get(nginx + f"/tin-tuc/?page={n}")[0] for n in range(80)}
    assert statuses == {200}


def test_the_visit_summary_is_served_by_nginx_per_host_and_page(nginx):
    url = nginx + "/api/visits/summary?path=/tin-tuc/"
    first, second = _get(url), _get(url)
    assert (first[1]["X-Cong-Cache"], second[1]["X-Cong-Cache"]) == ("MISS", "HIT")
    assert json.loads(second[2]) == json.loads(first[2])
    assert _App.calls["/api/visits/summary?path=/tin-tuc/"] == 1
    other_host = _get(url, host="127.0.0.1")
    assert other_host[1]["X-Cong-Cache"] == "MISS"
    assert json.loads(other_host[2])["host"].startswith("127.0.0.1")
    _get(nginx + "/api/visits/summary?path=/van-ban/")
    assert _App.calls["/api/visits/summary?path=/tin-tuc/"] == 2
    assert _App.calls["/api/visits/summary?path=/van-ban/"] == 1


def test_djangos_own_429s_pass_through_untouched(nginx):
    # The API's JSON, the login lock-out page, the forms' explanation: not nginx's page.
    status, _headers, body = _get(nginx + "/api/v2/pages/?toomany=1")
    assert (status, body) == (429, '{"detail": "Django\'s own"}')
