"""The suite runs on whatever DATABASE_URL and REDIS_URL name: prove it uses them."""

import os

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def test_the_database_is_the_one_configured(db):
    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_the_cache_is_the_one_configured():
    expected = "RedisCache" if os.environ.get("REDIS_URL") else "LocMemCache"
    assert settings.CACHES["default"]["BACKEND"].endswith(expected)
    cache.set("cong:test:ping", "Đã kết nối", 30)
    assert cache.get("cong:test:ping") == "Đã kết nối"
    cache.delete("cong:test:ping")
