"""Settings come from the environment; with nothing set, the embedded default runs safely."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; from django.conf import settings; django.setup();"
    "print(json.dumps({'debug': settings.DEBUG, 'engine': settings.DATABASES['default']['ENGINE'],"
    "'name': str(settings.DATABASES['default']['NAME']), 'cache': settings.CACHES['default']['BACKEND'],"
    "'hosts': settings.ALLOWED_HOSTS, 'admin': settings.CONG_ADMIN_PATH, 'tz': settings.TIME_ZONE,"
    "'lang': settings.LANGUAGE_CODE, 'media': str(settings.MEDIA_ROOT), 'key': settings.SECRET_KEY}))"
)
VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "MEDIA_ROOT",
    "CONG_ADMIN_PATH",
)


def probe(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    clean.update(CONG_VAR_DIR=str(tmp_path / "var"), DJANGO_SETTINGS_MODULE="cong.settings", **env)
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_the_embedded_default_is_sqlite_under_var_with_debug_off(tmp_path):
    s = probe(tmp_path)
    assert s["debug"] is False
    assert s["engine"] == "django.db.backends.sqlite3"
    assert s["name"] == str(tmp_path / "var" / "cong.sqlite3")
    assert s["cache"].endswith("LocMemCache")
    assert s["admin"] == "admin/"
    assert (s["tz"], s["lang"]) == ("Asia/Ho_Chi_Minh", "vi")
    assert s["key"] == (tmp_path / "var" / "secret_key").read_text()


def test_every_knob_is_read_from_the_environment(tmp_path):
    s = probe(
        tmp_path,
        DATABASE_URL="postgres://cong:pw@db.local:5432/cong",
        REDIS_URL="redis://cache.local:6379/1",
        SECRET_KEY="k" * 60,
        ALLOWED_HOSTS="stttt.thanhhoa.gov.vn,www.stttt.thanhhoa.gov.vn",
        DEBUG="true",
        MEDIA_ROOT="/srv/cong/media",
        CONG_ADMIN_PATH="/quan-tri/",
    )
    assert s["engine"] == "django.db.backends.postgresql"
    assert s["name"] == "cong"
    assert s["cache"] == "django_redis.cache.RedisCache"
    assert s["hosts"] == ["stttt.thanhhoa.gov.vn", "www.stttt.thanhhoa.gov.vn"]
    assert s["debug"] is True
    assert s["media"] == "/srv/cong/media"
    assert s["admin"] == "quan-tri/"
    assert s["key"] == "k" * 60
