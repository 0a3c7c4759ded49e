"""Cached menus, sidebars and settings change as soon as the content does."""

from cong.core.models import AgencySettings
from tests.factories import ArticlePageFactory, CategoryPageFactory, LinkFactory


def test_a_published_article_appears_in_the_sidebar_at_once(
    client, section, django_capture_on_commit_callbacks
):
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticlePageFactory(parent=section, title="Tin vừa đăng", live=False)
        article.save_revision().publish()
    assert "Tin vừa đăng" in client.get("/khong-co/").content.decode()


def test_an_unpublished_section_leaves_the_menu_at_once(
    client, home, django_capture_on_commit_callbacks
):
    section = CategoryPageFactory(parent=home, title="Chuyên mục tạm")
    assert "Chuyên mục tạm" in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        section.unpublish()
    assert "Chuyên mục tạm" not in client.get("/").content.decode()


def test_edited_agency_settings_show_at_once(client, site, django_capture_on_commit_callbacks):
    agency = AgencySettings.for_site(site)
    agency.agency_name = "Tên cũ"
    with django_capture_on_commit_callbacks(execute=True):
        agency.save()
    assert "Tên cũ" in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        agency.agency_name = "Sở Văn hóa, Thể thao và Du lịch"
        agency.save()
    html = client.get("/").content.decode()
    assert "Sở Văn hóa, Thể thao và Du lịch" in html and "Tên cũ" not in html


def test_a_new_link_shows_at_once(client, home, django_capture_on_commit_callbacks):
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        LinkFactory(title="Cổng Dịch vụ công quốc gia")
    assert "Cổng Dịch vụ công quốc gia" in client.get("/").content.decode()


def test_without_a_change_the_fragments_come_from_the_cache(client, section):
    ArticlePageFactory(parent=section, title="Tin cũ")
    assert "Tin cũ" in client.get("/khong-co/").content.decode()
    ArticlePageFactory(parent=section, title="Tin chưa báo cho bộ nhớ đệm", live=True)
    # Created without a publish signal: the cached sidebar rightly still shows the old list.
    assert "Tin chưa báo cho bộ nhớ đệm" not in client.get("/khong-co/").content.decode()


def test_a_preview_renders_its_fragments_afresh_and_keeps_none(rf):
    from django.core.cache import cache
    from django.template import Context, Template

    template = Template("{% load cache %}{% cache 60 preview-test %}{{ text }}{% endcache %}")
    preview = rf.get("/")
    preview.is_preview = True
    assert template.render(Context({"request": preview, "text": "bản nháp 1"})) == "bản nháp 1"
    assert template.render(Context({"request": preview, "text": "bản nháp 2"})) == "bản nháp 2"
    live = rf.get("/")
    assert template.render(Context({"request": live, "text": "bản chính"})) == "bản chính"
    assert template.render(Context({"request": live, "text": "khác"})) == "bản chính"
    assert cache.get("template.cache.preview-test.d41d8cd98f00b204e9800998ecf8427e")
