"""`make help` and `make run` tell a developer what they need (issue 22)."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="GNU make is not installed")


def make(*args: str) -> str:
    return subprocess.run(
        [MAKE, "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout


def test_help_prints_the_port_run_serves_on():
    assert "http://127.0.0.1:8000" in make("help")
    out = make("help", "PORT=8123")
    assert "make run" in out and "http://127.0.0.1:8123" in out
    assert "$(PORT)" not in out


def test_run_says_how_to_reset_the_admin_password_every_time():
    commands = make("-n", "run", "PORT=8123")  # -n: printed, not run
    assert "manage.py changepassword admin" in commands
    assert "http://127.0.0.1:8123/admin/" in commands
