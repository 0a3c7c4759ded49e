"""A WordPress export file (WXR, "Công cụ → Xuất"): posts, pages, their photos and categories.

Many commune sites run WordPress. The export is RSS with WordPress's own elements: the body
in `<content:encoded>` (without `<p>`: WordPress adds paragraphs when it shows a post, and
photo captions are `[caption]` shortcodes), the date in `<wp:post_date>`, categories as
`<category domain="category" nicename="…">`, and each uploaded file as an "attachment" item
whose address is `<wp:attachment_url>` (a post's featured image is the attachment named by
its `_thumbnail_id` meta).
"""

import datetime
import html
import re
from collections.abc import Iterator
from urllib.parse import urlparse

from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from cong.core.text import clean_line, nfc
from cong.siteimport.records import VIEWS_MAX, Article, Category, Image, Page, Problem, Redirect

WP = "{http://wordpress.org/export/1.2/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
EXCERPT = "{http://wordpress.org/export/1.2/excerpt/}encoded"
CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
CAPTION = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.S | re.I)
SHORTCODE = re.compile(r"\[/?[a-z_]+[^\]]*\]", re.I)
# Post meta where view-counting plugins keep a post's count (WP-PostViews: "views").
VIEW_KEYS = {"views", "post_views_count", "wpb_post_views_count", "_post_views_count"}
BLOCK_START = re.compile(r"^\s*<(p|div|h[1-6]|ul|ol|table|blockquote|figure)\b", re.I)


def _caption(match: re.Match) -> str:
    """`[caption]<img …> Text[/caption]` → `<figure><img …><figcaption>Text</figcaption>`."""
    inner = match.group(1)
    image = re.search(r"(<a[^>]*>\s*)?<img[^>]*>(\s*</a>)?", inner)
    if not image:
        return inner
    text = clean_line(re.sub(r"<[^>]+>", " ", inner[image.end() :]))
    return f"<figure>{image.group(0)}<figcaption>{html.escape(text)}</figcaption></figure>"


def autop(text: str) -> str:
    """WordPress's paragraphs: blank lines separate them, a single newline is a line break.

    >>> autop("Dòng một\\ncòn tiếp.\\n\\n<h2>Mục</h2>\\n\\nĐoạn hai")
    '<p>Dòng một<br/>còn tiếp.</p>\\n<h2>Mục</h2>\\n<p>Đoạn hai</p>'
    """
    chunks = [c.strip() for c in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    out = []
    for chunk in filter(None, chunks):
        if BLOCK_START.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.replace("\n", "<br/>") + "</p>")
    return "\n".join(out)


def _date(item) -> datetime.datetime | None:
    for tag in (WP + "post_date", WP + "post_date_gmt"):
        value = (item.findtext(tag) or "").strip()
        if value and not value.startswith("0000"):
            try:
                parsed = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
            except ValueError:
                continue
            if tag.endswith("gmt"):
                return parsed.replace(tzinfo=datetime.UTC)
            return timezone.make_aware(parsed, timezone.get_default_timezone())
    return None


def read(content: bytes, only_published: bool = True) -> Iterator[Article | Problem]:
    """The posts and pages of a WordPress export, in file order."""
    try:
        root = etree.fromstring(
            content, etree.XMLParser(resolve_entities=False, huge_tree=True, recover=True)
        )
    except etree.XMLSyntaxError as exc:
        yield Problem("", _("không đọc được tệp WXR (%(error)s)") % {"error": exc})
        return
    if root is None:
        yield Problem("", _("tệp WXR rỗng"))
        return
    items = root.findall("./channel/item")
    attachments = {
        item.findtext(WP + "post_id"): item.findtext(WP + "attachment_url")
        for item in items
        if item.findtext(WP + "post_type") == "attachment"
    }
    for item in items:
        kind = item.findtext(WP + "post_type")
        if kind not in ("post", "page"):
            continue
        url = (item.findtext("link") or item.findtext("guid") or "").strip()
        title = clean_line(nfc(item.findtext("title") or ""))
        if only_published and item.findtext(WP + "status") != "publish":
            continue
        if not url or not title:
            yield Problem(url or title, _("bài không có tiêu đề hoặc địa chỉ"))
            continue
        yield _record(item, kind, url, title, attachments)


def _record(item, kind: str, url: str, title: str, attachments: dict) -> Article:
    body = nfc(item.findtext(CONTENT) or "")
    body = autop(SHORTCODE.sub("", CAPTION.sub(_caption, body)))
    redirects = []
    guid = (item.findtext("guid") or "").strip()
    post_id = item.findtext(WP + "post_id")
    if guid and guid != url:
        redirects.append(Redirect(guid))
    if post_id:
        host = urlparse(url)
        redirects.append(Redirect(f"{host.scheme}://{host.netloc}/?p={post_id}"))
    featured = None
    views = None
    for meta in item.findall(WP + "postmeta"):
        key = meta.findtext(WP + "meta_key")
        if key == "_thumbnail_id":
            address = attachments.get(meta.findtext(WP + "meta_value"))
            featured = Image(url=address) if address else None
        elif key in VIEW_KEYS and (value := (meta.findtext(WP + "meta_value") or "").strip()):
            views = int(value) if value.isdigit() and int(value) <= VIEWS_MAX else views
    categories = [
        Category(key=c.get("nicename") or "", title=clean_line(nfc(c.text or "")))
        for c in item.findall("category")
        if c.get("domain") == "category"
    ]
    record_class = Page if kind == "page" else Article
    return record_class(
        source_url=url,
        title=title,
        body_html=body,
        lead=clean_line(nfc(re.sub(r"<[^>]+>", " ", item.findtext(EXCERPT) or ""))),
        date=_date(item),
        author_names="",
        categories=categories,
        featured_image=featured,
        redirects=redirects,
        view_count=views,
    )
