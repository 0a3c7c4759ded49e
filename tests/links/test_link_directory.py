from tests.factories import LinkFactory, LinkGroupFactory


def test_the_sidebar_lists_groups_and_links_in_order(client, home):
    second = LinkGroupFactory(title="Tỉnh Thanh Hóa", sort_order=2)
    first = LinkGroupFactory(title="Cơ quan Trung ương", sort_order=1)
    LinkFactory(group=first, title="Bộ Thông tin và Truyền thông", sort_order=1)
    LinkFactory(group=first, title="Cổng TTĐT Chính phủ", sort_order=0)
    LinkFactory(group=second, title="Báo Thanh Hóa")
    html = client.get("/").content.decode()
    box = html.split('id="links-heading"')[1].split("</section>")[0]
    assert "Liên kết website" in html
    assert box.index("Cơ quan Trung ương") < box.index("Tỉnh Thanh Hóa")
    assert box.index("Cổng TTĐT Chính phủ") < box.index("Bộ Thông tin và Truyền thông")


def test_external_links_open_safely_and_say_so(client, home):
    LinkFactory(title="Cổng Dịch vụ công quốc gia", url="https://dichvucong.gov.vn/")
    html = client.get("/").content.decode()
    assert (
        '<a href="https://dichvucong.gov.vn/" target="_blank" rel="noopener noreferrer">'
        "Cổng Dịch vụ công quốc gia" in html
    )
    assert "(mở trong cửa sổ mới)" in html


def test_the_directory_is_edited_as_a_snippet_in_the_admin(admin_client, home):
    group = LinkGroupFactory(title="Cơ quan Trung ương")
    response = admin_client.get(f"/admin/snippets/links/linkgroup/edit/{group.pk}/")
    assert response.status_code == 200
    assert "Cơ quan Trung ương" in response.content.decode()
