"""Province mode: each agency's legal documents stay its own — in the admin (listing, export,
chooser, every view of one document, publishing, the spreadsheet import) and on its public
side (the documents page, a document's page, the feed, the sitemap, search, the API, the
sidebar and the number links of articles)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.rich_text import RichText

from cong.documents.models import LegalDocument, LegalDocumentIndexPage
from cong.editorial.roles import QUAN_LY_VAN_BAN
from tests.factories import ArticlePageFactory, CategoryPageFactory
from tests.tenancy import OTHER_HOST

pytestmark = pytest.mark.django_db

OWN = "Kế hoạch tuyên truyền của Sở An"
OTHER = "Kế hoạch chuyển đổi số của Sở Bình"


@pytest.fixture(autouse=True)
def both_hosts(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]


@pytest.fixture
def other_index(other_site):
    page = LegalDocumentIndexPage(title="Văn bản", slug="van-ban")
    other_site.root_page.add_child(instance=page)
    return page


@pytest.fixture
def documents(site, other_site, index, other_index, make_document):
    """A published document on each site, and a draft of site B's with a revision."""
    own = make_document("11/KH-SAN", kind="Kế hoạch", summary=OWN, site=site)
    other = make_document("22/KH-SBI", kind="Kế hoạch", summary=OTHER, site=other_site)
    draft = make_document(
        "33/KH-SBI", kind="Kế hoạch", summary="Dự thảo của Sở Bình", site=other_site, live=False
    )
    draft.save_revision()
    return own, other, draft


@pytest.fixture
def clerk(site, site_editor):
    """Site A's documents clerk: may add, change, publish and delete documents."""
    return site_editor(site, QUAN_LY_VAN_BAN)


def url(name, *args):
    return reverse(LegalDocument.snippet_viewset.get_url_name(name), args=args)


def form_data(document, **extra):
    return {
        "number": document.number,
        "doc_type": document.doc_type_id,
        "issuing_body": document.issuing_body_id,
        "issued_on": "06/02/2023",
        "summary": "Sửa chen ngang",
        "files-TOTAL_FORMS": "0",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
        **extra,
    }


# The admin


def test_the_listing_and_its_export_show_only_the_editors_site(client, clerk, documents):
    client.force_login(clerk)
    listing = client.get(url("list"))
    assert listing.status_code == 200
    assert "11/KH-SAN" in listing.text
    assert "22/KH-SBI" not in listing.text and "33/KH-SBI" not in listing.text
    searched = client.get(url("list_results"), {"q": "22/KH-SBI"})
    assert "22/KH-SBI" not in searched.text
    export = client.get(url("list"), {"export": "csv"})
    assert export.status_code == 200
    text = b"".join(export.streaming_content).decode()
    assert "11/KH-SAN" in text and "KH-SBI" not in text


def test_another_sites_document_is_404_whatever_the_url(client, clerk, documents):
    own, other, draft = documents
    client.force_login(clerk)
    for name in ("edit", "delete", "history", "usage", "unpublish", "workflow_history"):
        assert client.get(url(name, own.pk)).status_code == 200, name
        assert client.get(url(name, other.pk)).status_code == 404, name
    revision = draft.latest_revision
    assert client.get(url("revisions_revert", draft.pk, revision.pk)).status_code == 404
    compare = reverse(
        LegalDocument.snippet_viewset.get_url_name("revisions_compare"),
        kwargs={"pk": draft.pk, "revision_id_a": "earliest", "revision_id_b": "latest"},
    )
    assert client.get(compare).status_code == 404
    assert client.post(url("delete", other.pk)).status_code == 404
    assert client.post(url("unpublish", other.pk)).status_code == 404
    assert client.post(url("lock", other.pk)).status_code == 404
    other.refresh_from_db()
    assert other.live and not other.locked


def test_another_sites_draft_cannot_be_published_by_posting_its_form(client, clerk, documents):
    _own, _other, draft = documents
    client.force_login(clerk)
    answer = client.post(url("edit", draft.pk), form_data(draft, **{"action-publish": "1"}))
    assert answer.status_code == 404
    draft.refresh_from_db()
    assert not draft.live
    assert draft.latest_revision.content["summary"] == "Dự thảo của Sở Bình"


