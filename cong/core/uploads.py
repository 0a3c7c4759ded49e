"""Upload checks for Wagtail images and documents: the content decides, not the file name.

Wagtail stores every upload under a path of its own making (`original_images/` or
`documents/`, the name passed through the storage's `get_valid_name`, so no directory or
unusual character from the editor survives) and serves documents through its view with
`X-Content-Type-Options: nosniff`. What it does not do is look inside a document, and it
reads a whole image into memory before checking its size. These checks run first, from the
declared size and the first bytes only, and refuse with a Vietnamese message:

- images must be JPEG, PNG, GIF, WebP or AVIF by content (never SVG, which can carry
  scripts), within `WAGTAILIMAGES_MAX_UPLOAD_SIZE` bytes and `WAGTAILIMAGES_MAX_IMAGE_PIXELS`
  pixels, read from the header so a decompression bomb is never decoded;
- documents must start with the signature of their extension (PDF, Office/OpenDocument,
  ZIP or an image) and be within `CONG_DOCUMENT_MAX_BYTES`, so HTML, SVG, scripts and
  programs are refused however they are named.
"""

import os
import warnings
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.forms.fields import FileField
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# Pillow's format name for each image extension; the only decoders an upload is handed to.
IMAGE_FORMATS = {
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "png": "PNG",
    "gif": "GIF",
    "webp": "WEBP",
    "avif": "AVIF",
}
HEAD_BYTES = 512

# Leading bytes of each accepted document type, and the extensions each may carry.
DOCUMENT_SIGNATURES = (
    (b"%PDF-", ("pdf",)),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ("doc", "xls")),  # OLE2 compound file
    (b"PK\x03\x04", ("docx", "xlsx", "odt", "ods", "zip")),
    (b"PK\x05\x06", ("zip",)),  # an empty ZIP
    (b"\xff\xd8\xff", ("jpg", "jpeg")),
    (b"\x89PNG\r\n\x1a\n", ("png",)),
    (b"GIF87a", ("gif",)),
    (b"GIF89a", ("gif",)),
)


