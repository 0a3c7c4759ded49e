"""End-to-end flows of a citizen: legal documents, asking a question, commenting on a draft."""

import re

import pytest
from helpers import answer_the_captcha_if_asked, screenshot
from livesite import latest_link

pytestmark = pytest.mark.flow

OPEN_DRAFT = (
    "/gop-y-du-thao/"
    "du-thao-quyet-dinh-ban-hanh-quy-che-quan-ly-van-hanh-cong-thong-tin-dien-tu-tinh/"
)


def test_filter_legal_documents_and_download_a_file(new_page):
    page = new_page("375px")
    page.goto("/van-ban/")
    page.get_by_label("Loại văn bản").select_option(label="Quyết định")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**/van-ban/?*doc_type=*")
    kinds = page.locator(".doc-table tbody td:first-child .meta").all_inner_texts()
    assert kinds and set(kinds) == {"Quyết định"}, kinds

    page.locator(".doc-table tbody td:first-child a").first.click()
    page.wait_for_url(re.compile(r".*/van-ban/\d+-[a-z0-9-]+/$"))
    link = page.locator('a[href^="/documents/"]').first
    assert link.get_attribute("download") is not None
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.body().startswith(b"%PDF")


def test_a_citizen_asks_a_question_and_follows_it_with_the_tracking_code(new_page, live_site):
    page = new_page("375px")
    page.goto("/hoi-dap/")
    page.get_by_role("link", name="Đặt câu hỏi").click()
    page.wait_for_url("**/hoi-dap/dat-cau-hoi/")
    page.get_by_label("Họ và tên").fill("Phạm Thị Lan")
    page.get_by_label("Thư điện tử").fill("lan.pham@example.vn")
    page.get_by_label("Lĩnh vực").select_option(index=1)
    page.get_by_label("Tiêu đề câu hỏi").fill("Thời gian cấp lại giấy phép <b>bưu chính</b>")
    page.get_by_label("Nội dung câu hỏi").fill(
        "Xin hỏi giấy phép bưu chính bị mất thì cấp lại trong bao lâu? <script>alert(1)</script>"
    )
    page.get_by_label(re.compile("Tôi đồng ý")).check()
    answer_the_captcha_if_asked(page)
    page.get_by_role("button", name="Gửi câu hỏi").click()
    # Nothing about the question is mailed before the address is confirmed: a link first.
    page.wait_for_url("**/hoi-dap/xac-nhan/")
    assert page.get_by_role("status").get_by_text("Kiểm tra thư điện tử").first.is_visible()
    page.goto(latest_link(live_site.env, r"https?://[^/\s]+(/hoi-dap/xac-nhan/[\w/-]+/)"))
    page.get_by_role("button", name="Xác nhận và gửi câu hỏi").click()
    page.wait_for_url(re.compile(r".*/hoi-dap/theo-doi/[A-Z0-9]{10}/\?da-gui=1$"))
    assert page.get_by_role("status").get_by_text("Câu hỏi của bạn đã được gửi.").is_visible()
    code = page.locator(".tracking-code strong").inner_text()
    assert page.locator('[aria-current="step"]').inner_text().startswith("Đã tiếp nhận")
    # What the citizen typed is shown as text, never run.
    assert page.get_by_text("<script>alert(1)</script>", exact=False).is_visible()
    screenshot(page, "question-tracking-375px")

    # Later, from another device: the code alone finds the question.
    other = new_page("1280px")
    other.goto("/hoi-dap/theo-doi/")
    other.get_by_label(re.compile("Mã tra cứu")).fill(code.lower()[:5] + " " + code[5:])
    other.get_by_role("button", name=re.compile("Tra cứu")).click()
    other.wait_for_url(f"**/hoi-dap/theo-doi/{code}/")
    assert other.locator(".tracking-code strong").inner_text() == code
    assert "lan.pham@example.vn" not in other.content()


def test_a_citizen_comments_on_an_open_draft(new_page):
    page = new_page("1280px")
    page.goto(OPEN_DRAFT)
    page.get_by_label("Họ và tên").fill("Trần Văn Minh")
    page.get_by_label("Thư điện tử").fill("minh.tran@example.vn")
    page.get_by_label(re.compile("Góp ý cho điều, khoản")).fill("Điều 5")
    page.get_by_label("Nội dung góp ý").fill("Đề nghị nêu rõ thời hạn cập nhật thông tin.")
    page.get_by_label(re.compile("Tôi đồng ý")).check()
    answer_the_captcha_if_asked(page)
    page.get_by_role("button", name="Gửi góp ý").click()
    page.wait_for_url(re.compile(r".*/\?da-gui=1#gop-y$"))
    assert page.get_by_role("status").get_by_text("Cảm ơn bạn đã góp ý.").is_visible()
    # Shown only once moderated.
    comments = page.locator(".comments").inner_text()
    assert "Đề nghị nêu rõ thời hạn" not in comments
    assert "Trần Văn Minh" not in comments