def test_another_sites_document_in_review_cannot_be_approved_by_url(client, clerk, documents):
    _own, _other, draft = documents
    workflow = draft.get_workflow()
    assert workflow is not None
    author = get_user_model().objects.create_superuser("tacgia", password="mat-khau-dai-thu-nghiem")
    workflow.start(draft, author)
    draft.refresh_from_db()
    task_state = draft.current_workflow_task_state
    client.force_login(clerk)
    for name in ("workflow_action", "collect_workflow_action_data"):
        answer = client.post(url(name, draft.pk, "approve", task_state.pk))
        assert answer.status_code == 404, name
    assert client.get(url("confirm_workflow_cancellation", draft.pk)).status_code == 404
    draft.refresh_from_db()
    assert not draft.live
    assert draft.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert draft.current_workflow_task_state.pk == task_state.pk


def test_the_chooser_offers_only_the_editors_documents(client, clerk, documents):
    own, other, _draft = documents
    client.force_login(clerk)
    chooser = LegalDocument.snippet_viewset.chooser_viewset
    html = client.get(reverse(chooser.get_url_name("choose"))).json()["html"]
    assert own.number in html and other.number not in html
    assert client.get(reverse(chooser.get_url_name("chosen"), args=[other.pk])).status_code == 404


def test_a_new_document_goes_to_the_editors_site_without_asking(
    client, site, clerk, documents, index
):
    own, _other, _draft = documents
    client.force_login(clerk)
    form = client.get(url("add"))
    assert form.status_code == 200
    assert "site" not in form.context["form"].fields  # one site: nothing to choose
    data = form_data(own, number="44/KH-SAN", summary="Kế hoạch mới của Sở An")
    assert client.post(url("add"), data).status_code == 302
    assert LegalDocument.objects.get(number="44/KH-SAN").site == site


def test_a_province_administrator_chooses_the_site(client, site, other_site, documents):
    own, _other, _draft = documents
    boss = get_user_model().objects.create_superuser("tinh", password="mat-khau-dai-thu-nghiem")
    client.force_login(boss)
    form = client.get(url("add"))
    assert set(form.context["form"].fields["site"].queryset) == {site, other_site}
    data = form_data(own, number="55/KH-SBI", summary="Cho Sở Bình", site=other_site.pk)
    assert client.post(url("add"), data).status_code == 302
    assert LegalDocument.objects.get(number="55/KH-SBI").site == other_site


def test_a_document_replaces_only_documents_of_its_own_site(client, clerk, documents):
    own, other, _draft = documents
    client.force_login(clerk)
    form = client.get(url("edit", own.pk)).context["form"]
    assert other not in form.fields["replaces"].queryset
    answer = client.post(url("edit", own.pk), form_data(own, replaces=[other.pk]))
    assert answer.status_code == 200  # the form again, with its error
    assert not own.replaces.exists()


def test_a_province_administrator_cannot_link_two_sites_documents(client, documents):
    own, other, _draft = documents
    boss = get_user_model().objects.create_superuser("tinh", password="mat-khau-dai-thu-nghiem")
    client.force_login(boss)
    answer = client.post(url("edit", own.pk), form_data(own, site=own.site_id, amends=[other.pk]))
    assert answer.status_code == 200
    assert "Chỉ liên kết được với văn bản của cùng website." in answer.text
    assert not own.amends.exists()


SHEET = (
    "Số/Ký hiệu,Loại văn bản,Cơ quan ban hành,Ngày ban hành,Trích yếu\n"
    "22/KH-SBI,Kế hoạch,UBND tỉnh Thanh Hóa,06/02/2023,Cùng số với văn bản của Sở Bình\n"
)


def test_the_admin_import_fills_the_editors_site_and_checks_duplicates_there(
    client, site, clerk, documents
):
    client.force_login(clerk)

    def upload():
        return client.post(
            "/admin/van-ban/nhap/", {"sheet": SimpleUploadedFile("vb.csv", SHEET.encode())}
        ).text

    assert "Đã nhập 1 văn bản" in upload()  # site B's 22/KH-SBI is not site A's
    imported = LegalDocument.objects.get(number="22/KH-SBI", site=site)
    assert imported.summary == "Cùng số với văn bản của Sở Bình"
    again = upload()
    assert "đã có trên website" in again
    assert LegalDocument.objects.filter(number="22/KH-SBI").count() == 2


