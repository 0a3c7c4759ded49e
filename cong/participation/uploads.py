"""Citizens' attachments: checked by content, stored under random names, never public.

The name a citizen's browser sends is never used for anything: the stored name is random
and the extension comes from what the bytes are (a PDF, or an image Pillow can read).
"""

import os
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under CONG_PARTICIPATION_UPLOAD_ROOT, outside MEDIA_ROOT, with no public URL."""

    @property
    def base_location(self):
        return str(settings.CONG_PARTICIPATION_UPLOAD_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; the admin serves them.")


def private_storage():
    return PrivateStorage()


def attachment_path(instance, filename: str) -> str:
    """A random path; the extension was decided from the content (`instance.attachment_type`)."""
    extension = instance.attachment_type or "bin"
    return f"questions/{secrets.token_hex(16)}.{extension}"


class AttachmentRejected(ValueError):
    pass


@dataclass(frozen=True)
class CheckedFile:
    kind: str  # "pdf", "jpg", "png", "webp"


def check_attachment(upload) -> CheckedFile:
    """What `upload` really is, or AttachmentRejected with a Vietnamese message."""
    limit = settings.CONG_PARTICIPATION_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise AttachmentRejected(
            _("Tệp đính kèm quá lớn: tối đa %(mb)s MB.") % {"mb": f"{limit / 1024 / 1024:g}"}
        )
    if upload.size == 0:
        raise AttachmentRejected(_("Tệp đính kèm trống."))
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return CheckedFile("pdf")
    try:
        with Image.open(upload) as image:
            kind = IMAGE_FORMATS.get(image.format or "")
            if kind is None:
                raise AttachmentRejected(_("Chỉ nhận tệp PDF hoặc ảnh JPEG, PNG, WebP."))
            if image.width * image.height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
                raise AttachmentRejected(_("Ảnh đính kèm quá lớn."))
            image.verify()
    except AttachmentRejected:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as exc:
        raise AttachmentRejected(_("Chỉ nhận tệp PDF hoặc ảnh JPEG, PNG, WebP.")) from exc
    finally:
        upload.seek(0)
    return CheckedFile(kind)
