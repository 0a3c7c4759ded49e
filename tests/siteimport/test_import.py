"""Bringing a fixture old site over: articles with their photos, captions, bylines and dates,
old addresses redirecting, a second run changing nothing, a killed run resuming cleanly."""

import json

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex, Revision

from cong.agency.models import InformationPage
from cong.news.models import ArticlePage, CategoryPage
from cong.siteimport.importer import run_import
from cong.siteimport.models import ImportedItem, ImportRun
from cong.siteimport.sources.http import Fetcher
from cong.siteimport.writer import Interrupted
from tests.siteimport import oldsite

FIRST = "/chi-tiet-tin?ItemID=101&p_l_id=5"
SECOND = "/chi-tiet-tin?ItemID=102&p_l_id=5"


@pytest.fixture
def liferay():
    with oldsite.serve(oldsite.liferay_site()) as served:
        yield served


def fetcher() -> Fetcher:
    """No pause between pages, a short timeout and back-off: the slow page gives up fast."""
    return Fetcher(rate=0, timeout=0.5, retries=1, backoff=0.01)


def crawl(site, served, **kwargs) -> ImportRun:
    return run_import(site, served.base + "/tin-tuc", "liferay", fetcher=fetcher(), **kwargs)


def local(moment) -> str:
    return timezone.localtime(moment).isoformat()


def article(title_start: str) -> ArticlePage:
    return ArticlePage.objects.get(title__startswith=title_start)


def test_liferay_articles_come_over_whole(site, section, liferay):
    run = crawl(site, liferay)

    assert run.status == ImportRun.Status.DONE
    assert (run.created, run.failed) == (4, 2), run.report  # the slow page, robots.txt
    page = article("Sở Thông tin và Truyền thông sơ kết")
    assert page.get_parent().title == "Tin tức - Sự kiện"  # an existing section of that name
    assert page.lead == "Sở sơ kết sáu tháng, đề ra nhiệm vụ trọng tâm cuối năm."
    assert local(page.date) == "2023-08-24T15:30:00+07:00"
    assert (page.author_names, page.author_unit) == ("Nguyễn Hiền", "Phòng QLTTBCXB")
    kinds = [block.block_type for block in page.body]
    assert kinds == ["paragraph", "image", "paragraph", "image", "table", "paragraph"]
    photo = page.body[1].value
    assert (photo["caption"], photo["credit"]) == (
        "Quang cảnh hội nghị sơ kết.",
        "Ảnh: Nguyễn Hiền",
    )
    assert photo["alt"] == "Quang cảnh hội nghị sơ kết."
    speech = page.body[3].value
    assert (speech["caption"], speech["credit"]) == ("Giám đốc Sở phát biểu chỉ đạo", "Ảnh: Lê Hà")
    assert page.featured_image == photo["image"]
    assert "<h3>Nhiệm vụ thời gian tới</h3>" in page.body[2].value.source
    assert page.body[4].value["data"] == [["Chỉ tiêu", "Kết quả"], ["Hồ sơ trực tuyến", "85%"]]
    links = page.body[5].value.source
    document = get_document_model().objects.get()
    assert f'<a linktype="document" id="{document.pk}">kế hoạch chi tiết</a>' in links
    assert '<a href="/chi-tiet-tin?ItemID=102&amp;p_l_id=5">bài trước</a>' in links
    assert "Tin liên quan" not in str(page.body.raw_data)  # the preset drops related links
    assert "Nguyễn Hiền - Phòng" not in str(page.body.raw_data)  # the byline became fields
    # Indexed for search (in a batch, at the end of the run) and for the admin's "usage".
    assert page in ArticlePage.objects.search("sơ kết công tác")
    assert ReferenceIndex.get_references_to(page.featured_image).filter(object_id=str(page.pk))


