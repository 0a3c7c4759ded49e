"""Content changes that make cached fragments and cached pages stale.

Every change bumps the content version (cong.core.cache) after commit, so no fragment is
reused, and purges, through every configured front-end cache (cong.core.surrogate), only the
cached pages that showed what changed, on the site it belongs to:

- a page published, unpublished, deleted or renamed: the pages carrying its key (itself, the
  pages below it, the lists and sidebars it was in) and its ancestors' pages, on its sites;
  a page in the menu (a site root or its child) and a moved page: its sites entirely;
- a record of a watched model (`watch()`/`watch_moderated()`): the pages carrying its key or
  the key of a record it belongs to; created (or changed by a moderator, which may make it
  visible): also the pages of its site that showed any record of its type (the lists);
- a site setting: that site; an image or document replaced: the pages that showed it;
- a Site, a collection's view restriction: everything.
"""

from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cong.core import pagecache, surrogate
from cong.core.cache import bump_content_version


def _changed_everywhere() -> None:
    # The bump comes first: a render that read the old version then drops its file.
    bump_content_version()
    pagecache.purge_all()


def bump_after_commit(**kwargs: Any) -> None:
    """Once the change is committed, invalidate every cached fragment and page (so no
    reader caches the old state anew); usable directly as a signal receiver. For a change
    of many records at once (an import); a single record's change purges less."""
    transaction.on_commit(_changed_everywhere)


def site_of(instance: Model) -> Site | None | bool:
    """The Site a record belongs to: its `site` (a site setting, a site-owned record, or
    one a level up, such as a link's group's); None when it belongs to none (shared by
    every site); False when it cannot be told."""
    if isinstance(instance, BaseSiteSetting) or hasattr(instance, "site_id"):
        site_id = getattr(instance, "site_id", None)
        return Site.objects.filter(pk=site_id).first() if site_id else None
    for field in instance._meta.concrete_fields:
        related = field.related_model if field.is_relation and field.many_to_one else None
        if related is not None and any(f.name == "site" for f in related._meta.concrete_fields):
            value = getattr(instance, field.attname, None)
            if value is None:
                continue
            owner = related._default_manager.filter(pk=value).values_list("site", flat=True)
            site_id = owner.first()
            return Site.objects.filter(pk=site_id).first() if site_id else None
    return None


def _hosts_of(instance: Model) -> set[str] | None:
    """The host names of the record's site, or None (every host) for a shared record."""
    site = site_of(instance)
    return pagecache.site_hostnames([site]) if site else None


def _record_changed(keys: set[str], types: set[str], hosts: set[str] | None) -> None:
    bump_content_version()
    surrogate.purge_keys(keys)  # only the pages that showed it: any host
    if types:
        surrogate.purge_keys(types, hosts)  # the lists it may enter: its site's


def _record_saved(instance: Model, *, lists: bool) -> None:
    keys = surrogate.keys_of(instance)
    types = {surrogate.type_key(instance)} if lists else set()
    hosts = _hosts_of(instance) if lists else None
    transaction.on_commit(partial(_record_changed, keys, types, hosts))


def _watched_saved(sender: Any, instance: Model, created: bool = False, **kwargs: Any) -> None:
    _record_saved(instance, lists=created)


def _watched_deleted(sender: Any, instance: Model, **kwargs: Any) -> None:
    _record_saved(instance, lists=False)


def _moderated(sender: Any, instance: Model, created: bool = False, **kwargs: Any) -> None:
    # A new object from the public (a citizen's question or comment) is not public yet: it
    # must purge nothing, else anyone could empty the caches. A moderator's change (an answer
    # published, a comment approved) may make it appear in its site's lists.
    if not created:
        _record_saved(instance, lists=True)


def _page_changed(page: Page, url_path: str | None = None) -> None:
    bump_content_version()
    pagecache.purge_page(page, url_path=url_path)


def _page_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    transaction.on_commit(partial(_page_changed, instance))


def _page_unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    transaction.on_commit(partial(_page_changed, instance))


def _page_deleted(sender: Any, instance: Any = None, **kwargs: Any) -> None:
    if issubclass(sender, Page) and instance is not None:
        transaction.on_commit(
            partial(_page_changed, Page(pk=instance.pk, url_path=instance.url_path))
        )


def _sites_changed(sites: list[Site]) -> None:
    bump_content_version()
    surrogate.purge_hosts(pagecache.site_hostnames(sites))


def _page_moved(sender: Any, instance: Any, url_path_before: str = "", **kwargs: Any) -> None:
    # Its title leaves one menu, sidebar or list and enters another: both sites, entirely.
    before = pagecache.sites_of_page(Page(url_path=url_path_before)) if url_path_before else []
    sites = before + pagecache.sites_of_page(instance)
    transaction.on_commit(partial(_sites_changed, sites))


def _slug_changed(sender: Any, instance: Any, instance_before: Any, **kwargs: Any) -> None:
    # Sent after commit. The page's old address answers with a redirect now (Wagtail's
    # redirects app); its cached file, and those of the pages below it, must not outlive it.
    _page_changed(instance, url_path=instance_before.url_path)


def _setting_saved(sender: Any, instance: Any = None, **kwargs: Any) -> None:
    if issubclass(sender, BaseSiteSetting) and instance is not None:
        site = Site.objects.filter(pk=instance.site_id).first()
        transaction.on_commit(partial(_sites_changed, [site] if site else []))


def _restriction_changed(sender: Any, instance: PageViewRestriction, **kwargs: Any) -> None:
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        transaction.on_commit(partial(_page_changed, page))


def _file_changed(sender: Any, instance: Model, created: bool = False, **kwargs: Any) -> None:
    # A replaced image or document changes the addresses of the pages that show it; a new
    # one is not on any page yet.
    if not created:
        _record_saved(instance, lists=False)


def watch(*models: type[Model]) -> None:
    """Purge the cached pages that show a record of `models` whenever one is saved or
    deleted (for snippets, editable lists, documents); a new record purges its site's
    pages that showed any record of its type (the lists it enters)."""
    for model in models:
        post_save.connect(_watched_saved, sender=model, dispatch_uid=f"cong-save-{model}")
        post_delete.connect(_watched_deleted, sender=model, dispatch_uid=f"cong-del-{model}")


def watch_moderated(*models: type[Model]) -> None:
    """Like `watch`, except that creating one of `models` invalidates nothing: for what the
    public submits and a moderator later publishes."""
    for model in models:
        label = model._meta.label
        post_save.connect(_moderated, sender=model, dispatch_uid=f"cong-moderated-{label}")
        post_delete.connect(_watched_deleted, sender=model, dispatch_uid=f"cong-mod-del-{label}")


def register() -> None:
    surrogate.register()
    page_published.connect(_page_published, dispatch_uid="cong-published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="cong-unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="cong-moved")
    post_delete.connect(_page_deleted, dispatch_uid="cong-page-deleted")
    post_save.connect(_setting_saved, dispatch_uid="cong-setting-saved")
    page_slug_changed.connect(_slug_changed, dispatch_uid="cong-slug-changed")
    post_save.connect(bump_after_commit, sender=Site, dispatch_uid="cong-save-site")
    post_delete.connect(bump_after_commit, sender=Site, dispatch_uid="cong-del-site")
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"cong-restriction-{id(signal)}",
        )
    for model in (get_image_model(), get_document_model()):
        post_save.connect(_file_changed, sender=model, dispatch_uid=f"cong-file-{model}")
        post_delete.connect(_watched_deleted, sender=model, dispatch_uid=f"cong-file-del-{model}")
