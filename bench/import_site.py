"""`make bench-import-site`: bring a generated old site of N articles (2 photos each) over.

A fixture old site (Liferay-like article pages, a sitemap, distinct JPEG photos of
320×240) is served from this process on loopback; `manage.py import_site` runs in a child
process on a fresh database (SQLite by default, or BENCH_DATABASE_URL) with no rate limit.
Reported: articles/s over the whole run (discovery, fetching, conversion, photos, pages,
redirects); the child's CPU time (articles per CPU-second: what the import costs whatever
else the machine is doing); its peak resident memory (getrusage) and its memory sampled
every second (the first and last tenth of the run, to show whether it grows).
Goal: ≥ 20 articles/s.

    BENCH_ARTICLES=1000 make bench-import-site
"""

import io
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.liveserver import BIN, ROOT, environment, manage  # noqa: E402

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "10000"))
GOAL = 20.0

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<script>var Liferay = {{}};</script></head><body>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc">Tin tức</a></li></ul></nav>
<ul class="breadcrumb"><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc">{section}</a></li></ul>
<div class="journal-content-article"><h1 class="title">{title}</h1>
<div class="journal-article-date">Thứ Năm, {day:02d}/{month:02d}/2023 15:30</div>
<div class="sapo">Sở Thông tin và Truyền thông tổ chức hoạt động số {n} trong năm.</div>
<div class="content">
<p>Chiều ngày {day}/{month}, Sở tổ chức hội nghị triển khai nhiệm vụ chuyển đổi số, với sự
tham dự của lãnh đạo các phòng, đơn vị trực thuộc và đại diện các huyện, thị xã, thành phố.</p>
<p style="text-align:center"><img src="/anh/{n}-1.jpg"></p>
<p style="text-align:center"><em>Quang cảnh hội nghị số {n}. Ảnh: Nguyễn Hiền</em></p>
<p>Hội nghị đã thảo luận các giải pháp nâng cao chất lượng dịch vụ công trực tuyến, bảo đảm
an toàn thông tin và đẩy mạnh thông tin cơ sở.</p>
<figure><img src="/anh/{n}-2.jpg"><figcaption>Lãnh đạo Sở phát biểu (Ảnh: Lê Hà)</figcaption></figure>
<p>Kết thúc hội nghị, các đơn vị thống nhất kế hoạch thực hiện trong quý tới.</p>
<p style="text-align:right"><strong>Nguyễn Hiền - Phòng QLTTBCXB</strong></p>
</div></div><footer>Sở Thông tin và Truyền thông</footer></body></html>"""
SECTIONS = ("Tin tức - Sự kiện", "Chuyển đổi số", "Thông báo", "Hoạt động của Sở")


def photo(n: int, k: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    from PIL import ImageDraw

    image = Image.new("RGB", (320, 240), (n % 256, n // 256 % 256, 60 + 120 * (k - 1)))
    # The number drawn in: plain colours a step apart can compress to the same bytes.
    ImageDraw.Draw(image).text((20, 20), f"{n}-{k}", fill=(255, 255, 255))
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: with Nagle's algorithm on, each keep-alive
    # answer then waits for the client's delayed ACK (40 ms), which this benchmark would
    # count as the importer's time.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        body, kind = self.answer(self.path)
        if body is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def answer(self, path: str) -> tuple[bytes | None, str]:
        if path == "/sitemap.xml":
            urls = "".join(
                f"<url><loc>http://{self.headers['Host']}/tin-tuc/bai-{n}.html</loc></url>"
                for n in range(ARTICLES)
            )
            xml = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
            return xml.encode(), "application/xml"
        if path.startswith("/tin-tuc/bai-"):
            n = int(path.removeprefix("/tin-tuc/bai-").removesuffix(".html"))
            page = PAGE.format(
                title=f"Hội nghị triển khai nhiệm vụ chuyển đổi số lần thứ {n}",
                section=SECTIONS[n % len(SECTIONS)],
                day=1 + n % 28,
                month=1 + n % 12,
                n=n,
            )
            return page.encode(), "text/html; charset=utf-8"
        if path.startswith("/anh/"):
            n, k = path.removeprefix("/anh/").removesuffix(".jpg").split("-")
            return photo(int(n), int(k)), "image/jpeg"
        return None, ""

    def log_message(self, *args) -> None:
        pass


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main() -> int:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    source = f"http://127.0.0.1:{server.server_address[1]}/sitemap.xml"
    with tempfile.TemporaryDirectory() as tmp:
        env = environment(Path(tmp) / "var", database_url=os.environ.get("BENCH_DATABASE_URL", ""))
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "shell", "-c", SETUP)
        start = time.perf_counter()
        served_from = resource.getrusage(resource.RUSAGE_SELF)
        child = subprocess.Popen(
            [str(BIN / "python"), "manage.py", "import_site", "--source", source,
             "--preset", "liferay", "--rate", "0", "--ignore-robots"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        samples = []
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            samples.append(rss_kib(child.pid))
            time.sleep(1)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        cpu = usage.ru_utime + usage.ru_stime
        served_to = resource.getrusage(resource.RUSAGE_SELF)
        server_cpu = (served_to.ru_utime - served_from.ru_utime) + (
            served_to.ru_stime - served_from.ru_stime
        )
        output = child.stdout.read() if child.stdout else ""
    server.shutdown()
    samples = [s for s in samples if s] or [usage.ru_maxrss]
    tenth = max(1, len(samples) // 10)
    first, last = max(samples[:tenth]), max(samples[-tenth:])
    rate = ARTICLES / seconds
    print(output.strip())
    print(
        f"{ARTICLES} articles, {2 * ARTICLES} photos: {seconds:.1f} s, {rate:.1f} articles/s "
        f"(goal ≥ {GOAL:g}: {'met' if rate >= GOAL else 'NOT met'}); resident memory peak "
        f"{usage.ru_maxrss / 1024:.0f} MiB, first tenth {first / 1024:.0f} MiB, "
        f"last tenth {last / 1024:.0f} MiB; the import used {cpu:.1f} s of CPU "
        f"({ARTICLES / cpu:.1f} articles per CPU-second), the fixture server {server_cpu:.1f} s; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    return 0 if rate >= GOAL and child.returncode == 0 else 1


SETUP = """
from wagtail.models import Page, Site
from cong.news.models import HomePage
root = Page.get_first_root_node()
home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu"))
site = Site.objects.get(is_default_site=True)
old = site.root_page
site.root_page = home
site.save()
old.delete()
"""


if __name__ == "__main__":
    sys.exit(main())