def test_the_import_command_takes_the_site_by_host(tmp_path, site, other_site, documents):
    sheet = tmp_path / "vb.csv"
    sheet.write_text(SHEET.replace("22/KH-SBI", "66/KH-SBI"), encoding="utf-8")
    call_command(
        "import_documents", str(sheet), "--site", OTHER_HOST, verbosity=0, stdout=io.StringIO()
    )
    assert LegalDocument.objects.get(number="66/KH-SBI").site == other_site
    sheet.write_text(SHEET.replace("22/KH-SBI", "77/KH-SAN"), encoding="utf-8")
    call_command("import_documents", str(sheet), verbosity=0, stdout=io.StringIO())
    assert LegalDocument.objects.get(number="77/KH-SAN").site == site  # the default site
    with pytest.raises(CommandError, match="Không có website"):
        call_command("import_documents", str(sheet), "--site", "khong-co.localhost")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_documents", str(sheet), stderr=err, verbosity=0)
    assert "đã có trên website" in err.getvalue()


# The public side


def test_the_documents_page_lists_only_the_sites_own(client, documents):
    html = client.get("/van-ban/").text
    assert OWN in html and OTHER not in html
    searched = client.get("/van-ban/", {"q": "chuyen doi so"}).text
    assert OTHER not in searched
    b_side = client.get("/van-ban/", HTTP_HOST=OTHER_HOST).text
    assert OTHER in b_side and OWN not in b_side


def test_another_sites_document_is_404_under_this_host(client, documents):
    own, other, _draft = documents
    assert client.get(f"/van-ban/{own.pk}-{own.slug}/").status_code == 200
    assert client.get(f"/van-ban/{other.pk}-{other.slug}/").status_code == 404
    assert client.get(f"/van-ban/{other.pk}-x/").status_code == 404  # no redirect to its slug
    on_b = client.get(f"/van-ban/{other.pk}-{other.slug}/", HTTP_HOST=OTHER_HOST)
    assert on_b.status_code == 200 and OTHER in on_b.text


def test_the_feed_and_the_sitemap_list_only_the_sites_own(client, documents):
    own, other, _draft = documents
    feed = client.get("/van-ban/rss/").content.decode()
    assert OWN in feed and OTHER not in feed
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/van-ban/{own.pk}-{own.slug}/" in sitemap
    assert f"/van-ban/{other.pk}-" not in sitemap
    b_sitemap = client.get("/sitemap.xml", HTTP_HOST=OTHER_HOST).content.decode()
    assert f"/van-ban/{other.pk}-{other.slug}/" in b_sitemap
    assert f"/van-ban/{own.pk}-" not in b_sitemap


def test_search_finds_only_the_sites_documents(client, documents):
    html = client.get("/tim-kiem/", {"q": "ke hoach"}).text
    assert "11/KH-SAN" in html and "KH-SBI" not in html
    b_side = client.get("/tim-kiem/", {"q": "ke hoach"}, HTTP_HOST=OTHER_HOST).text
    assert "22/KH-SBI" in b_side and "11/KH-SAN" not in b_side


def test_the_api_lists_the_documents_of_the_requested_host(client, documents):
    own, other, _draft = documents
    a_side = client.get("/api/v2/documents/").json()
    assert [item["number"] for item in a_side["results"]] == [own.number]
    b_side = client.get("/api/v2/documents/", HTTP_HOST=OTHER_HOST).json()
    assert [item["number"] for item in b_side["results"]] == [other.number]


def test_the_sidebar_and_number_links_show_only_the_sites_documents(client, home, documents):
    own, other, _draft = documents
    section = CategoryPageFactory(parent=home, title="Tin tức")
    ArticlePageFactory(
        parent=section,
        title="Triển khai kế hoạch",
        slug="trien-khai",
        body=[("paragraph", RichText("<p>Theo Kế hoạch số 11/KH-SAN và số 22/KH-SBI.</p>"))],
    )
    html = client.get("/tin-tuc/trien-khai/").text
    link = f'<a class="doc-link" href="http://localhost/van-ban/{own.pk}-{own.slug}/">11/KH-SAN'
    assert link in html  # linked from the article…
    assert "số 22/KH-SBI." in html  # …and site B's number is left as text
    assert f"/van-ban/{other.pk}-" not in html
    home_page = client.get("/").text
    assert own.number in home_page and other.number not in home_page  # "Văn bản mới"


