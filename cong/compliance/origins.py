"""Origins an agency may allow in its content security policy, checked before they are saved.

An origin here is what a CSP source expression needs and nothing more: `https://host` or
`https://host:port`, where the host may start with one `*.` (every subdomain of a domain).
Refused, with a Vietnamese message: `http:` (public pages are served over HTTPS, and a
script fetched over plain HTTP could be replaced on the way), a path, query or user name,
a bare `*` or a wildcard anywhere but the start, IP-less junk, and CSP keywords.

    >>> clean_origin(" HTTPS://EMC.Gov.VN/ ")
    'https://emc.gov.vn'
    >>> clean_origin("https://*.matomo.example.vn:8443")
    'https://*.matomo.example.vn:8443'
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_LABEL = r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)"
_HOST = re.compile(rf"(?:\*\.)?{_LABEL}(?:\.{_LABEL})+")


def clean_origin(value: str) -> str:
    """`value` as a normalised origin (lower case, no trailing slash), or ValidationError."""
    text = value.strip()
    if not text:
        raise ValidationError(_("Nguồn trống."))
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text):
        raise ValidationError(
            _("“%(value)s” không phải nguồn hợp lệ: cần dạng https://tên-miền.") % {"value": text}
        )
    parts = urlsplit(text)
    if parts.scheme.lower() != "https":
        raise ValidationError(
            _("“%(value)s”: chỉ chấp nhận nguồn https:// (trang công khai chạy trên HTTPS).")
            % {"value": text}
        )
    netloc = parts.netloc.lower()
    if parts.path not in ("", "/") or parts.query or parts.fragment or "@" in netloc:
        raise ValidationError(
            _("“%(value)s”: chỉ ghi nguồn (giao thức và tên miền), không kèm đường dẫn.")
            % {"value": text}
        )
    host, _sep, port = netloc.partition(":")
    if not _HOST.fullmatch(host):
        raise ValidationError(
            _(
                "“%(value)s”: tên miền không hợp lệ (ký tự đại diện * chỉ được đặt ở đầu, "
                "dạng https://*.ten-mien.vn)."
            )
            % {"value": text}
        )
    if port and (not port.isdigit() or not 0 < int(port) < 65536):
        raise ValidationError(_("“%(value)s”: cổng không hợp lệ.") % {"value": text})
    return f"https://{host}{':' + port if port else ''}"


def clean_origins(text: str) -> list[str]:
    """One origin a line (blank lines skipped, duplicates dropped); every bad line reported."""
    origins, errors = [], []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            origin = clean_origin(line)
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        if origin not in origins:
            origins.append(origin)
    if errors:
        raise ValidationError(errors)
    return origins


def origin_of(url: str) -> str:
    """The origin of an absolute https URL (the tag's script, the Matomo server), or of an
    origin itself; ValidationError if it has none."""
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return clean_origin(url)
    return clean_origin(f"{parts.scheme}://{parts.netloc}")
