"""`make test-faults`: outages of the production stack under load, one at a time.

The stack on loopback, as `make smoke` and `make bench` run it, but with services this run
owns, so nothing shared is ever stopped:

- Redis: a redis-server of its own on a free port (`--save "" --appendonly no`), the cache
  (content version, fragments, rate limits);
- PostgreSQL: a fresh database on the machine's server (FAULTS_DATABASE_URL, default
  postgres://postgres@127.0.0.1:5432/cong_faults_<pid>, dropped at the end), reached by the app
  only through a TCP proxy in this process, which "cuts" it by closing every connection and
  refusing new ones; visits are counted in it (CONG_VISITS_STORE=database: a beacon is
  committed before its 204). The first run migrates and loads the demo (about 1.5 min) and
  keeps the result as a template database, cong_faults_template_<hash of the migrations and
  demo>; later runs copy it in a second;
- the page cache on a 8 MB tmpfs mounted for the run (root), else a loop-mounted ext4 file,
  so that "disk full" is a real ENOSPC;
- gunicorn (deploy/gunicorn.conf.py, 2 workers) and a private nginx rendered by
  deploy/nginx/render.py.

A load generator (threads reading cached pages, one reading an uncached page, one sending
visit beacons) runs throughout. The faults: Redis killed (SIGKILL) and restarted;
PostgreSQL cut and back; one gunicorn worker SIGKILLed; the master SIGKILLed (its workers
then leave) and started again; the page-cache disk filled. After each: the cached pages
were served during the fault, no beacon acknowledged with 204 is missing from the database
(acknowledged ≤ stored), no half-written file (.tmp-*) nor inconsistent counter rows, and
the site is whole again (an uncached page 200, a beacon 204) within 10 s. A table of faults
× outcomes; the exit status is 1 if any row fails. Traffic goes only to 127.0.0.1; every
process started is stopped, the tmpfs unmounted and the database dropped, also on failure.
"""

import asyncio
import hashlib
import http.client
import importlib.metadata
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlparse

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.liveserver import ARTICLE, BIN, ROOT, environment, free_port, manage  # noqa: E402
from bench.stack import Nginx  # noqa: E402

PG_URL = os.environ.get(
    "FAULTS_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/cong_faults_{os.getpid()}"
)
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
RECOVERY_LIMIT = 10.0
FAULT_SECONDS = 4.0
TMPFS_MB = 8
UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


# Services this run owns


