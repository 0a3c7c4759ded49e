"""deploy/nginx: cached pages (stale copies included) while gunicorn fails, Vietnamese pages
for nginx's own 413/502/503/504, and TLS lines from render.py."""

import http.client
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from cong.core.limits import admin_max_mb, public_max_mb

ROOT = Path(django_settings.BASE_DIR)
RENDER = ROOT / "deploy" / "nginx" / "render.py"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
needs_nginx = pytest.mark.skipif(NGINX is None, reason="nginx is not installed")


def load_render():
    spec = importlib.util.spec_from_file_location("cong_nginx_render_outages", RENDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def render(settings, tmp_path):
    settings.CONG_PAGE_CACHE_DIR = str(tmp_path / "pagecache")
    settings.STATIC_ROOT = tmp_path / "static"
    return load_render()


def test_render_and_the_django_middleware_agree_on_the_body_limits(render, settings):
    conf = render.site(settings, "80", "stttt.thanhhoa.gov.vn", "127.0.0.1:9")
    assert f"client_max_body_size {public_max_mb()}m;" in conf
    assert f"client_max_body_size {admin_max_mb()}m;" in conf


def test_without_a_certificate_the_site_listens_in_plain_http(render, settings):
    conf = render.site(settings, "80", "stttt.thanhhoa.gov.vn", "127.0.0.1:9")
    assert "    listen 80;" in conf
    assert "ssl" not in conf.replace("ssl_", "").split("server {", 1)[1]
    assert "return 301 https://" not in conf


def test_with_a_certificate_it_listens_on_443_with_http2_and_redirects_port_80(render, settings):
    tls = render.Tls("/etc/ssl/cong/fullchain.pem", "/etc/ssl/cong/privkey.pem")
    lines = render.listen_lines("443", tls, version=(1, 22, 1))
    assert "listen 443 ssl http2;" in lines and "listen [::]:443 ssl http2;" in lines
    assert "ssl_certificate /etc/ssl/cong/fullchain.pem;" in lines
    assert "ssl_certificate_key /etc/ssl/cong/privkey.pem;" in lines
    # nginx ≥ 1.25.1 wants "http2 on;" instead of the deprecated listen parameter.
    newer = render.listen_lines("443", tls, version=(1, 26, 0))
    assert "listen 443 ssl;" in newer and "http2 on;" in newer
    conf = render.site(settings, "443", "stttt.thanhhoa.gov.vn", "127.0.0.1:9", tls)
    redirect = conf.split("server {", 1)[1].split("}", 1)[0]
    assert "listen 80;" in redirect and "listen [::]:80;" in redirect
    assert "return 301 https://$host$request_uri;" in redirect


def test_the_command_line_takes_a_certificate_and_refuses_half_of_one(tmp_path):
    env = {**os.environ, "CONG_PAGE_CACHE_DIR": str(tmp_path), "CONG_VAR_DIR": str(tmp_path)}
    run = [str(Path(os.sys.executable)), str(RENDER), "--server-name", "example.gov.vn"]
    out = subprocess.run(
        [*run, "--tls-cert", "/c.pem", "--tls-key", "/k.pem"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "listen 443 ssl" in out and "return 301 https://" in out
    half = subprocess.run([*run, "--tls-cert", "/c.pem"], env=env, cwd=ROOT, capture_output=True)
    assert half.returncode != 0


def test_the_error_pages_nginx_serves_are_vietnamese():
    for name, words in (("50x.html", "tạm thời gián đoạn"), ("413.html", "quá lớn")):
        html = (ROOT / "static" / "errors" / name).read_text(encoding="utf-8")
        assert '<html lang="vi">' in html and words in html


# A private nginx in front of a dead upstream


def request(port: int, method: str, path: str, body: bytes = b"", headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8")
    finally:
        conn.close()


@pytest.fixture
def nginx_without_app(render, settings, tmp_path):
    """nginx rendered as deploy/ has it, its upstream a port nobody serves (gunicorn down)."""
    errors = tmp_path / "static" / "errors"
    errors.mkdir(parents=True)
    for name in ("50x.html", "413.html"):
        shutil.copy(ROOT / "static" / "errors" / name, errors / name)
    port = free_port()
    prefix = tmp_path / "nginx"
    site = render.site(settings, f"127.0.0.1:{port}", "127.0.0.1", f"127.0.0.1:{free_port()}")
    (prefix).mkdir()
    (prefix / "nginx.conf").write_text(render.standalone(site, prefix, "1"))
    args = [NGINX, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c"]
    args += [str(prefix / "nginx.conf"), "-g", "daemon off;"]
    process = subprocess.Popen(args, start_new_session=True)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield port, tmp_path / "pagecache" / "127.0.0.1"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


@needs_nginx
def test_nginx_serves_the_stale_copy_of_a_page_when_gunicorn_is_down(nginx_without_app):
    port, cache = nginx_without_app
    (cache / "tin-tuc").mkdir(parents=True)
    (cache / "tin-tuc" / ".stale.html").write_text("<p>Bản tin cũ</p>", encoding="utf-8")
    # A reader's plain request: the fresh file is gone (swept), Django cannot answer.
    status, headers, body = request(port, "GET", "/tin-tuc/")
    assert (status, headers["X-Cong-Cache"]) == (200, "STALE")
    assert "Bản tin cũ" in body
    # An editor (session cookie) reads it too; a tracking parameter does not matter.
    status, _h, body = request(
        port, "GET", "/tin-tuc/?utm_source=zalo", headers={"Cookie": "sessionid=x"}
    )
    assert status == 200 and "Bản tin cũ" in body


@needs_nginx
def test_nginx_answers_a_vietnamese_503_page_when_there_is_no_copy(nginx_without_app):
    port, _cache = nginx_without_app
    for method, path in (
        ("GET", "/chua-co/"),
        ("GET", "/tim-kiem/?q=abc"),
        ("POST", "/api/visits/hit"),
    ):
        status, headers, body = request(port, method, path, body=b"{}" if method == "POST" else b"")
        assert status in (502, 503), (method, path)
        assert "tạm thời gián đoạn" in body
        assert int(headers["Retry-After"]) > 0


@needs_nginx
def test_nginx_refuses_a_too_large_body_with_a_vietnamese_413_page(nginx_without_app):
    port, _cache = nginx_without_app
    body = b"x" * ((public_max_mb() + 1) * 1024 * 1024)
    status, _headers, html = request(port, "POST", "/hoi-dap/dat-cau-hoi/", body=body)
    assert status == 413 and "quá lớn" in html


@needs_nginx
def test_nginx_accepts_the_tls_configuration_render_writes(render, settings, tmp_path):
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    tls = render.Tls(str(cert), str(key), f"127.0.0.1:{free_port()}")
    site = render.site(settings, f"127.0.0.1:{free_port()}", "localhost", "127.0.0.1:9", tls)
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    (prefix / "nginx.conf").write_text(render.standalone(site, prefix, "1"))
    test = subprocess.run(
        [
            NGINX,
            "-t",
            "-p",
            str(prefix),
            "-e",
            str(prefix / "error.log"),
            "-c",
            str(prefix / "nginx.conf"),
        ],
        capture_output=True,
        text=True,
    )
    assert test.returncode == 0, test.stderr
