"""Whole-page cache: which responses become files for nginx, and which changes remove them."""

import re
from pathlib import Path

import pytest
import wagtail_factories
from django.test import Client, RequestFactory
from wagtail.models import PageViewRestriction, Site

from cong.core import pagecache
from cong.core.cache import bump_content_version, content_version
from cong.core.models import AgencySettings
from cong.participation.models import ConsultationIndexPage, QuestionIndexPage, QuestionStatus
from tests.factories import (
    ArticlePageFactory,
    CategoryPageFactory,
    ConsultationPageFactory,
    LinkFactory,
    QuestionFactory,
    TopicFactory,
)

HOST = "testserver"


@pytest.fixture
def root(settings, tmp_path) -> Path:
    settings.CONG_PAGE_CACHE_DIR = str(tmp_path / "pagecache")
    return tmp_path / "pagecache"


@pytest.fixture
def home(home):
    """The default Site answers to the test client's name: only a Site's pages are written."""
    site = Site.objects.get(is_default_site=True)
    site.hostname = HOST
    site.save()
    return home


@pytest.fixture
def article(section):
    return ArticlePageFactory(
        parent=section, title="Tập huấn thông tin đối ngoại về quyền con người", slug="tap-huan"
    )


@pytest.fixture
def other_section(home):
    return CategoryPageFactory(parent=home, title="Chuyển đổi số", slug="chuyen-doi-so")


