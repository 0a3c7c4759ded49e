"""What the link directory plugs into: the purges of cached pages (it shows on every page)."""

from cong.core.signal_handlers import watch


def register_all() -> None:
    from cong.links.models import Link, LinkGroup

    watch(LinkGroup, Link)
