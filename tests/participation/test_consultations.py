"""/gop-y-du-thao/: drafts open for comment by the clock, moderated comments."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from cong.participation.models import (
    Comment,
    CommentStatus,
    ConsultationFile,
    ConsultationStatus,
)
from tests.factories import CommentFactory, ConsultationPageFactory
from tests.participation.conftest import PASSED_CAPTCHA

URL = "/gop-y-du-thao/du-thao-quy-che/"
COMMENT = {
    "name": "Phạm Minh Đức",
    "email": "duc.pham@example.vn",
    "organisation": "Phòng Văn hóa và Thông tin huyện Nga Sơn",
    "section": "Điều 7, khoản 2",
    "body": "Đề nghị quy định rõ thời hạn cập nhật thông tin trên cổng là 24 giờ.",
    "consent": "on",
}


@pytest.mark.parametrize(
    ("moment", "status"),
    [
        ("2026-10-31 23:59 +07:00", ConsultationStatus.UPCOMING),
        ("2026-11-01 08:00 +07:00", ConsultationStatus.OPEN),
        ("2026-11-30 16:59 +07:00", ConsultationStatus.OPEN),
        ("2026-11-30 17:00 +07:00", ConsultationStatus.CLOSED),
    ],
)
def test_the_status_follows_the_clock(consultation, time_machine, moment, status):
    time_machine.move_to(moment)
    assert consultation.status() == status


def test_while_open_the_page_shows_the_form_and_files(client, consultation, time_machine):
    time_machine.move_to("2026-11-10 09:00 +07:00")
    pdf = get_document_model()(title="Dự thảo Quy chế")
    pdf.file.save("du-thao.pdf", ContentFile(b"%PDF-1.4 demo"), save=False)
    pdf.save()
    ConsultationFile.objects.create(page=consultation, document=pdf, sort_order=0)
    html = client.get(URL).content.decode()
    assert "Đang lấy ý kiến" in html
    assert "01/11/2026" in html and "17:00 30/11/2026" in html
    assert "Dự thảo Quy chế" in html and 'href="/documents/' in html
    assert '<form class="public-form" method="post"' in html
    assert '<label for="id_section">' in html


def test_a_comment_is_stored_pending_and_public_only_once_approved(
    client, consultation, time_machine
):
    time_machine.move_to("2026-11-10 09:00 +07:00")
    response = client.post(URL, COMMENT)
    assert response.status_code == 302
    assert response["Location"] == URL + "?da-gui=1#gop-y"
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    html = client.get(response["Location"]).content.decode()
    assert "Góp ý sẽ được hiển thị sau khi được kiểm duyệt" in html
    assert "thời hạn cập nhật thông tin" not in html
    comment.status = CommentStatus.APPROVED
    comment.save()
    html = client.get(URL).content.decode()
    assert "thời hạn cập nhật thông tin trên cổng là 24 giờ" in html
    assert "Phạm Minh Đức" in html and "Nga Sơn" in html and "Điều 7, khoản 2" in html
    assert "duc.pham@example.vn" not in html
    assert comment.moderated_at is not None


def test_after_closing_the_form_is_gone_and_posts_are_refused(client, consultation, time_machine):
    time_machine.move_to("2026-11-30 17:00 +07:00")
    html = client.get(URL).content.decode()
    assert "Đã hết hạn góp ý" in html
    assert 'name="body"' not in html
    response = client.post(URL, {**COMMENT, **PASSED_CAPTCHA})
    assert response.status_code == 403
    assert "Dự thảo này hiện không nhận góp ý" in response.content.decode()
    assert not Comment.objects.exists()


def test_before_opening_no_comment_is_taken(client, consultation, time_machine):
    time_machine.move_to("2026-10-20 09:00 +07:00")
    html = client.get(URL).content.decode()
    assert "Sắp lấy ý kiến" in html and "bắt đầu nhận góp ý từ 08:00 01/11/2026" in html
    assert client.post(URL, COMMENT).status_code == 403


def test_comment_text_is_escaped(client, consultation):
    CommentFactory(
        consultation=consultation,
        body="<script>alert(1)</script> góp ý",
        status=CommentStatus.APPROVED,
    )
    html = client.get(URL).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; góp ý" in html


def test_the_index_lists_drafts_with_their_status_and_filters(
    client, consultations_page, consultation, time_machine
):
    time_machine.move_to("2026-11-10 09:00 +07:00")
    now = timezone.now()
    ConsultationPageFactory(
        parent=consultations_page,
        title="Dự thảo đã kết thúc",
        opens_on=now - datetime.timedelta(days=60),
        closes_on=now - datetime.timedelta(days=30),
    )
    html = client.get("/gop-y-du-thao/").content.decode()
    assert "Dự thảo Quy chế quản lý Cổng thông tin điện tử tỉnh" in html
    assert "Dự thảo đã kết thúc" in html
    assert "Đang lấy ý kiến" in html and "Đã hết hạn góp ý" in html
    open_only = client.get("/gop-y-du-thao/", {"trang-thai": "open"}).content.decode()
    assert "Dự thảo đã kết thúc" not in open_only
    closed = client.get("/gop-y-du-thao/", {"trang-thai": "closed"}).content.decode()
    assert "Dự thảo Quy chế quản lý" not in closed


def test_closing_before_opening_is_refused(consultation):
    from django.core.exceptions import ValidationError

    consultation.closes_on = consultation.opens_on
    with pytest.raises(ValidationError):
        consultation.full_clean()


def test_the_next_page_of_comments_does_not_repeat_the_sent_notice(
    client, consultation, monkeypatch
):
    monkeypatch.setattr("cong.participation.views.consultations.COMMENTS_PER_PAGE", 1)
    for _ in range(2):
        CommentFactory(consultation=consultation, status=CommentStatus.APPROVED)
    html = client.get(URL, {"da-gui": "1", "utm_source": "zalo"}).content.decode()
    assert 'href="?page=2#comments-heading" rel="next"' in html
    assert "da-gui=1&amp;" not in html and "utm_source" not in html