class PgProxy:
    """A TCP proxy in front of PostgreSQL that can make it unreachable and bring it back."""

    def __init__(self, host: str, port: int):
        self.target, self.port = (host, port), free_port()
        self.loop = asyncio.new_event_loop()
        self.server = None
        self.pairs: set = set()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    async def _pipe(self, reader, writer) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (OSError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def _handle(self, reader, writer) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.close()
            return
        pair = (writer, upstream_writer)
        self.pairs.add(pair)
        try:
            await asyncio.gather(
                self._pipe(reader, upstream_writer), self._pipe(upstream_reader, writer)
            )
        finally:
            self.pairs.discard(pair)

    async def _up(self) -> None:
        self.server = await asyncio.start_server(
            self._handle, "127.0.0.1", self.port, reuse_address=True
        )

    async def _down(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        for pair in list(self.pairs):
            for writer in pair:
                writer.transport.abort()
        self.pairs.clear()

    def up(self) -> None:
        asyncio.run_coroutine_threadsafe(self._up(), self.loop).result(10)

    def down(self) -> None:
        asyncio.run_coroutine_threadsafe(self._down(), self.loop).result(10)

    def close(self) -> None:
        try:
            self.down()
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)


class Redis:
    def __init__(self, workdir: Path):
        self.port, self.workdir, self.process = free_port(), workdir, None
        workdir.mkdir(parents=True, exist_ok=True)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        args = [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1"]
        args += ["--save", "", "--appendonly", "no", "--dir", str(self.workdir)]
        self.process = subprocess.Popen(
            args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        wait_for_port(self.port, 10, self.process)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


class Gunicorn:
    def __init__(self, env: dict, log: Path, port: int | None = None):
        self.env, self.log, self.port = env, log, port or free_port()
        self.process = None

    def start(self) -> None:
        args = [str(BIN / "gunicorn"), "--config", str(ROOT / "deploy" / "gunicorn.conf.py")]
        args += ["cong.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", "2"]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                args, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited, see {self.log}")
            try:
                if fetch(self.port, "GET", "/api/visits/summary").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def workers(self) -> list[int]:
        pid = self.process.pid
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL if self.process.poll() else signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


def tool(name: str) -> str:
    """The absolute path of a system command."""
    return shutil.which(name) or f"/usr/bin/{name}"


def wait_for_port(port: int, seconds: float, process=None) -> None:
    import socket

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"process on port {port} exited") from None
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


def mount_small_disk(path: Path, workdir: Path) -> str:
    """A size-capped file system at `path`: tmpfs, else a loop-mounted ext4 file."""
    path.mkdir(parents=True, exist_ok=True)
    tmpfs = [tool("mount"), "-t", "tmpfs", "-o", f"size={TMPFS_MB}m,mode=0755", "tmpfs", str(path)]
    if subprocess.run(tmpfs, capture_output=True).returncode == 0:
        return f"tmpfs {TMPFS_MB} MB"
    image = workdir / "pagecache.img"
    subprocess.run([tool("truncate"), "-s", f"{TMPFS_MB}M", str(image)], check=True)
    subprocess.run([tool("mkfs.ext4"), "-q", "-F", str(image)], check=True, capture_output=True)
    subprocess.run([tool("mount"), "-o", "loop", str(image), str(path)], check=True)
    return f"loop ext4 {TMPFS_MB} MB"


def unmount(path: Path) -> None:
    subprocess.run([tool("umount"), "-l", str(path)], capture_output=True)


# HTTP through nginx


@dataclass
class Answer:
    status: int
    cache: str
    body: bytes


def fetch(port: int, method: str, path: str, body: bytes | None = None) -> Answer:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        headers = {"User-Agent": UA, "Host": "127.0.0.1"}
        if body is not None:
            headers["Content-Type"] = "text/plain"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return Answer(response.status, response.getheader("X-Cong-Cache", ""), response.read())
    finally:
        conn.close()


def beacon(port: int, path: str = ARTICLE) -> int:
    return fetch(port, "POST", "/api/visits/hit", f'{{"path": "{path}"}}'.encode()).status


QUESTION_FORM = "/hoi-dap/dat-cau-hoi/"
_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
_TOPIC = re.compile(rb'<option value="(\d+)"')


def ask(port: int, n: int) -> int:
    """Submit question `n` as a citizen's browser does (form page, CSRF cookie and token,
    captcha answered in test mode); the status of the POST (302: acknowledged)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        conn.request("GET", QUESTION_FORM, headers={"User-Agent": UA, "Host": "127.0.0.1"})
        page = conn.getresponse()
        body = page.read()
        cookie = (page.getheader("Set-Cookie") or "").split(";", 1)[0]
        token, topic = _TOKEN.search(body), _TOPIC.search(body)
        if page.status != 200 or not token or not topic or not cookie:
            return -page.status
        form = urlencode(
            {
                "csrfmiddlewaretoken": token[1].decode(),
                "asker_name": f"Người hỏi {n}",
                "email": f"nguoi-hoi-{n}@example.vn",
                "topic": topic[1].decode(),
                "title": f"Câu hỏi thử số {n} trong lúc có sự cố",
                "body": "Câu hỏi của bộ kiểm thử sự cố: không được mất khi đã báo nhận.",
                "consent": "on",
                "captcha_0": "x",
                "captcha_1": "PASSED",
            }
        )
        headers = {
            "User-Agent": UA,
            "Host": "127.0.0.1",
            "Cookie": cookie,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        conn.request("POST", QUESTION_FORM, body=form.encode(), headers=headers)
        answer = conn.getresponse()
        answer.read()
        return answer.status
    finally:
        conn.close()


# The load generator


@dataclass
class Load:
    port: int
    cached: list[str]
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    reads: list = field(default_factory=list)  # (time, path, status, cache)
    uncached: list = field(default_factory=list)  # (time, status)
    beacons: list = field(default_factory=list)  # (time, status)
    questions: list = field(default_factory=list)  # (time, status)
    threads: list = field(default_factory=list)

    def _reader(self, offset: int) -> None:
        n = offset
        while not self.stop.is_set():
            path = self.cached[n % len(self.cached)]
            n += 1
            try:
                answer = fetch(self.port, "GET", path)
                ok = answer.status == 200 and b"</html>" in answer.body
                row = (
                    time.monotonic(),
                    path,
                    answer.status if ok else -answer.status,
                    answer.cache,
                )
            except OSError:
                row = (time.monotonic(), path, 0, "")
            with self.lock:
                self.reads.append(row)
            time.sleep(0.02)

    def _uncached(self) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            try:
                status = fetch(self.port, "GET", f"/?faults={n}").status
            except OSError:
                status = 0
            with self.lock:
                self.uncached.append((time.monotonic(), status))
            time.sleep(0.1)

    def _beacons(self) -> None:
        while not self.stop.is_set():
            try:
                status = beacon(self.port)
            except OSError:
                status = 0
            with self.lock:
                self.beacons.append((time.monotonic(), status))
            time.sleep(0.05)

    def _questions(self) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            try:
                status = ask(self.port, n)
            except OSError:
                status = 0
            with self.lock:
                self.questions.append((time.monotonic(), status))
            time.sleep(0.3)

    def start(self) -> None:
        targets = [(self._reader, (0,)), (self._reader, (1,)), (self._uncached, ())]
        targets += [(self._beacons, ()), (self._questions, ())]
        for target, args in targets:
            thread = threading.Thread(target=target, args=args, daemon=True)
            thread.start()
            self.threads.append(thread)

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(20)

    def window(self, rows: list, start: float, end: float) -> list:
        with self.lock:
            return [r for r in rows if start <= r[0] <= end]

    def acknowledged(self) -> int:
        with self.lock:
            return sum(1 for _t, status in self.beacons if status == 204)

    def questions_acknowledged(self) -> int:
        """Questions whose POST was answered with the redirect to "check your e-mail"."""
        with self.lock:
            return sum(1 for _t, status in self.questions if status == 302)


# Checks


def stored_beacons(conn) -> tuple[int, int, int]:
    """(page views, dropped hits, page views by page) as committed to PostgreSQL."""
    pageviews = conn.execute("SELECT coalesce(sum(pageviews), 0) FROM visits_dailystats").fetchone()
    dropped = conn.execute("SELECT coalesce(sum(count), 0) FROM visits_droppedhits").fetchone()
    by_page = conn.execute("SELECT coalesce(sum(views), 0) FROM visits_pagedailystats").fetchone()
    return int(pageviews[0]), int(dropped[0]), int(by_page[0])


def stored_questions(conn) -> int:
    return int(conn.execute("SELECT count(*) FROM participation_question").fetchone()[0])


def half_written(cache_dir: Path) -> list[str]:
    return [str(p) for p in cache_dir.rglob(".tmp-*")]


def recover(port: int, extra=None) -> float | None:
    """Seconds until an uncached page is 200 and a beacon 204 (and `extra()` true), or None."""
    started = time.monotonic()
    n = 0
    while time.monotonic() - started < RECOVERY_LIMIT + 5:
        n += 1
        try:
            page = fetch(port, "GET", f"/?recovery={time.time_ns()}{n}").status
            hit = beacon(port)
            if page == 200 and hit == 204 and (extra is None or extra()):
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.2)
    return None


@dataclass
class Row:
    fault: str
    served: str = ""
    uncached: str = ""
    beacons: str = ""
    questions: str = ""
    ledger: str = ""
    files: str = ""
    recovery: str = ""
    problems: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def summarise(statuses) -> str:
    counts = Counter(statuses)
    return " ".join(f"{k}×{v}" for k, v in sorted(counts.items()))


class Run:
    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.cache_dir = tmp / "pagecache"
        self.redis = Redis(tmp / "redis")
        parts = urlparse(PG_URL)
        self.pg_parts = parts
        self.proxy = PgProxy(parts.hostname or "127.0.0.1", parts.port or 5432)
        self.nginx = None
        self.gunicorn = None
        self.disk = ""
        self.mounted = False
        self.db = None

    # setup

    def admin_connect(self, dbname: str):
        p = self.pg_parts
        return psycopg.connect(
            host=p.hostname,
            port=p.port or 5432,
            user=p.username,
            password=p.password,
            dbname=dbname,
            autocommit=True,
            connect_timeout=5,
        )

    def setup(self) -> None:
        name = self.pg_parts.path[1:]
        with self.admin_connect("postgres") as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            template = self.template_name()
            kept_media = self.template_media(template)
            # The database refers to the demo's pictures and files: it is reused only with them.
            exists = (
                kept_media.is_dir()
                and conn.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", (template,)
                ).fetchone()
            )
            conn.execute(
                f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if exists else "")
            )
        self.disk = mount_small_disk(self.cache_dir, self.tmp)
        self.mounted = True
        self.redis.start()
        self.proxy.up()
        var_dir = self.tmp / "var"
        direct = environment(var_dir, database_url=PG_URL, redis_url=self.redis.url)
        p = self.pg_parts
        proxied = PG_URL.replace(f"{p.hostname}:{p.port or 5432}", f"127.0.0.1:{self.proxy.port}")
        common = {
            # Plain copies: no compression pass (the run measures outages, not transfer).
            "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
            "STATIC_ROOT": str(var_dir / "static"),
            "MEDIA_ROOT": str(var_dir / "media"),
            "CONG_PAGE_CACHE_DIR": str(self.cache_dir),
            "CONG_SERVE_MEDIA": "false",
            "CONG_PROXY_COUNT": "1",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CACHE_KEY_PREFIX": f"cong-faults-{os.getpid()}",
            "CONG_VISITS_STORE": "database",
            "DEBUG": "false",
            "LOG_LEVEL": "CRITICAL",
            "EMAIL_URL": "dummymail://",
            # Citizens' questions are part of the load: one address sends many, so the
            # per-address limits are lifted and the captcha answered in its test mode.
            "CONG_PARTICIPATION_RATE": "100000/h",
            "CONG_PARTICIPATION_EMAIL_RATE": "100000/d",
            "CONG_CAPTCHA_TEST_MODE": "true",
            "SECRET_KEY": f"cong-faults-not-secret-{os.getpid()}-{time.time_ns()}",
        }
        direct.update(common)
        for variable in ("SECURE_COOKIES", "BEHIND_TLS_PROXY", "CSRF_TRUSTED_ORIGINS"):
            direct.pop(variable, None)
        direct.pop("CONN_MAX_AGE", None)
        self.app_env = {**direct, "DATABASE_URL": proxied}
        steps = [("collectstatic", "--noinput")]
        if exists:
            shutil.copytree(kept_media, var_dir / "media")
        else:
            steps[:0] = [("migrate", "--noinput"), ("load_demo",)]
        for args in steps:
            step = time.monotonic()
            manage(direct, *args, "-v0", "--skip-checks")
            print(f"  {args[0]}: {time.monotonic() - step:.0f} s", flush=True)
        if not exists:
            self.save_template(name, template, var_dir / "media")
        self.gunicorn = Gunicorn(self.app_env, self.tmp / "gunicorn.log")
        self.gunicorn.start()
        self.nginx = Nginx(self.app_env, self.tmp / "nginx", f"127.0.0.1:{self.gunicorn.port}")
        self.nginx.start()
        self.db = self.admin_connect(p.path[1:])
        self.demo_questions = stored_questions(self.db)  # the demo's own, before the load

    @staticmethod
    def template_name() -> str:
        """A migrated demo database kept between runs, named after the code that made it
        (migrations and the demo loader): a later run copies it in a second instead of
        migrating for a minute."""
        digest = hashlib.sha256()
        sources = sorted(ROOT.glob("cong/*/migrations/*.py")) + sorted(ROOT.glob("cong/demo/**/*"))
        for source in sources:
            if source.is_file():
                digest.update(source.name.encode() + source.read_bytes())
        for module in ("django", "wagtail"):
            digest.update(importlib.metadata.version(module).encode())
        return f"cong_faults_template_{digest.hexdigest()[:12]}"

    @staticmethod
    def template_media(template: str) -> Path:
        return ROOT / "var" / "faults-templates" / template

    def save_template(self, name: str, template: str, media: Path) -> None:
        """Copy the freshly migrated database and its media files as the template of later
        runs (older templates of this suite are dropped)."""
        kept = self.template_media(template)
        shutil.rmtree(kept.parent, ignore_errors=True)
        shutil.copytree(media, kept)
        with self.admin_connect("postgres") as conn:
            old = conn.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE 'cong_faults_template_%%'"
            ).fetchall()
            for (stale,) in old:
                conn.execute(f'DROP DATABASE IF EXISTS "{stale}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{template}" TEMPLATE "{name}"')

    def pages(self) -> list[str]:
        body = fetch(self.nginx.port, "GET", "/sitemap.xml").body.decode()
        paths = [urlparse(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", body)]
        return [p for p in dict.fromkeys(paths) if p.endswith("/")]

    def warm(self, paths: list[str]) -> list[str]:
        warm = []
        for path in paths:
            fetch(self.nginx.port, "GET", path)
            answer = fetch(self.nginx.port, "GET", path)
            if answer.status == 200 and answer.cache == "HIT":
                warm.append(path)
            elif os.environ.get("FAULTS_VERBOSE"):
                print(f"not cached: {path}: {answer.status} {answer.cache}", file=sys.stderr)
        return warm

    def close(self) -> None:
        for step in (
            lambda: self.nginx and self.nginx.stop(),
            lambda: self.gunicorn and self.gunicorn.stop(),
            self.redis.kill,
            self.proxy.close,
            lambda: self.db and self.db.close(),
            lambda: self.mounted and unmount(self.cache_dir),
        ):
            try:
                step()
            except Exception as exc:  # noqa: BLE001 (clean up everything we can)
                print(f"cleanup: {exc}", file=sys.stderr)
        try:
            with self.admin_connect("postgres") as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_parts.path[1:]}" WITH (FORCE)')
        except psycopg.Error as exc:
            print(f"cleanup: {exc}", file=sys.stderr)

    # faults

    def fault(self, load: Load, name: str, inject, restore, extra_check=None) -> Row:
        row = Row(name)
        time.sleep(1.0)
        started = time.monotonic()
        detail = inject() or ""
        time.sleep(FAULT_SECONDS)
        ended = time.monotonic()
        restore()
        took = recover(self.nginx.port, extra_check)
        reads = load.window(load.reads, started, ended)
        good = [r for r in reads if r[2] == 200]
        row.served = f"{len(good)}/{len(reads)} ({summarise(r[3] or '-' for r in good)})"
        if not reads or len(good) != len(reads):
            bad = summarise(r[2] for r in reads if r[2] != 200)
            row.problems.append(f"cached pages not served during the fault: {bad}")
        row.uncached = summarise(s for _t, s in load.window(load.uncached, started, ended))
        row.beacons = summarise(s for _t, s in load.window(load.beacons, started, ended))
        time.sleep(0.3)  # beacons in flight finish
        acknowledged = load.acknowledged()
        pageviews, dropped, by_page = stored_beacons(self.db)
        stored = pageviews + dropped
        asked = load.questions_acknowledged()
        kept = stored_questions(self.db) - self.demo_questions
        row.questions = summarise(s for _t, s in load.window(load.questions, started, ended))
        row.ledger = f"{acknowledged} ≤ {stored}; {asked} ≤ {kept}"
        if acknowledged > stored:
            row.problems.append(f"{acknowledged - stored} acknowledged beacons lost")
        if asked > kept:
            row.problems.append(f"{asked - kept} acknowledged questions lost")
        if pageviews != by_page:
            row.problems.append(f"half-written counters: {pageviews} views vs {by_page} by page")
        leftovers = half_written(self.cache_dir)
        row.files = f"{len(leftovers)} .tmp-, rows {'ok' if pageviews == by_page else 'BAD'}"
        if leftovers:
            row.problems.append(f"half-written cache files: {leftovers[:3]}")
        if took is None or took > RECOVERY_LIMIT:
            row.problems.append("no full recovery within 10 s")
        row.recovery = f"{took:.1f} s" if took is not None else "none"
        if detail:
            row.fault = f"{name} ({detail})"
        return row

    def kill_redis(self):
        self.redis.kill()

    def restart_redis(self):
        self.redis.start()

    def cut_postgres(self):
        self.proxy.down()
        # The sweep retires a page as the outage starts: nginx must still serve its copy.
        return retire_one(self.cache_dir)

    def kill_worker(self):
        workers = self.gunicorn.workers()
        os.kill(workers[0], signal.SIGKILL)
        return f"pid {workers[0]}"

    def kill_master(self):
        os.kill(self.gunicorn.process.pid, signal.SIGKILL)
        self.gunicorn.process.wait(10)

    def restart_master(self):
        # As systemd would: what is left of the old group goes, a new master starts.
        try:
            os.killpg(self.gunicorn.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        time.sleep(0.5)
        self.gunicorn = Gunicorn(self.app_env, self.tmp / "gunicorn.log", self.gunicorn.port)
        self.gunicorn.start()

    def fill_disk(self):
        filler = self.cache_dir / "filler.bin"
        chunk = b"\0" * (256 * 1024)
        with filler.open("wb") as handle:
            try:
                while True:
                    handle.write(chunk)
                    handle.flush()
            except OSError:
                pass
        # Readers' pages stay; a few others lose their file, so Django renders them and
        # tries to write to the full disk.
        return f"{filler.stat().st_size // 1024} KiB filler"

    def free_disk(self):
        (self.cache_dir / "filler.bin").unlink(missing_ok=True)


def retire_one(cache_dir: Path) -> str:
    """deploy/pagecache.sh sweep on one page made old (index.html → .stale.html)."""
    page = cache_dir / "127.0.0.1" / ARTICLE.strip("/") / "index.html"
    if not page.exists():
        return ""
    old = time.time() - 3600
    os.utime(page, (old, old))
    env = {**os.environ, "CONG_PAGE_CACHE_DIR": str(cache_dir)}
    subprocess.run(
        [tool("sh"), str(ROOT / "deploy" / "pagecache.sh"), "sweep", "10"], env=env, check=True
    )
    return "article swept to .stale.html"


def cached_again(port: int, paths: list[str]):
    """After the disk is freed: a page rendered now is written to the cache again."""

    def check() -> bool:
        path = paths[0]
        fetch(port, "GET", path)
        return fetch(port, "GET", path).cache == "HIT"

    return check


def main() -> int:
    if os.geteuid() != 0:
        print("test-faults mounts a small file system for the page cache: run it as root.")
        return 1
    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="cong-faults-"))
    tmp.chmod(0o755)
    run = Run(tmp)
    load = None
    rows: list[Row] = []

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        run.setup()
        print(f"stack ready in {time.monotonic() - started:.0f} s; page cache on {run.disk}")
        paths = run.pages()
        warm = run.warm([p for p in paths if p.count("/") <= 3][:8] + [ARTICLE])
        spare = [p for p in paths if p not in warm]
        if len(warm) < 3 or not spare:
            raise RuntimeError(f"too few pages: {len(warm)} cached, {len(spare)} spare")
        load = Load(run.nginx.port, warm)
        load.start()
        port = run.nginx.port
        rows.append(run.fault(load, "Redis killed, restarted", run.kill_redis, run.restart_redis))
        rows.append(run.fault(load, "PostgreSQL cut, back", run.cut_postgres, run.proxy.up))
        rows.append(run.fault(load, "gunicorn worker SIGKILL", run.kill_worker, lambda: None))
        rows.append(run.fault(load, "gunicorn master SIGKILL", run.kill_master, run.restart_master))

        def fill_and_render():
            detail = run.fill_disk()
            for path in spare[:3]:
                answer = fetch(port, "GET", path)
                if answer.status != 200:
                    raise RuntimeError(f"{path}: {answer.status} with the page-cache disk full")
            return detail + f", {len(spare[:3])} uncached pages rendered 200"

        rows.append(
            run.fault(
                load,
                "page-cache disk full",
                fill_and_render,
                run.free_disk,
                cached_again(port, spare[3:] or spare),
            )
        )
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        rows.append(Row("(interrupted)", problems=["interrupted"]))
    except Exception as exc:  # noqa: BLE001 (reported as a failed row, then cleaned up)
        rows.append(Row("(setup or fault harness)", problems=[repr(exc)]))
        if isinstance(exc, subprocess.CalledProcessError):
            print(exc.stderr[-3000:] if exc.stderr else "", file=sys.stderr)
        log = tmp / "gunicorn.log"
        if log.exists():
            print(log.read_text()[-3000:], file=sys.stderr)
    finally:
        if load is not None:
            load.finish()
        run.close()
        shutil.rmtree(tmp, ignore_errors=True)
    print_table(rows)
    print(f"total run time {time.monotonic() - started:.0f} s")
    return 0 if rows and all(row.ok for row in rows) else 1


def print_table(rows: list[Row]) -> None:
    headers = ("fault", "cached pages served", "uncached page", "beacons", "questions")
    headers += ("acked ≤ stored (beacons; questions)",)
    headers += ("files, rows", "recovery", "result")
    table = [
        (r.fault, r.served, r.uncached, r.beacons, r.questions, r.ledger, r.files, r.recovery)
        + ("ok" if r.ok else "FAIL",)
        for r in rows
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *table, strict=False)]
    print()
    for line in (headers, *table):
        print(" | ".join(str(x).ljust(w) for x, w in zip(line, widths, strict=False)))
    for r in rows:
        for problem in r.problems:
            print(f"FAIL {r.fault}: {problem}")


if __name__ == "__main__":
    sys.exit(main())