@pytest.fixture
def other_article(other_section):
    return ArticlePageFactory(parent=other_section, title="Bài khác", slug="bai-khac")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the after-commit callbacks (purges) as a real commit would."""
    return django_capture_on_commit_callbacks


def cached(root: Path, path: str) -> Path:
    return root.joinpath(HOST, *[p for p in path.split("/") if p], "index.html")


def test_an_anonymous_article_is_written_with_its_beacon_and_rating_form(client, root, article):
    response = client.get(article.url)
    assert response.status_code == 200
    file = cached(root, article.url)
    assert file.read_bytes() == response.content
    html = file.read_text()
    assert "js/visits.js" in html and 'data-api="/api/visits/"' in html  # the visit beacon
    assert "data-visits" in html  # the widget the beacon's summary fills
    assert 'class="rating__form"' in html and "csrfmiddlewaretoken" not in html
    assert file.stat().st_mode & 0o644 == 0o644  # readable by nginx
    assert not list(file.parent.glob(".tmp-*"))


def test_the_home_and_section_pages_are_written(client, root, home, section):
    client.get("/")
    client.get(section.url)
    assert cached(root, "/").exists() and cached(root, section.url).exists()


def test_nothing_is_written_when_the_page_cache_is_off(client, settings, tmp_path, article):
    settings.CONG_PAGE_CACHE_DIR = ""
    assert client.get(article.url).status_code == 200
    assert not any(tmp_path.rglob("index.html"))


def test_a_logged_in_editor_is_not_written(client, root, article, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("bientap", "b@x.vn", "x"))
    assert client.get(article.url).status_code == 200
    assert not cached(root, article.url).exists()


def test_a_request_with_a_session_cookie_is_not_written(client, root, article):
    client.cookies["sessionid"] = "khong-ton-tai"
    assert client.get(article.url).status_code == 200
    assert not cached(root, article.url).exists()


def test_a_page_with_a_csrf_form_is_not_written(client, root, home):
    questions = QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap", show_in_menus=True)
    home.add_child(instance=questions)
    response = client.get("/hoi-dap/dat-cau-hoi/")
    assert response.status_code == 200 and "csrfmiddlewaretoken" in response.content.decode()
    assert "csrftoken" in response.cookies
    assert not cached(root, "/hoi-dap/dat-cau-hoi/").exists()
    # The list of answers has no form that needs a token: it is cached.
    assert client.get("/hoi-dap/").status_code == 200
    assert cached(root, "/hoi-dap/").exists()
    # A question's tracking page is one citizen's: never written.
    assert pagecache.request_is_cacheable(RequestFactory().get("/hoi-dap/theo-doi/AB12/")) is False


def test_draft_consultations_which_open_and_close_by_the_clock_are_not_written(client, root, home):
    index = ConsultationIndexPage(title="Góp ý dự thảo", slug="gop-y-du-thao")
    home.add_child(instance=index)
    ConsultationPageFactory(parent=index, title="Dự thảo quy chế", slug="du-thao-quy-che")
    assert client.get("/gop-y-du-thao/").status_code == 200
    assert client.get("/gop-y-du-thao/du-thao-quy-che/").status_code == 200
    assert not [p for p in root.rglob("index.html")]


@pytest.mark.parametrize("query", ["?page=2", "?q=quyen", "?danh-gia=cam-on", "?fbclid=1&x=2"])
def test_requests_with_a_query_string_are_not_written(client, root, article, query):
    assert client.get(article.url + query).status_code == 200
    assert not cached(root, article.url).exists()


def test_tracking_parameters_alone_do_not_change_the_page(client, root, article):
    response = client.get(article.url + "?fbclid=IwAR0abc&utm_source=zalo&zarsrc=30")
    assert cached(root, article.url).read_bytes() == response.content


def test_heads_posts_errors_and_other_content_are_not_written(client, root, home, article):
    client.head(article.url)
    client.post(article.url)
    client.get("/khong-co-trang-nay/")
    client.get("/rss/")
    client.get("/sitemap.xml")
    client.get("/api/visits/summary")
    assert not [p for p in root.rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    "header, value",
    [
        ("Cache-Control", "private"),
        ("Cache-Control", "no-store"),
        ("Vary", "Accept-Language"),
        ("Content-Security-Policy", "script-src 'self' 'nonce-abc123'"),
    ],
)
def test_responses_marked_personal_are_not_written(rf, header, value):
    from django.http import HttpResponse

    request = rf.get("/tin-tuc/")
    response = HttpResponse("<p>x</p>")
    assert pagecache.response_is_cacheable(request, response)
    response[header] = value
    assert not pagecache.response_is_cacheable(request, response)
    cookie = HttpResponse("<p>x</p>")
    cookie.set_cookie("ban-doc", "1")
    assert not pagecache.response_is_cacheable(request, cookie)


def test_a_render_overtaken_by_a_content_change_leaves_no_file(root):
    version = content_version()
    bump_content_version()  # a publish committed while the page was rendering
    assert pagecache.store(root, HOST, "/tin-tuc/", b"<p>cu</p>", version) is None
    assert not cached(root, "/tin-tuc/").exists()
    assert pagecache.store(root, HOST, "/tin-tuc/", b"<p>moi</p>", content_version())
    assert cached(root, "/tin-tuc/").read_bytes() == b"<p>moi</p>"


def write_all(client, *pages):
    for page in pages:
        assert client.get(page.url).status_code == 200
        assert cached(Path(pagecache.cache_dir()), page.url).exists()


def test_publishing_an_edit_purges_the_pages_showing_it_its_section_and_home(
    client, root, home, section, article, other_section, other_article, commit
):
    write_all(client, home, section, article, other_section, other_article)
    # In no sidebar ("Tin mới" lists the five newest): no other page shows it.
    for n in range(5):
        ArticlePageFactory(parent=other_section, title=f"Bài mới {n}", slug=f"bai-moi-{n}")
    bump_content_version()  # as their publication would
    write_all(client, other_section, other_article)
    article.title = "Tiêu đề đã sửa"
    with commit(execute=True):
        article.save_revision().publish()
    for page in (article, section, home):
        assert not cached(root, page.url).exists()
    assert cached(root, other_section.url).exists() and cached(root, other_article.url).exists()
    assert "Tiêu đề đã sửa" in client.get(article.url).content.decode()
    assert "Tiêu đề đã sửa" in cached(root, article.url).read_text()


def test_an_article_in_the_sidebars_purges_the_pages_showing_it(
    client, root, home, section, article, other_section, other_article, commit
):
    write_all(client, home, section, article, other_section, other_article)
    assert "Tập huấn thông tin" in cached(root, other_article.url).read_text()  # "Tin mới"
    article.title = "Tiêu đề đã sửa"
    with commit(execute=True):
        article.save_revision().publish()
    assert not cached(root, other_article.url).exists()
    assert "Tiêu đề đã sửa" in client.get(other_article.url).content.decode()


def test_a_citizens_question_or_rating_purges_nothing(client, root, article, commit):
    topic = TopicFactory()
    write_all(client, article)
    target = re.search(r'name="target" value="([^"]+)"', client.get(article.url).content.decode())
    with commit(execute=True):
        QuestionFactory(topic=topic)
        reader = Client(HTTP_ORIGIN="http://testserver", HTTP_USER_AGENT="Mozilla/5.0 Firefox")
        assert reader.post("/danh-gia/", {"target": target[1], "stars": "5"}).status_code == 302
    assert cached(root, article.url).exists()


def test_nothing_is_purged_before_the_commit(client, root, article):
    write_all(client, article)
    article.save_revision().publish()  # inside the test's transaction, never committed
    assert cached(root, article.url).exists()


def test_publishing_a_menu_section_purges_everything(
    client, root, home, section, article, other_section, other_article, commit
):
    write_all(client, home, article, other_article)
    other_section.title = "Chuyển đổi số quốc gia"
    with commit(execute=True):
        other_section.save_revision().publish()
    assert not [p for p in root.rglob("index.html")]


@pytest.mark.parametrize(
    "change",
    [
        "settings",
        "link",
        "unpublish",
        "delete",
        "move",
        "restriction",
        "document",
    ],
)
def test_changes_shown_on_every_page_purge_every_page_showing_them(
    client,
    root,
    site,
    home,
    section,
    article,
    other_section,
    other_article,
    change,
    commit,
    make_document,
    index,
):
    LinkFactory(title="Sở Tư pháp")  # the link directory on every page
    make_document("12/KH-UBND", "Kế hoạch")  # "Văn bản mới" on every page
    write_all(client, home, section, article, other_section, other_article)
    with commit(execute=True):
        if change == "settings":
            agency = AgencySettings.for_site(site)
            agency.agency_name = "Sở Văn hóa, Thể thao và Du lịch"
            agency.save()
        elif change == "link":
            LinkFactory(title="Cổng Dịch vụ công quốc gia")
        elif change == "unpublish":  # in "Tin mới" on every other page
            article.unpublish()
        elif change == "delete":
            article.delete()
        elif change == "move":
            article.move(other_section, pos="last-child")
        elif change == "restriction":
            PageViewRestriction.objects.create(page=other_article, restriction_type="login")
        elif change == "document":
            make_document("21/KH-UBND", "Kế hoạch")
    assert not [p for p in root.rglob("index.html")]
    if change == "settings":
        assert "Sở Văn hóa, Thể thao và Du lịch" in client.get(other_article.url).content.decode()
    if change in ("unpublish", "delete"):
        assert client.get(article.url).status_code == 404
        assert not cached(root, article.url).exists()


@pytest.mark.parametrize("change", ["image", "answer"])
def test_changes_shown_on_some_pages_purge_those_only(
    client, root, home, section, article, other_section, other_article, change, commit
):
    photo = wagtail_factories.ImageFactory(title="Ảnh")
    article.featured_image = photo
    article.save_revision().publish()
    for n in range(5):  # newer: the article leaves "Tin mới"
        ArticlePageFactory(parent=other_section, title=f"Bài mới {n}", slug=f"bai-moi-{n}")
    bump_content_version()
    questions = QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap")
    home.add_child(instance=questions)
    question = QuestionFactory()  # a citizen's new question: not public, nothing purged
    write_all(client, home, section, article, other_section, other_article, questions)
    with commit(execute=True):
        if change == "image":  # on the article, its section and the home page
            photo.title = "Ảnh đã sửa"
            photo.save()
            gone = {article.url, section.url, "/"}
        elif change == "answer":  # a moderator publishes the answer: the Q&A pages
            question.answer = "<p>Trả lời</p>"
            question.status = QuestionStatus.ANSWERED
            question.is_public = True
            question.save()
            gone = {questions.url}
    for page in (home, section, article, other_section, other_article, questions):
        path = "/" if page == home else page.url
        assert cached(root, path).exists() == (path not in gone), path


@pytest.mark.parametrize(
    "path",
    [
        "/../",
        "/../../etc/",
        "/tin-tuc/../../",
        "/./",
        "/a//b/",
        "/.purge-x/",
        "/.tmp-x/",
        "/index.html/",
        "/a\\..\\b/",
        "/a\x00b/",
        "/%2e%2e/",  # as received undecoded: not a path nginx would look up, and still inside
        "/no-slash",
        "/" + "x" * 300 + "/",
    ],
)
def test_paths_cannot_escape_the_cache_directory(root, path):
    target = pagecache.file_for(root, HOST, path)
    if target is not None:
        assert target.resolve().is_relative_to(root.resolve())
        assert path == "/%2e%2e/"
    assert pagecache.store(root, HOST, path, b"x", content_version()) in (None, target)
    outside = [p for p in root.parent.rglob("*") if p.is_file() and root not in p.parents]
    assert outside == []


@pytest.mark.parametrize("host", ["..", "../etc", "a/b", "evil.example:80/..", ".x", "", "A B"])
def test_hosts_cannot_escape_the_cache_directory(root, host):
    assert pagecache.file_for(root, host, "/") is None


def test_encoded_dot_segments_in_a_request_are_not_written(client, root, article):
    for path in ("/%2e%2e/%2e%2e/etc/", "/tin-tuc/%2E%2E/", "/a/%2F../"):
        client.get(path)
    assert [p for p in root.rglob("*") if p.is_file()] == []


def test_a_host_outside_allowed_hosts_is_never_a_directory(root, settings):
    settings.ALLOWED_HOSTS = ["stttt.thanhhoa.gov.vn"]
    request = RequestFactory().get("/", HTTP_HOST="../../etc")
    assert pagecache.host_name(request) is None
    request = RequestFactory().get("/", HTTP_HOST="STTTT.thanhhoa.gov.vn:8443")
    assert pagecache.host_name(request) == "stttt.thanhhoa.gov.vn"


def test_purging_reaches_every_host_name_of_the_site(client, root, settings, home, article):
    settings.ALLOWED_HOSTS = ["testserver", "www.testserver"]
    Site.objects.create(hostname="www.testserver", port=80, root_page=home)
    client.get(article.url)
    Client(HTTP_HOST="www.testserver").get(article.url)
    assert (root / "www.testserver").exists()
    pagecache.purge_published(article)
    assert not list(root.rglob("index.html"))


def test_purge_all_clears_leftover_trash(root):
    (root / ".purge-old" / "x").mkdir(parents=True)
    (root / HOST).mkdir()
    pagecache.purge_all()
    assert list(root.iterdir()) == []


def test_a_renamed_article_leaves_its_old_address_at_once_with_a_redirect(
    client, root, home, section, article, commit
):
    old_url = article.url
    write_all(client, article)
    assert cached(root, old_url).exists()
    article.slug = "tap-huan-quyen-con-nguoi"
    with commit(execute=True):
        article.save_revision().publish()
    assert not cached(root, old_url).exists()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith("/tap-huan-quyen-con-nguoi/")


def test_a_path_or_page_type_an_app_declares_is_never_written(client, root, article, monkeypatch):
    monkeypatch.setattr(pagecache, "_skip_paths", set())
    monkeypatch.setattr(pagecache, "_skip_page_types", set())
    client.get(article.url)
    assert cached(root, article.url).exists()
    cached(root, article.url).unlink()
    pagecache.never_cache(page_types=[type(article)])
    client.get(article.url)
    assert not cached(root, article.url).exists()
    monkeypatch.setattr(pagecache, "_skip_page_types", set())
    pagecache.never_cache(paths=[r"/tap-huan/$"])
    client.get(article.url)
    assert not cached(root, article.url).exists()


def test_participation_declares_its_tracking_and_consultation_pages():
    assert r"/theo-doi/" in pagecache.skipped_paths()
    assert {"participation.ConsultationIndexPage", "participation.ConsultationPage"} <= (
        pagecache.skipped_page_types()
    )
