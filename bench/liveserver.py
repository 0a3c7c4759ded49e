"""Run Cổng under gunicorn on loopback, fire beacons at it, read its figures.

Shared by the live-server tests and `make bench-visits`: both need a real multi-process
server with its own database, not Django's test client.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ARTICLE = "/hoat-dong-cua-so/hoi-nghi-tap-huan-thong-tin-doi-ngoai-ve-quyen-con-nguoi-nam-2023/"
CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(
    var_dir: Path, database_url: str = "", redis_url: str = "", store: str = "database"
) -> dict:
    """The environment of a server with its own var/ (and its own database)."""
    (var_dir / "static").mkdir(parents=True, exist_ok=True)  # WhiteNoise warns without it
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        CONG_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="cong.settings",
        CONG_VISITS_STORE=store,
        STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        # fire() sends every browser from 127.0.0.1: one address, hundreds of browsers, which
        # the per-address caps are there to refuse. The caps are still applied (and cost the
        # same), just out of reach.
        CONG_VISITS_ADDRESS_NEW_PER_MINUTE="1000000",
        CONG_VISITS_ADDRESS_NEW_PER_DAY="1000000",
        CONG_VISITS_ADDRESS_VIEWS_PER_MINUTE="1000000",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def prepare(env: dict) -> None:
    """Migrate and load the demo site (once: both are idempotent)."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", "--if-empty", "-v0")


def figures(env: dict) -> dict:
    """The site's figures straight from the store (Redis counters flushed first)."""
    return json.loads(manage(env, "visit_stats", "--flush"))


class Server:
    """gunicorn with `workers` sync workers on a free loopback port.

    `config`: a gunicorn configuration file (deploy/gunicorn.conf.py for the production
    settings: preload, timeouts); the address and the number of workers given here win.
    """

    def __init__(self, env: dict, workers: int = 2, config: Path | None = None):
        self.env, self.workers, self.port, self.process = env, workers, free_port(), None
        self.config = config

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Server":
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                *(["--config", str(self.config)] if self.config else []),
                "cong.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/api/visits/summary", timeout=2).read()
                return self
            except OSError:
                time.sleep(0.2)
        self.kill()
        raise RuntimeError("gunicorn did not start")

    def kill(self, sig=signal.SIGKILL) -> None:
        """Kill the master and its workers at once (`kill -9` by default)."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        self.kill(signal.SIGTERM)


@dataclass
class Fired:
    sent: int
    acknowledged: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.sent / self.seconds if self.seconds else 0.0


def browser(run: str, n: int) -> str:
    return (
        f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        f"Chrome/120.0.{run}.{n} Safari/537.36"
    )


def fire(
    url: str,
    beacons: int,
    browsers: int,
    concurrency: int = 32,
    run: str = "0",
    path: str = ARTICLE,
    user_agent: str | None = None,
) -> Fired:
    """Send `beacons` beacons from `browsers` browsers, `concurrency` at a time."""
    body = json.dumps({"path": path}).encode()

    def send(i: int) -> bool:
        request = urllib.request.Request(
            url + "/api/visits/hit",
            data=body,
            method="POST",
            headers={
                "Content-Type": "text/plain",
                "User-Agent": user_agent or browser(run, i % browsers),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status == 204
        except OSError:
            return False

    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(send, range(beacons)))
    return Fired(beacons, sum(results), time.perf_counter() - start)
