"""Writing the neutral records into the site: pages, photos, files and old addresses.

Each article is written in one transaction (its photos, files, page, redirects and the
`ImportedItem` that remembers it): a failure or a Ctrl-C leaves it wholly there or wholly
absent, so a resumed run neither loses nor duplicates anything. An item already imported
with the same checksum is skipped; one whose old page changed is updated in place.
Photos and files are downloaded once per site: by old address first, then by the SHA-256
of their content, so the same photo under two addresses is one Wagtail image.
"""

import hashlib
import html
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlencode, urlparse

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Revision, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from cong.agency.models import InformationPage
from cong.core.text import clean_line, fold, slugify_vi
from cong.core.uploads import check_document, check_image, document_kind
from cong.news.models import ArticlePage, CategoryPage
from cong.siteimport import content as content_module
from cong.siteimport.models import ImportedFile, ImportedItem, ImportRun
from cong.siteimport.records import Article, File, Image
from cong.siteimport.sources.http import Fetcher, FetchError

# Query-string parameters that identify an item on old portals (?ItemID=123, ?id=5…): an
# address carrying one also redirects when the other parameters are missing or differ.
ID_PARAMETER = re.compile(r"^(item_?id|news_?id|article_?id|id|p|nid|tin_?id|cid)$", re.I)
# A DotNetNuke article's friendly address: /tin-tuc/tabid/94/[ctl/ArticleView/mid/512/]ArticleId/1001/….
DNN_ARTICLE = re.compile(r"/tabid/(\d+)/(?:[^?]*/)?(articleid|itemid|newsid)/(\d+)(?:/|$)", re.I)
REPORT_LIMIT = 1000
IMAGE_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp", "AVIF": "avif"}


@dataclass
class _Titled:
    """What `_save` reads from a record, for a section made from a category's name."""

    title: str
    date: None = None


class Interrupted(Exception):
    """Raised by a test hook to simulate a kill between two articles."""


@dataclass
class Stats:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0
    redirects: int = 0
    images: int = 0
    documents: int = 0
    failures: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def fail(self, url: str, reason: str) -> None:
        self.failed += 1
        if len(self.failures) < REPORT_LIMIT:
            self.failures.append({"url": url, "reason": reason})

    def warn(self, url: str, reason: str) -> None:
        if len(self.warnings) < REPORT_LIMIT:
            self.warnings.append({"url": url, "reason": reason})


def old_paths(url: str) -> list[str]:
    """The normalised old paths (Wagtail's form) that must lead to an item at `url`: the
    path with its whole query string, the path with only its identifying parameter, and
    a DotNetNuke article's query-string form.

    >>> old_paths("http://old.example/Default.aspx?tabid=56&ItemID=123")
    ['/Default.aspx?ItemID=123&tabid=56', '/Default.aspx?ItemID=123']
    >>> old_paths("http://old.example/tin-tuc/hoi-nghi.html")
    ['/tin-tuc/hoi-nghi.html']
    >>> old_paths("http://old.example/tin-tuc/tabid/94/ArticleId/1001/Hoi-nghi.aspx")
    ['/tin-tuc/tabid/94/ArticleId/1001/Hoi-nghi.aspx', '/Default.aspx?ArticleId=1001&tabid=94']
    """
    parts = urlparse(url)
    path = parts.path or "/"
    found = [Redirect.normalise_path(path + (f"?{parts.query}" if parts.query else ""))]
    identifying = [(k, v) for k, v in parse_qsl(parts.query) if ID_PARAMETER.match(k)]
    if identifying and len(identifying) < len(parse_qsl(parts.query)):
        found.append(Redirect.normalise_path(f"{path}?{urlencode(identifying)}"))
    if dnn := DNN_ARTICLE.search(path):
        # DotNetNuke answers the same article at /Default.aspx?tabid=94&ArticleId=1001.
        tab, key, number = dnn.groups()
        found.append(Redirect.normalise_path(f"/Default.aspx?{key}={number}&tabid={tab}"))
    return [p for i, p in enumerate(found) if p not in found[:i] and p != "/"]