def test_second_article_lead_source_duplicate_and_missing_photos(site, section, liferay):
    run = crawl(site, liferay)

    page = article("Tập huấn kỹ năng số")
    assert page.get_parent().title == "Chuyển đổi số"  # a new section for an unmapped category
    assert page.lead == "Sở tổ chức tập huấn kỹ năng số cho cán bộ cấp xã."  # the bold opening
    assert page.source == "Báo Tỉnh Mẫu"
    assert local(page.date) == "2023-08-25T00:00:00+07:00"
    photos = [b.value for b in page.body if b.block_type == "image"]
    assert len(photos) == 1  # the missing photo is left out, and reported
    first = article("Sở Thông tin và Truyền thông sơ kết")
    assert photos[0]["image"] == first.body[1].value["image"]  # same content: one image
    assert photos[0]["credit"] == "Ảnh: Trần Minh"
    assert get_image_model().objects.count() == 2
    assert run.images == 2
    warnings = " ".join(w["reason"] for w in run.report["warnings"])
    assert "mat-anh.jpg" in warnings and "404" in warnings


def test_broken_html_tcvn3_timeout_and_robots(site, section, liferay):
    run = crawl(site, liferay)

    broken = article("Bài có mã HTML hỏng")
    text = str(broken.body.raw_data)
    assert "Đoạn cuối cùng vẫn còn." in text
    assert "alert" not in text and "onclick" not in text
    old = article("Thông báo lịch tiếp công dân")
    assert "Lãnh đạo Sở tiếp công dân vào sáng thứ Năm" in old.body[0].value.source
    # The line in .VnTimeH (capitals only) reads as its readers saw it, upper-cased.
    assert "SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH MẪU" in old.body[0].value.source
    assert old.title == "Thông báo lịch tiếp công dân"  # the rest keeps its case
    assert local(old.date) == "2007-03-05T08:00:00+07:00"
    failures = {f["url"]: f["reason"] for f in run.report["failures"]}
    assert "quá thời gian chờ" in failures[liferay.base + "/cham"]
    assert liferay.base + "/private/noi-bo" in failures  # robots.txt forbids it
    assert "/private/noi-bo" not in liferay.hits


