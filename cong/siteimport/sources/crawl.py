"""Crawling an old site over HTTP: find its articles, read each with its platform's preset.

Articles are found from a sitemap (`sitemap.xml`, sitemap indexes followed), an RSS feed, or
section listing pages (their "next page" links followed). Each article page is decoded
whatever its encoding (`cong.siteimport.encodings`), its parts picked by the preset's CSS
selectors, its body by the fallback extractor when the selector finds nothing.

Resuming: addresses already imported (`ImportedItem`) are not fetched again unless
`refresh` is asked for, so a run killed half-way picks up where it stopped.
"""

import re
from collections.abc import Iterable, Iterator
from itertools import chain
from urllib.parse import urldefrag, urljoin, urlparse

from django.utils.translation import gettext as _
from lxml import etree
from lxml import html as lxml_html

from cong.core.text import clean_line, slugify_vi
from cong.siteimport import content, encodings, extract
from cong.siteimport.records import VIEWS_MAX, Article, Category, Image, Problem, Redirect
from cong.siteimport.sources.http import Fetcher, FetchError, Response
from cong.siteimport.sources.presets import PRESETS, Preset

MAX_LISTING_PAGES = 10_000
HOME_WORDS = {"trang chu", "home", "trang chinh"}


def detect_preset(page: str) -> Preset:
    """The platform a page was made by, from the marks each leaves in its HTML."""
    lowered = page[:100_000].lower()
    if "liferay" in lowered or "journal-content-article" in lowered:
        return PRESETS["liferay"]
    if "nukeviet" in lowered or "news-bodyhtml" in lowered:
        return PRESETS["nukeviet"]
    if any(mark in lowered for mark in ("dotnetnuke", "edn_article", "/portals/0/", "dnn_ctr")):
        return PRESETS["dnn"]
    return PRESETS["generic"]


def _first(tree, selector: str):
    """The first element the first matching selector of the list finds (in the list's
    order of preference, not the document's)."""
    for one in filter(None, (s.strip() for s in selector.split(","))):
        found = _select(tree, one)
        if found:
            return found[0]
    return None


def _select(tree, selector: str) -> list:
    """What a CSS selector finds; nothing for one this lxml cannot compile."""
    from cssselect import SelectorError

    try:
        return tree.cssselect(selector)
    except SelectorError:
        return []


def _text(tree, selector: str) -> str:
    element = _first(tree, selector)
    return content.text_of(element) if element is not None else ""


def _meta(tree, *names: str) -> str:
    for name in names:
        for element in tree.xpath(f'//meta[@property="{name}" or @name="{name}"]'):
            if element.get("content"):
                return clean_line(element.get("content"))
    return ""


def _categories(tree, preset: Preset, title: str) -> list[Category]:
    """The article's section, from its breadcrumb: the last link that is neither the home
    page nor the article itself."""
    if not preset.categories:
        return []
    links = _select(tree, preset.categories)
    found = []
    for link in links:
        text = content.text_of(link)
        key = slugify_vi(text)
        if not text or key.replace("-", " ") in HOME_WORDS or text == title:
            continue
        found.append(Category(key=key, title=text, url=link.get("href") or ""))
    return found[-1:]


# "Lượt xem: 1.234", "Số lượt xem: 56", "Lượt đọc 1,234", "(1.234 lượt xem)"; not the site's
# own counters ("Tổng lượt xem", "Lượt truy cập").
_COUNT = r"(\d{1,3}(?:[.,\u00a0 ]\d{3})+(?!\d)|\d+)"
VIEWS_LABEL = re.compile(
    r"(?<!tổng )(?<!tổng số )(?:số\s+lượt\s+xem|lượt\s+xem|lượt\s+đọc)\s*[:：]?\s*" + _COUNT,
    re.I,
)
VIEWS_AFTER = re.compile(_COUNT + r"\s+(?:lượt\s+xem|lượt\s+đọc)\b", re.I)


def parse_views(text: str) -> int | None:
    """The view count a line shows, or None.

    >>> parse_views("Lượt xem: 1.234"), parse_views("Số lượt xem 56 | 24/08/2023")
    (1234, 56)
    >>> parse_views("(2,345 lượt đọc)"), parse_views("Tổng lượt xem: 99"), parse_views("")
    (2345, None, None)
    """
    text = clean_line(text)
    match = VIEWS_LABEL.search(text) or VIEWS_AFTER.search(text)
    if match is None:
        return None
    count = int(re.sub(r"\D", "", match.group(1)))
    return count if count <= VIEWS_MAX else None