def _head(file: File, size: int = HEAD_BYTES) -> bytes:
    """The first bytes of an upload, leaving it rewound for whoever reads it next."""
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _extension(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def looks_like_markup(head: bytes) -> bool:
    """Whether the first bytes are HTML, SVG or XML, which browsers may run as a page.

    >>> looks_like_markup(b"  <svg xmlns='http://www.w3.org/2000/svg'><script>")
    True
    >>> looks_like_markup(b"\\x89PNG\\r\\n\\x1a\\n")
    False
    """
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def document_kind(head: bytes) -> tuple[str, ...]:
    """The extensions the leading bytes allow (empty when the type is not accepted).

    >>> document_kind(b"%PDF-1.7")
    ('pdf',)
    >>> document_kind(b"<html><body>")
    ()
    """
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ("webp",)
    for signature, extensions in DOCUMENT_SIGNATURES:
        if head.startswith(signature):
            return extensions
    return ()


def check_size(file: File, limit: int | None) -> None:
    """Refuse a file over `limit` bytes, from its declared size, before reading it."""
    if limit is not None and file.size > limit:
        raise ValidationError(
            _("Tệp quá lớn (%(size)s); giới hạn là %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )


def check_image(file: File) -> str:
    """Check an uploaded image by content and header; return its Pillow format name."""
    check_size(file, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
    if looks_like_markup(_head(file)):
        raise ValidationError(
            _(
                "Tệp SVG, HTML hoặc XML không được nhận làm ảnh: chỉ nhận JPEG, PNG, GIF, WebP, AVIF."
            ),
            code="markup",
        )
    try:
        # Opening reads the header only; Pillow raises (or warns, made an error here) on
        # sizes it considers a decompression bomb before anything is decoded. The warnings
        # filter is process-wide for a moment: harmless with gunicorn's sync workers.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file, formats=sorted(set(IMAGE_FORMATS.values()))) as image:
                image_format, (width, height) = image.format, image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("Ảnh khai báo kích thước quá lớn (nghi là “bom giải nén”), không thể nhận."),
            code="decompression_bomb",
        ) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ValidationError(
            _("Tệp không phải ảnh hợp lệ: chỉ nhận JPEG, PNG, GIF, WebP, AVIF."),
            code="invalid_image",
        ) from exc
    finally:
        file.seek(0)
    extension = _extension(file.name)
    allowed = [e for e in settings.WAGTAILIMAGES_EXTENSIONS if e in IMAGE_FORMATS]
    if extension not in allowed:
        raise ValidationError(
            _("Không nhận ảnh .%(extension)s; chỉ nhận: %(allowed)s.")
            % {"extension": extension, "allowed": ", ".join(allowed)},
            code="invalid_image_extension",
        )
    if IMAGE_FORMATS[extension] != image_format:
        raise ValidationError(
            _("Đuôi .%(extension)s không khớp với định dạng ảnh %(format)s của tệp.")
            % {"extension": extension, "format": image_format},
            code="invalid_image_extension",
        )
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    if limit is not None and width * height > limit:
        raise ValidationError(
            _("Ảnh quá nhiều điểm ảnh (%(width)s × %(height)s); tối đa %(limit)s điểm ảnh.")
            % {"width": width, "height": height, "limit": f"{limit:,}".replace(",", ".")},
            code="file_too_many_pixels",
        )
    check_image_decodes(file)
    return image_format


def check_image_decodes(file: File) -> None:
    """Decode the whole image once: a truncated or corrupt file has a valid header, so it
    passes the checks above and then fails (a 500) when Wagtail makes its thumbnail.

    Runs only after the pixel limit is checked; Wagtail decodes the image right after the
    upload anyway, so this costs no more memory than the upload already does.
    """
    try:
        with Image.open(file) as image:
            image.load()
    except Exception as exc:  # any decoder error (OSError, SyntaxError, struct.error…)
        raise ValidationError(
            _("Tệp ảnh bị hỏng hoặc không đầy đủ (có thể tải lên bị ngắt giữa chừng)."),
            code="broken_image",
        ) from exc
    finally:
        file.seek(0)


def check_document(file: File) -> None:
    """Check an uploaded document's size, then that its first bytes match its extension."""
    check_size(file, settings.CONG_DOCUMENT_MAX_BYTES)
    extension = _extension(file.name)
    allowed = settings.WAGTAILDOCS_EXTENSIONS
    if extension not in allowed:
        raise ValidationError(
            _("Không nhận tệp .%(extension)s; chỉ nhận: %(allowed)s.")
            % {"extension": extension, "allowed": ", ".join(allowed)},
            code="invalid_extension",
        )
    if extension not in document_kind(_head(file)):
        raise ValidationError(
            _(
                "Nội dung tệp không phải tệp .%(extension)s hợp lệ (có thể là trang HTML, "
                "mã lệnh hay chương trình đã đổi tên), không thể nhận."
            )
            % {"extension": extension},
            code="content_mismatch",
        )


class SafeImageField(WagtailImageField):
    """Wagtail's image field, running `check_image` before Wagtail reads the file."""

    def to_python(self, data: Any) -> Any:
        file = FileField.to_python(self, data)
        if file is not None:
            check_image(file)
        return super().to_python(data)


class SafeImageForm(BaseImageForm):
    """The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE), with `check_image`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            old = self.fields["file"]
            self.fields["file"] = SafeImageField(
                label=old.label, required=old.required, widget=old.widget
            )


class SafeDocumentForm(BaseDocumentForm):
    """The admin's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE), with `check_document`."""

    def clean_file(self) -> Any:
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            check_document(file)
        return file

    def add_error(self, field: Any, error: Any) -> None:
        # Wagtail's Document.clean() repeats the extension check in English ("File extension
        # “” is not allowed"); `check_document` has already said it in Vietnamese.
        by_field = getattr(error, "error_dict", None)
        if field is None and by_field and "file" in by_field and self.has_error("file"):
            by_field.pop("file")
            if not by_field:
                return
        super().add_error(field, error)
