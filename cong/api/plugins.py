"""What the read API plugs into: the purges that keep its cached answers fresh.

API answers are cached under the content version (cong.api.http), which every publish and
every watched model already bumps. One change shows in the API but on no cached page: a
collection made private hides its files from /api/v2/documents/, so it must bump too.
"""

from cong.core.signal_handlers import watch


def register_all() -> None:
    from wagtail.models import CollectionViewRestriction

    watch(CollectionViewRestriction)
