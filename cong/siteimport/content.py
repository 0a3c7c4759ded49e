"""An old article's HTML as Cổng content: StreamField blocks, byline, source line and dates.

The HTML is first cleaned by nh3 (a real sanitiser: scripts, event handlers and unknown tags
gone), then walked element by element. Text goes into rich-text paragraphs with only the
tags Cổng's editor allows; a photo becomes one captioned-image block with the caption line
that follows it (an italic or centred line, or one starting "Ảnh:") or its `<figcaption>`;
a table, a quote and a linked file get their own blocks. The closing lines that sign the
article ("Nguyễn Hiền - Phòng QLTTBCXB", "Nguồn: Báo Thanh Hóa") become fields.

Blocks are returned as `Block` specs: the writer resolves images and files (downloads) and
only then turns them into StreamField data.
"""

import datetime
import html
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlparse

import nh3
from django.utils import timezone
from lxml import html as lxml_html

from cong.core.text import clean_line, fold, nfc
from cong.siteimport.records import File, Image

ALLOWED_TAGS = {
    "p", "div", "span", "br", "b", "strong", "i", "em", "u", "a", "img", "figure",
    "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "thead",
    "tbody", "tfoot", "tr", "th", "td", "caption", "blockquote", "center", "font", "sup",
    "sub", "section", "article",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "data-src"},
    "*": {"style", "align", "class"},
}
# File links brought over as Wagtail documents.
FILE_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "zip")
INLINE = {"b", "strong", "i", "em", "u", "a", "span", "font", "sup", "sub", "br"}
HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
CAPTION_MAX = 400
CREDIT = re.compile(r"^\(?\s*(Ảnh|Nguồn ảnh|Ảnh minh họa|Ảnh minh hoạ)\s*:\s*(.+?)\)?\s*$", re.I)
CREDIT_TAIL = re.compile(r"^(.*?)[\s\-–(]*\b(Ảnh\s*:\s*[^()]+?)\)?\s*$", re.I)
CLOSING_CHROME = re.compile(
    r"^(Lượt xem|Số lượt xem|Lượt đọc|In bài|Gửi bài|Chia sẻ|Quay lại|Về đầu trang)\b", re.I
)
SOURCE_LINE = re.compile(r"^\(?\s*(Nguồn|Theo)\s*:?\s+(.+?)\)?\.?$", re.I)


@dataclass
class Block:
    """One body block before it is written: `kind` is paragraph, image, quote, table or
    document; `value` is rich-text HTML, an Image, a (text, attribution) pair, table rows or
    a File."""

    kind: str
    value: object


@dataclass
class Content:
    blocks: list[Block] = field(default_factory=list)
    author_names: str = ""
    author_unit: str = ""
    source: str = ""
    lead: str = ""

    @property
    def images(self) -> list[Image]:
        return [b.value for b in self.blocks if b.kind == "image"]  # type: ignore[misc]

    @property
    def files(self) -> list[File]:
        found = [b.value for b in self.blocks if b.kind == "document"]
        for block in self.blocks:
            if block.kind == "paragraph":
                found += [File(url=html.unescape(u)) for u in DOC_LINK.findall(block.value)]
        return found  # type: ignore[return-value]


DOC_LINK = re.compile(r'<a linktype="document" data-source="([^"]+)">')


# --- Cleaning -----------------------------------------------------------------------------


def sanitise(fragment: str) -> str:
    """The fragment with only harmless tags and attributes left (nh3)."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )


def text_of(element) -> str:
    """An element's text on one line, NFC."""
    return clean_line(" ".join(element.itertext()))


# --- Captions, bylines, source lines ------------------------------------------------------


