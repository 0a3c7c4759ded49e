"""One content version for the whole install, so cached fragments never go stale.

Menus, sidebars and site settings are cached under keys that include the current content
version; publishing, unpublishing, moving or deleting a page, or saving a setting or a
snippet, bumps the version, and every fragment is rebuilt on its next render. This costs
one cache read per request instead of a dozen SQL queries, and needs no list of which
fragment shows what.
"""

from django.core.cache import cache

VERSION_KEY = "cong:content-version"
SETTING_TIMEOUT = 60 * 60


def content_version() -> int:
    """The current content version (an integer that only grows)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        # add() rather than set(): another process may have bumped it meanwhile.
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_content_version(**kwargs) -> None:
    """Invalidate every cached fragment; usable directly as a signal receiver."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.add(VERSION_KEY, 2, timeout=None)


def cached_setting(model, site):
    """`model.for_site(site)`, kept in the cache until the content version changes."""
    key = f"cong:setting:{model._meta.label_lower}:{site.pk}:{content_version()}"
    instance = cache.get(key)
    if instance is None:
        instance = model.for_site(site)
        cache.set(key, instance, SETTING_TIMEOUT)
    return instance
