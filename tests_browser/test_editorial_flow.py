"""The approval workflow "Biên tập → Duyệt" end to end, as three people in the admin.

A "Phóng viên" writes an article in "Tin tức - Sự kiện" and submits it (no publish action of
their own); a "Biên tập viên" approves the first step ("Biên tập"); a "Lãnh đạo duyệt" signs
in with a password and a TOTP code (two-factor sign-in is mandatory for that group) and
approves the last step ("Duyệt"), which publishes: the article then shows in its section.
"""

import re
import secrets

import pytest
from django_otp.oath import totp
from helpers import axe_violations, describe_violations, screenshot
from livesite import ADMIN_PATH
from playwright.sync_api import Page, expect
from test_flows import admin_login, create_user, write_article

pytestmark = pytest.mark.flow

SECTION = "/tin-tuc-su-kien/"
TITLE = "Thanh Hóa hoàn thành kết nối liên thông văn bản điện tử bốn cấp chính quyền"
SLUG = "thanh-hoa-hoan-thanh-ket-noi-lien-thong-van-ban-dien-tu-bon-cap-chinh-quyen"
LEAD = "Văn bản điện tử được gửi, nhận giữa tỉnh, sở, huyện và xã qua một trục liên thông."
WORKFLOW = "Biên tập → Duyệt"

# A confirmed TOTP device with a key the test knows, as the set-up page would leave it
# (cong.accounts.twofactor: one confirmed device named DEVICE_NAME).
CREATE_DEVICE = """
import os
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from cong.accounts.twofactor import DEVICE_NAME
user = get_user_model().objects.get(username=os.environ["CONG_TEST_USERNAME"])
TOTPDevice.objects.filter(user=user).delete()
TOTPDevice.objects.create(
    user=user, name=DEVICE_NAME, key=os.environ["CONG_TEST_TOTP_KEY"], confirmed=True
)
"""


def current_code(key: str) -> str:
    """The six digits an authenticator app with this key shows now (30 s steps, t0 = 0)."""
    return f"{totp(bytes.fromhex(key)):06d}"


def action_menu(page: Page):
    """Open the footer's "Thao tác khác" menu (the default action stays outside it)."""
    page.get_by_role("button", name="Thao tác khác").click()
    return page.locator("footer")


def open_for_review(page: Page, edit_url: str) -> None:
    page.goto(edit_url)
    expect(page.locator("#id_title")).to_have_value(TITLE)


def approve(page: Page, label: str, section_id: int) -> None:
    """Approve the current step from the edit page's action menu (back to the section)."""
    button = action_menu(page).get_by_role("button", name=label, exact=True)
    expect(button).to_be_visible()
    button.click()
    page.wait_for_url(f"**{ADMIN_PATH}pages/{section_id}/")


def test_a_reporter_submits_an_editor_and_a_leader_approve_and_it_is_published(new_page, live_site):
    writer_password, section_id = create_user(live_site, "phongvien", "Phóng viên")
    editor_password, _ = create_user(live_site, "bientap", "Biên tập viên")
    leader_password, _ = create_user(live_site, "lanhdao", "Lãnh đạo duyệt")
    totp_key = secrets.token_hex(20)
    live_site.manage(
        "shell",
        "-c",
        CREATE_DEVICE,
        CONG_TEST_USERNAME="lanhdao",
        CONG_TEST_TOTP_KEY=totp_key,
    )

    # 1. The reporter writes the article: saving a draft and submitting, never publishing.
    writer = new_page()
    admin_login(writer, "phongvien", writer_password)
    write_article(writer, section_id, TITLE, LEAD)
    menu = action_menu(writer)
    expect(menu.get_by_role("button", name=re.compile("Xuất bản", re.I))).to_have_count(0)
    expect(writer.get_by_role("button", name="Lưu bản nháp")).to_be_visible()
    submit = menu.get_by_role("button", name=f"Gửi đến {WORKFLOW}", exact=True)
    expect(submit).to_be_visible()
    screenshot(writer, "workflow-1-reporter-submits-1280px", full_page=False)
    submit.click()
    writer.wait_for_url(f"**{ADMIN_PATH}pages/{section_id}/")
    row = writer.locator("main tr", has=writer.get_by_role("link", name=TITLE, exact=True))
    expect(row).to_contain_text(re.compile("đang kiểm duyệt", re.I))
    edit_url = row.get_by_role("link", name=TITLE, exact=True).get_attribute("href")
    assert re.fullmatch(rf"{ADMIN_PATH}pages/\d+/edit/", edit_url), edit_url
    screenshot(writer, "workflow-2-submitted-1280px", full_page=False)

    # Even on their own draft, now in moderation, the reporter cannot publish.
    writer.goto(edit_url)
    action_menu(writer)
    # ("Lên lịch xuất bản", scheduling on the content tab, is not publishing.)
    expect(writer.get_by_role("button", name=re.compile("^Xuất bản", re.I))).to_have_count(0)

    # Not public yet.
    reader = new_page("375px")
    reader.goto(SECTION)
    expect(reader.locator("main .teasers").get_by_role("link", name=TITLE)).to_have_count(0)

    # 2. The editor approves the first step, "Biên tập"; publishing is not theirs either.
    editor = new_page()
    admin_login(editor, "bientap", editor_password)
    open_for_review(editor, edit_url)
    expect(editor.get_by_role("button", name="Xuất bản", exact=True)).to_have_count(0)
    approve(editor, "Phê duyệt", section_id)
    screenshot(editor, "workflow-3-editor-approved-1280px", full_page=False)
    reader.goto(SECTION)
    expect(reader.locator("main .teasers").get_by_role("link", name=TITLE)).to_have_count(0)

    # 3. The leader: password, then the code of their authenticator app.
    leader = new_page()
    leader.goto(ADMIN_PATH + "login/")
    leader.get_by_label("Tên đăng nhập").fill("lanhdao")
    leader.locator("#id_password").fill(leader_password)
    leader.get_by_role("button", name="Đăng nhập").click()
    leader.wait_for_url(re.compile(rf".*{ADMIN_PATH}2fa/\?next=.*"))
    # Until the code is given, the admin sends them back here.
    leader.goto(edit_url)
    leader.wait_for_url(re.compile(rf".*{ADMIN_PATH}2fa/\?next=.*"))
    violations = axe_violations(leader)
    screenshot(leader, "workflow-4-leader-two-factor-1280px", full_page=False)
    assert not violations, describe_violations(violations)
    leader.get_by_label("Mã xác thực (6 chữ số)").fill(current_code(totp_key))
    leader.get_by_role("button", name="Xác nhận").click()
    leader.wait_for_url("**" + edit_url)
    expect(leader.locator("#id_title")).to_have_value(TITLE)
    approve(leader, "Phê duyệt và xuất bản", section_id)
    screenshot(leader, "workflow-5-leader-approved-1280px", full_page=False)

    # 4. Published: listed in its section, readable on a phone.
    reader.goto(SECTION)
    link = reader.locator("main .teasers").get_by_role("link", name=TITLE, exact=True)
    assert link.get_attribute("href") == f"{SECTION}{SLUG}/"
    link.click()
    reader.wait_for_url(f"**{SECTION}{SLUG}/")
    assert reader.get_by_role("heading", level=1).inner_text() == TITLE
    assert reader.locator(".article__lead").inner_text() == LEAD
    screenshot(reader, "workflow-6-published-375px")