def split_caption(text: str) -> tuple[str, str]:
    """(caption, credit) of a photo's caption line.

    >>> split_caption("Lãnh đạo Sở phát biểu tại hội nghị. Ảnh: Nguyễn Hiền")
    ('Lãnh đạo Sở phát biểu tại hội nghị.', 'Ảnh: Nguyễn Hiền')
    >>> split_caption("Ảnh: Nguyễn Hiền")
    ('', 'Ảnh: Nguyễn Hiền')
    >>> split_caption("Ảnh: Toàn cảnh hội nghị tổng kết công tác năm 2023 của ngành")
    ('Toàn cảnh hội nghị tổng kết công tác năm 2023 của ngành', '')
    >>> split_caption("Quang cảnh buổi lễ (Ảnh: Lê Hà)")
    ('Quang cảnh buổi lễ', 'Ảnh: Lê Hà')
    """
    text = clean_line(text)
    whole = CREDIT.match(text)
    if whole:
        rest = whole.group(2).strip()
        if looks_like_name(rest) or is_unit(rest):
            return "", clean_line(text.strip("() "))  # the credit as the page wrote it
        return rest, ""
    tail = CREDIT_TAIL.match(text)
    if tail and tail.group(1).strip() and looks_like_name(tail.group(2).split(":", 1)[1]):
        caption = tail.group(1).strip().rstrip("-–( ").strip()
        return caption, clean_line(tail.group(2)).replace(" :", ":")
    return text, ""


# How a unit's name begins (folded: "Phòng", "Sở", "Trung tâm", "Báo", "Đài"…).
UNIT_WORDS = (
    "phong ", "ban ", "so ", "trung tam ", "van phong ", "bao ", "dai ", "ubnd ", "cong ",
    "tap chi ", "hoi ", "chi cuc ", "cuc ", "bo ", "thong tan ", "benh vien ", "truong ",
    "cong an ",
)  # fmt: skip


def is_unit(text: str) -> bool:
    """A short unit name ("Phòng Bưu chính", "Báo Tỉnh Mẫu"), which credits a photo.

    >>> is_unit("Phòng Bưu chính"), is_unit("Toàn cảnh hội nghị")
    (True, False)
    """
    text = clean_line(text)
    folded = fold(text).lower() + " "
    return len(text.split()) <= 6 and folded.startswith(UNIT_WORDS) and text[0].isupper()


def looks_like_name(text: str) -> bool:
    """A person's or unit's name: a few words, each capitalised (or an acronym).

    >>> looks_like_name("Nguyễn Hiền"), looks_like_name("TTXVN"), looks_like_name("toàn cảnh")
    (True, True, False)
    """
    words = clean_line(text).replace(",", " ").split()
    return 0 < len(words) <= 6 and all(w[0].isupper() or w[0].isdigit() for w in words)


def parse_byline(text: str) -> tuple[str, str] | None:
    """(names, unit) of a signature line, or None if the line is not one.

    >>> parse_byline("Nguyễn Hiền - Phòng QLTTBCXB")
    ('Nguyễn Hiền', 'Phòng QLTTBCXB')
    >>> parse_byline("Lê Hà, Trần Minh")
    ('Lê Hà, Trần Minh', '')
    >>> parse_byline("Hội nghị đã thống nhất các nội dung.") is None
    True
    """
    text = clean_line(text).strip("()")
    if not text or len(text) > 120 or text.endswith((".", ":", ";", "?", "!")):
        return None
    names, unit = text, ""
    parts = re.split(r"\s+[-–—]\s+", text, maxsplit=1)
    if len(parts) == 2:
        names, unit = parts
    elif "(" in text:
        names, unit = text.split("(", 1)
        unit = unit.rstrip(")")
    names, unit = names.strip(), unit.strip()
    if not all(looks_like_name(n) for n in names.split(",")):
        return None
    if unit and not looks_like_name(unit.split()[0]):
        return None
    return names, unit


def parse_source(text: str) -> str:
    """The source of a "Nguồn: …" / "Theo …" line, or "".

    >>> parse_source("Nguồn: Báo Thanh Hóa"), parse_source("(Theo Cổng TTĐT tỉnh)")
    ('Báo Thanh Hóa', 'Cổng TTĐT tỉnh')
    """
    match = SOURCE_LINE.match(clean_line(text))
    return match.group(2).strip() if match and len(text) < 160 else ""


# --- Dates --------------------------------------------------------------------------------

_DMY = re.compile(
    r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)"
    r"(?:[^\d]{0,12}?(\d{1,2})\s*[:hg]\s*(\d{2})(?:\s*:\s*(\d{2}))?)?"
)
_HM_FIRST = re.compile(
    r"(?<!\d)(\d{1,2})\s*[:h]\s*(\d{2})(?::\d{2})?\s*(?:[APap][Mm])?\s*[,\-–|]?\s*(?:ngày\s*)?"
    r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})"
)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")
_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)