def test_a_bulk_action_never_names_nor_touches_another_sites_document(client, clerk, documents):
    own, other, _draft = documents
    client.force_login(clerk)
    bulk = reverse("wagtail_bulk_action", args=("documents", "legaldocument", "delete"))
    confirm = client.get(f"{bulk}?id={own.pk}&id={other.pk}")
    assert confirm.status_code == 200
    assert own.number in confirm.text and other.number not in confirm.text
    assert client.get(f"{bulk}?id={other.pk}").status_code == 404
    client.post(f"{bulk}?id=all")  # "select all": all of the editor's own
    assert not LegalDocument.objects.filter(pk=own.pk).exists()
    assert LegalDocument.objects.filter(pk=other.pk).exists()


def test_awaiting_review_on_the_dashboard_lists_only_the_editors_sites(
    client, site, other_site, site_editor, documents, make_document
):

    from cong.editorial.models import SiteGroupApprovalTask
    from cong.editorial.roles import BIEN_TAP_VIEN

    _own, _other, draft = documents
    own_draft = make_document("44/KH-SAN", kind="Kế hoạch", summary=OWN, site=site, live=False)
    own_draft.save_revision()
    editor = site_editor(site, BIEN_TAP_VIEN)
    # Site A's editors approve the first step of the (one, per-model) documents workflow.
    step = SiteGroupApprovalTask.objects.get(name="Biên tập văn bản")
    step.groups.add(*Group.objects.filter(site_binding__site=site))
    author = get_user_model().objects.create_superuser("tacgia", password="mat-khau-dai-thu-nghiem")
    for document in (own_draft, draft):
        document.get_workflow().start(document, author)
    client.force_login(editor)
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200
    assert "44/KH-SAN" in dashboard.text  # awaiting this editor's review
    assert "33/KH-SBI" not in dashboard.text  # site B's, in the same step


def test_a_shared_document_step_approves_only_the_editors_own_sites_documents(
    client, site, other_site, site_editor, documents, make_document
):
    """A site-B editor in the shared step cannot approve site A's document, not even by pairing
    one of their own objects in review with A's task state (Wagtail checks the task only)."""
    from cong.editorial.models import SiteGroupApprovalTask
    from cong.editorial.roles import BIEN_TAP_VIEN
    from cong.province.sites import group_name

    _own, _other, b_draft = documents
    a_draft = make_document("55/KH-SAN", kind="Kế hoạch", summary=OWN, site=site, live=False)
    a_draft.save_revision()
    b_editor = site_editor(other_site, BIEN_TAP_VIEN)
    step = SiteGroupApprovalTask.objects.get(name="Biên tập văn bản")
    step.groups.add(Group.objects.get(name=group_name(BIEN_TAP_VIEN, other_site)))
    author = get_user_model().objects.create_superuser("tacgia", password="mat-khau-dai-thu-nghiem")
    for document in (a_draft, b_draft):
        document.get_workflow().start(document, author)
        document.refresh_from_db()
    a_state, b_state = a_draft.current_workflow_task_state, b_draft.current_workflow_task_state
    assert step.get_actions(a_draft, b_editor) == []
    assert step.get_actions(b_draft, b_editor) != []
    assert list(step.get_task_states_user_can_moderate(b_editor)) == [b_state.specific]
    client.force_login(b_editor)
    paired = client.post(url("workflow_action", b_draft.pk, "approve", a_state.pk))
    assert paired.status_code in (302, 403)  # Wagtail's admin turns the refusal into a redirect
    assert paired.status_code == 403 or paired.url == reverse("wagtailadmin_home")
    a_state.refresh_from_db()
    assert a_state.status == a_state.STATUS_IN_PROGRESS
    own = client.post(url("workflow_action", b_draft.pk, "approve", b_state.pk))
    assert own.status_code in (200, 302)
    b_state.refresh_from_db()
    assert b_state.status == b_state.STATUS_APPROVED