class Writer:
    """Writes records into `site`, counting into `stats`; `mapping` says which section each
    old category goes to (see `cong.siteimport.mapping`)."""

    def __init__(
        self,
        site: Site,
        run: ImportRun,
        fetcher: Fetcher,
        mapping: dict | None = None,
        after_article: Callable[[int], None] | None = None,
    ) -> None:
        self.site = site
        self.run = run
        self.fetcher = fetcher
        self.mapping = mapping or {}
        self.stats = Stats()
        self.after_article = after_article  # tests: simulate a kill after N articles
        self._sections: dict[str, Page] = {}
        self._names: dict[str, str] = {}  # address → the file name its answer gave
        self._files: list = []  # files saved by the article being written
        self.home = site.root_page.specific

    # Public ---------------------------------------------------------------------------

    def write(self, record: Article) -> str:
        """Bring one record over; returns "created", "updated", "skipped" or "failed"."""
        checksum = record.checksum()
        known = (
            ImportedItem.objects.filter(site=self.site, source_url=record.source_url)
            .select_related("page")
            .first()
        )
        if known and known.checksum == checksum and known.page_id:
            if record.view_count is not None and record.view_count != known.views:
                # The old site's count grew: only the carried-over count changes.
                ImportedItem.objects.filter(pk=known.pk).update(views=record.view_count)
            self.stats.skipped += 1
            return "skipped"
        self._files = []
        try:
            try:
                with transaction.atomic(), disable_reference_index_auto_update():
                    outcome = self._write(record, known, checksum)
            except BaseException:
                self._discard_files()  # their rows were rolled back: the files go too
                raise
        except (FetchError, ValidationError, ValueError) as exc:
            self.stats.fail(record.source_url, _reason(exc))
            return "failed"
        except DatabaseError as exc:  # one odd article (a too-long field…) must not stop the run
            self.stats.fail(record.source_url, f"{exc.__class__.__name__}: {exc}")
            return "failed"
        setattr(self.stats, outcome, getattr(self.stats, outcome) + 1)
        if self.after_article:
            self.after_article(self.stats.created + self.stats.updated)
        return outcome

    # One article ---------------------------------------------------------------------

    def _write(self, record: Article, known: ImportedItem | None, checksum: str) -> str:
        converted = content_module.convert(record.body_html, record.source_url)
        body = self._body(record, converted)
        page = known.page.specific if known and known.page else None
        outcome = "updated" if page else "created"
        if record.kind == "page":
            page = self._information_page(record, converted, body, page)
        else:
            page = self._article(record, converted, body, page)
        self._redirects(record, page)
        # The page's references (its photos and files: the admin's "usage"), recorded here
        # once; the per-save handler would also index each photo's own (its collection).
        ReferenceIndex.create_or_update_for_object(page)
        ImportedItem.objects.update_or_create(
            site=self.site,
            source_url=record.source_url,
            defaults={
                "page": page,
                "checksum": checksum,
                "run": self.run,
                "views": record.view_count
                if record.view_count is not None
                else (known.views if known else 0),
            },
        )
        return outcome

    def _article(self, record, converted, body, page) -> ArticlePage:
        featured = None
        if record.featured_image:
            featured = self._image(record.featured_image, record.source_url)
        if featured is None:
            featured = next((b["value"]["image"] for b in body if b["type"] == "image"), None)
        lead = record.lead or converted.lead or content_module.plain_lead(converted)
        fields = {
            "title": clean_line(record.title)[:255],
            "lead": lead or record.title,
            "body": json.dumps(body),
            "author_names": (record.author_names or converted.author_names)[:255],
            "author_unit": (record.author_unit or converted.author_unit)[:255],
            "source": (record.source or converted.source)[:255],
            "date": record.date or timezone.now(),
            "featured_image_id": featured.pk if hasattr(featured, "pk") else featured,
        }
        parent = self._section(record)
        return self._save(ArticlePage, parent, page, fields, record)

    def _information_page(self, record, converted, body, page) -> InformationPage:
        fields = {
            "title": clean_line(record.title)[:255],
            "summary": record.lead or converted.lead,
            "body": json.dumps(body),
        }
        parent = self._target(self.mapping.get("pages_parent") or "/") or self.home
        return self._save(InformationPage, parent, page, fields, record)

    def _save(self, model, parent, page, fields, record):
        """Create or update the page, live, with one revision: saved once (one search and
        reference index update), where `save_revision().publish()` saves it three times,
        the cost that dominated an import of thousands of articles."""
        now = timezone.now()
        if page is None or not isinstance(page, model):
            page = model(slug=self._slug(parent, record.title), **fields)
            page.first_published_at = record.date or now
            _mark_published(page, now)
            parent.add_child(instance=page)
        else:
            for name, value in fields.items():
                setattr(page, name, value)
            _mark_published(page, now)
            page.save()
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            content=page.serializable_data(),
            object_str=str(page),
        )
        Page.objects.filter(pk=page.pk).update(
            latest_revision=revision, live_revision=revision, latest_revision_created_at=now
        )
        page.latest_revision, page.live_revision = revision, revision
        return page

    def _slug(self, parent: Page, title: str) -> str:
        base = slugify_vi(title, 80) or "bai-viet"
        slug, number = base, 1
        while Page.objects.child_of(parent).filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    # Body ----------------------------------------------------------------------------

    def _body(self, record: Article, converted) -> list[dict]:
        """StreamField data for the converted blocks, photos and files downloaded."""
        body: list[dict] = []
        for block in converted.blocks:
            if block.kind == "paragraph":
                body.append({"type": "paragraph", "value": self._links(block.value, record)})
            elif block.kind == "image":
                image = self._image(block.value, record.source_url)
                if image is not None:
                    body.append({"type": "image", "value": _image_value(block.value, image)})
            elif block.kind == "quote":
                text, attribution = block.value
                body.append({"type": "quote", "value": {"text": text, "attribution": attribution}})
            elif block.kind == "table":
                body.append({"type": "table", "value": block.value})
            elif block.kind == "document":
                document = self._document(block.value, record.source_url)
                if document is not None:
                    body.append(
                        {"type": "document", "value": {"document": document.pk, "title": ""}}
                    )
        return body

    def _links(self, rich: str, record: Article) -> str:
        """File links as links to Wagtail documents (or the old address if the file could
        not be brought over)."""

        def resolve(match: re.Match) -> str:
            url = html.unescape(match.group(1))
            document = self._document(File(url=url), record.source_url)
            if document is None:
                return f'<a href="{html.escape(url)}">'
            return f'<a linktype="document" id="{document.pk}">'

        return content_module.DOC_LINK.sub(resolve, rich)

    # Photos and files ----------------------------------------------------------------

    def _discard_files(self) -> None:
        """Delete the files of the photos and documents saved by an article whose
        transaction failed (a hard kill can still leave some: see docs/siteimport.md)."""
        for field_file in self._files:
            try:
                field_file.storage.delete(field_file.name)
            except OSError:
                pass
        self._files = []

    def _known_file(self, kind: str, url: str):
        row = ImportedFile.objects.filter(site=self.site, kind=kind, source_url=url).first()
        return row

    def _download(self, url: str, article_url: str) -> bytes | None:
        try:
            response = self.fetcher.get(url, page=False)
        except FetchError as exc:
            self.stats.warn(article_url, _("không tải được %(url)s: %(reason)s") % {
                "url": url, "reason": exc.reason,
            })  # fmt: skip
            return None
        self._names[url] = response.filename
        return response.content

    def _fetch_once(self, Model, kind: str, url: str, article_url: str):
        """(the object already imported from `url` or with the same content, None, None),
        or (None, its bytes, their SHA-256) when it is new; (None, None, None) when the
        download failed (warned)."""
        row = self._known_file(kind, url)
        if row is not None:
            return Model.objects.filter(pk=row.object_id).first(), None, None
        data = self._download(url, article_url)
        if data is None:
            return None, None, None
        digest = hashlib.sha256(data).hexdigest()
        same = ImportedFile.objects.filter(site=self.site, kind=kind, sha256=digest).first()
        if same is not None:
            return Model.objects.filter(pk=same.object_id).first(), None, None
        return None, data, digest

    def _image(self, record: Image, article_url: str):
        """The Wagtail image for a photo of the old site, downloaded at most once."""
        Model = get_image_model()
        known, data, digest = self._fetch_once(
            Model, ImportedFile.Kind.IMAGE, record.url, article_url
        )
        if data is None:
            return known
        name = _file_name(record.url, "anh")
        upload = ContentFile(data, name=name)
        try:
            check_image(upload)
        except ValidationError as exc:
            if exc.code != "invalid_image_extension":
                self.stats.warn(article_url, f"{record.url}: {_reason(exc)}")
                return None
            # The old site named it badly (".ashx", no extension): the content decides.
            image_format = _format_of(data)
            if image_format is None:
                self.stats.warn(article_url, f"{record.url}: {_reason(exc)}")
                return None
            name = f"{os.path.splitext(name)[0]}.{IMAGE_EXTENSIONS[image_format]}"
            try:
                check_image(ContentFile(data, name=name))
            except ValidationError as again:
                self.stats.warn(article_url, f"{record.url}: {_reason(again)}")
                return None
        title = (record.caption or record.alt or os.path.splitext(name)[0])[:255]
        image = Model(
            title=title,
            description=(record.caption or record.alt)[:255],
            file=ImageFile(ContentFile(data), name=name),
        )
        image.save()
        self._files.append(image.file)
        ImportedFile.objects.create(
            site=self.site,
            kind=ImportedFile.Kind.IMAGE,
            sha256=digest,
            object_id=image.pk,
            source_url=record.url[:1000],
        )
        self.stats.images += 1
        return image

    def _document(self, record: File, article_url: str):
        """The Wagtail document for a linked file of the old site, downloaded at most once."""
        Model = get_document_model()
        known, data, digest = self._fetch_once(
            Model, ImportedFile.Kind.DOCUMENT, record.url, article_url
        )
        if data is None:
            return known
        given = self._names.pop(record.url, "")
        name = _file_name(f"/{given}" if given else record.url, "tep")
        try:
            check_document(ContentFile(data, name=name))
        except ValidationError as exc:
            # Named by a script (DNN's LinkClick.aspx) with no name given: the content decides.
            kinds = document_kind(data[:16])
            if exc.code != "invalid_extension" or not kinds:
                self.stats.warn(article_url, f"{record.url}: {_reason(exc)}")
                return None
            name = f"{os.path.splitext(name)[0]}.{kinds[0]}"
            try:
                check_document(ContentFile(data, name=name))
            except ValidationError as again:
                self.stats.warn(article_url, f"{record.url}: {_reason(again)}")
                return None
        title = record.title or (os.path.splitext(given)[0] if given else name)
        document = Model(title=title[:255], file=ContentFile(data, name=name))
        document.save()
        self._files.append(document.file)
        ImportedFile.objects.create(
            site=self.site,
            kind=ImportedFile.Kind.DOCUMENT,
            sha256=digest,
            object_id=document.pk,
            source_url=record.url[:1000],
        )
        self.stats.documents += 1
        return document

    # Sections and redirects ----------------------------------------------------------

    def _section(self, record: Article) -> Page:
        """The section an article goes to: the one its first category is mapped to; a new
        section named after the category when the mapping leaves it empty; the mapping's
        default (else the first section) for an article with no category."""
        categories = self.mapping.get("categories", {})
        for category in record.categories[:1]:
            entry = categories.get(category.key) or {}
            target = entry.get("section") if isinstance(entry, dict) else entry
            found = self._target(target) if target else None
            return found or self._new_section(category.title or category.key)
        default = self.mapping.get("default")
        found = self._target(default) if default else None
        if found is None:
            found = CategoryPage.objects.child_of(self.home).first()
        return found or self._new_section(_("Tin tức"))

    def _target(self, path: str) -> Page | None:
        """A page of the site by its path from the home page ("/tin-tuc/")."""
        if path in self._sections:
            return self._sections[path]
        url_path = self.home.url_path + path.strip("/") + ("/" if path.strip("/") else "")
        page = Page.objects.filter(url_path=url_path).first()
        if page is not None:
            self._sections[path] = page.specific
        return self._sections.get(path)

    def _new_section(self, title: str) -> Page:
        """A section named after an old category, created once under the home page."""
        key = "new:" + fold(title).lower()
        if key not in self._sections:
            existing = [
                s
                for s in CategoryPage.objects.child_of(self.home)
                if fold(s.title).lower() == key[4:]
            ]
            if existing:
                self._sections[key] = existing[0]
            else:
                name = title[:255]
                section = self._save(CategoryPage, self.home, None, {"title": name}, _Titled(name))
                self._sections[key] = section
        return self._sections[key]

    def _redirects(self, record: Article, page: Page) -> None:
        addresses = [record.source_url] + [r.old_url for r in record.redirects]
        paths = {p for url in addresses for p in old_paths(url)}
        for path in sorted(paths):
            _, created = Redirect.objects.update_or_create(
                site=self.site,
                old_path=path,
                defaults={"redirect_page": page, "is_permanent": True},
            )
            if created:
                self.stats.redirects += 1


def _mark_published(page: Page, now) -> None:
    page.live = True
    page.has_unpublished_changes = False
    page.last_published_at = now
    page.draft_title = page.title


def _image_value(record: Image, image) -> dict:
    return {
        "image": image.pk,
        "alt": record.alt[:255],
        "caption": record.caption[:255],
        "credit": record.credit[:255],
    }


def _file_name(url: str, fallback: str) -> str:
    name = os.path.basename(unquote(urlparse(url).path)) or fallback
    stem, extension = os.path.splitext(name)
    return (slugify_vi(stem, 60) or fallback) + extension.lower()


def _format_of(data: bytes) -> str | None:
    from io import BytesIO

    from PIL import Image as PILImage

    try:
        with PILImage.open(BytesIO(data)) as opened:
            return opened.format if opened.format in IMAGE_EXTENSIONS else None
    except Exception:
        return None


def _reason(exc: Exception) -> str:
    if isinstance(exc, FetchError):
        return exc.reason
    if isinstance(exc, ValidationError):
        return "; ".join(str(m) for m in exc.messages)
    return str(exc)
