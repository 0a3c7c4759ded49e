"""Test-wide set-up: fast, isolated settings, and the PostgreSQL/Redis gate."""

import os
import sqlite3
from contextlib import closing
from urllib.parse import urlparse

import pytest
from django.core.cache import cache

from tests import fast_avif, installs

pytest_plugins = ["tests.tenancy"]  # other_site, site_editor: the isolation fixtures

REQUIRE_SERVICES = os.environ.get("CONG_REQUIRE_SERVICES") == "1"
# Set by pytest-xdist in each worker process ("gw0", "gw1"...); empty in a serial run.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
REDIS_URLS = ("REDIS_URL", "CONG_VISITS_REDIS_URL", "CONG_TEST_REDIS_URL")


def worker_redis_url(url: str) -> str:
    """Under pytest-xdist, the Redis database of this worker: the one named for gw0, the one
    below it for gw1, and so on. The tests flush their database (cache.clear() is FLUSHDB)
    and delete the visit counters, so two workers must never share one."""
    if not XDIST_WORKER or not url:
        return url
    parts = urlparse(url)
    database = int(parts.path.strip("/") or 0) - int(XDIST_WORKER.removeprefix("gw"))
    return parts._replace(path=f"/{database % 16}").geturl()


# The Redis store tests fall back to this database; subprocesses (gunicorn, manage.py) get
# the worker's URLs through the environment.
os.environ.setdefault("CONG_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
for _name in REDIS_URLS:
    if os.environ.get(_name):
        os.environ[_name] = worker_redis_url(os.environ[_name])


fast_avif.install()  # tests/fast_avif.py: AVIF renditions encoded at the fastest speed


def pytest_configure(config):
    """Django read its settings before this file: point them at the worker's Redis too."""
    from django.conf import settings

    if not (XDIST_WORKER and (settings.REDIS_URL or settings.CONG_VISITS_REDIS_URL)):
        return
    import django.test.signals  # noqa: F401  (resets the cache handlers on CACHES changes)
    from django.test.utils import override_settings

    caches = {
        alias: {**cache, "LOCATION": worker_redis_url(cache["LOCATION"])}
        if cache["BACKEND"].startswith("django_redis")
        else cache
        for alias, cache in settings.CACHES.items()
    }
    override_settings(
        REDIS_URL=worker_redis_url(settings.REDIS_URL),
        CONG_VISITS_REDIS_URL=worker_redis_url(settings.CONG_VISITS_REDIS_URL),
        CACHES=caches,
    ).enable()


def _unreachable_services() -> list[str]:
    """Name the configured external services that do not answer."""
    problems = []
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith(("postgres://", "postgresql://")):
        import psycopg

        try:
            url = urlparse(database_url)
            psycopg.connect(
                host=url.hostname,
                port=url.port or 5432,
                user=url.username or "postgres",
                password=url.password,
                dbname="postgres",
                connect_timeout=3,
            ).close()
        except psycopg.Error as exc:
            problems.append(f"PostgreSQL ({url.hostname}:{url.port or 5432}): {exc}".strip())
    redis_url = os.environ.get("REDIS_URL", "")
    if redis_url:
        import redis

        try:
            redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
        except redis.RedisError as exc:
            problems.append(f"Redis ({redis_url}): {exc}")
    return problems


def pytest_sessionstart(session):
    problems = _unreachable_services()
    if not problems:
        return
    reason = "; ".join(problems)
    if REQUIRE_SERVICES:
        pytest.exit(f"Dịch vụ bắt buộc không truy cập được: {reason}", returncode=1)
    pytest.exit(f"SKIPPED: service tests need {reason}", returncode=0)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite: fill each worker's in-memory test database from the install migrated once per
    run (tests/installs.py) before pytest-django creates it, so its `migrate` finds every
    migration applied instead of running them all again in every worker (under coverage,
    minutes on a busy machine). PostgreSQL databases are migrated by pytest-django as usual."""
    from django.db import connections

    creation = connections["default"].creation
    name = creation._get_test_db_name()
    if connections["default"].vendor != "sqlite" or not creation.is_in_memory_db(name):
        yield
        return
    template = installs.migrated(tmp_path_factory) / "cong.sqlite3"
    # A shared-cache in-memory database lives while a connection to it is open: this one.
    keeper = sqlite3.connect(name, uri=True)
    with closing(sqlite3.connect(f"file:{template}?mode=ro&immutable=1", uri=True)) as source:
        source.backup(keeper)
    yield
    keeper.close()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()  # fragments cached by one test must not leak into the next
    from cong.core.cache import forget_memo
    from cong.core.templatetags.pictures import forget_pictures

    forget_pictures()  # and neither may this process's copy of image markup
    forget_memo()  # nor its copy of what the cache held for the content version
