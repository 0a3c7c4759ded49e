"""Old Vietnamese encodings to Unicode NFC: Windows-1258, TCVN3 (ABC) and VNI.

Before Unicode (TCVN 6909:2001), Vietnamese pages were written in 8-bit "font encodings":
the bytes are Latin-1 and only a font (.VnTime, VNI-Times) drew them as Vietnamese letters.
Browsers still show such pages right if the font is installed; an importer must convert.

- Windows-1258 is a real charset (Python's cp1258): base letters plus combining tone marks,
  which NFC composes.
- TCVN3 (TCVN 5712:1993, "ABC", the VN3 subset used by .Vn* fonts): one byte per
  precomposed lower-case letter in 0xA1–0xFE, tone order grave, hook, tilde, acute, dot;
  capitals with tones only exist in the separate ".VnTimeH" fonts (the same bytes drawn as
  capitals), so text in such a font is upper-cased.
- VNI (VNI-Windows): an ASCII base letter followed by one byte for its marks ("aù" = á,
  "eä" = ệ), plus single bytes for ơ, ư, đ and the i/ỵ letters.

Detection is by what the page names: a charset of windows-1258, or fonts of either family in
its styles (`font-family: .VnTime`, `<font face="VNI-Times">`).
"""

import re
import unicodedata

# TCVN3: byte → letter, vowel by vowel (grave, hook, tilde, acute, dot).
_TCVN3_TONED = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # grave, hook, tilde, acute, dot
_TCVN3_PLAIN = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
}  # fmt: skip


def _tcvn3_table() -> dict[int, str]:
    table = dict(_TCVN3_PLAIN)
    for vowel, codes in _TCVN3_TONED.items():
        for code, tone in zip(codes, _TONES, strict=True):
            table[code] = unicodedata.normalize("NFC", vowel + tone)
    return table


TCVN3 = _tcvn3_table()
_TCVN3_TRANSLATION = str.maketrans({chr(code): letter for code, letter in TCVN3.items()})

# VNI: the byte after a base letter → (shape mark, tone mark); lower and upper case bytes.
_VNI_MARKS = {
    "ù": ("", "\u0301"), "ø": ("", "\u0300"), "û": ("", "\u0309"), "õ": ("", "\u0303"),
    "ï": ("", "\u0323"), "â": ("\u0302", ""), "ê": ("\u0306", ""),
    "á": ("\u0302", "\u0301"), "à": ("\u0302", "\u0300"), "å": ("\u0302", "\u0309"),
    "ã": ("\u0302", "\u0303"), "ä": ("\u0302", "\u0323"),
    "é": ("\u0306", "\u0301"), "è": ("\u0306", "\u0300"), "ú": ("\u0306", "\u0309"),
    "ü": ("\u0306", "\u0303"), "ë": ("\u0306", "\u0323"),
}  # fmt: skip
_VNI_MARKS.update({byte.upper(): marks for byte, marks in list(_VNI_MARKS.items())})
# Letters VNI writes as one byte: ơ, ư, đ, and i and ỵ with their tones.
_VNI_SINGLE = {
    "ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
}  # fmt: skip
_VNI_SINGLE.update({byte.upper(): letter.upper() for byte, letter in list(_VNI_SINGLE.items())})
_VNI_BASES = "aeouyAEOUY" + "ôöÔÖ"  # ô/ö are ơ/ư, which take tone bytes too
_VNI_PAIR = re.compile(f"([{_VNI_BASES}])([{''.join(_VNI_MARKS)}])")

_TCVN3_FONT = re.compile(r"\.Vn[A-Za-z]+", re.IGNORECASE)
# A TCVN3 font's name as written in a style or a face (".VnTimeH", ".VnArial NarrowH").
_VN_FONT_NAME = re.compile(r"\.Vn[A-Za-z]+(?: Narrow[A-Za-z]*)?")
_VNI_FONT = re.compile(r"VNI[- ][A-Za-z]+", re.IGNORECASE)
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


def tcvn3_to_unicode(text: str) -> str:
    """Text decoded as Latin-1 from TCVN3 bytes, as Unicode NFC.

    >>> tcvn3_to_unicode("Th\\xb5nh ph\\xe8 Thanh H\\xe3a")
    'Thành phố Thanh Hóa'
    """
    return unicodedata.normalize("NFC", text.translate(_TCVN3_TRANSLATION))


def vni_to_unicode(text: str) -> str:
    """Text decoded as Latin-1 from VNI bytes, as Unicode NFC.

    >>> vni_to_unicode("Vieät Nam \\xf1\\xf6\\xf4\\xefc")
    'Việt Nam được'
    """

    def pair(match: re.Match) -> str:
        base, mark = match.group(1), match.group(2)
        base = _VNI_SINGLE.get(base, base)
        shape, tone = _VNI_MARKS[mark]
        return unicodedata.normalize("NFC", base + shape + tone)

    text = _VNI_PAIR.sub(pair, text)
    text = "".join(_VNI_SINGLE.get(ch, ch) for ch in text)
    return unicodedata.normalize("NFC", text)


