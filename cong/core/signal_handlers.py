"""Content changes that make cached fragments stale (see cong.core.cache)."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from cong.core.cache import bump_content_version


def bump_after_commit(**kwargs) -> None:
    """Bump once the change is committed, so no reader caches the old state anew."""
    transaction.on_commit(partial(bump_content_version))


def _setting_saved(sender, **kwargs):
    if issubclass(sender, BaseSiteSetting):
        bump_after_commit()


def watch(*models) -> None:
    """Invalidate cached fragments whenever one of `models` is saved or deleted."""
    for model in models:
        post_save.connect(bump_after_commit, sender=model, dispatch_uid=f"cong-save-{model}")
        post_delete.connect(bump_after_commit, sender=model, dispatch_uid=f"cong-del-{model}")


def register() -> None:
    page_published.connect(bump_after_commit, dispatch_uid="cong-published")
    page_unpublished.connect(bump_after_commit, dispatch_uid="cong-unpublished")
    post_page_move.connect(bump_after_commit, dispatch_uid="cong-moved")
    post_delete.connect(_page_deleted, dispatch_uid="cong-page-deleted")
    post_save.connect(_setting_saved, dispatch_uid="cong-setting-saved")
    watch(Site)


def _page_deleted(sender, **kwargs):
    if issubclass(sender, Page):
        bump_after_commit()
