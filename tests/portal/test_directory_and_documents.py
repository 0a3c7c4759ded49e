"""The province's directory of member sites, and its one search over every agency's documents."""

import pytest

from cong.core.models import SiteKind
from cong.documents.models import LegalDocumentIndexPage
from cong.portal.models import MemberDirectoryPage, ProvinceDocumentsPage
from tests.portal.conftest import make_site

pytestmark = pytest.mark.django_db


def main(response) -> str:
    html = response.content.decode()
    return html[html.index('<main id="main"') : html.index("</main>")]


@pytest.fixture
def directory(province):
    page = MemberDirectoryPage(title="Danh bạ website", slug="danh-ba")
    province.root_page.add_child(instance=page)
    return page


def test_the_directory_lists_each_member_with_kind_address_and_person(client, directory, members):
    html = main(client.get(directory.url))

    assert '<a href="http://stp.localhost/">Sở Tư pháp</a>' in html
    assert '<a href="http://dongson.localhost/">UBND xã Đông Sơn</a>' in html
    assert "Ông Lê Văn Minh, Giám đốc Sở" in html
    # Grouped by kind: departments, then communes; the portal itself is no member.
    assert html.index("Sở, ban, ngành") < html.index("Sở Tư pháp")
    assert html.index("Sở Tư pháp") < html.index("UBND xã, phường") < html.index("Đông Sơn")
    assert "UBND tỉnh Thanh Hóa</a>" not in html


def test_the_directory_costs_the_same_queries_for_more_sites(
    client, directory, members, django_assert_max_num_queries
):
    client.get(directory.url)
    with django_assert_max_num_queries(20) as few:
        client.get(directory.url)
    two = len(few.captured_queries)
    for n in range(3):
        make_site(f"xa{n}.localhost", f"UBND xã số {n}", SiteKind.XA)
    client.get(directory.url)
    with django_assert_max_num_queries(two):
        html = main(client.get(directory.url))
    assert "UBND xã số 2" in html


@pytest.fixture
def search_page(province):
    page = ProvinceDocumentsPage(title="Văn bản các đơn vị", slug="van-ban-cac-don-vi")
    province.root_page.add_child(instance=page)
    return page


@pytest.fixture
def documents(province, members, make_document):
    so, xa = members
    LegalDocumentIndexPage.objects.child_of(xa.root_page).delete()  # the commune has none
    return (
        make_document("12/QĐ-STP", body="Sở Tư pháp", summary="Quy chế hộ tịch", site=so),
        make_document("7/KH-UBND", body="UBND xã Đông Sơn", summary="Kế hoạch làm đường", site=xa),
        make_document(
            "99/QĐ-STP", body="Sở Tư pháp", summary="Dự thảo chưa ban hành", site=so, live=False
        ),
        make_document(
            "1/QĐ-UBND", body="UBND tỉnh Thanh Hóa", summary="Quyết định của tỉnh", site=province
        ),
    )


def test_documents_of_every_agency_with_their_site_and_link(client, search_page, documents):
    so_doc, xa_doc, _draft, own = documents

    html = main(client.get(search_page.url))

    assert "Quy chế hộ tịch" in html and "Kế hoạch làm đường" in html
    assert "Quyết định của tỉnh" in html
    assert "Dự thảo chưa ban hành" not in html
    # Linked to the document's page on its own site (the commune has no documents page).
    assert f'href="http://stp.localhost/van-ban/{so_doc.pk}-{so_doc.slug}/"' in html
    assert f"/{xa_doc.pk}-{xa_doc.slug}/" not in html
    assert '<a href="http://dongson.localhost/">UBND xã Đông Sơn</a>' in html


def test_filtered_by_issuing_body_and_by_agency(client, search_page, documents):
    so_doc, xa_doc, _draft, own = documents

    by_body = main(client.get(search_page.url, {"issuing_body": so_doc.issuing_body_id}))
    by_site = main(client.get(search_page.url, {"site": xa_doc.site_id}))

    assert "Quy chế hộ tịch" in by_body and "Kế hoạch làm đường" not in by_body
    assert "Kế hoạch làm đường" in by_site and "Quy chế hộ tịch" not in by_site
    assert "Quyết định của tỉnh" not in by_site


def test_the_search_costs_the_same_queries_for_more_sites(
    client, search_page, documents, make_document, django_assert_max_num_queries
):
    client.get(search_page.url)
    with django_assert_max_num_queries(25) as few:
        client.get(search_page.url)
    two = len(few.captured_queries)
    for n in range(3):
        site = make_site(f"xa{n}.localhost", f"UBND xã số {n}", SiteKind.XA)
        make_document(f"{n}/TB-UBND", body=f"UBND xã số {n}", summary=f"Thông báo {n}", site=site)
    client.get(search_page.url)
    with django_assert_max_num_queries(two):
        html = main(client.get(search_page.url))
    assert "Thông báo 2" in html
