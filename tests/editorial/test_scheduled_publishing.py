"""`manage.py publish_scheduled` (run every minute by cong-publish-scheduled.timer)."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from tests.factories import ArticlePageFactory

NOW = timezone.make_aware(datetime.datetime(2026, 12, 1, 8, 0))


def publish_scheduled():
    call_command("publish_scheduled", stdout=io.StringIO())


def test_a_page_goes_live_when_its_time_comes(section, time_machine):
    time_machine.move_to(NOW, tick=False)
    article = ArticlePageFactory(parent=section, live=False)
    article.go_live_at = NOW + datetime.timedelta(hours=1)
    article.save_revision().publish()  # approved for later, as the leader's "Publish" does
    article.refresh_from_db()
    assert not article.live

    publish_scheduled()
    article.refresh_from_db()
    assert not article.live  # not yet

    time_machine.move_to(NOW + datetime.timedelta(hours=1, minutes=1), tick=False)
    publish_scheduled()
    article.refresh_from_db()
    assert article.live


def test_a_page_is_unpublished_when_it_expires(section, time_machine):
    time_machine.move_to(NOW, tick=False)
    article = ArticlePageFactory(parent=section)
    article.expire_at = NOW + datetime.timedelta(days=7)
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.live

    time_machine.move_to(NOW + datetime.timedelta(days=7, minutes=1), tick=False)
    publish_scheduled()
    article.refresh_from_db()
    assert not article.live and article.expired
