"""Old HTML into Cổng content: dates, captions, bylines, legacy encodings, blocks."""

import datetime

import pytest
from django.utils import timezone

from cong.siteimport import content, encodings, extract
from tests.siteimport import oldsite
from tests.siteimport.oldsite import to_tcvn3

DATES = [
    ("Thứ Năm, 24/08/2023 15:30", (2023, 8, 24, 15, 30)),
    ("24-8-2023", (2023, 8, 24, 0, 0)),
    ("24/08/2023", (2023, 8, 24, 0, 0)),
    ("Ngày đăng: 24.08.2023", (2023, 8, 24, 0, 0)),
    ("15:30 | 24/08/2023", (2023, 8, 24, 15, 30)),
    ("Cập nhật lúc 08h15 - 24/08/2023", (2023, 8, 24, 8, 15)),
    ("24/08/2023 - 7:05", (2023, 8, 24, 7, 5)),
    ("Thanh Hóa, ngày 5 tháng 9 năm 2022", (2022, 9, 5, 0, 0)),
    ("2023-08-24T15:30:00+07:00", (2023, 8, 24, 15, 30)),
    ("31/02/2023", None),
    ("không có ngày", None),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_vietnamese_dates(text, expected):
    parsed = content.parse_date(text)
    if expected is None:
        assert parsed is None
    else:
        local = timezone.localtime(parsed)
        assert (local.year, local.month, local.day, local.hour, local.minute) == expected
        assert local.utcoffset() == datetime.timedelta(hours=7)


CAPTIONS = [
    ("Quang cảnh hội nghị. Ảnh: Nguyễn Hiền", ("Quang cảnh hội nghị.", "Ảnh: Nguyễn Hiền")),
    ("Ảnh: Nguyễn Hiền", ("", "Ảnh: Nguyễn Hiền")),
    ("(Ảnh: TTXVN)", ("", "Ảnh: TTXVN")),
    ("Đại biểu dự lễ (Ảnh: Lê Hà)", ("Đại biểu dự lễ", "Ảnh: Lê Hà")),
    ("Đại biểu dự lễ - Ảnh: Lê Hà", ("Đại biểu dự lễ", "Ảnh: Lê Hà")),
    (
        "Ảnh: Lãnh đạo tỉnh thăm các gia đình chính sách",
        ("Lãnh đạo tỉnh thăm các gia đình chính sách", ""),
    ),
    ("Nhân dân ra quân làm đường", ("Nhân dân ra quân làm đường", "")),
    ("Ảnh: Phòng Bưu chính", ("", "Ảnh: Phòng Bưu chính")),
    ("Ảnh: Toàn cảnh hội nghị", ("Toàn cảnh hội nghị", "")),
]


@pytest.mark.parametrize(("text", "expected"), CAPTIONS)
def test_captions_and_credits(text, expected):
    assert content.split_caption(text) == expected


BYLINES = [
    ("Nguyễn Hiền - Phòng QLTTBCXB", ("Nguyễn Hiền", "Phòng QLTTBCXB")),
    ("Nguyễn Hiền – Phòng QLTTBCXB", ("Nguyễn Hiền", "Phòng QLTTBCXB")),
    ("Hoàng Lan (Văn phòng UBND xã)", ("Hoàng Lan", "Văn phòng UBND xã")),
    ("Lê Hà, Trần Minh", ("Lê Hà, Trần Minh", "")),
    ("Hội nghị đã thống nhất các nội dung.", None),
    ("xem thêm tại đây", None),
]


@pytest.mark.parametrize(("text", "expected"), BYLINES)
def test_bylines(text, expected):
    assert content.parse_byline(text) == expected


TEXT = "Thành phố Thanh Hóa: Sở Thông tin và Truyền thông tổ chức hội nghị; được, ưu tiên, lịch."


def to_vni(text: str) -> bytes:
    """A few VNI words written by hand from the VNI-Windows table."""
    table = {
        "Việt": "Vieät", "Nam": "Nam", "được": "ñöôïc", "Hội": "Hoäi", "nghị": "nghò",
        "Thành": "Thaønh", "phố": "phoá", "Đắk": "Ñaék", "Lắk": "Laék", "ủy": "uûy",
        "Ỷ": "YÛ", "ban": "ban", "quyết": "quyeát", "định": "ñònh", "ỵ": "î",
    }  # fmt: skip
    return " ".join(table[w] for w in text.split()).encode("latin-1")


def test_tcvn3_page_to_unicode():
    raw = to_tcvn3(f'<html><style>p {{font-family: ".VnTime"}}</style><p>{TEXT}</p></html>')
    assert encodings.detect(raw) == "tcvn3"
    assert TEXT in encodings.decode(raw)


def test_tcvn3_capital_fonts_are_upper_cased():
    """.VnTimeH/.VnArialH draw TCVN3's lower-case bytes as capitals: named by a class rule,
    a `<font face>` or a style, the text is upper-cased; an inner .VnTime part is not."""
    page = to_tcvn3(
        "<html><head><style>body { font-family: .VnTime; }\n"
        ".tieude, h2.muc { font-family: '.VnTimeH', serif; font-weight: bold }</style></head>"
        '<body><p class="tieude">ủy ban nhân dân tỉnh mẫu</p>'
        '<p><font face=".VnArialH">cộng hòa xã hội <b>chủ nghĩa</b></font> việt nam</p>'
        '<p style="font-family:.VnTimeH">độc lập <span style="font-family:.VnTime">tự do</span>'
        " hạnh phúc</p><h2 class=muc>thông báo</h2><p>Thành phố Thanh Hóa, ngày 5</p>"
        "</body></html>"
    )
    decoded = encodings.decode(page)
    assert "ỦY BAN NHÂN DÂN TỈNH MẪU" in decoded
    assert "CỘNG HÒA XÃ HỘI <b>CHỦ NGHĨA</b></font> việt nam" in decoded
    assert "ĐỘC LẬP <span" in decoded and ">tự do</span> HẠNH PHÚC" in decoded
    assert '<h2 class="muc">THÔNG BÁO</h2>' in decoded
    assert "Thành phố Thanh Hóa, ngày 5" in decoded  # .VnTime: as written


def test_vni_page_to_unicode():
    words = "Việt Nam được Hội nghị Thành phố Đắk Lắk ủy ban quyết định Ỷ ỵ"
    raw = b'<font face="VNI-Times">' + to_vni(words) + b"</font>"
    assert encodings.detect(raw) == "vni"
    assert words in encodings.decode(raw)


def test_windows_1258_page_to_nfc():
    raw = b'<meta charset="windows-1258"><p>Vi\xea\xf2t Nam</p>'  # ê + combining dot below
    decoded = encodings.decode(raw)
    assert "Việt Nam" in decoded  # composed: NFC equality, not just visual
    assert encodings.detect(raw) == "cp1258"


def test_unicode_page_naming_an_old_font_is_left_alone():
    raw = '<style>body{font-family: Arial, ".VnTime"}</style><p>Việt Nam</p>'.encode()
    assert encodings.detect(raw) == "utf-8"
    assert "Việt Nam" in encodings.decode(raw)


def test_blocks_from_portal_html():
    converted = content.convert(
        """<p><strong>Sáng 24/8, Sở tổ chức hội nghị sơ kết.</strong></p>
        <p>Tham dự có <a href="http://old.example/tin/abc?id=2">lãnh đạo</a> Sở.<script>x()</script></p>
        <p style="text-align:center"><img src="/img/a.jpg"></p>
        <p style="text-align:center"><em>Quang cảnh hội nghị. Ảnh: Nguyễn Hiền</em></p>
        <table class="image"><tr><td><img src="/img/b.jpg"></td></tr><tr><td>Đoàn thăm mô hình</td></tr></table>
        <blockquote><p>Chuyển đổi số là nhiệm vụ của cả hệ thống.</p><p>— Giám đốc Sở</p></blockquote>
        <p>Tải <a href="/files/kh.pdf">kế hoạch</a>.</p>
        <p style="text-align:right"><b>Nguyễn Hiền - Phòng QLTTBCXB</b></p>
        <p>Nguồn: Báo Tỉnh Mẫu</p>""",
        "http://old.example/tin/x",
    )
    assert [b.kind for b in converted.blocks] == [
        "paragraph",
        "image",
        "image",
        "quote",
        "paragraph",
    ]
    assert converted.lead == "Sáng 24/8, Sở tổ chức hội nghị sơ kết."
    assert converted.blocks[0].value == '<p>Tham dự có <a href="/tin/abc?id=2">lãnh đạo</a> Sở.</p>'
    first, second = converted.blocks[1].value, converted.blocks[2].value
    assert (first.url, first.caption, first.credit) == (
        "http://old.example/img/a.jpg",
        "Quang cảnh hội nghị.",
        "Ảnh: Nguyễn Hiền",
    )
    assert (second.caption, second.alt) == ("Đoàn thăm mô hình", "Đoàn thăm mô hình")
    assert converted.blocks[3].value == (
        "Chuyển đổi số là nhiệm vụ của cả hệ thống.",
        "Giám đốc Sở",
    )
    assert [f.url for f in converted.files] == ["http://old.example/files/kh.pdf"]
    assert (converted.author_names, converted.author_unit) == ("Nguyễn Hiền", "Phòng QLTTBCXB")
    assert converted.source == "Báo Tỉnh Mẫu"


def test_sanitiser_removes_what_could_run():
    converted = content.convert(
        '<p onclick="x()">A<img src="javascript:alert(1)"><iframe src="//evil"></iframe>'
        '<a href="javascript:alert(2)">b</a><style>p{}</style></p>',
        "http://old.example/",
    )
    text = str([b.value for b in converted.blocks])
    assert "javascript" not in text and "onclick" not in text and "iframe" not in text


def test_fallback_extractor_keeps_photos_captions_and_byline():
    """A page no preset knows: the main content found by readability, boilerplate left."""
    page = oldsite.liferay_site().routes["/chi-tiet-tin?ItemID=101&p_l_id=5"].body.decode()
    page = page.replace("journal-content-article", "x-bai").replace(
        'class="content"', 'class="x-than"'
    )
    converted = content.convert(extract.main_content(page, "http://old.example/a"), "http://x/")
    photos = [(b.value.caption, b.value.credit) for b in converted.blocks if b.kind == "image"]
    assert photos == [
        ("Quang cảnh hội nghị sơ kết.", "Ảnh: Nguyễn Hiền"),
        ("Giám đốc Sở phát biểu chỉ đạo", "Ảnh: Lê Hà"),
    ]
    assert converted.author_names == "Nguyễn Hiền"
    text = str([b.value for b in converted.blocks])
    assert "Chịu trách nhiệm chính" not in text and "Trang chủ" not in text