def detect(raw: bytes, declared: str | None = None) -> str:
    """Which encoding a page is in: "tcvn3", "vni", "cp1258" or a charset name ("utf-8").

    A font family of either legacy encoding decides (the page says which font draws its
    bytes); otherwise the declared charset (HTTP header, then `<meta>`); otherwise UTF-8 if
    the bytes are valid UTF-8, else Windows-1258.
    """
    head = raw[:200_000].decode("latin-1")
    if _is_utf8_text(raw):
        return "utf-8"  # a Unicode page that merely names an old font as a fallback
    if _TCVN3_FONT.search(head):
        return "tcvn3"
    if _VNI_FONT.search(head):
        return "vni"
    charset = (declared or "").strip().lower()
    if not charset:
        match = _CHARSET.search(raw[:4096])
        charset = match.group(1).decode().lower() if match else ""
    if charset in ("windows-1258", "cp1258"):
        return "cp1258"
    if charset:
        return charset
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1258"
    return "utf-8"


def _is_utf8_text(raw: bytes) -> bool:
    """Valid UTF-8 with some non-ASCII letters: legacy bytes almost never form such text."""
    if raw.isascii():
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode(raw: bytes, declared: str | None = None) -> str:
    """A page's bytes as Unicode NFC text, whatever it was written in."""
    encoding = detect(raw, declared)
    if encoding == "tcvn3":
        text = tcvn3_to_unicode(raw.decode("latin-1"))
        if any(_is_capital_font(name) for name in _VN_FONT_NAME.findall(text)):
            text = upper_capital_fonts(text)
        return text
    if encoding == "vni":
        return vni_to_unicode(raw.decode("latin-1"))
    try:
        text = raw.decode(encoding, errors="replace")
    except LookupError:
        text = raw.decode("utf-8", errors="replace")
    return unicodedata.normalize("NFC", text)


# --- TCVN3 capitals ---------------------------------------------------------------------------

_FONT_DECLARATION = re.compile(r"\bfont(?:-family)?\s*:\s*([^;]+)", re.IGNORECASE)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def _is_capital_font(name: str) -> bool:
    """A capitals-only TCVN3 font: ".VnTimeH", ".VnArialH", ".VnArial NarrowH"…"""
    return name.endswith("H")


def _capitals_of(families: str) -> bool | None:
    """Whether a font-family list draws capitals only: by its first TCVN3 font; False when
    it names fonts but none of TCVN3's; None when it names none."""
    families = families.strip()
    if not families:
        return None
    found = _VN_FONT_NAME.search(families)
    if found is None:
        return False
    return _is_capital_font(found.group(0))


def _style_capitals(style: str) -> bool | None:
    declared = _FONT_DECLARATION.findall(style or "")
    return _capitals_of(declared[-1]) if declared else None


def upper_capital_fonts(text: str) -> str:
    """The page with the text drawn in a capitals-only TCVN3 font upper-cased.

    .VnTimeH, .VnArialH… draw TCVN3's lower-case bytes as capitals (TCVN3 has no byte for
    a capital with a tone: "THÀNH PHỐ" is written "thµnh phè" in .VnTimeH). The font is
    named by `<font face>`, an element's `style`, or a `<style>` rule for its class, id or
    tag; an inner element in another font keeps its letters.

    >>> upper_capital_fonts('<p>Sở <font face=".VnTimeH">thành phố <b>thanh hóa</b></font></p>')
    '<html><body><p>Sở <font face=".VnTimeH">THÀNH PHỐ <b>THANH HÓA</b></font></p></body></html>'
    """
    from cssselect import SelectorError
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return text
    by_rule: dict = {}
    for sheet in root.iter("style"):
        for selectors, declarations in _CSS_RULE.findall(sheet.text or ""):
            capitals = _style_capitals(declarations)
            if capitals is None:
                continue
            for selector in selectors.split(","):
                try:
                    for element in root.cssselect(selector.strip()):
                        by_rule[element] = capitals
                except (SelectorError, etree.XPathError):
                    continue

    def own(element) -> bool | None:
        from_style = _style_capitals(element.get("style", ""))
        if from_style is not None:
            return from_style
        if element.tag == "font" and element.get("face"):
            return _capitals_of(element.get("face"))
        return by_rule.get(element)

    stack = [(root, False)]
    while stack:
        element, capitals = stack.pop()
        if isinstance(element.tag, str):
            mine = own(element)
            capitals = capitals if mine is None else mine
            if capitals and element.tag not in ("script", "style") and element.text:
                element.text = element.text.upper()
        for child in element:
            if capitals and child.tail:
                child.tail = child.tail.upper()
            stack.append((child, capitals))
    return lxml_html.tostring(root, encoding="unicode")
