"""deploy/nginx/cong.conf as render.py fills it: what nginx refuses, and the Host it passes on."""

import importlib.util
import shutil
import socket
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.loopback_nginx import running_nginx

RENDER = Path(django_settings.BASE_DIR) / "deploy" / "nginx" / "render.py"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def load_render():
    spec = importlib.util.spec_from_file_location("cong_nginx_render", RENDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def rendered(settings, tmp_path):
    settings.CONG_PAGE_CACHE_DIR = str(tmp_path / "pagecache")
    return load_render().site(settings, "80", "stttt.thanhhoa.gov.vn", "127.0.0.1:9")


def test_the_nginx_site_refuses_document_files_under_media(rendered):
    block = rendered.split("location ^~ /media/documents/ {", 1)[1].split("}", 1)[0]
    assert block.split() == ["return", "404;"]


def test_the_nginx_site_never_passes_the_clients_host_header_on(rendered):
    assert "$http_host" not in rendered
    host_lines = [line.split() for line in rendered.splitlines() if "proxy_set_header Host" in line]
    assert host_lines and all(line[2] == "$host$cong_host_port;" for line in host_lines)
    ports = rendered.split("map $server_port $cong_host_port {", 1)[1].split("}", 1)[0]
    assert ports.split() == ["80", '"";', "443", '"";', "default", '":$server_port";']


class _Upstream(BaseHTTPRequestHandler):
    """Stands in for gunicorn: answers with the Host header it was given."""

    hosts: list[str] = []

    def do_GET(self):
        type(self).hosts.append(self.headers["Host"])
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


def _get(url: str, host: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Host": host})  # noqa: S310 (loopback)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (loopback)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def nginx(settings, tmp_path):
    """A private nginx with this site's configuration, in front of the stand-in upstream."""
    if NGINX is None:
        pytest.skip("nginx is not installed (apt-get install nginx)")
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    _Upstream.hosts = []
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CONG_PAGE_CACHE_DIR = str(tmp_path / "pagecache")
    port = _free_port()
    render = load_render()
    conf = render.site(
        settings, f"127.0.0.1:{port}", "localhost", f"127.0.0.1:{upstream.server_port}"
    )
    try:
        with running_nginx(NGINX, render, conf, tmp_path / "nginx", port):
            yield f"http://127.0.0.1:{port}", port
    finally:
        upstream.shutdown()


def test_nginx_answers_404_for_a_document_file_and_serves_images(nginx, settings):
    base, _port = nginx
    for folder, name, content in (
        ("documents", "bao-cao-mat.pdf", b"%PDF-1.7 mat"),
        ("original_images", "anh.png", b"\x89PNG\r\n\x1a\n"),
    ):
        (settings.MEDIA_ROOT / folder).mkdir(parents=True)
        (settings.MEDIA_ROOT / folder / name).write_bytes(content)
    for path in (
        "/media/documents/bao-cao-mat.pdf",
        "/media//documents/bao-cao-mat.pdf",
        "/media/original_images/../documents/bao-cao-mat.pdf",
        "/media/%64ocuments/bao-cao-mat.pdf",
    ):
        status, body = _get(base + path, "localhost")
        assert (status, b"mat" in body) == (404, False), path
    assert _get(base + "/media/original_images/anh.png", "localhost") == (200, b"\x89PNG\r\n\x1a\n")


def test_nginx_passes_its_own_host_and_port_not_the_clients(nginx):
    base, port = nginx
    assert _get(base + "/tin-tuc/", "LOCALHOST:6666")[0] == 200
    assert _get(base + "/tin-tuc/", "localhost")[0] == 200
    assert _Upstream.hosts == [f"localhost:{port}", f"localhost:{port}"]