def parse_date(text: str) -> datetime.datetime | None:
    """A Vietnamese date (and time) in the site's time zone, or None.

    >>> parse_date("Thứ Năm, 24/08/2023 15:30").isoformat()
    '2023-08-24T15:30:00+07:00'
    >>> parse_date("24-8-2023").isoformat()
    '2023-08-24T00:00:00+07:00'
    >>> parse_date("Cập nhật lúc 08:15 - 24/08/2023").isoformat()
    '2023-08-24T08:15:00+07:00'
    >>> parse_date("Thanh Hóa, ngày 5 tháng 9 năm 2022").date().isoformat()
    '2022-09-05'
    >>> parse_date("2023-08-24T15:30:00").isoformat()
    '2023-08-24T15:30:00+07:00'
    >>> parse_date("31/02/2023") is None
    True
    """
    text = clean_line(text or "")
    parts: tuple | None = None
    if match := _HM_FIRST.search(text):
        hour, minute, day, month, year = match.groups()
        parts = (year, month, day, hour, minute, 0)
    elif match := _DMY.search(text):
        day, month, year, hour, minute, second = match.groups()
        parts = (year, month, day, hour or 0, minute or 0, second or 0)
    elif match := _ISO.search(text):
        year, month, day, hour, minute, second = match.groups()
        parts = (year, month, day, hour or 0, minute or 0, second or 0)
    elif match := _WORDS.search(text):
        day, month, year = match.groups()
        parts = (year, month, day, 0, 0, 0)
    if parts is None:
        return None
    try:
        value = datetime.datetime(*(int(p) for p in parts))
    except ValueError:
        return None
    return timezone.make_aware(value, timezone.get_default_timezone())


# --- HTML → blocks ------------------------------------------------------------------------


def _is_file_link(href: str) -> bool:
    """A link to a file: by its extension, or DotNetNuke's download address
    (`/LinkClick.aspx?fileticket=…`, the file named by the answer's Content-Disposition)."""
    parts = urlparse(href)
    path = parts.path.lower()
    if path.endswith("/linkclick.aspx") and "fileticket=" in parts.query.lower():
        return True
    return path.rsplit(".", 1)[-1] in FILE_EXTENSIONS if "." in path else False