def _views(tree, preset: Preset, title, body) -> int | None:
    """The old page's view count: the preset's element (a bare number there counts too),
    else a "Lượt xem: …" line in the article's frame (what holds both its title and its
    body: not a sidebar's "most read" counts; no count there is no count), or anywhere on
    the page when there is no frame (a body found by the fallback extractor)."""
    if preset.views:
        line = _text(tree, preset.views)
        found = parse_views(line)
        if found is None and (digits := re.fullmatch(r"[\d.,\s]+", line)):
            found = int(re.sub(r"\D", "", digits.group(0)) or 0) or None
        if found is not None:
            return found
    scope = _frame(title, body)
    if scope is None:
        scope = tree.body
    return parse_views(" ".join(_visible_text(scope))) if scope is not None else None


def _frame(title, body):
    """The smallest element holding both the title and the body (None if either is)."""
    if title is None or body is None:
        return None
    above_title = set(title.iterancestors())
    return next((e for e in chain([body], body.iterancestors()) if e in above_title), None)


def _visible_text(element) -> Iterator[str]:
    for node in element.iter():
        if isinstance(node.tag, str) and node.tag not in ("script", "style"):
            yield node.text or ""
        if node is not element:
            yield node.tail or ""


def read_article(response: Response, preset_name: str = "auto") -> Article | Problem:
    """One article page as an Article, or a Problem saying why it cannot be read."""
    text = encodings.decode(response.content, response.charset)
    try:
        tree = lxml_html.document_fromstring(text, base_url=response.url)
    except (etree.ParserError, ValueError) as exc:
        return Problem(response.url, _("không đọc được HTML (%(error)s)") % {"error": exc})
    preset = detect_preset(text) if preset_name == "auto" else PRESETS[preset_name]
    title_element = _first(tree, preset.title)
    title = content.text_of(title_element) if title_element is not None else ""
    title = title or _meta(tree, "og:title")
    if not title:
        head_title = tree.find(".//title")
        title = content.text_of(head_title) if head_title is not None else ""
    if not title:
        return Problem(response.url, _("không tìm thấy tiêu đề"))
    for selector in filter(None, (preset.drop,)):
        for element in tree.cssselect(selector):
            element.drop_tree()
    body = _first(tree, preset.body)
    if body is not None:
        body_html = lxml_html.tostring(body, encoding="unicode")
    else:
        body_html = extract.main_content(text, response.url)
    if not body_html or not content.text_of(lxml_html.fragment_fromstring(body_html, "div")):
        return Problem(response.url, _("không tìm thấy nội dung bài"))
    date_text = _text(tree, preset.date) or _meta(tree, "article:published_time", "pubdate", "date")
    byline = content.parse_byline(_text(tree, preset.byline)) if preset.byline else None
    lead = _text(tree, preset.lead) if preset.lead else ""
    image = _meta(tree, "og:image")
    redirects = []
    for link in tree.xpath('//link[@rel="canonical"][@href]'):
        canonical = urldefrag(urljoin(response.url, link.get("href")))[0]
        if canonical != response.url and _same_site(canonical, response.url):
            redirects.append(Redirect(canonical))  # the address the old site called its own
    return Article(
        source_url=response.url,
        title=title,
        body_html=_without_lead(body_html, lead),
        lead=lead,
        date=content.parse_date(date_text) if date_text else None,
        author_names=byline[0] if byline else "",
        author_unit=byline[1] if byline else "",
        source=_source(tree, preset),
        categories=_categories(tree, preset, title),
        featured_image=Image(url=urljoin(response.url, image)) if image else None,
        view_count=_views(tree, preset, title_element, body),
        redirects=redirects[:1],
    )


def _source(tree, preset: Preset) -> str:
    line = _text(tree, preset.source) if preset.source else ""
    return content.parse_source(line) or line


def _without_lead(body_html: str, lead: str) -> str:
    """The body without the lead paragraph, when the page repeats it inside the body."""
    if not lead:
        return body_html
    root = lxml_html.fragment_fromstring(body_html, create_parent="div")
    for element in root.iter("p", "div"):
        if content.text_of(element) == lead:
            element.drop_tree()
            return lxml_html.tostring(root, encoding="unicode")
    return body_html


# --- Finding the articles ------------------------------------------------------------------


