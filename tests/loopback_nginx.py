"""Debian's nginx on loopback with a configuration deploy/nginx/render.py wrote: the nginx
tests start it here and talk to it over HTTP."""

import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest


@contextmanager
def running_nginx(nginx: str, render: Any, conf: str, prefix: Path, port: int) -> Iterator[None]:
    """nginx serving `conf` (wrapped by `render.standalone`) from `prefix` until the block
    ends; the test fails with nginx's error log if it does not listen on `port` within 10 s."""
    prefix.mkdir()
    (prefix / "nginx.conf").write_text(render.standalone(conf, prefix, "1", False))
    log = prefix / "error.log"
    args = [nginx, "-p", str(prefix), "-e", str(log)]
    process = subprocess.Popen([*args, "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"])
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"nginx did not start: {log.read_text() if log.exists() else ''}")
                time.sleep(0.05)
        yield
    finally:
        process.terminate()
        process.wait(10)
