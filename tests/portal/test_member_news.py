"""'Tin từ các sở, ngành, địa phương': the member sites' shared articles on the province's
portal, each linked to its own site; drafts and what a member keeps to itself left out."""

import datetime

import pytest
from django.utils import timezone
from wagtail.admin.panels import get_edit_handler
from wagtail.models import Page

from cong.core import pagecache
from cong.core.models import SiteKind
from cong.news.models import HomePage
from cong.portal.models import (
    MemberDirectoryPage,
    MemberNewsPage,
    MemberNewsPin,
    PortalSettings,
    ProvinceDocumentsPage,
)
from tests.factories import ArticlePageFactory, CategoryPageFactory
from tests.portal.conftest import NEWS, make_site, section_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_page(province):
    page = MemberNewsPage(title="Tin từ các sở, ngành, địa phương", slug="tin-cac-don-vi")
    province.root_page.add_child(instance=page)
    return page


def main(response) -> str:
    """The page's main column (the sidebar lists the portal's own latest news)."""
    html = response.content.decode()
    return html[html.index('<main id="main"') : html.index("</main>")]


def article(site, title, days_ago=0, live=True, section=NEWS):
    when = timezone.now() - datetime.timedelta(days=days_ago)
    return ArticlePageFactory(parent=section_of(site, section), title=title, date=when, live=live)


def test_lists_the_members_live_articles_linked_to_their_own_sites(client, news_page, members):
    so, xa = members
    older = article(so, "Sở Tư pháp tập huấn hộ tịch", days_ago=2)
    newer = article(xa, "Xã Đông Sơn ra quân làm đường", days_ago=1)
    article(so, "Bản nháp chưa duyệt của Sở", live=False)
    own = CategoryPageFactory(parent=news_page.get_parent(), slug="tin-tinh")
    ArticlePageFactory(parent=own, title="Tin của chính Cổng tỉnh")

    response = client.get(news_page.url)

    assert response.status_code == 200
    html = main(response)
    assert older.get_full_url().startswith("http://stp.localhost/tin-tuc-su-kien/")
    assert newer.get_full_url().startswith("http://dongson.localhost/tin-tuc-su-kien/")
    assert f'href="{older.get_full_url()}"' in html
    assert f'href="{newer.get_full_url()}"' in html
    assert html.index("Xã Đông Sơn ra quân") < html.index("Sở Tư pháp tập huấn")  # newest first
    assert ">Sở Tư pháp</a>" in html and ">UBND xã Đông Sơn</a>" in html  # whose it is
    assert "Bản nháp chưa duyệt" not in html
    assert "Tin của chính Cổng tỉnh" not in html


def test_a_member_that_opts_out_is_left_out(client, news_page, members):
    so, xa = members
    article(so, "Tin Sở Tư pháp chia sẻ")
    article(xa, "Tin xã giữ riêng")
    settings = PortalSettings.for_site(xa)
    settings.share_with_province = False
    settings.save()

    html = main(client.get(news_page.url))

    assert "Tin Sở Tư pháp chia sẻ" in html
    assert "Tin xã giữ riêng" not in html


def test_a_section_left_out_keeps_its_subsections_articles_too(client, news_page, members):
    so, _xa = members
    internal = CategoryPageFactory(parent=so.root_page, title="Nội bộ", slug="noi-bo")
    inner = CategoryPageFactory(parent=internal, title="Chi bộ", slug="chi-bo")
    ArticlePageFactory(parent=inner, title="Sinh hoạt chi bộ tháng 11")
    article(so, "Tin công khai của Sở")
    PortalSettings.for_site(so).excluded_sections.set([internal])

    html = main(client.get(news_page.url))

    assert "Tin công khai của Sở" in html
    assert "Sinh hoạt chi bộ" not in html


def test_the_settings_form_offers_only_the_sites_own_sections(members):
    so, xa = members
    form_class = get_edit_handler(PortalSettings).get_form_class()
    form = form_class(instance=PortalSettings.for_site(so), for_user=None)
    offered = list(form.fields["excluded_sections"].queryset)
    assert offered == [section_of(so)]


def test_pinned_articles_come_first_in_the_editors_order(client, news_page, members):
    so, xa = members
    old = article(so, "Tin cũ được ghim", days_ago=30)
    older = article(xa, "Tin cũ hơn được ghim", days_ago=40)
    article(so, "Tin mới nhất", days_ago=0)
    MemberNewsPin.objects.create(page=news_page, article=older, sort_order=0)
    MemberNewsPin.objects.create(page=news_page, article=old, sort_order=1)

    html = main(client.get(news_page.url))

    assert html.index("Tin cũ hơn được ghim") < html.index("Tin cũ được ghim")
    assert html.index("Tin cũ được ghim") < html.index("Tin mới nhất")
    assert html.count("Tin cũ được ghim") == 1  # not listed again below


