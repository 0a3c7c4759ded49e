"""The editor's guide: served by the install from docs/, linked from the help menu."""

import json
import re

import pytest
from bs4 import BeautifulSoup

from cong.editorial.guide import GUIDE, IMAGES, render_markdown
from cong.editorial.roles import PHONG_VIEN


def test_markdown_is_escaped_and_structured():
    html, headings = render_markdown(
        "# Tiêu đề\n\n## Viết bài\n\nĐoạn <script>x</script> có **đậm** và `mã`.\n"
        "tiếp dòng.\n\n- một\n- hai\n  nối tiếp\n\n1. bước một\n\n"
        "> ghi chú\n\n![Ảnh đăng nhập](img/guide/dang-nhap.png)\n\n"
        "[mục](#viet-bai), [tệp](security.md), [trang](/admin/)\n"
    )
    soup = BeautifulSoup(html, "html.parser")
    assert [(h.level, h.text, h.anchor) for h in headings] == [
        (1, "Tiêu đề", "tieu-de"),
        (2, "Viết bài", "viet-bai"),
    ]
    assert soup.h1 is None and soup.h2["id"] == "viet-bai"  # the title is the page header
    assert soup.script is None and "&lt;script&gt;" in str(soup.p)
    assert soup.p.strong.text == "đậm" and soup.p.code.text == "mã"
    assert soup.p.text.endswith("tiếp dòng.")
    assert [li.text for li in soup.ul.find_all("li")] == ["một", "hai nối tiếp"]
    assert soup.ol.li.text == "bước một" and soup.blockquote.text == "ghi chú"
    assert soup.img["src"] == "/admin/huong-dan/anh/dang-nhap.png"
    assert soup.img["alt"] == "Ảnh đăng nhập" == soup.figcaption.text
    links = {a.text: a["href"] for a in soup.find_all("a")}
    assert links == {"mục": "#viet-bai", "trang": "/admin/"}  # a file of docs/: text only


def test_the_help_menu_leads_to_the_guide_not_to_wagtails(login, users, home):
    response = login(users[PHONG_VIEN]).get("/admin/")
    props = BeautifulSoup(response.content, "html.parser").select_one("#wagtail-sidebar-props")
    menu = json.dumps(json.loads(props.string), ensure_ascii=False)
    assert "Hướng dẫn biên tập" in menu and '"/admin/huong-dan/"' in menu
    assert "guide.wagtail.org" not in menu and "docs.wagtail.org" not in menu
    summary = BeautifulSoup(response.content, "html.parser").find(
        "a", string=re.compile("Hướng dẫn biên tập")
    )
    assert summary["href"] == "/admin/huong-dan/"


def test_the_guide_renders_with_every_image(login, users, home):
    client = login(users[PHONG_VIEN])
    response = client.get("/admin/huong-dan/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.title.text.startswith("Hướng dẫn biên tập")
    contents = [a.text for a in page.select(".cong-guide__contents a")]
    assert "Viết và xuất bản bài viết" in contents and "Xác thực hai bước" in contents
    images = page.select(".cong-guide img")
    assert len(images) >= 10
    for image in images:
        served = client.get(image["src"])
        assert served.status_code == 200, image["src"]
        assert served["Content-Type"] == "image/png"
        assert b"".join(served.streaming_content).startswith(b"\x89PNG")


def test_the_guide_and_its_images_are_for_signed_in_users(client, db):
    assert client.get("/admin/huong-dan/").status_code == 302
    assert client.get("/admin/huong-dan/anh/dang-nhap.png").status_code == 302


@pytest.mark.parametrize("name", ["khong-co.png", "DANG-NHAP.PNG", "..huong-dan-bien-tap.md"])
def test_only_the_guides_pictures_are_served(login, users, home, name):
    assert login(users[PHONG_VIEN]).get(f"/admin/huong-dan/anh/{name}").status_code == 404


def test_no_way_out_of_the_pictures_folder(login, users, home):
    response = login(users[PHONG_VIEN]).get("/admin/huong-dan/anh/..%2F..%2Fsettings.py")
    assert response.status_code != 200


def test_every_picture_of_the_guide_exists_and_the_folder_stays_small():
    named = set(re.findall(r"\(img/guide/([a-z0-9-]+\.png)\)", GUIDE.read_text()))
    present = {path.name for path in IMAGES.glob("*.png")}
    assert named and named <= present
    assert sum((IMAGES / name).stat().st_size for name in present) < 3 * 1024 * 1024
