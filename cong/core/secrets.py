"""The secret key of an install that did not set SECRET_KEY."""

import secrets
from pathlib import Path


def load_or_create_secret_key(path: Path) -> str:
    """Return the key kept in `path`, creating it (readable by the owner only) if absent.

    Each install gets its own key without anyone committing one; it survives restarts so
    sessions and signed values stay valid.
    """
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(50)
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_EXCL: when two processes start at once, the first writer wins and both read its key.
    try:
        with open(path, "x", encoding="ascii", opener=_owner_only) as f:
            f.write(key)
    except FileExistsError:
        return path.read_text().strip()
    return key


def _owner_only(file: str, flags: int) -> int:
    import os

    return os.open(file, flags, 0o600)