class _Converter:
    """Walks the cleaned body, gathering rich text and emitting blocks."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.host = urlparse(base_url).netloc
        self.blocks: list[Block] = []
        self.rich: list[str] = []

    # Rich text -------------------------------------------------------------------------

    def flush(self) -> None:
        text = "".join(self.rich).strip()
        if text:
            self.blocks.append(Block("paragraph", text))
        self.rich = []

    def link(self, href: str) -> str:
        """A link as Cổng keeps it: a file as a document link (resolved by the writer), an
        address on the old site as its path (its redirect leads to the new page)."""
        url = urljoin(self.base_url, href.strip())
        if _is_file_link(url):
            return f'<a linktype="document" data-source="{html.escape(url)}">'
        parsed = urlparse(url)
        if parsed.netloc == self.host:
            url = parsed.path + (f"?{parsed.query}" if parsed.query else "")
        return f'<a href="{html.escape(url)}">'

    def inline(self, element) -> str:
        """An element's inline content as rich-text HTML (b, i, a, br); images are lifted
        out as blocks by the caller before this is called."""
        out = [html.escape(element.text or "")]
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            inner = self.inline(child)
            if tag in ("b", "strong") and inner.strip():
                out.append(f"<b>{inner}</b>")
            elif tag in ("i", "em") and inner.strip():
                out.append(f"<i>{inner}</i>")
            elif tag == "a" and child.get("href") and inner.strip():
                out.append(f"{self.link(child.get('href'))}{inner}</a>")
            elif tag == "br":
                out.append("<br/>")
            else:
                out.append(inner)
            out.append(html.escape(child.tail or ""))
        return nfc("".join(out))

    def paragraph(self, element) -> None:
        inner = self.inline(element).strip()
        inner = re.sub(r"^(<br/>\s*)+|(\s*<br/>)+$", "", inner)
        if clean_line(re.sub(r"<[^>]+>", "", inner)):
            self.rich.append(f"<p>{inner}</p>")

    # Blocks ----------------------------------------------------------------------------

    def image(self, img, caption_text: str = "") -> None:
        src = img.get("src") or img.get("data-src") or ""
        if not src or src.startswith("data:"):
            return
        caption, credit = split_caption(caption_text) if caption_text else ("", "")
        alt = clean_line(img.get("alt") or "")
        self.flush()
        self.blocks.append(
            Block(
                "image",
                Image(
                    url=urljoin(self.base_url, src),
                    caption=caption[:CAPTION_MAX],
                    credit=credit[:255],
                    alt=(caption or alt)[:255],
                ),
            )
        )

    def table(self, element) -> None:
        images = element.findall(".//img")
        rows = element.findall(".//tr")
        if len(images) == 1 and len(rows) <= 3:  # a layout table holding a photo and caption
            self.image(images[0], text_of(element))
            return
        data = [[text_of(cell) for cell in row if cell.tag in ("td", "th")] for row in rows]
        data = [row for row in data if any(row)]
        if not data:
            return
        width = max(len(row) for row in data)
        data = [row + [""] * (width - len(row)) for row in data]
        header = bool(rows) and all(c.tag == "th" for c in rows[0] if isinstance(c.tag, str))
        caption = element.find("caption")
        self.flush()
        self.blocks.append(
            Block(
                "table",
                {
                    "data": data,
                    "first_row_is_table_header": header,
                    "first_col_is_header": False,
                    "table_caption": text_of(caption) if caption is not None else "",
                },
            )
        )

    def quote(self, element) -> None:
        lines = [text_of(p) for p in element.findall(".//p")] or [text_of(element)]
        lines = [line for line in lines if line]
        if not lines:
            return
        attribution = ""
        if len(lines) > 1 and re.match(r"^[-–—]\s*", lines[-1]):
            attribution = re.sub(r"^[-–—]\s*", "", lines.pop())
        self.flush()
        self.blocks.append(Block("quote", ("\n\n".join(lines), attribution)))

    # Walk ------------------------------------------------------------------------------

    def walk(self, parent) -> None:
        children = [c for c in parent if isinstance(c.tag, str)]
        index = 0
        while index < len(children):
            child = children[index]
            following = children[index + 1] if index + 1 < len(children) else None
            consumed = self.element(child, following)
            index += 2 if consumed else 1

    def element(self, element, following) -> bool:
        """Handle one element; True when it also used up the element that follows (a
        caption line)."""
        tag = element.tag
        if tag == "figure":
            img = element.find(".//img")
            caption = element.find(".//figcaption")
            if img is not None:
                self.image(img, text_of(caption) if caption is not None else "")
            return False
        if tag == "table":
            self.table(element)
            return False
        if tag == "blockquote":
            self.quote(element)
            return False
        if tag in HEADINGS:
            text = self.inline(element).strip()
            if text:
                level = HEADINGS[tag]
                self.rich.append(f"<{level}>{re.sub(r'</?b>', '', text)}</{level}>")
            return False
        if tag in ("ul", "ol"):
            items = [self.inline(li).strip() for li in element.findall("li")]
            items = [i for i in items if clean_line(re.sub(r"<[^>]+>", "", i))]
            if items:
                self.rich.append(f"<{tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{tag}>")
            return False
        images = element.findall(".//img") if tag != "img" else [element]
        if images:
            return self.with_images(element, images, following)
        if tag in ("div", "section", "article", "center") and any(
            isinstance(c.tag, str) and c.tag not in INLINE for c in element
        ):
            self.walk(element)
            return False
        self.paragraph(element)
        return False

    def with_images(self, element, images, following) -> bool:
        """A paragraph holding photos: text before them stays a paragraph; the text after
        the last photo inside the same paragraph, or else the next line if it looks like a
        caption, becomes the caption."""
        if len(images) > 1 or element.tag in ("div", "section", "article"):
            if any(isinstance(c.tag, str) and c.tag not in INLINE | {"img"} for c in element):
                self.walk(element)
                return False
        if len(images) > 1:
            for img in images:
                self.image(img)
            return False
        img = images[0]
        before, after = _split_at(element, img)
        if before:
            self.rich.append(f"<p>{html.escape(before)}</p>")
        if after:
            self.image(img, after)
            return False
        if following is not None and is_caption(following):
            self.image(img, text_of(following))
            return True
        self.image(img)
        return False


def _split_at(element, img) -> tuple[str, str]:
    """The text of `element` before and after `img` (a marker put in the photo's tail
    splits the element's text in document order)."""
    if element is img:
        return "", ""
    tail = img.tail
    img.tail = "\ue000" + (tail or "")
    try:
        before, _marker, after = "".join(element.itertext()).partition("\ue000")
    finally:
        img.tail = tail
    return clean_line(before), clean_line(after)


def is_caption(element) -> bool:
    """Whether a line under a photo is its caption: italic as a whole, centred, a
    `figcaption`-like class, or starting with "Ảnh:"."""
    if element.find(".//img") is not None:
        return False
    text = text_of(element)
    if not text or len(text) > CAPTION_MAX:
        return False
    if CREDIT.match(text):
        return True
    style = (element.get("style") or "").replace(" ", "").lower()
    if "text-align:center" in style or (element.get("align") or "").lower() == "center":
        return True
    if element.tag == "center" or "caption" in (element.get("class") or "").lower():
        return True
    italic = element.findall(".//i") + element.findall(".//em")
    italic_text = clean_line(" ".join(" ".join(i.itertext()) for i in italic))
    return bool(italic_text) and italic_text == text


def _signature_lines(converter: _Converter, content: Content) -> None:
    """Move the closing byline and source lines from the body into fields."""
    blocks = converter.blocks
    while blocks and blocks[-1].kind == "paragraph":
        paragraphs = re.findall(r"<p>(.*?)</p>", blocks[-1].value, re.S)
        if not paragraphs:
            return
        last = clean_line(re.sub(r"<[^>]+>", " ", html.unescape(paragraphs[-1])))
        if CLOSING_CHROME.match(last):
            pass  # "Lượt xem: 1.234", "In bài": the old page's tools, not the article
        elif not content.source and (source := parse_source(last)):
            content.source = source
        elif not content.author_names and (byline := parse_byline(last)):
            content.author_names, content.author_unit = byline
        else:
            return
        rest = blocks[-1].value[: blocks[-1].value.rfind("<p>")].strip()
        if rest:
            blocks[-1] = Block("paragraph", rest)
        else:
            blocks.pop()


def _lead_paragraph(converter: _Converter, content: Content) -> None:
    """An opening paragraph in bold is the lead (sapo), as Vietnamese news sites set it."""
    if not converter.blocks or converter.blocks[0].kind != "paragraph":
        return
    first = converter.blocks[0].value
    match = re.match(r"<p>\s*<b>(.*?)</b>\s*</p>", first, re.S)
    if match and "<b>" not in match.group(1):
        content.lead = clean_line(html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))))
        rest = first[match.end() :].strip()
        if rest:
            converter.blocks[0] = Block("paragraph", rest)
        else:
            converter.blocks.pop(0)


