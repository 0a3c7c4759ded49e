"""Demo disclosure sections and press statements for `manage.py load_demo` (idempotent: only
what is missing is added). Every text comes from cong/demo/data/disclosure.json."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from cong.core.text import slugify_vi
from cong.disclosure.models import DisclosureItem, DisclosurePage
from cong.news.models import ArticlePage, CategoryPage


def _file(title: str, lines: list[str], make_pdf):
    """The item's PDF, made once: a second run finds it by its title."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        content = make_pdf(title.upper(), lines)
        document = Document(title=title)
        document.file.save(f"{slugify_vi(title)[:80]}.pdf", ContentFile(content), save=False)
        document.file_size = len(content)
        document.save()
    return document


def _items(page: DisclosurePage, items: list[dict], shared: dict, make_pdf) -> bool:
    """Add the items the page lacks (matched by title), each with its PDF; whether any was
    added. `shared` holds the PDFs' lines and the files' display name."""
    existing = set(page.items.values_list("title", flat=True))
    added = False
    for data in items:
        if data["title"] in existing:
            continue
        item = DisclosureItem(
            title=data["title"],
            kind=data["kind"],
            year=data["year"],
            quarter=data.get("quarter"),
            month=data.get("month"),
            published_on=datetime.date.fromisoformat(data["published"]),
            note=data.get("note", ""),
        )
        lines = [line.format(period=item.period_label) for line in shared["pdf_lines"]]
        document = _file(data["title"], lines, make_pdf)
        item.files = [("file", {"document": document, "title": shared["file_title"]})]
        page.items.add(item)
        added = True
    return added


def _section(parent, data: dict, shared: dict, make_pdf) -> DisclosurePage:
    page = DisclosurePage.objects.child_of(parent).filter(slug=data["slug"]).first()
    created = page is None
    if created:
        page = DisclosurePage(
            title=data["title"],
            slug=data["slug"],
            intro=data.get("intro", ""),
            legal_basis=data.get("legal_basis", ""),
            show_in_menus=True,
        )
    added = _items(page, data.get("items", []), shared, make_pdf)
    if created:
        parent.add_child(instance=page)
    elif added:
        page.save()
    if created or added:
        page.save_revision().publish()
    for child in data.get("children", []):
        _section(page, child, shared, make_pdf)
    return page


def ensure_disclosure(home, site, data: dict, make_pdf) -> CategoryPage:
    """The "Công khai" section in the menu with its sub-sections (budget, investment and
    procurement, work plans, the catalogue of public information), each naming the law it
    answers, with sample items and their generated PDF files; then the press statements,
    whose section it returns. `make_pdf(title, lines) -> bytes` writes the files."""
    _section(home, data["index"], data, make_pdf)
    return ensure_press_releases(home, data["press"])


def ensure_press_releases(home, data: dict) -> CategoryPage:
    """The "Thông cáo báo chí" section: a news section (CategoryPage) of press statements
    (ArticlePage), so they get the listing, feed, search and sitemap every section has."""
    section = CategoryPage.objects.child_of(home).filter(slug=data["slug"]).first()
    if section is None:
        section = home.add_child(
            instance=CategoryPage(
                title=data["title"],
                slug=data["slug"],
                intro=f"<p>{data['intro']}</p>",
                show_in_menus=False,
            )
        )
        section.save_revision().publish()
    for article in data["articles"]:
        slug = slugify_vi(article["title"])
        if ArticlePage.objects.child_of(section).filter(slug=slug).exists():
            continue
        when = timezone.make_aware(datetime.datetime.fromisoformat(article["date"]))
        page = ArticlePage(
            title=article["title"],
            slug=slug,
            lead=article["lead"],
            body=[("paragraph", RichText(f"<p>{text}</p>")) for text in article["paragraphs"]],
            date=when,
            author_names=article.get("authors", ""),
            author_unit=article.get("unit", ""),
            first_published_at=when,
        )
        section.add_child(instance=page)
        page.save_revision().publish()
    return section
