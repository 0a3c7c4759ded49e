"""The Vietnamese search rules of /tim-kiem/ (cong.search.query, docs/search.md): y/i
spellings, dd for đ, numbers without accents or separators, signers, function words,
prefixes, abbreviations, accentless phrases and titles above bodies."""

import pytest
from wagtail.rich_text import RichText

from cong.search.query import build_query, variants
from tests.factories import ArticlePageFactory
from tests.search.test_search_page import titles


def article(section, title, text="", slug=None):
    return ArticlePageFactory(
        parent=section,
        title=title,
        lead="Tin của Sở.",
        body=[("paragraph", RichText(f"<p>{text}</p>"))],
        **({"slug": slug} if slug else {}),
    )


@pytest.fixture
def corpus(section, index, make_document):
    article(section, "Bồi dưỡng kỹ năng số cho cán bộ xã", "Lớp học về kỹ năng số cơ bản.")
    article(section, "Cấp phiếu lí lịch tư pháp trực tuyến", "Người dân nộp hồ sơ qua mạng.")
    article(section, "Đà Nẵng đón đoàn công tác", "Đoàn làm việc về đô thị thông minh.")
    article(section, "Thông báo tuyển dụng viên chức năm 2024", "Sở tuyển 12 chỉ tiêu.")
    article(section, "Y tế cơ sở được tăng cường", "Trạm y tế xã có thêm bác sĩ.")
    article(section, "Hội nghị về chuyển đổi số tỉnh", "Đẩy mạnh chuyển đổi số trong cơ quan.")
    article(section, "Bảo đảm an toàn thông tin mạng", "Diễn tập an toàn thông tin năm nay.")
    article(section, "Nhân quyền trong tình hình mới", "Bài viết.", slug="nhan-quyen")
    make_document(
        "1234/QĐ-STTTT",
        "Quyết định",
        summary="Ban hành quy chế quản lý cổng thông tin điện tử",
        signer="Đỗ Hữu Quyết",
    )
    make_document("88/BC-STTTT", "Thông báo", summary="Kết quả kiểm tra công tác văn thư")
    make_document(
        "13/2023/NĐ-CP",
        "Quyết định",
        summary="Quy định về bảo vệ dữ liệu cá nhân",
        body="Chính phủ",
    )
    make_document("21/KH-UBND", "Kế hoạch", summary="Kế hoạch cải cách hành chính")
    make_document(
        "5/KH-STTTT", "Kế hoạch", summary="Kế hoạch tuyên truyền, có nhắc tới an toàn thông tin"
    )


def first(client, q):
    found, _ = titles(client, q)
    return found[0] if found else None


def test_y_and_i_spellings_find_each_other(client, corpus):
    for q in ("kĩ năng số", "kỹ năng số", "ki nang so", "ky nang so"):
        assert first(client, q) == "Bồi dưỡng kỹ năng số cho cán bộ xã", q
    for q in ("lý lịch tư pháp", "lí lịch tư pháp", "ly lich tu phap"):
        assert first(client, q) == "Cấp phiếu lí lịch tư pháp trực tuyến", q
    # A y that starts a word or follows a vowel is never an i.
    assert first(client, "y tế") == "Y tế cơ sở được tăng cường"
    assert variants("y") == variants("uy") == variants("nguyen") == []


def test_dd_typed_for_d_stroke(client, corpus):
    assert first(client, "dda nang") == "Đà Nẵng đón đoàn công tác"
    assert build_query("ddaf") == [["ddaf*", "daf*"]]


def test_numbers_and_names_without_accents_or_separators(client, corpus):
    rule = "Quyết định số 1234/QĐ-STTTT"
    for q in ("1234/QD-STTTT", "1234/qđ-stttt", "do huu quyet", "Đỗ Hữu Quyết"):
        assert first(client, q) == rule, q
    assert first(client, "13/2023/ND-CP") == "Quyết định số 13/2023/NĐ-CP"
    for q in ("21 KH UBND", "21/KH UBND", "21 kh-ubnd"):
        assert first(client, q) == "Kế hoạch số 21/KH-UBND", q
    for q in ("Số: 88/BC-STTTT", "so 88/BC-STTTT"):
        assert first(client, q) == "Thông báo số 88/BC-STTTT", q


def test_function_words_are_not_required(client, corpus):
    expected = "Quyết định số 13/2023/NĐ-CP"
    for q in (
        "những quy định về bảo vệ dữ liệu cá nhân",
        "nhung quy dinh ve bao ve du lieu ca nhan",
        "các quy định của chính phủ về dữ liệu cá nhân là gì",
    ):
        assert first(client, q) == expected, q
    # A query of function words only still searches them.
    assert build_query("về các") == [["về", "ve"], ["các*", "cac*"]]


def test_some_words_match_when_all_find_too_little(client, corpus):
    found, _ = titles(client, "bảo vệ dữ liệu hộ chiếu")  # no item has every word
    assert found[0] == "Quyết định số 13/2023/NĐ-CP"
    # Of three words or more, one alone ("nhân") does not make a partial match.
    found, _ = titles(client, "nhân quyền hộ chiếu xuất cảnh")
    assert found[0] == "Nhân quyền trong tình hình mới"
    assert "Quyết định số 13/2023/NĐ-CP" not in found


def test_the_last_word_matches_as_a_prefix(client, corpus):
    assert first(client, "tuyển dụ") == "Thông báo tuyển dụng viên chức năm 2024"
    assert first(client, "tuyen du") == "Thông báo tuyển dụng viên chức năm 2024"
    # Only the last word, and only when the query ends with it.
    assert build_query("dụ tuyển") == [["dụ", "du"], ["tuyển*", "tuyen*"]]
    assert build_query('tuyển "dụ"') == [["dụ", "du"], ["tuyển", "tuyen"]]


def test_abbreviations_are_expanded(client, corpus):
    assert first(client, "CĐS") == "Hội nghị về chuyển đổi số tỉnh"
    assert first(client, "cds tinh") == "Hội nghị về chuyển đổi số tỉnh"
    assert first(client, "ATTT") == "Bảo đảm an toàn thông tin mạng"


def test_quoted_phrases_with_or_without_accents(client, corpus):
    for q in ('"bảo vệ dữ liệu"', '"bao ve du lieu"', "“bao ve du lieu”"):
        assert first(client, q) == "Quyết định số 13/2023/NĐ-CP", q
    assert titles(client, '"du lieu bao ve"')[0] == []


def test_an_article_titled_with_a_topic_outranks_a_document_mentioning_it(client, corpus):
    for q in ("an toàn thông tin", "an toan thong tin"):
        found, _ = titles(client, q)
        assert found[0] == "Bảo đảm an toàn thông tin mạng", q
        assert "Kế hoạch số 5/KH-STTTT" in found


def test_a_site_adds_its_own_abbreviations_in_the_admin_setting(
    client, corpus, site, django_capture_on_commit_callbacks
):
    from cong.search.models import SearchSettings

    assert titles(client, "ĐTTM")[0] == []
    settings = SearchSettings.for_site(site)
    settings.abbreviations = "# của Sở\nĐTTM = đô thị thông minh"
    with django_capture_on_commit_callbacks(execute=True):  # the content version moves on
        settings.save()
    assert first(client, "ĐTTM") == "Đà Nẵng đón đoàn công tác"  # its body says it in full
    assert first(client, "dttm") == "Đà Nẵng đón đoàn công tác"
    assert first(client, "CĐS") == "Hội nghị về chuyển đổi số tỉnh"  # the shared list stays
