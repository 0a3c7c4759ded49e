import unicodedata

import pytest

from cong.core.text import clean_line, clean_text, fold, nfc, slugify_vi

BASE_VOWELS = {
    "a": "aàáảãạ",
    "ă": "ăằắẳẵặ",
    "â": "âầấẩẫậ",
    "e": "eèéẻẽẹ",
    "ê": "êềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọ",
    "ô": "ôồốổỗộ",
    "ơ": "ơờớởỡợ",
    "u": "uùúủũụ",
    "ư": "ưừứửữự",
    "y": "yỳýỷỹỵ",
}
PLAIN = {"ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u"}
ALL_LETTERS = [
    (letter, PLAIN.get(base, base)) for base, forms in BASE_VOWELS.items() for letter in forms
] + [("đ", "d")]


def test_the_table_covers_twelve_vowels_with_six_tones_each_and_d():
    assert len(ALL_LETTERS) == 73
    assert len({letter for letter, _ in ALL_LETTERS}) == 73


@pytest.mark.parametrize(("letter", "expected"), ALL_LETTERS)
def test_it_folds_every_vietnamese_letter_in_both_cases(letter, expected):
    assert fold(letter) == expected
    assert fold(letter.upper()) == expected.upper()
    assert slugify_vi(letter.upper()) == expected


@pytest.mark.parametrize(("letter", "expected"), ALL_LETTERS)
def test_it_folds_decomposed_input_the_same_as_composed(letter, expected):
    decomposed = unicodedata.normalize("NFD", letter)
    assert fold(decomposed) == expected
    assert nfc(decomposed) == letter


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đường Trường Sa", "duong-truong-sa"),
        ("Quyết định số 12/QĐ-UBND", "quyet-dinh-so-12-qd-ubnd"),
        (
            "Tập huấn công tác thông tin đối ngoại về quyền con người năm 2023",
            "tap-huan-cong-tac-thong-tin-doi-ngoai-ve-quyen-con-nguoi-nam-2023",
        ),
        ("Hà Nội – “Thủ đô” ngàn năm!", "ha-noi-thu-do-ngan-nam"),
        ("Kế hoạch số 21/KH-UBND ngày 06/2/2023", "ke-hoach-so-21-kh-ubnd-ngay-06-2-2023"),
        ("   ", ""),
    ],
)
def test_slugs_are_folded_ascii_words_joined_by_hyphens(title, slug):
    assert slugify_vi(title) == slug


def test_a_long_slug_is_cut_without_a_trailing_hyphen():
    assert slugify_vi("Quyền con người " * 30, max_length=20) == "quyen-con-nguoi-quye"
    assert not slugify_vi("ab cd", max_length=3).endswith("-")


@pytest.mark.parametrize(
    "invisible",
    ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u2066", "\u061c"],
)
def test_clean_line_drops_format_characters_so_a_field_of_them_is_empty(invisible):
    assert clean_line(invisible * 3) == ""
    assert clean_line(f"Nguyễn{invisible} Văn An") == "Nguyễn Văn An"
    assert clean_text(f"Dòng 1{invisible}\n{invisible}\nDòng 2") == "Dòng 1\n\nDòng 2"


def test_a_right_to_left_override_cannot_reverse_what_is_shown():
    assert clean_line("hoso\u202efdp.exe") == "hosofdp.exe"


def test_joiners_stay_where_a_script_needs_them_and_nowhere_else():
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # "mi-khaham": ZWNJ is spelling
    assert clean_line(persian) == persian
    assert clean_line("Vi\u200dệt") == "Việt"
    assert clean_line("\u200d\u0645") == "\u0645"
