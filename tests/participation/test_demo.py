"""The demo site's questions and consultations (`manage.py load_demo`)."""

import pytest
from django.core.management import call_command

from cong.participation.models import Comment, ConsultationPage, Question, Topic
from tests import installs


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """`load_demo` once for the module (it takes seconds), rolled back after its last test."""
    with installs.demo_in_test_database(django_db_blocker, tmp_path_factory) as folder:
        yield folder


@pytest.fixture
def demo(_demo_loaded, db, settings):
    """The demo site, as `load_demo` leaves it; each test's changes are rolled back."""
    settings.MEDIA_ROOT = _demo_loaded / "media"
    settings.CONG_PARTICIPATION_UPLOAD_ROOT = _demo_loaded / "private"


def counts():
    return (
        Question.objects.count(),
        Topic.objects.count(),
        ConsultationPage.objects.count(),
        Comment.objects.count(),
    )


def test_the_demo_has_answers_pending_questions_and_two_consultations(client, demo):
    assert Question.objects.public().count() == 3
    assert Question.objects.exclude(status="answered").count() == 2
    html = client.get("/hoi-dap/").content.decode()
    assert "Sóng điện thoại di động ở bản Tà Com rất yếu" in html
    assert "Hợp tác xã có được đăng ký tên miền .vn không?" not in html
    listing = client.get("/gop-y-du-thao/").content.decode()
    assert "Đang lấy ý kiến" in listing and "Đã hết hạn góp ý" in listing
    open_page = ConsultationPage.objects.get(title__startswith="Dự thảo Quyết định ban hành")
    html = client.get(open_page.url).content.decode()
    assert 'name="body"' in html and ".pdf" in html
    assert "Văn phòng UBND huyện Nông Cống" in html
    assert "rà soát thẩm quyền xử lý vi phạm" not in html  # still pending
    assert "gopy1@example.vn" not in html
    menu = client.get("/").content.decode()
    assert 'href="/hoi-dap/"' in menu and 'href="/gop-y-du-thao/"' in menu


def test_loading_the_demo_again_adds_nothing(demo):
    before = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == before
