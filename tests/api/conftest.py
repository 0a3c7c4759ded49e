"""Fixtures of the read API's tests: a site with articles, documents and answers."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from cong.participation.models import QuestionIndexPage, QuestionStatus
from tests.factories import ArticlePageFactory, QuestionFactory, TopicFactory, UnitFactory

ASKER = {
    "asker_name": "Trần Thị Lan",
    "email": "lan.tran@example.vn",
    "phone": "0987 654 321",
    "address": "Thôn Đông, xã Quảng Tâm",
}


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """API answers and rate-limit counts live in the cache, which no test rollback empties."""
    settings.CONG_API_RATE = "1000/m"
    cache.clear()
    yield
    cache.clear()


def local(*args):
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def publish():
    """Publish a page through a revision, as an editor does (it stamps last_published_at)."""

    def run(page):
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return run


@pytest.fixture
def article(section, publish):
    def make(**values):
        page = ArticlePageFactory(parent=section, **values)
        return publish(page)

    return make


@pytest.fixture
def questions_page(home):
    page = QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap", show_in_menus=True)
    home.add_child(instance=page)
    return page


@pytest.fixture
def answer(questions_page, site):
    topic = TopicFactory(name="Bưu chính, viễn thông")
    unit = UnitFactory(name="Phòng Bưu chính - Viễn thông")

    def make(public=True, **values):
        values = {
            **ASKER,
            "topic": topic,
            "unit": unit,
            "site": site,
            "status": QuestionStatus.ANSWERED,
            "is_public": public,
            "answer": '<p>Hồ sơ gồm đơn đề nghị và <a href="/van-ban/">đề án</a>.</p>',
            **values,
        }
        return QuestionFactory(**values)

    return make
