"""The visit store in use: the database by default, Redis when configured."""

from functools import cache

from django.conf import settings

from cong.visits.stores.base import Drop, Hit, LogPosition, Summary, VisitStore

__all__ = ["Drop", "Hit", "LogPosition", "Summary", "VisitStore", "get_store"]


@cache
def get_store() -> VisitStore:
    """The store named by `CONG_VISITS_STORE` ("database" or "redis"), one per process."""
    if settings.CONG_VISITS_STORE == "redis":
        from cong.visits.stores.redis import RedisStore

        return RedisStore()
    from cong.visits.stores.database import DatabaseStore

    return DatabaseStore()
