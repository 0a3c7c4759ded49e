"""The contact page: the agency's contacts, and a form whose messages only moderators read."""

import pytest
from django.core import mail

from cong.agency.models import AgencyContacts
from cong.core.models import AgencySettings
from cong.participation.models import ContactMessage, ContactPage
from tests.factories import InformationPageFactory
from tests.participation.conftest import PASSED_CAPTCHA

MESSAGE = {
    "name": "Lê Thị Hà",
    "email": "ha.le@example.vn",
    "phone": "0912 111 222",
    "subject": "Đề nghị cung cấp thông tin quy hoạch hạ tầng viễn thông",
    "body": "Kính đề nghị Sở cung cấp bản quy hoạch hạ tầng viễn thông thụ động của tỉnh.",
    "consent": "on",
}


@pytest.fixture
def contact(home, site):
    page = ContactPage(title="Liên hệ", slug="lien-he")
    home.add_child(instance=page)
    agency = AgencySettings.for_site(site)
    agency.address = "Đại lộ Nam Sông Mã, Thanh Hóa"
    agency.phone = "(02373) 713.985"
    agency.save()
    contacts = AgencyContacts.for_site(site)
    contacts.office_hours = "Sáng 7h00–11h30"
    contacts.info_officer = "Văn phòng Sở"
    contacts.save()
    return page


def test_the_page_shows_the_agencys_contacts_and_the_form(client, contact):
    html = client.get(contact.url).content.decode()
    assert "Đại lộ Nam Sông Mã, Thanh Hóa" in html and "Sáng 7h00–11h30" in html
    assert "Tiếp nhận yêu cầu cung cấp thông tin" in html and "Văn phòng Sở" in html
    assert 'name="consent"' in html and 'type="checkbox"' in html
    assert "chỉ được dùng để tiếp nhận" in html  # the privacy notice


def test_a_message_is_stored_for_moderators_and_mails_nobody(client, contact):
    response = client.post(contact.url, {**MESSAGE, **PASSED_CAPTCHA})
    assert response.status_code == 302 and "da-gui=1" in response["Location"]
    message = ContactMessage.objects.get()
    assert message.email == "ha.le@example.vn" and message.consented_at is not None
    assert mail.outbox == []
    html = client.get(response["Location"]).content.decode()
    assert "Thư đã được gửi đến cơ quan" in html
    assert "ha.le@example.vn" not in html and "0912 111 222" not in html


@pytest.mark.parametrize(
    "change",
    [
        {"consent": ""},
        {"email": "khong-phai-thu"},
        {"subject": "\u200b\u200b\u200b\u200b\u200b\u200b"},
        {"body": "ngắn"},
        {"hp_website": "http://spam.example"},
    ],
)
def test_a_refused_message_stores_nothing_and_says_why(client, contact, change):
    response = client.post(contact.url, {**MESSAGE, **PASSED_CAPTCHA, **change})
    assert response.status_code in (200, 400)
    assert ContactMessage.objects.count() == 0
    if "consent" in change:
        assert "Vui lòng đánh dấu đồng ý xử lý dữ liệu cá nhân" in response.content.decode()


def test_the_error_summary_gives_the_unticked_consent_box_its_error_without_the_long_label(
    client, contact
):
    response = client.post(contact.url, {**MESSAGE, **PASSED_CAPTCHA, "consent": ""})
    html = response.content.decode()
    start = html.index('class="form-errors"')
    summary = html[start : html.index("</ul>", start)]
    assert (
        '<li><a href="#id_consent">Vui lòng đánh dấu đồng ý xử lý dữ liệu cá nhân để gửi biểu mẫu.'
        "</a></li>" in summary
    )
    assert "Tôi đồng ý" not in summary  # the box's own label, two lines long, stays by the box


def test_one_address_cannot_flood_the_agency(client, contact, settings):
    settings.CONG_PARTICIPATION_RATE = "3/h"
    statuses = [
        client.post(
            contact.url, {**MESSAGE, **PASSED_CAPTCHA, "email": f"a{n}@example.vn"}
        ).status_code
        for n in range(5)
    ]
    assert statuses[:3] == [302, 302, 302] and statuses[3:] == [429, 429]
    assert ContactMessage.objects.count() == 3


def test_the_forms_link_the_privacy_policy_the_agency_chose(client, contact, home, site):
    policy = InformationPageFactory(
        parent=home, title="Chính sách bảo vệ dữ liệu cá nhân", show_in_menus=False
    )
    agency = AgencySettings.for_site(site)
    agency.privacy_page = policy
    agency.save()
    html = client.get(contact.url).content.decode()
    assert html.count(f'href="{policy.url}"') == 2  # the notice above the box, the footer


def test_the_contact_page_is_never_written_to_the_page_cache(client, contact, settings, tmp_path):
    settings.CONG_PAGE_CACHE_DIR = str(tmp_path / "pc")
    client.get(contact.url)
    assert not list((tmp_path / "pc").rglob("index.html"))
