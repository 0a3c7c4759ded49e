"""Django's `{% cache %}` tag, keeping the surrogate keys of what the fragment showed.

Installed in place of `django.templatetags.cache` (TEMPLATES' "libraries" option names it
`cache`), so templates keep writing `{% load cache %}` and `{% cache ... %}`. A fragment
rendered on a miss collects the keys of what it loaded (cong.core.surrogate) and stores them
with its HTML; a hit adds them to the page being rendered, so a page whose sidebar came from
the cache is still purged when a document in that sidebar changes. A preview of a draft
renders every fragment afresh and keeps none.
"""

from typing import Any

from django.core.cache import InvalidCacheBackendError, caches
from django.core.cache.utils import make_template_fragment_key
from django.template import Context, Library, TemplateSyntaxError, VariableDoesNotExist
from django.templatetags.cache import CacheNode
from django.templatetags.cache import do_cache as django_do_cache

from cong.core import surrogate
from cong.core.cache import versioned_get, versioned_set

register = Library()

MARK = "cong-keyed-fragment-1"
VERSION_VARIABLE = "content_version"  # the context processor's name for it


class KeyedCacheNode(CacheNode):
    def _cache(self, context: Context) -> Any:
        if not self.cache_name:
            try:
                return caches["template_fragments"]
            except InvalidCacheBackendError:
                return caches["default"]
        try:
            name = self.cache_name.resolve(context)
        except VariableDoesNotExist as exc:
            raise TemplateSyntaxError(
                f'"cache" tag got an unknown variable: {self.cache_name.var!r}'
            ) from exc
        try:
            return caches[name]
        except InvalidCacheBackendError as exc:
            raise TemplateSyntaxError(
                f"Invalid cache name specified for cache tag: {name!r}"
            ) from exc

    def render(self, context: Context) -> str:
        if getattr(context.get("request"), "is_preview", False):
            return self.nodelist.render(context)  # a draft's preview: neither read nor kept
        try:
            expire_time = self.expire_time_var.resolve(context)
        except VariableDoesNotExist as exc:
            raise TemplateSyntaxError(
                f'"cache" tag got an unknown variable: {self.expire_time_var.var!r}'
            ) from exc
        if expire_time is not None:
            try:
                expire_time = int(expire_time)
            except (ValueError, TypeError) as exc:
                raise TemplateSyntaxError(
                    f'"cache" tag got a non-integer timeout value: {expire_time!r}'
                ) from exc
        fragment_cache = self._cache(context)
        vary_on = [var.resolve(context) for var in self.vary_on]
        cache_key = make_template_fragment_key(self.fragment_name, vary_on)
        # A fragment that varies on the content version: this process keeps a copy too.
        versioned = fragment_cache is caches["default"] and any(
            str(getattr(var, "var", "")) == VERSION_VARIABLE for var in self.vary_on
        )
        value = versioned_get(cache_key) if versioned else fragment_cache.get(cache_key)
        if isinstance(value, tuple) and len(value) == 3 and value[0] == MARK:
            surrogate.add_key(*value[2])
            return value[1]
        outer = surrogate.current_keys()
        with surrogate.collect() as keys:
            html = self.nodelist.render(context)
        if outer is not None:
            outer.update(keys)
        stored = (MARK, html, frozenset(keys))
        if versioned:
            versioned_set(cache_key, stored, expire_time)
        else:
            fragment_cache.set(cache_key, stored, expire_time)
        return html


@register.tag("cache")
def do_cache(parser: Any, token: Any) -> KeyedCacheNode:
    """`{% cache timeout name [vary_on ...] [using="cache"] %}` as Django's, keeping keys."""
    node = django_do_cache(parser, token)
    return KeyedCacheNode(
        node.nodelist, node.expire_time_var, node.fragment_name, node.vary_on, node.cache_name
    )
