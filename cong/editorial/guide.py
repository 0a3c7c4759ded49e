"""The editor's guide (docs/huong-dan-bien-tap.md), served by the install itself in the admin.

The guide is written in Markdown so that it reads well in the repository too; the admin
shows it at /admin/huong-dan/ with its screenshots (docs/img/guide/, made by
`make guide-screenshots`), to signed-in users only and without any link to the internet.
Only the small part of Markdown the guide uses is understood (headings, paragraphs, lists,
quotes, images on their own line, links, bold, code), so no Markdown package is needed;
everything else is shown as text, and all text is escaped.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from cong.core.text import slugify_vi

GUIDE = Path(settings.BASE_DIR) / "docs" / "huong-dan-bien-tap.md"
IMAGES = GUIDE.parent / "img" / "guide"
IMAGE_NAME = re.compile(r"^[a-z0-9-]+\.png$")

_HEADING = re.compile(r"^(#{1,3}) +(.+)$")
_IMAGE = re.compile(r"^!\[([^\]]*)\]\(img/guide/([a-z0-9-]+\.png)\)$")
_BULLET = re.compile(r"^[-*] +(.+)$")
_NUMBERED = re.compile(r"^\d+\. +(.+)$")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]+)`")


def image_url(name: str) -> str:
    return reverse("editorial_guide_image", args=[name])


def _link(match: re.Match) -> str:
    """Anchors and web addresses stay links; a link to another file of docs/ becomes text
    (the admin serves only this page)."""
    text, target = match.group(1), match.group(2)
    if target.startswith("#") or target.startswith("/"):
        return f'<a href="{target}">{text}</a>'
    return text


def inline(text: str) -> str:
    """Escaped text with `code`, **bold** and [links](…)."""
    parts = _CODE.split(escape(text))
    for index, part in enumerate(parts):
        if index % 2:
            parts[index] = f"<code>{part}</code>"
        else:
            part = _BOLD.sub(r"<strong>\1</strong>", part)
            parts[index] = _LINK.sub(_link, part)
    return "".join(parts)


@dataclass
class Heading:
    level: int
    text: str
    anchor: str


def render_markdown(source: str) -> tuple[SafeString, list[Heading]]:
    """The guide's HTML and its headings (for the table of contents)."""
    html: list[str] = []
    headings: list[Heading] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = ""
    quote: list[str] = []

    def flush() -> None:
        nonlocal list_tag
        if paragraph:
            html.append(f"<p>{inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if items:
            html.append(
                f"<{list_tag}>" + "".join(f"<li>{inline(i)}</li>" for i in items) + f"</{list_tag}>"
            )
            items.clear()
            list_tag = ""
        if quote:
            html.append(f"<blockquote><p>{inline(' '.join(quote))}</p></blockquote>")
            quote.clear()

    for raw in source.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if heading := _HEADING.match(line):
            flush()
            level, text = len(heading.group(1)), heading.group(2)
            anchor = slugify_vi(text)
            headings.append(Heading(level, text, anchor))
            if level > 1:  # the title (#) is the admin page's own header
                html.append(f'<h{level} id="{anchor}">{inline(text)}</h{level}>')
        elif image := _IMAGE.match(line):
            flush()
            alt, name = escape(image.group(1)), image.group(2)
            html.append(
                f'<figure class="cong-guide__figure"><img src="{image_url(name)}" alt="{alt}" '
                f'loading="lazy"><figcaption>{alt}</figcaption></figure>'
            )
        elif (bullet := _BULLET.match(line)) or (numbered := _NUMBERED.match(line)):
            tag = "ul" if bullet else "ol"
            if paragraph or quote or (list_tag and list_tag != tag):
                flush()
            list_tag = tag
            items.append((bullet or numbered).group(1))
        elif line.startswith(">"):
            if paragraph or items:
                flush()
            quote.append(line.lstrip("> "))
        elif items and raw.startswith("  "):
            items[-1] += " " + line  # a list item continued on the next line
        else:
            if items or quote:
                flush()
            paragraph.append(line)
    flush()
    return mark_safe("\n".join(html)), headings  # noqa: S308 (every text escaped above)


def guide(request: HttpRequest) -> HttpResponse:
    """/admin/huong-dan/: the guide, with its table of contents."""
    try:
        source = GUIDE.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise Http404(_("Không tìm thấy hướng dẫn biên tập.")) from None
    body, headings = render_markdown(source)
    title = headings[0].text if headings else _("Hướng dẫn biên tập")
    return render(
        request,
        "editorial/admin/guide.html",
        {
            "page_title": title,
            "body": body,
            "contents": [h for h in headings if h.level == 2],
        },
    )


def guide_image(request: HttpRequest, name: str) -> FileResponse:
    """One screenshot of the guide (PNG files of docs/img/guide/ only)."""
    path = IMAGES / name
    if not IMAGE_NAME.match(name) or not path.is_file():
        raise Http404(_("Không tìm thấy ảnh."))
    response = FileResponse(path.open("rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response
