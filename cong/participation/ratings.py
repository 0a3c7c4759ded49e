"""What a rating is about: a signed target, so a form cannot rate an address it was not on."""

from django.core import signing

SALT = "cong.participation.rating"


def sign_target(page_id: int, path: str, title: str, section_is_page: bool = False) -> str:
    """The rating form's hidden `target`: which page, which address, which title."""
    return signing.dumps(
        {"p": page_id, "u": path, "t": title[:255], "s": int(section_is_page)},
        salt=SALT,
        compress=True,
    )


def read_target(value: str) -> dict | None:
    """The target a form carried, or None if it was forged or garbled.

    >>> read_target(sign_target(3, "/tin-tuc/bai-viet/", "Bài viết"))["u"]
    '/tin-tuc/bai-viet/'
    >>> read_target("sai") is None
    True
    """
    try:
        target = signing.loads(value, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(target, dict) or not str(target.get("u", "")).startswith("/"):
        return None
    return target
