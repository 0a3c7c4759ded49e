import datetime

import pytest
from captcha.conf import settings as captcha_settings
from django.utils import timezone

from cong.participation.models import ConsultationIndexPage, QuestionIndexPage
from tests.factories import ConsultationPageFactory, TopicFactory, UnitFactory

PASSED_CAPTCHA = {"captcha_0": "test", "captcha_1": "PASSED"}


@pytest.fixture(autouse=True)
def _participation_settings(settings, tmp_path, monkeypatch):
    settings.CONG_PARTICIPATION_UPLOAD_ROOT = tmp_path / "private"
    settings.CONG_PARTICIPATION_RATE = "5/h"
    settings.CONG_PARTICIPATION_EMAIL_RATE = "10/d"
    settings.CONG_PARTICIPATION_CAPTCHA_ALWAYS = False
    # simple-captcha reads its settings once, at import: "PASSED" answers any captcha.
    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", True)


@pytest.fixture
def questions_page(home):
    page = QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap", show_in_menus=True)
    home.add_child(instance=page)
    return page


@pytest.fixture
def topic(db):
    return TopicFactory(name="Bưu chính, viễn thông")


@pytest.fixture
def unit(db):
    return UnitFactory(name="Phòng Bưu chính - Viễn thông")


@pytest.fixture
def consultations_page(home):
    page = ConsultationIndexPage(title="Góp ý dự thảo", slug="gop-y-du-thao", show_in_menus=True)
    home.add_child(instance=page)
    return page


@pytest.fixture
def consultation(consultations_page):
    """A draft open from 01/11/2026 08:00 to 30/11/2026 17:00 (local time)."""
    return ConsultationPageFactory(
        parent=consultations_page,
        title="Dự thảo Quy chế quản lý Cổng thông tin điện tử tỉnh",
        slug="du-thao-quy-che",
        opens_on=timezone.make_aware(datetime.datetime(2026, 11, 1, 8, 0)),
        closes_on=timezone.make_aware(datetime.datetime(2026, 11, 30, 17, 0)),
    )


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("quantri", "qt@example.vn", "x")


@pytest.fixture
def question_data(topic):
    def make(**overrides):
        data = {
            "asker_name": "Nguyễn Văn An",
            "email": "an.nguyen@example.vn",
            "phone": "0912 345 678",
            "address": "Số 5 phố Hạc Thành, TP Thanh Hóa",
            "topic": topic.pk,
            "title": "Thủ tục cấp phép trang thông tin điện tử tổng hợp",
            "body": "Xin hỏi hồ sơ đề nghị cấp giấy phép gồm những giấy tờ gì và nộp ở đâu?",
            "consent": "on",
        }
        data.update(overrides)
        return data

    return make
