"""What each item of the API looks like: an explicit list of fields, nothing by default.

Every field is named here (no `fields = "__all__"`, no model serializer), so a field added to
a model never reaches the API by accident: a citizen's name, e-mail, phone or address, an
editor's name or a draft stay out unless someone writes them here. Addresses are absolute,
from the Site's own hostname (as the sitemap's), so an aggregator can follow them.
"""

import re
from typing import Any

from django.utils.html import format_html, strip_tags
from rest_framework import serializers

# Editors' relative links and images in rendered HTML: src="/media/…", srcset="/a 400w, /b 800w".
_URL_ATTRIBUTE = re.compile(r'\b(src|href|srcset|poster)="([^"]*)"')
_RELATIVE = re.compile(r"(^|,\s*)/(?!/)")
FEATURED_RENDITION = "fill-1200x630|format-jpeg"  # the article's og:image: usually made already
# One JPEG per photo of the body. The page's own <picture> asks for nine (AVIF, WebP and JPEG
# at three widths): made on a first request, the AVIFs alone took the demo's first page of
# articles over 30 s, and an aggregator often asks before anyone has opened the page.
BODY_RENDITION = "width-800|format-jpeg"


def absolute(root_url: str, url: str) -> str:
    """`url` from the site's root when it is a path ("/media/x.jpg"); otherwise unchanged.

    >>> absolute("https://stttt.gov.vn", "/van-ban/"), absolute("https://a.vn", "https://b.vn/")
    ('https://stttt.gov.vn/van-ban/', 'https://b.vn/')
    """
    if url.startswith("/") and not url.startswith("//"):
        return root_url.rstrip("/") + url
    return url


def absolute_html(root_url: str, html: str) -> str:
    """Rendered HTML with every site-relative address (src, href, srcset) made absolute.

    >>> absolute_html("https://a.vn", '<img src="/m/1.jpg" srcset="/m/1.jpg 400w, /m/2.jpg 800w">')
    '<img src="https://a.vn/m/1.jpg" srcset="https://a.vn/m/1.jpg 400w, https://a.vn/m/2.jpg 800w">'
    """
    root = root_url.rstrip("/")

    def fix(match: re.Match) -> str:
        value = _RELATIVE.sub(lambda m: f"{m.group(1)}{root}/", match.group(2))
        return f'{match.group(1)}="{value}"'

    return _URL_ATTRIBUTE.sub(fix, html)


def named(item: Any) -> dict | None:
    """An entry of an editable list (type, issuing body, field, topic, unit) as {id, name}."""
    return {"id": item.pk, "name": item.name} if item is not None else None


class ApiSerializer(serializers.Serializer):
    """Read-only; `root_url` (the Site's address) and `request` come in the context."""

    def absolute(self, url: str) -> str:
        return absolute(self.context["root_url"], url)


