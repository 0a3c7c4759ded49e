"""deploy/nginx as render.py writes it: IPv6 listens (Art. 11(4)), the per-host CSP of cached
pages, and the planned-stop 503 page; checked on a private nginx when one is installed."""

import http.client
import importlib.util
import shutil
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from cong.compliance.checks import nginx_listens_on_ipv6
from cong.core.pagecache import same_policy

RENDER = Path(django_settings.BASE_DIR) / "deploy" / "nginx" / "render.py"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
HOST_POLICY = "default-src 'self'; script-src 'self' https://emc.gov.vn; img-src 'self' data:"


def load_render():
    spec = importlib.util.spec_from_file_location("cong_nginx_render_compliance", RENDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def render():
    return load_render()


def test_plain_http_listens_on_ipv4_and_ipv6(render, settings):
    conf = render.site(settings, "80", "stttt.thanhhoa.gov.vn", "127.0.0.1:9")
    assert "    listen 80;\n    listen [::]:80;\n" in conf
    assert nginx_listens_on_ipv6(conf)
    loopback = render.listen_lines("127.0.0.1:8150", None)
    assert loopback.splitlines() == ["    listen 127.0.0.1:8150;", "    listen [::1]:8150;"]
    assert render.listen_lines("10.0.0.5:80", None) == "    listen 10.0.0.5:80;"


def test_tls_listens_on_ipv6_for_443_and_the_redirect(render, settings):
    tls = render.Tls("/etc/ssl/cong/fullchain.pem", "/etc/ssl/cong/privkey.pem")
    conf = render.site(settings, "443", "stttt.thanhhoa.gov.vn", "127.0.0.1:9", tls)
    listens = [line.strip() for line in conf.splitlines() if line.strip().startswith("listen")]
    assert {"listen 80;", "listen [::]:80;"} <= set(listens)
    assert any(line.startswith("listen [::]:443 ssl") for line in listens)


def test_no_ipv6_leaves_it_out(render, settings):
    conf = render.site(settings, "80", "stttt.thanhhoa.gov.vn", "127.0.0.1:9", ipv6=False)
    assert not nginx_listens_on_ipv6(conf)


def test_cached_pages_get_the_hosts_policy_from_the_map_and_django_is_told(render, settings):
    conf = render.site(settings, "80", "stttt.thanhhoa.gov.vn", "127.0.0.1:9")
    block = conf.split("map $host $cong_csp {", 1)[1].split("}", 1)[0]
    assert f"include {settings.CONG_NGINX_CSP_MAP};" in block
    default = block.split("default ", 1)[1].split(";\n", 1)[0].strip('"')
    assert "script-src 'self'" in default and "emc" not in default
    assert Path(settings.CONG_NGINX_CSP_MAP).exists()  # nginx refuses a missing include
    # Both cached-page locations send $cong_csp, never a fixed CSP; @app tells Django.
    assert conf.count("add_header Content-Security-Policy $cong_csp;") == 2
    assert "proxy_set_header X-Cong-Cache-Csp $cong_csp;" in conf.split("location @app {")[1]


def test_the_maintenance_flag_turns_public_pages_into_the_503_page(render, settings):
    conf = render.site(settings, "80", "stttt.thanhhoa.gov.vn", "127.0.0.1:9")
    pages = conf.split("    location / {", 1)[1].split("\n    }\n", 1)[0]
    assert f"if (-f {settings.CONG_MAINTENANCE_DIR}/maintenance.on)" in pages
    assert "error_page 503 /_cong_errors/maintenance.html;" in pages
    page = conf.split("location = /_cong_errors/maintenance.html {", 1)[1].split("}", 1)[0]
    assert f"alias {settings.CONG_MAINTENANCE_DIR}/maintenance.html;" in page
    assert "add_header Retry-After 3600 always;" in page
    admin = conf.split(f"location /{settings.CONG_ADMIN_PATH}", 1)[1].split("}", 1)[0]
    assert "maintenance" not in admin


# A private nginx.


class _Upstream(BaseHTTPRequestHandler):
    """Stands in for gunicorn: records the CSP nginx says it would send with a cached copy."""

    seen: list[tuple[str, str | None]] = []

    def do_GET(self):
        type(self).seen.append((self.path, self.headers.get("X-Cong-Cache-Csp")))
        body = b"<!doctype html><title>app</title>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(host: str, port: int, path: str) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection(host, port, timeout=5)
    connection.request("GET", path, headers={"Host": "localhost"})
    response = connection.getresponse()
    result = response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    connection.close()
    return result


@pytest.fixture
def nginx(settings, tmp_path, render):
    if NGINX is None:
        pytest.skip("nginx is not installed (apt-get install nginx)")
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    _Upstream.seen = []
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    settings.MEDIA_ROOT = tmp_path / "media"
    Path(settings.CONG_NGINX_CSP_MAP).write_text(f'"localhost" "{HOST_POLICY}";\n')
    port = _free_port()
    conf = render.site(
        settings, f"127.0.0.1:{port}", "localhost", f"127.0.0.1:{upstream.server_port}"
    )
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    (prefix / "nginx.conf").write_text(render.standalone(conf, prefix, "1", False))
    args = [NGINX, "-p", str(prefix), "-e", str(prefix / "error.log")]
    process = subprocess.Popen([*args, "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"])
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                log = prefix / "error.log"
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"nginx did not start: {log.read_text() if log.exists() else ''}")
                time.sleep(0.05)
        yield port
    finally:
        process.terminate()
        process.wait(10)
        upstream.shutdown()


def test_nginx_answers_over_ipv6_loopback_with_the_hosts_policy(nginx, settings):
    cached = Path(settings.CONG_PAGE_CACHE_DIR) / "localhost" / "index.html"
    cached.parent.mkdir(parents=True)
    cached.write_text("<!doctype html><title>cached</title>")
    for address in ("127.0.0.1", "::1"):
        status, headers, body = _get(address, nginx, "/")
        assert status == 200 and b"cached" in body and headers["x-cong-cache"] == "HIT"
        assert same_policy(headers["content-security-policy"], HOST_POLICY)
    _get("127.0.0.1", nginx, "/tin-tuc/")  # not cached: Django is asked, and told the policy
    assert _Upstream.seen == [("/tin-tuc/", HOST_POLICY)]


def test_nginx_serves_the_maintenance_page_with_503_while_the_flag_exists(nginx, settings):
    folder = Path(settings.CONG_MAINTENANCE_DIR)
    folder.mkdir(parents=True)
    (folder / "maintenance.html").write_text(
        "<!doctype html><title>Website tạm dừng hoạt động</title>", encoding="utf-8"
    )
    (folder / "maintenance.on").write_text("2026-12-11T06:00:00+07:00")
    status, headers, body = _get("127.0.0.1", nginx, "/tin-tuc/")
    assert status == 503
    assert headers["retry-after"] == "3600"
    assert "Website tạm dừng hoạt động" in body.decode()
    assert _Upstream.seen == []  # Django is not asked
    status, _headers, _body = _get("127.0.0.1", nginx, f"/{settings.CONG_ADMIN_PATH}")
    assert status == 200 and _Upstream.seen  # the admin still reaches the app
    (folder / "maintenance.on").unlink()
    assert _get("127.0.0.1", nginx, "/tin-tuc/")[0] == 200