def convert(body_html: str, base_url: str, *, find_lead: bool = True) -> Content:
    """The body HTML of an old article as blocks, byline, source and (if the body opens
    with a bold paragraph and no lead was found elsewhere) lead."""
    cleaned = sanitise(body_html or "")
    content = Content()
    if not cleaned.strip():
        return content
    root = lxml_html.fragment_fromstring(cleaned, create_parent="div")
    converter = _Converter(base_url)
    converter.walk(root)
    converter.flush()
    _signature_lines(converter, content)
    if find_lead:
        _lead_paragraph(converter, content)
    content.blocks = _merge_paragraphs(converter.blocks)
    return content


def _merge_paragraphs(blocks: list[Block]) -> list[Block]:
    merged: list[Block] = []
    for block in blocks:
        if block.kind == "paragraph" and merged and merged[-1].kind == "paragraph":
            merged[-1] = Block("paragraph", merged[-1].value + block.value)  # type: ignore[operator]
        else:
            merged.append(block)
    return merged


def plain_lead(content: Content, limit: int = 300) -> str:
    """A lead for an article that has none: the first paragraph's opening sentences."""
    for block in content.blocks:
        if block.kind == "paragraph":
            text = clean_line(html.unescape(re.sub(r"<[^>]+>", " ", str(block.value))))
            if text:
                return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"
    return ""
