"""Demo files rendered once per machine and kept under var/demo-files/.

`load_demo` runs in many test modules and on every fresh install; its pictures take about a
second each to render and its PDFs a tenth (fpdf2 parses the font for each). Both are
deterministic in what they show, so each is rendered once and read back afterwards. A file
is written under a temporary name and then renamed, so parallel processes never read half
of one; a read-only var/ only means rendering again next time.
"""

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

VERSION = 1  # raise when a renderer changes what it draws: the kept files are redrawn


def kept(suffix: str, key: str, render: Callable[[], bytes]) -> bytes:
    """The file named by `key` (any text describing it fully), rendered once."""
    digest = hashlib.sha256(f"{VERSION}:{key}".encode()).hexdigest()[:32]
    folder = Path(settings.VAR_DIR) / "demo-files"
    path = folder / f"{digest}{suffix}"
    try:
        return path.read_bytes()
    except OSError:
        pass
    content = render()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f"{digest}.{os.getpid()}.part"
        partial.write_bytes(content)
        os.replace(partial, path)
    except OSError:
        pass
    return content