class ArticleSerializer(ApiSerializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    lead = serializers.CharField()
    body = serializers.SerializerMethodField()  # HTML
    body_text = serializers.SerializerMethodField()
    featured_image = serializers.SerializerMethodField()
    author_names = serializers.CharField()
    author_unit = serializers.CharField()
    byline = serializers.CharField()
    source = serializers.CharField()
    section = serializers.SerializerMethodField()
    tags = serializers.SerializerMethodField()
    date = serializers.DateTimeField()
    first_published_at = serializers.DateTimeField()
    last_published_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField()

    def _html(self, page: Any) -> str:
        cache = self.context.setdefault("bodies", {})
        if page.pk not in cache:
            cache[page.pk] = body_html(page)
        return cache[page.pk]

    def get_body(self, page: Any) -> str:
        return absolute_html(self.context["root_url"], self._html(page))

    def get_body_text(self, page: Any) -> str:
        return " ".join(strip_tags(self._html(page)).split())

    def get_featured_image(self, page: Any) -> dict | None:
        image = page.featured_image
        if image is None:
            return None
        rendition = image.get_rendition(FEATURED_RENDITION)
        return {
            "url": self.absolute(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": image.default_alt_text,
            "caption": featured_caption(page),
        }

    def get_section(self, page: Any) -> dict | None:
        section = self.context["sections"].get(page.pk)
        if section is None:
            return None
        return {
            "id": section.pk,
            "title": section.title,
            "path": section_path(section, self.context["site"]),
            "url": section.get_full_url(self.context["request"]),
        }

    def get_tags(self, page: Any) -> list[str]:
        return sorted(tag.name for tag in page.tags.all())

    def get_url(self, page: Any) -> str:
        return page.get_full_url(self.context["request"])


def body_html(page: Any) -> str:
    """The article's body as its page renders it, except photos: one `<img>` each, with
    its caption and credit, instead of the page's `<picture>` (see BODY_RENDITION)."""
    parts = []
    for block in page.body:
        if block.block_type == "image" and block.value["image"] is not None:
            parts.append(figure_html(block.value))
        else:
            parts.append(str(block.render()))
    return "\n".join(parts)


def figure_html(value: Any) -> str:
    image = value["image"]
    rendition = image.get_rendition(BODY_RENDITION)
    caption = " ".join(part for part in (value.get("caption"), value.get("credit")) if part)
    return format_html(
        '<figure><img src="{}" width="{}" height="{}" alt="{}">{}</figure>',
        rendition.url,
        rendition.width,
        rendition.height,
        value.get("alt") or image.default_alt_text,
        format_html("<figcaption>{}</figcaption>", caption) if caption else "",
    )


def featured_caption(page: Any) -> str:
    """The caption (and credit) the body gives the featured photo, if the body shows it.

    The featured image is a plain image chooser with no caption of its own; the caption
    editors write is on the photo in the body.
    """
    for block in page.body:
        if block.block_type != "image" or block.value["image"] is None:
            continue
        if block.value["image"].pk == page.featured_image_id:
            parts = (block.value.get("caption") or "", block.value.get("credit") or "")
            return " ".join(part for part in parts if part)
    return ""


def section_path(section: Any, site: Any) -> str:
    """A section's slug path below the site's home page ("tin-tuc/su-kien"), the value the
    `section` filter takes."""
    root = site.root_page.url_path
    return section.url_path[len(root) :].strip("/")


class DocumentFileSerializer(ApiSerializer):
    title = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    extension = serializers.SerializerMethodField()
    size = serializers.SerializerMethodField()

    def get_title(self, item: Any) -> str:
        return str(item)

    def get_url(self, item: Any) -> str:
        return self.absolute(item.document.url)

    def get_extension(self, item: Any) -> str:
        return item.document.file_extension.lower()

    def get_size(self, item: Any) -> int | None:
        return item.document.get_file_size()


class DocumentSerializer(ApiSerializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    summary = serializers.CharField()  # the trích yếu
    type = serializers.SerializerMethodField()
    issuing_body = serializers.SerializerMethodField()
    field = serializers.SerializerMethodField()
    signer = serializers.CharField()
    issued_on = serializers.DateField()
    effective_on = serializers.DateField()
    expires_on = serializers.DateField()
    status = serializers.SerializerMethodField()
    files = serializers.SerializerMethodField()
    first_published_at = serializers.DateTimeField()
    last_published_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField()

    def get_type(self, document: Any) -> dict | None:
        return named(document.doc_type)

    def get_issuing_body(self, document: Any) -> dict | None:
        return named(document.issuing_body)

    def get_field(self, document: Any) -> dict | None:
        return named(document.field)

    def get_status(self, document: Any) -> dict:
        status = self.context["statuses"][document.pk]
        return {"code": status.value, "label": str(status.label)}

    def get_files(self, document: Any) -> list[dict]:
        private = self.context["private_collections"]
        public = [f for f in document.files.all() if f.document.collection_id not in private]
        return DocumentFileSerializer(public, many=True, context=self.context).data

    def get_url(self, document: Any) -> str:
        index = self.context["index_page"]
        detail = index.reverse_subpage("detail", kwargs={"pk": document.pk, "slug": document.slug})
        return index.get_full_url(self.context["request"]) + detail


class AnswerSerializer(ApiSerializer):
    """A published answer. The asker is never named: not their name, e-mail, phone or
    address, nor the tracking code that would lead to them."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    question = serializers.CharField(source="body")
    answer = serializers.SerializerMethodField()  # HTML
    topic = serializers.SerializerMethodField()
    answering_unit = serializers.SerializerMethodField()
    submitted_on = serializers.SerializerMethodField()
    answered_at = serializers.DateTimeField()
    published_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField()

    def get_answer(self, question: Any) -> str:
        from wagtail.rich_text import expand_db_html

        return absolute_html(self.context["root_url"], expand_db_html(question.answer or ""))

    def get_topic(self, question: Any) -> dict | None:
        return named(question.topic)

    def get_answering_unit(self, question: Any) -> dict | None:
        return named(question.unit)

    def get_submitted_on(self, question: Any) -> str:
        # The day only: the minute a question was sent adds nothing for readers.
        from django.utils import timezone

        return timezone.localtime(question.submitted_at).date().isoformat()

    def get_url(self, question: Any) -> str:
        index = self.context["index_page"]
        detail = index.reverse_subpage("detail", kwargs={"pk": question.pk, "slug": question.slug})
        return index.get_full_url(self.context["request"]) + detail


class ScheduleEntrySerializer(ApiSerializer):
    """One row of a published week's schedule, as the week's page shows it."""

    id = serializers.IntegerField()
    date = serializers.DateField()
    session = serializers.SerializerMethodField()
    start_time = serializers.TimeField(format="%H:%M")
    content = serializers.CharField()
    chair = serializers.SerializerMethodField()
    participants = serializers.CharField()
    location = serializers.CharField()
    preparing_unit = serializers.CharField()
    notes = serializers.CharField()
    adjusted_at = serializers.DateTimeField()  # changed after publishing (shown "adjusted")
    week = serializers.SerializerMethodField()

    def get_session(self, entry: Any) -> dict:
        return {"code": entry.session, "label": str(entry.get_session_display())}

    def get_chair(self, entry: Any) -> dict | None:
        """The leader who chairs (name and position from the leaders' records), or the name
        the editor typed."""
        if entry.chair_id and entry.chair is not None:
            leader = entry.chair
            return {"id": leader.pk, "name": leader.full_name, "position": leader.position}
        if entry.chair_text:
            return {"id": None, "name": entry.chair_text, "position": ""}
        return None

    def get_week(self, entry: Any) -> dict:
        week = entry.page
        return {
            "id": week.pk,
            "title": week.title,
            "week_start": week.week_start.isoformat(),
            "last_published_at": serializers.DateTimeField().to_representation(
                week.last_published_at
            )
            if week.last_published_at
            else None,
            "url": week.get_full_url(self.context["request"]),
        }
