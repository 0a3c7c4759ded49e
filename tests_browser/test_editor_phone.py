"""The page editor on a phone (375 px): the whole title shows, wrapped (issue 22).

Wagtail's one-line title input cut a long Vietnamese headline off; Cổng's title box wraps and
grows (cong.core.models.CongPage, static/css/admin-editor.css).
"""

import pytest
from helpers import screenshot
from livesite import ADMIN_PATH
from playwright.sync_api import expect
from test_flows import admin_login, create_user, write_article

pytestmark = pytest.mark.flow

LONGEST_TITLE = """
from django.db.models.functions import Length
from cong.news.models import ArticlePage
page = ArticlePage.objects.annotate(n=Length("title")).order_by("-n").first()
print(page.pk, page.title)
"""


def test_the_editor_shows_the_whole_title_on_a_phone(new_page, live_site):
    password, _ = create_user(live_site, "bientap375", "Biên tập viên")
    page_id, title = (
        live_site.manage("shell", "-c", LONGEST_TITLE).strip().splitlines()[-1].split(" ", 1)
    )
    assert len(title) > 60  # longer than a phone's line at the title's size

    editor = new_page("375px")
    admin_login(editor, "bientap375", password)
    editor.goto(f"{ADMIN_PATH}pages/{page_id}/edit/")
    box = editor.locator("#id_title")
    expect(box).to_have_value(title)
    scroll_width, client_width, scroll_height, client_height = box.evaluate(
        "e => [e.scrollWidth, e.clientWidth, e.scrollHeight, e.clientHeight]"
    )
    assert scroll_width <= client_width  # nothing cut off on the right
    assert scroll_height <= client_height + 1  # nor below: the box grew to hold every line
    assert box.bounding_box()["x"] + box.bounding_box()["width"] <= 375
    screenshot(editor, "admin-editor-title-375px", full_page=False)


def test_the_address_shows_as_it_will_be_saved_below_the_title(new_page, live_site):
    """Wagtail fills the slug with Vietnamese letters; the ASCII address the server will save
    (cong.core.text.slugify_vi) shows below it as the title is typed."""
    password, section_id = create_user(live_site, "bientapslug", "Biên tập viên")
    editor = new_page("375px")
    admin_login(editor, "bientapslug", password)
    write_article(editor, section_id, "Đường Trường Sa: Quyết định 12/QĐ-UBND", "Sapo.")
    expect(editor.locator("#cong-slug-preview code")).to_have_text(
        "duong-truong-sa-quyet-dinh-12qd-ubnd"
    )
    screenshot(editor, "admin-editor-slug-375px", full_page=False)
