"""Content changes that make cached fragments and cached pages stale.

Every change bumps the content version (cong.core.cache) after commit, so no fragment is
reused, and purges the page cache (cong.core.pagecache): publishing a page removes its
own files and its ancestors'; anything else removes every cached page (see pagecache).
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

from cong.core import pagecache
from cong.core.cache import bump_content_version


def _changed_everywhere() -> None:
    # The bump comes first: a render that read the old version then drops its file.
    bump_content_version()
    pagecache.purge_all()


def _page_changed(page: Page) -> None:
    bump_content_version()
    pagecache.purge_published(page)


def bump_after_commit(**kwargs: Any) -> None:
    """Once the change is committed, invalidate every cached fragment and page (so no
    reader caches the old state anew); usable directly as a signal receiver."""
    transaction.on_commit(_changed_everywhere)


def _page_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    transaction.on_commit(partial(_page_changed, instance))


def _setting_saved(sender: Any, **kwargs: Any) -> None:
    if issubclass(sender, BaseSiteSetting):
        bump_after_commit()


def _file_changed(sender: Any, created: bool = False, **kwargs: Any) -> None:
    # A replaced image or document changes the addresses cached pages link to; a new one is
    # not on any page yet.
    if not created:
        bump_after_commit()


def _moderated(sender: Any, created: bool = False, **kwargs: Any) -> None:
    # A new object from the public (a citizen's question or comment) is not public yet: it
    # must purge nothing, else anyone could empty the caches. A moderator's change (an answer
    # published, a comment approved) may show on the public pages.
    if not created:
        bump_after_commit()


def _slug_changed(sender: Any, instance: Any, instance_before: Any, **kwargs: Any) -> None:
    # Sent after commit. The page's old address answers with a redirect now (Wagtail's
    # redirects app); its cached file, and those of the pages below it, must not outlive it.
    bump_content_version()
    pagecache.purge(trees=pagecache.site_paths(instance_before))


def watch(*models: type[Model]) -> None:
    """Invalidate cached fragments and pages whenever one of `models` is saved or deleted:
    for what shows on many pages (snippets, editable lists, documents, settings)."""
    for model in models:
        post_save.connect(bump_after_commit, sender=model, dispatch_uid=f"cong-save-{model}")
        post_delete.connect(bump_after_commit, sender=model, dispatch_uid=f"cong-del-{model}")


def watch_moderated(*models: type[Model]) -> None:
    """Like `watch`, except that creating one of `models` invalidates nothing: for what the
    public submits and a moderator later publishes."""
    for model in models:
        label = model._meta.label
        post_save.connect(_moderated, sender=model, dispatch_uid=f"cong-moderated-{label}")
        post_delete.connect(bump_after_commit, sender=model, dispatch_uid=f"cong-mod-del-{label}")


def register() -> None:
    page_published.connect(_page_published, dispatch_uid="cong-published")
    # Unpublished, moved or deleted: its title leaves every sidebar, menu and listing.
    page_unpublished.connect(bump_after_commit, dispatch_uid="cong-unpublished")
    post_page_move.connect(bump_after_commit, dispatch_uid="cong-moved")
    post_delete.connect(_page_deleted, dispatch_uid="cong-page-deleted")
    post_save.connect(_setting_saved, dispatch_uid="cong-setting-saved")
    page_slug_changed.connect(_slug_changed, dispatch_uid="cong-slug-changed")
    watch(Site, PageViewRestriction)
    for model in (get_image_model(), get_document_model()):
        post_save.connect(_file_changed, sender=model, dispatch_uid=f"cong-file-{model}")
        post_delete.connect(bump_after_commit, sender=model, dispatch_uid=f"cong-file-del-{model}")


def _page_deleted(sender: Any, **kwargs: Any) -> None:
    if issubclass(sender, Page):
        bump_after_commit()
