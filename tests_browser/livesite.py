"""Serve Cổng as production does, for the browser tests and `make lighthouse`.

A var/ of its own (SQLite database, media, collected static files), the demo site loaded,
static files collected with WhiteNoise's compressed, hashed storage, `DEBUG` off, and
gunicorn on a free loopback port (`bench/liveserver.py`). Nothing here touches the
developer's own var/ or database, even when a `.env` names one.
"""

import os
import re
from pathlib import Path

from bench.liveserver import Server, environment, manage, prepare

# Debian's Chromium, never a downloaded one, and the flags every run uses.
CHROMIUM = os.environ.get("CONG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]

ROOT = Path(__file__).resolve().parent.parent
ADMIN_PATH = "/admin/"
ARTICLE = "/hoat-dong-cua-so/hoi-nghi-tap-huan-thong-tin-doi-ngoai-ve-quyen-con-nguoi-nam-2023/"


def site_environment(var_dir: Path) -> dict:
    env = environment(var_dir)
    env.update(
        # Explicit values win over a developer's .env (read with overwrite=False).
        DATABASE_URL=f"sqlite:///{var_dir / 'cong.sqlite3'}",
        REDIS_URL="",
        DEBUG="false",
        CONG_ADMIN_PATH=ADMIN_PATH.strip("/"),
        CONG_SERVE_MEDIA="true",
        STATICFILES_STORAGE="whitenoise.storage.CompressedManifestStaticFilesStorage",
        STATIC_ROOT=str(var_dir / "static"),
        MEDIA_ROOT=str(var_dir / "media"),
        # Several flows submit forms from one address: "PASSED" answers the captcha.
        CONG_CAPTCHA_TEST_MODE="true",
        # Asked on every form, not from the second submission of the day: without Redis each
        # gunicorn worker keeps its own (local memory) count, so a form shown by one worker
        # without the captcha could be refused by the other for lacking it.
        CONG_PARTICIPATION_CAPTCHA_ALWAYS="true",
        # Playwright's Chromium says navigator.webdriver = true, which the visit statistics
        # do not count; the visit widget test needs its page views counted.
        CONG_VISITS_COUNT_WEBDRIVER="true",
        # Mail as files, so a flow can open the link a citizen is sent.
        EMAIL_URL=f"filemail:///{var_dir / 'mail'}",
    )
    return env


def latest_link(env: dict, pattern: str) -> str:
    """The last address matching `pattern` (a regex, one group) in the mail the site sent."""
    folder = Path(env["EMAIL_URL"].removeprefix("filemail:///"))
    for message in sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True):
        found = re.findall(pattern, message.read_text(errors="replace"))
        if found:
            return found[-1]
    raise AssertionError(f"no mail with {pattern!r} in {folder}")


def start(var_dir: Path, workers: int = 1) -> tuple[Server, dict]:
    """Migrate, load the demo, collect static files and start gunicorn; return (server, env).

    One worker: without Redis each worker keeps its own cache, content version included, so
    with two a publish made through one left the other showing its cached lists (a section's
    articles) until its entries expired. Several workers need the shared cache (REDIS_URL),
    as the site's own check says (cong/core/pagecache.py)."""
    env = site_environment(var_dir)
    prepare(env)  # migrate + load_demo --if-empty
    manage(env, "collectstatic", "--noinput", "-v0")
    return Server(env, workers=workers).start(), env


__all__ = [
    "ADMIN_PATH",
    "ARTICLE",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "ROOT",
    "Server",
    "latest_link",
    "manage",
    "site_environment",
    "start",
]
