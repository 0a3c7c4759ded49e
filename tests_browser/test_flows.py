"""End-to-end flows: reading, searching, the visit widget, and an editor publishing."""

import re
import secrets
import time
import urllib.parse

import pytest
from helpers import DESKTOP_UA, OTHER_DESKTOP_UA, screenshot
from livesite import ADMIN_PATH, ARTICLE
from site_pages import WIDTHS

pytestmark = pytest.mark.flow

ARTICLE_TITLE = "Hội nghị tập huấn thông tin đối ngoại về quyền con người năm 2023"


@pytest.mark.parametrize("width", WIDTHS)
def test_reader_goes_from_home_to_a_section_to_an_article(new_page, width):
    page = new_page(width)
    page.goto("/")
    page.get_by_role("navigation", name="Menu chính").get_by_role(
        "link", name="Tin tức - Sự kiện"
    ).click()
    page.wait_for_url("**/tin-tuc-su-kien/")
    assert page.get_by_role("heading", level=1).inner_text() == "Tin tức - Sự kiện"
    assert (
        page.get_by_role("navigation", name="Menu chính")
        .get_by_role("link", name="Tin tức - Sự kiện")
        .get_attribute("aria-current")
        == "page"
    )

    first = page.locator("main .teasers h2 a").first
    title, href = first.inner_text(), first.get_attribute("href")
    first.click()
    page.wait_for_url("**" + href)
    assert href.startswith("/tin-tuc-su-kien/")
    assert page.get_by_role("heading", level=1).inner_text() == title
    crumbs = page.get_by_role("navigation", name="Đường dẫn")
    assert crumbs.get_by_role("link", name="Tin tức - Sự kiện").is_visible()


def search_from_the_header(page, words: str) -> None:
    page.goto("/")
    page.get_by_role("searchbox", name="Tìm kiếm").fill(words)
    page.get_by_role("searchbox", name="Tìm kiếm").press("Enter")
    page.wait_for_url("**/tim-kiem/?q=*")
    assert urllib.parse.unquote_plus(page.url.split("q=")[1]) == words


def open_result(page, title: str) -> None:
    results = page.locator(".search-results h2 a")
    titles = results.all_inner_texts()
    assert title in titles, f"{title!r} not among the results {titles}"
    results.filter(has_text=title).first.click()
    page.wait_for_url("**" + ARTICLE)
    assert page.get_by_role("heading", level=1).inner_text() == title


def test_search_with_accents_and_open_a_result(new_page):
    page = new_page("375px")
    search_from_the_header(page, "quyền con người")
    open_result(page, ARTICLE_TITLE)


def test_search_without_accents_and_open_a_result(new_page):
    page = new_page("375px")
    search_from_the_header(page, "quyen con nguoi")
    open_result(page, ARTICLE_TITLE)


def figure(page, selector: str) -> int:
    return int(re.sub(r"\D", "", page.locator(selector).first.inner_text()) or 0)


def test_the_visit_widget_updates_after_a_page_view(new_page):
    # A reader with an ordinary browser (headless Chrome is filtered out as a crawler).
    reader = new_page(user_agent=DESKTOP_UA)
    with reader.expect_response(lambda r: "/api/visits/summary" in r.url):
        reader.goto(ARTICLE)
    today, views = figure(reader, "[data-visits-today]"), figure(reader, "[data-page-views]")

    # Someone else reads the article: a new visitor, a new visit, one more page view.
    other = new_page("375px", user_agent=OTHER_DESKTOP_UA)
    with other.expect_response(lambda r: "/api/visits/summary" in r.url):
        other.goto(ARTICLE)

    # The summary is cached for 5 s (server and browser), a page's views for a minute
    # (cong.visits.stats.PAGE_VIEWS_SECONDS, in each worker: the search tests just before
    # read this article's views too): reload until the figures move.
    deadline = time.monotonic() + 90
    while True:
        time.sleep(2)
        with reader.expect_response(lambda r: "/api/visits/summary" in r.url):
            reader.reload()
        new_today, new_views = (
            figure(reader, "[data-visits-today]"),
            figure(reader, "[data-page-views]"),
        )
        if new_today > today and new_views > views or time.monotonic() > deadline:
            break
    assert new_today > today, (today, new_today)
    assert new_views > views, (views, new_views)
    screenshot(reader, "visits-widget-1280px", full_page=False)


