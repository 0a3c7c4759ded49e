"""Publishing where an editor looks for it (issue 22): "Xuất bản" as the main button for who may
publish, the address on the content tab with the schedule one click away, and teasers
pictured with the body's first photo when "Ảnh đại diện" is empty."""

import lxml.html
import pytest
import wagtail_factories
from wagtail.rich_text import RichText

from cong.editorial.roles import BIEN_TAP_VIEN, LANH_DAO_DUYET, PHONG_VIEN, QUAN_TRI
from tests.factories import ArticlePageFactory


def main_button(html: str) -> str:
    """The `name` of the action menu's main (first, always visible) button, or its label."""
    footer = lxml.html.fromstring(html).xpath('//footer//*[contains(@class, "dropdown")]')[0]
    button = footer.xpath(".//button")[0]
    return button.get("name") or " ".join(button.text_content().split())


@pytest.mark.parametrize(
    ("role", "main"),
    [
        (PHONG_VIEN, "Lưu bản nháp"),
        (BIEN_TAP_VIEN, "Lưu bản nháp"),
        (LANH_DAO_DUYET, "action-publish"),
        (QUAN_TRI, "action-publish"),
    ],
)
def test_publish_is_the_main_button_for_those_who_may_publish(login, users, draft, role, main):
    html = login(users[role]).get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert main_button(html) == main
    may_publish = main == "action-publish"
    assert ('name="action-publish"' in html) is may_publish
    assert "Lưu bản nháp" in html  # under the arrow for those who publish
    if not may_publish:
        assert 'name="action-submit"' in html  # "Gửi duyệt" beside it


def tab_of(html: str, element_id: str) -> str | None:
    """The id of the editor tab holding the element."""
    element = lxml.html.fromstring(html).get_element_by_id(element_id)
    for ancestor in element.iterancestors():
        if (ancestor.get("id") or "").startswith("tab-") and ancestor.get("role") == "tabpanel":
            return ancestor.get("id")
    return None


def test_the_address_and_the_schedule_are_on_the_content_tab(login, users, section):
    client = login(users[BIEN_TAP_VIEN])
    for url in (
        f"/admin/pages/{section.pk}/edit/",
        f"/admin/pages/add/news/articlepage/{section.pk}/",
    ):
        html = client.get(url).content.decode()
        content_tab = tab_of(html, "id_title")  # "Nội dung", the first tab
        assert tab_of(html, "id_slug") == content_tab, url
        tree = lxml.html.fromstring(html)
        (schedule,) = tree.xpath(f'//*[@id="{content_tab}"]//button[@data-a11y-dialog-show]')
        assert schedule.get("data-a11y-dialog-show") == "schedule-publishing-dialog"
        assert tree.get_element_by_id("schedule-publishing-dialog") is not None
        assert tab_of(html, "id_search_description") not in (None, content_tab)


@pytest.fixture
def photos(db):
    return [
        wagtail_factories.ImageFactory(title=title, width=800, height=500)
        for title in ("Ảnh trong bài", "Ảnh đại diện riêng")
    ]


def article(section, title, body_photo=None, featured=None):
    body = [("paragraph", RichText("<p>Mở đầu.</p>"))]
    if body_photo:
        body.append(("image", {"image": body_photo, "alt": "", "caption": "", "credit": ""}))
    return ArticlePageFactory(parent=section, title=title, featured_image=featured, body=body)


def test_a_teaser_falls_back_to_the_first_photo_of_the_body(client, section, photos):
    body_photo, own = photos
    only_body = article(section, "Bài có ảnh trong nội dung", body_photo=body_photo)
    chosen = article(section, "Bài có ảnh đại diện", body_photo=body_photo, featured=own)
    text_only = article(section, "Bài không có ảnh")

    assert only_body.teaser_image == body_photo
    assert chosen.teaser_image == own  # the editor's choice wins
    assert text_only.teaser_image is None

    tree = lxml.html.fromstring(client.get(section.url).content)
    pictured = {
        " ".join(teaser.xpath(".//h3//text() | .//h2//text()")).strip()
        for teaser in tree.xpath('//*[contains(@class, "teaser")][.//*[@class="teaser__image"]]')
    }
    assert "Bài có ảnh trong nội dung" in pictured and "Bài có ảnh đại diện" in pictured
    assert "Bài không có ảnh" not in pictured
    og = client.get(only_body.url).content.decode()
    assert 'property="og:image"' in og