def test_pinning_a_draft_shows_nothing(client, news_page, members):
    so, _xa = members
    draft = article(so, "Bản nháp được ghim nhầm", live=False)
    MemberNewsPin.objects.create(page=news_page, article=draft)
    assert "Bản nháp được ghim nhầm" not in main(client.get(news_page.url))


def test_the_list_is_paginated(client, news_page, members):
    so, _xa = members
    news_page.per_page = 2
    news_page.save()
    for n in range(5):
        article(so, f"Tin phân trang số {n}", days_ago=n)

    first = main(client.get(news_page.url))
    third = main(client.get(news_page.url + "?page=3"))

    assert "Tin phân trang số 0" in first and "Tin phân trang số 2" not in first
    assert "Tin phân trang số 4" in third and "Tin phân trang số 0" not in third
    assert "?page=2" in first


def test_queries_do_not_grow_with_the_number_of_sites(
    client, news_page, members, django_assert_max_num_queries
):
    for site in members:
        article(site, f"Tin của {site.site_name}")
    client.get(news_page.url)  # warm caches (site lookups, settings)
    with django_assert_max_num_queries(20) as few:
        client.get(news_page.url)
    two_members = len(few.captured_queries)
    for n in range(3):
        site = make_site(f"xa{n}.localhost", f"UBND xã số {n}", SiteKind.XA)
        article(site, f"Tin của xã số {n}")
        PortalSettings.objects.create(site=site, share_with_province=True)
    client.get(news_page.url)
    with django_assert_max_num_queries(two_members):
        html = main(client.get(news_page.url))
    assert "Tin của xã số 2" in html


def test_province_pages_are_offered_on_a_province_site_only(province, members):
    so, _xa = members
    province_home = province.root_page.specific
    member_home = so.root_page.specific
    assert isinstance(province_home, HomePage)
    for page_type in (MemberNewsPage, MemberDirectoryPage, ProvinceDocumentsPage):
        assert page_type.can_create_at(province_home)
        assert not page_type.can_create_at(member_home)
        assert page_type in HomePage.allowed_subpage_models()


def test_publishing_a_members_article_purges_the_cached_list(
    settings, tmp_path, news_page, members, django_capture_on_commit_callbacks
):
    settings.CONG_PAGE_CACHE_DIR = str(tmp_path)
    cached = pagecache.file_for(tmp_path, "localhost", news_page.get_url_parts()[2])
    cached.parent.mkdir(parents=True)
    cached.write_text("<html>cũ</html>")
    so, _xa = members
    draft = article(so, "Tin vừa duyệt", live=False)

    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()

    assert not cached.exists()
    assert Page.objects.get(pk=draft.pk).live


def test_the_admin_edits_the_page_with_its_pins_and_the_sharing_setting(
    client, django_user_model, news_page, members
):
    from django.urls import reverse

    from tests.accounts.helpers import login_with_second_factor

    so, _xa = members
    pinned = article(so, "Tin được ghim trong trang quản trị")
    MemberNewsPin.objects.create(page=news_page, article=pinned)
    boss = django_user_model.objects.create_superuser("quan-tri-tinh", password="x-dai-12345")
    login_with_second_factor(client, boss)

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[news_page.pk]))
    setting = client.get(reverse("wagtailsettings:edit", args=["portal", "portalsettings", so.pk]))

    assert edit.status_code == 200
    assert "Tin được ghim trong trang quản trị" in edit.content.decode()
    assert setting.status_code == 200
    assert "Chuyên mục không chia sẻ" in setting.content.decode()


def test_the_list_holds_the_newest_articles_up_to_its_limit(
    client, monkeypatch, news_page, members
):
    from cong.portal.models import pages

    monkeypatch.setattr(pages, "MEMBER_NEWS_LIMIT", 3)
    so, _xa = members
    news_page.per_page = 2
    news_page.save()
    for n in range(5):
        article(so, f"Tin giới hạn số {n}", days_ago=n)

    first = main(client.get(news_page.url))
    second = main(client.get(news_page.url + "?page=2"))

    assert "Tin giới hạn số 2" in second
    assert "?page=3" not in first + second
    assert "Tin giới hạn số 3" not in first + second
