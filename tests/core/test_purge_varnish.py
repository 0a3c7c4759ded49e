"""deploy/varnish/cong.vcl with Debian's varnish and varnish-modules: pages kept by their
`xkey` header, purged by key, by host and by URL through cong.core.surrogate.VarnishBackend."""

import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from cong.core.surrogate import VarnishBackend

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "cong.vcl"
VARNISHD = shutil.which("varnishd") or (
    "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
)
XKEY = Path("/usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so")
KEYS = {"/a/": "p1 p10 all h:testserver", "/b/": "p2 p10 all h:testserver"}


class App(BaseHTTPRequestHandler):
    """Stands for Django: each page with its surrogate keys; counts what reaches it."""

    hits: Counter = Counter()

    def do_GET(self) -> None:  # noqa: N802
        App.hits[self.path] += 1
        body = f"<p>{self.path} {App.hits[self.path]}</p>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if self.path in KEYS:
            self.send_header("xkey", KEYS[self.path])
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def varnish(tmp_path):
    if VARNISHD is None or not XKEY.exists():
        pytest.skip("varnish is not installed (apt-get install varnish varnish-modules)")
    app = ThreadingHTTPServer(("127.0.0.1", 0), App)
    App.hits = Counter()
    threading.Thread(target=app.serve_forever, daemon=True).start()
    vcl = tmp_path / "cong.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8080";', f'.port = "{app.server_port}";'))
    port = _free_port()
    process = subprocess.Popen(
        [VARNISHD, "-F", "-j", "none", "-n", str(tmp_path / "varnish"), "-a",
         f"127.0.0.1:{port}", "-f", str(vcl), "-s", "malloc,16m"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                get(url, "/probe/")
                break
            except OSError:
                time.sleep(0.1)
        App.hits.clear()
        yield url
    finally:
        process.terminate()
        process.wait(10)
        app.shutdown()


def get(base: str, path: str) -> tuple[str, dict]:
    request = urllib.request.Request(base + path, headers={"Host": "testserver"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
        return response.read().decode(), dict(response.headers)


def test_varnish_keeps_pages_and_purges_them_by_key_host_and_url(varnish):
    backend = VarnishBackend({"LOCATION": varnish})
    body, headers = get(varnish, "/a/")
    assert "xkey" not in {h.lower() for h in headers}  # the keys are for Varnish only
    get(varnish, "/a/"), get(varnish, "/b/"), get(varnish, "/b/")
    assert App.hits == {"/a/": 1, "/b/": 1}  # kept
    backend.purge_keys({"p1"})  # only /a/ carries it
    get(varnish, "/a/"), get(varnish, "/b/")
    assert App.hits == {"/a/": 2, "/b/": 1}
    backend.purge_keys({"p10"})  # both
    get(varnish, "/a/"), get(varnish, "/b/")
    assert App.hits == {"/a/": 3, "/b/": 2}
    backend.purge("http://testserver/b/")  # Wagtail's URL purge
    get(varnish, "/a/"), get(varnish, "/b/")
    assert App.hits == {"/a/": 3, "/b/": 3}
    backend.purge_hosts(["testserver"])
    get(varnish, "/a/"), get(varnish, "/b/")
    assert App.hits == {"/a/": 4, "/b/": 4}
    backend.purge_hosts(None)  # everything ("all")
    get(varnish, "/a/")
    assert App.hits["/a/"] == 5


def test_varnish_refuses_purges_from_elsewhere_and_passes_query_strings(varnish):
    get(varnish, "/a/?page=2"), get(varnish, "/a/?page=2")
    assert App.hits["/a/?page=2"] == 2
    get(varnish, "/a/?utm_source=zalo"), get(varnish, "/a/")
    assert App.hits == {"/a/?page=2": 2, "/a/": 1}  # tracking parameters: the same page
    assert "acl purgers" in VCL.read_text() and '"127.0.0.1";' in VCL.read_text()