def test_old_addresses_redirect_to_new_pages(client, site, section, liferay):
    crawl(site, liferay)
    page = article("Sở Thông tin và Truyền thông sơ kết")

    for old in (FIRST, "/chi-tiet-tin?p_l_id=5&ItemID=101", "/chi-tiet-tin?ItemID=101"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == page.url
    assert client.get(page.url).status_code == 200
    assert Redirect.objects.filter(redirect_page=page).count() == 2


def test_second_run_changes_nothing(site, section, liferay):
    crawl(site, liferay)
    before = {p.pk: p.latest_revision_id for p in ArticlePage.objects.all()}
    fetched = dict(liferay.hits)

    again = crawl(site, liferay)

    assert (again.created, again.updated) == (0, 0)
    assert {p.pk: p.latest_revision_id for p in ArticlePage.objects.all()} == before
    assert liferay.hits[FIRST] == fetched[FIRST]  # imported articles are not fetched again
    refreshed = crawl(site, liferay, refresh=True)
    assert (refreshed.created, refreshed.updated, refreshed.skipped) == (0, 0, 4)
    assert get_image_model().objects.count() == 2
    assert Redirect.objects.count() == 6  # 4 articles, 2 with an ItemID variant


def test_killed_run_resumes_without_loss_or_duplicates(site, section, liferay):
    def kill_after_two(written: int) -> None:
        if written == 2:
            raise KeyboardInterrupt

    first = crawl(site, liferay, after_article=kill_after_two)
    assert first.status == ImportRun.Status.INTERRUPTED
    assert ArticlePage.objects.count() == 2

    def fail_inside(written: int) -> None:
        raise Interrupted  # not caught: as if the process died in the middle of a run

    with pytest.raises(Interrupted):
        crawl(site, liferay, after_article=fail_inside)
    assert ArticlePage.objects.count() == 3

    resumed = crawl(site, liferay)
    assert resumed.created == 1
    assert ArticlePage.objects.count() == 4
    assert ImportedItem.objects.count() == 4
    titles = list(ArticlePage.objects.values_list("title", flat=True))
    assert len(titles) == len(set(titles))


def test_nukeviet_site(site, section):
    with oldsite.serve(oldsite.nukeviet_site()) as served:
        run = run_import(site, served.base + "/news/thoi-su/", "auto", fetcher=fetcher())
    assert run.created == 2, run.report
    page = article("Xã Mẫu Sơn ra quân làm đường giao thông nông thôn đợt 1")
    assert page.get_parent().title == "Thời sự"
    assert (page.author_names, page.author_unit) == ("Hoàng Lan", "Văn phòng UBND xã")
    assert local(page.date) == "2023-09-01T07:41:00+07:00"
    photo = next(b.value for b in page.body if b.block_type == "image")
    assert photo["caption"] == "Nhân dân ra quân làm đường"
    assert get_image_model().objects.count() == 1  # two articles, one photo


def test_wordpress_export(client, site, section, liferay, tmp_path):
    export = tmp_path / "xa-mau-lam.xml"
    export.write_bytes(oldsite.wxr(liferay.base))
    run = run_import(site, str(export), "wordpress", fetcher=fetcher())

    assert (run.created, run.failed) == (2, 0), run.report
    post = article("Hội nghị tổng kết công tác dân số")
    assert post.get_parent().title == "Tin xã"
    assert post.lead == "Xã tổng kết công tác dân số năm 2023."
    assert local(post.date) == "2023-12-20T09:15:00+07:00"
    assert [b.block_type for b in post.body] == ["paragraph", "image", "paragraph"]
    assert post.body[1].value["credit"] == "Ảnh: Văn Nam"
    assert post.body[1].value["caption"] == "Chủ tịch UBND xã phát biểu."
    assert post.featured_image == post.body[1].value["image"]
    assert ImportedItem.objects.get(page=post).views == 4321  # WP-PostViews' "views" meta
    assert "<br/>" in post.body[0].value.source
    assert (
        InformationPage.objects.get(title="Giới thiệu xã Mẫu Lâm").get_parent().pk
        == site.root_page_id
    )
    assert not ArticlePage.objects.filter(title="Bản nháp chưa đăng").exists()
    assert client.get("/?p=12")["Location"] == post.url  # the home page's path, a query
    assert client.get("/?p=12345").status_code == 200  # anything else: the home page
    assert client.get("/2023/12/hoi-nghi-tong-ket-dan-so/").status_code == 301


def test_dry_run_lists_and_writes_the_mapping(site, section, liferay, tmp_path, capsys):
    mapping = tmp_path / "mapping.json"
    call_command(
        "import_site",
        source=liferay.base + "/tin-tuc",
        preset="liferay",
        dry_run=True,
        mapping=str(mapping),
        rate=0,
        timeout=0.5,
        retries=0,
    )
    out, err = capsys.readouterr()
    assert not ArticlePage.objects.filter(title__startswith="Tập huấn").exists()
    assert "SẼ TẠO [Tin tức - Sự kiện] 24/08/2023 15:30 · Sở Thông tin" in out
    assert "KHÔNG ĐỌC ĐƯỢC " + liferay.base + "/cham" in out
    assert "Chạy thử: sẽ tạo 4" in out
    written = json.loads(mapping.read_text())
    assert written["categories"]["tin-tuc-su-kien"]["section"] == "/tin-tuc-su-kien/"
    assert written["categories"]["chuyen-doi-so"] == {"title": "Chuyển đổi số", "section": ""}

    # The operator sends "Chuyển đổi số" to the existing section; the real run follows.
    written["categories"]["chuyen-doi-so"]["section"] = "/tin-tuc-su-kien/"
    mapping.write_text(json.dumps(written))
    call_command(
        "import_site",
        source=liferay.base + "/tin-tuc",
        preset="liferay",
        mapping=str(mapping),
        rate=0,
        timeout=0.5,
        retries=0,
    )
    out, err = capsys.readouterr()
    assert article("Tập huấn kỹ năng số").get_parent().pk == section.pk
    assert not CategoryPage.objects.filter(title="Chuyển đổi số").exists()
    assert "Tạo mới 4, cập nhật 0, bỏ qua 0, lỗi 2" in out
    assert "quá thời gian chờ" in err


def test_spreadsheet_of_articles(site, section, tmp_path):
    sheet = tmp_path / "bai-viet.csv"
    sheet.write_text(
        "Tiêu đề,Địa chỉ cũ,Ngày đăng,Sapo,Nội dung,Tác giả,Chuyên mục,Lượt xem\n"
        'Bài từ bảng tính,http://cu.example/bai-1.html,24/08/2023,Sapo ngắn,"Dòng một\nDòng hai",Lê Hà,Tin tức - Sự kiện,"1.234"\n'
        ",http://cu.example/bai-2.html,,,,,,\n",
        encoding="utf-8",
    )
    run = run_import(site, str(sheet), "sheet", fetcher=fetcher())
    assert (run.created, run.failed) == (1, 1)
    page = article("Bài từ bảng tính")
    assert page.body[0].value.source == "<p>Dòng một</p><p>Dòng hai</p>"
    assert page.author_names == "Lê Hà"
    assert page.get_parent().pk == section.pk
    assert ImportedItem.objects.get(page=page).views == 1234


def test_an_article_failing_half_way_leaves_nothing_behind(site, section, liferay, monkeypatch):
    """The redirect of one article fails after its photos and page were saved: the whole
    article is rolled back and reported, and the run goes on with the others."""
    from django.db import IntegrityError

    from cong.siteimport import writer

    original = writer.Writer._redirects

    def failing(self, record, page):
        if "ItemID=102" in record.source_url:
            raise IntegrityError("trùng địa chỉ")
        return original(self, record, page)

    monkeypatch.setattr(writer.Writer, "_redirects", failing)
    run = crawl(site, liferay)

    assert run.created == 3
    assert not ArticlePage.objects.filter(title__startswith="Tập huấn").exists()
    assert not ImportedItem.objects.filter(source_url__contains="ItemID=102").exists()
    assert not Revision.objects.filter(object_str__startswith="Tập huấn").exists()
    failures = {f["url"]: f["reason"] for f in run.report["failures"]}
    assert "trùng địa chỉ" in failures[liferay.base + SECOND]


def test_a_failed_article_leaves_no_photo_or_file_on_disk(
    site, section, liferay, monkeypatch, settings, tmp_path
):
    """Its photos and PDF were saved before its redirect failed: the rollback takes their
    rows and the writer their files, so the media folder holds only what the site uses."""
    from django.db import IntegrityError

    from cong.siteimport import writer

    settings.MEDIA_ROOT = tmp_path / "media"
    original = writer.Writer._redirects

    def failing(self, record, page):
        if "ItemID=101" in record.source_url:
            raise IntegrityError("trùng địa chỉ")
        return original(self, record, page)

    monkeypatch.setattr(writer.Writer, "_redirects", failing)
    run = crawl(site, liferay)

    assert run.created == 3 and run.failed == 3  # this one, the slow page, robots.txt
    on_disk = sorted(
        p.relative_to(settings.MEDIA_ROOT).as_posix()
        for folder in ("original_images", "documents")
        for p in (settings.MEDIA_ROOT / folder).rglob("*")
        if p.is_file()
    )
    used = sorted(
        [i.file.name for i in get_image_model().objects.all()]
        + [d.file.name for d in get_document_model().objects.all()]
    )
    assert on_disk == used
    assert len(used) == 1  # the other article's copy of the photo, downloaded again


def test_limit_stops_after_n_articles_and_the_next_run_goes_on(site, section, liferay, tmp_path):
    export = tmp_path / "xa-mau-lam.xml"
    export.write_bytes(oldsite.wxr(liferay.base))
    first = run_import(site, str(export), "wordpress", fetcher=fetcher(), limit=1)
    assert first.created == 1
    second = run_import(site, str(export), "wordpress", fetcher=fetcher())
    assert (second.created, second.skipped) == (1, 1)


def test_old_view_counts_are_carried_over_and_add_to_new_views(
    client, site, section, liferay, monkeypatch
):
    """ "Lượt xem: 1.234" on the old page: the new page shows 1.234, then 1.235 after one
    more reader (page and the script's JSON); a refresh takes the old site's newer count
    without touching the page."""
    from django.core.cache import cache

    from cong.visits.stats import page_views_key
    from cong.visits.stores.database import DatabaseStore

    store = DatabaseStore()
    for where in ("cong.visits.counting.get_store", "cong.visits.stats.get_store"):
        monkeypatch.setattr(where, lambda: store)
    crawl(site, liferay)
    page = article("Sở Thông tin và Truyền thông sơ kết")
    assert ImportedItem.objects.get(page=page).views == 1234
    assert ImportedItem.objects.get(page=article("Tập huấn kỹ năng số")).views == 56

    cache.delete(page_views_key(page.pk))
    assert "Lượt xem: <span data-page-views>1.234</span>" in client.get(page.url).text
    client.post(
        "/api/visits/hit",
        json.dumps({"path": page.url}),
        content_type="text/plain",
        HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
        REMOTE_ADDR="203.113.1.1",
    )
    cache.delete(page_views_key(page.pk))
    assert client.get("/api/visits/summary", {"path": page.url}).json()["page_views"] == 1235
    assert "Lượt xem: <span data-page-views>1.235</span>" in client.get(page.url).text

    # The old site's count grew; nothing else changed: only the carried-over count moves.
    revision = page.latest_revision_id
    liferay.routes[FIRST].body = liferay.routes[FIRST].body.replace(
        "Lượt xem: 1.234".encode(), "Lượt xem: 1.300".encode()
    )
    again = crawl(site, liferay, refresh=True)
    assert (again.updated, again.skipped) == (0, 4)
    assert ImportedItem.objects.get(page=page).views == 1300
    page.refresh_from_db()
    assert page.latest_revision_id == revision


def test_dotnetnuke_portal(client, site, section):
    """A DNN portal: the numbered pager followed through both its address forms, the
    module's labels read (not its container's title, not the sidebar's counts), photos in a
    layout table and under a line, files by path and by LinkClick.aspx, and every address
    of an article (friendly, `ctl/` form, canonical, query string) leading to its page."""
    with oldsite.serve(oldsite.dnn_site()) as served:
        run = run_import(site, served.base + oldsite.DNN_LISTING_PATH, "auto", fetcher=fetcher())
        hits = dict(served.hits)

    assert (run.created, run.failed, run.images, run.documents) == (4, 0, 3, 2), run.report
    for listing in oldsite.DNN_PAGES:
        assert hits[listing] == 1, listing
    page = article("Hội nghị triển khai công tác tư pháp năm 2024")
    assert page.get_parent().title == "Hoạt động của Sở"  # the breadcrumb's last link
    assert page.lead == "Sở Tư pháp triển khai nhiệm vụ trọng tâm năm 2024."
    assert local(page.date) == "2024-01-15T09:30:00+07:00"
    assert (page.author_names, page.author_unit) == ("Minh Châu", "Văn phòng Sở")
    assert [b.block_type for b in page.body] == [
        "paragraph",
        "image",
        "paragraph",
        "image",
        "paragraph",
    ]
    assert (page.body[1].value["caption"], page.body[1].value["credit"]) == (
        "Quang cảnh hội nghị.",
        "Ảnh: Minh Châu",
    )
    assert (page.body[3].value["caption"], page.body[3].value["credit"]) == (
        "Giám đốc Sở phát biểu",
        "Ảnh: Thu Hà",
    )
    text = str(page.body.raw_data)
    assert "Tin đọc nhiều" not in text and "In bài" not in text and "Giấy phép" not in text
    plan = get_document_model().objects.get(file__contains="ke-hoach-cong-tac-2024")
    assert f'<a linktype="document" id="{plan.pk}">kế hoạch</a>' in page.body[4].value.source
    # "Số lượt xem: 2.345" in the article's frame, not the sidebar's "Lượt xem: 99.999".
    assert ImportedItem.objects.get(page=page).views == 2345

    second = article("Tập huấn nghiệp vụ hộ tịch")
    photo = next(b.value for b in second.body if b.block_type == "image")
    assert (photo["caption"], photo["credit"]) == ("Học viên trao đổi nghiệp vụ.", "Ảnh: Văn Long")
    decision = get_document_model().objects.get(title="Quyet-dinh-12-QD-STP")
    assert decision.file.name.endswith(".pdf")  # named by Content-Disposition, not ".aspx"
    assert f'<a linktype="document" id="{decision.pk}">' in str(second.body.raw_data)
    assert ImportedItem.objects.get(page=second).views == 87
    no_count = article("Tổng kết công tác phối hợp thi hành án")
    assert ImportedItem.objects.get(page=no_count).views == 0  # not the sidebar's 99.999

    for old, target in (
        (oldsite.dnn_canonical(1001), page),
        ("/Default.aspx?tabid=94&ArticleId=1001", page),
        (oldsite.dnn_address(1002), second),  # the ctl/ArticleView form the listing used
        (oldsite.dnn_canonical(1002), second),  # the page's rel=canonical
        ("/Default.aspx?ArticleId=1002&tabid=94", second),
    ):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == target.url, old
