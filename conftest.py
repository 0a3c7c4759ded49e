"""Test-wide set-up: fast, isolated settings, and the PostgreSQL/Redis gate."""

import os
from urllib.parse import urlparse

import pytest
from django.core.cache import cache

REQUIRE_SERVICES = os.environ.get("CONG_REQUIRE_SERVICES") == "1"


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


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()  # fragments cached by one test must not leak into the next