def _xml_locations(response: Response) -> tuple[list[str], list[str]] | None:
    """(sitemaps, pages) of a sitemap or sitemap index, or the item links of an RSS feed;
    None if the response is not one of those."""
    head = response.content[:512].lstrip()
    if not head.startswith(b"<?xml") and not head.startswith(
        (b"<urlset", b"<sitemapindex", b"<rss")
    ):
        return None
    try:
        root = etree.fromstring(response.content, etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError:
        return None
    tag = etree.QName(root).localname
    if tag == "sitemapindex":
        return [e.text.strip() for e in root.iter("{*}loc") if e.text], []
    if tag == "urlset":
        return [], [e.text.strip() for e in root.iter("{*}loc") if e.text]
    if tag in ("rss", "feed"):
        links = [e.text.strip() for e in root.iter("link") if e.text and e.text.strip()]
        links += [e.get("href") for e in root.iter("{*}link") if e.get("href")]
        return [], links[1:] if tag == "rss" else links
    return None


def _same_site(url: str, start: str) -> bool:
    return urlparse(url).netloc == urlparse(start).netloc


def discover(
    start: str, fetcher: Fetcher, preset_name: str, problems: list[Problem]
) -> Iterator[str]:
    """Article addresses of the old site, each once, in the order found."""
    seen: set[str] = set()
    queue = [start]
    listing_pages = 0
    while queue:
        url = queue.pop(0)
        try:
            response = fetcher.get(url)
        except FetchError as exc:
            problems.append(Problem(url, exc.reason))
            continue
        located = _xml_locations(response)
        if located is not None:
            sitemaps, pages = located
            queue.extend(s for s in sitemaps if s not in seen)
            seen.update(sitemaps)
            for page in pages:
                page = urldefrag(page)[0]
                if page not in seen and _same_site(page, start):
                    seen.add(page)
                    yield page
            continue
        listing_pages += 1
        text = encodings.decode(response.content, response.charset)
        preset = detect_preset(text) if preset_name == "auto" else PRESETS[preset_name]
        tree = lxml_html.document_fromstring(text, base_url=response.url)
        links = _links(tree, preset.listing, response.url)
        if not links and listing_pages == 1 and url == start:
            queue.append(urljoin(start, "/sitemap.xml"))
            continue
        for link in links:
            if link not in seen and _same_site(link, start):
                seen.add(link)
                yield link
        following = _next_page(tree, preset, response.url)
        if following and following not in seen and listing_pages < MAX_LISTING_PAGES:
            seen.add(following)
            queue.append(following)


# The page number in a listing's address: DNN's `/pageindex/2/`, `?page=2`, NukeViet's
# `/page-2`, `?trang=2`… (none: the first page).
PAGE_NUMBER = re.compile(
    r"(?:/pageindex/|/currentpage/|/page[-/]|[?&](?:page|pageindex|currentpage|trang)=)(\d+)",
    re.I,
)


def _next_page(tree, preset: Preset, url: str) -> str | None:
    """The listing's next page: its "next" link, else the numbered pager's link to the
    page after this one (DNN pagers have only numbers)."""
    links = _links(tree, preset.next, url)
    if links:
        return links[0]
    if not preset.pager:
        return None
    match = PAGE_NUMBER.search(url)
    wanted = str(int(match.group(1)) + 1 if match else 2)
    for link in _select(tree, preset.pager):
        href = (link.get("href") or "").strip()
        if content.text_of(link) == wanted and href and not href.startswith("javascript:"):
            return urldefrag(urljoin(url, href))[0]
    return None


def _links(tree, selector: str, base: str) -> list[str]:
    if not selector:
        return []
    found = _select(tree, selector)
    return [urldefrag(urljoin(base, a.get("href")))[0] for a in found if a.get("href")]


def crawl(
    start: str,
    fetcher: Fetcher,
    preset_name: str = "auto",
    skip: Iterable[str] = (),
    limit: int | None = None,
) -> Iterator[Article | Problem]:
    """Every article of the old site reachable from `start`, read; addresses in `skip`
    (already imported) are not fetched."""
    skipped = set(skip)
    problems: list[Problem] = []
    count = 0
    for url in discover(start, fetcher, preset_name, problems):
        yield from _drain(problems)
        if url in skipped:
            continue
        if limit is not None and count >= limit:
            break
        count += 1
        try:
            response = fetcher.get(url)
        except FetchError as exc:
            yield Problem(url, exc.reason)
            continue
        yield read_article(response, preset_name)
    yield from _drain(problems)


def _drain(problems: list[Problem]) -> Iterator[Problem]:
    while problems:
        yield problems.pop(0)