# An editor with the right to publish, who may skip the approval workflow: a group of the
# test's own (Wagtail's default "Moderators" is removed; "Lãnh đạo duyệt" signs in with a
# second factor). The workflow itself, "Biên tập → Duyệt" (a "Phóng viên" submits, a
# "Biên tập viên" and then a "Lãnh đạo duyệt" with two-factor sign-in approve), is
# test_editorial_flow.py, which reuses create_user, admin_login and write_article.
CREATE_EDITOR = """
import os
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from cong.news.models import CategoryPage
user, _ = get_user_model().objects.get_or_create(
    username=os.environ["CONG_TEST_USERNAME"],
    defaults={"email": "bientap@example.gov.vn", "first_name": "Biên tập", "last_name": "viên"},
)
user.set_password(os.environ["CONG_TEST_PASSWORD"])
user.save()
group, created = Group.objects.get_or_create(name=os.environ["CONG_TEST_GROUP"])
if created:
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission, Page
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=Page.get_first_root_node(),
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
user.groups.add(group)
print(CategoryPage.objects.get(slug="tin-tuc-su-kien").pk)
"""
NEW_TITLE = "Thanh Hóa đẩy mạnh ứng dụng chữ ký số trong cơ quan nhà nước"
NEW_SLUG = "thanh-hoa-day-manh-ung-dung-chu-ky-so-trong-co-quan-nha-nuoc"
NEW_LEAD = "Các sở, ngành, địa phương dùng chữ ký số cho văn bản điện tử gửi đi."


def create_user(live_site, username: str, group: str) -> tuple[str, int]:
    """A user in `group`; returns the password and the id of "Tin tức - Sự kiện"."""
    password = secrets.token_urlsafe(16)
    out = live_site.manage(
        "shell",
        "-c",
        CREATE_EDITOR,
        CONG_TEST_USERNAME=username,
        CONG_TEST_PASSWORD=password,
        CONG_TEST_GROUP=group,
    )
    return password, int(out.split()[-1])


def admin_login(page, username: str, password: str) -> None:
    page.goto(ADMIN_PATH + "login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**" + ADMIN_PATH)


def write_article(page, section_id: int, title: str, lead: str) -> None:
    """Open the section in the admin, add a child page of type "Bài viết", fill it in."""
    page.goto(f"{ADMIN_PATH}pages/{section_id}/")
    page.locator(f'a[href$="/pages/{section_id}/add_subpage/"]').first.click()
    page.get_by_role("link", name="Bài viết", exact=True).click()
    page.wait_for_url(f"**/pages/add/news/articlepage/{section_id}/")
    page.locator("#id_title").fill(title)
    page.locator("#id_lead").fill(lead)


def publish(page, section_id: int) -> None:
    """Click the main button, "Xuất bản" for whoever may publish (cong.editorial.action_menu)."""
    page.wait_for_load_state("load")  # the editor's scripts ready before the click
    page.get_by_role("button", name="Xuất bản", exact=True).click()
    # A publish renders, indexes and purges: on a loaded 2-core machine it once took > 15 s.
    page.wait_for_url(f"**{ADMIN_PATH}pages/{section_id}/", timeout=45_000)
    assert page.get_by_text(NEW_TITLE).first.is_visible()


def test_an_editor_publishes_an_article_that_appears_in_its_section(new_page, live_site):
    password, section_id = create_user(live_site, "bientapvien", "Xuất bản (thử)")
    editor = new_page()
    admin_login(editor, "bientapvien", password)
    write_article(editor, section_id, NEW_TITLE, NEW_LEAD)
    screenshot(editor, "admin-new-article-1280px", full_page=False)
    publish(editor, section_id)

    reader = new_page("375px")
    reader.goto("/tin-tuc-su-kien/")
    link = reader.locator("main .teasers").get_by_role("link", name=NEW_TITLE, exact=True)
    assert link.get_attribute("href") == f"/tin-tuc-su-kien/{NEW_SLUG}/"  # folded to ASCII
    link.click()
    reader.wait_for_url(f"**/tin-tuc-su-kien/{NEW_SLUG}/")
    assert reader.get_by_role("heading", level=1).inner_text() == NEW_TITLE
    assert reader.locator(".article__lead").inner_text() == NEW_LEAD
    screenshot(reader, "new-article-375px")
