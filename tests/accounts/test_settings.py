"""Passwords, sessions and HTTPS settings, and how the environment changes them."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); print(json.dumps({"
    "k: getattr(settings, k) for k in ['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE',"
    " 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'CONG_2FA_FOR_SUPERUSERS',"
    " 'AXES_FAILURE_LIMIT', 'SESSION_COOKIE_AGE', 'CONG_2FA_GROUPS']}"
    " | {'cooloff': settings.AXES_COOLOFF_TIME.total_seconds()}))"
)
KNOBS = (
    "DEBUG",
    "SECURE_COOKIES",
    "BEHIND_TLS_PROXY",
    "CONG_HSTS_SECONDS",
    "CONG_2FA_FOR_SUPERUSERS",
    "CONG_2FA_GROUPS",
    "CONG_LOGIN_FAILURE_LIMIT",
    "CONG_LOGIN_COOLOFF_MINUTES",
    "CONG_SESSION_HOURS",
)


def probe(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if k not in KNOBS}
    clean.update(CONG_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="cong.settings", **env)
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_plain_http_has_no_https_only_settings(tmp_path):
    s = probe(tmp_path)
    assert s["SECURE_HSTS_SECONDS"] == 0
    assert not (s["SESSION_COOKIE_SECURE"] or s["SECURE_SSL_REDIRECT"])
    assert s["CONG_2FA_FOR_SUPERUSERS"] is False
    assert (s["AXES_FAILURE_LIMIT"], s["cooloff"], s["SESSION_COOKIE_AGE"]) == (5, 1800, 28800)
    assert s["CONG_2FA_GROUPS"] == ["Lãnh đạo duyệt", "Quản trị"]


def test_secure_cookies_turn_on_https_hsts_and_two_factor_for_superusers(tmp_path):
    s = probe(tmp_path, SECURE_COOKIES="true", BEHIND_TLS_PROXY="true")
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"] and s["SECURE_SSL_REDIRECT"]
    assert s["SECURE_HSTS_SECONDS"] == 31_536_000
    assert s["CONG_2FA_FOR_SUPERUSERS"] is True


def test_every_login_knob_comes_from_the_environment(tmp_path):
    s = probe(
        tmp_path,
        SECURE_COOKIES="true",
        DEBUG="true",
        CONG_2FA_FOR_SUPERUSERS="false",
        CONG_2FA_GROUPS="Quản trị",
        CONG_LOGIN_FAILURE_LIMIT="3",
        CONG_LOGIN_COOLOFF_MINUTES="60",
        CONG_SESSION_HOURS="2",
    )
    assert s["SECURE_HSTS_SECONDS"] == 0  # DEBUG: no year-long promise from a test machine
    assert s["CONG_2FA_FOR_SUPERUSERS"] is False
    assert s["CONG_2FA_GROUPS"] == ["Quản trị"]
    assert (s["AXES_FAILURE_LIMIT"], s["cooloff"], s["SESSION_COOKIE_AGE"]) == (3, 3600, 7200)


def test_sessions_end_with_the_browser(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


@pytest.mark.parametrize(
    "password",
    [
        "Ng4yXuan-Ha",  # 11 characters
        "123456789012345",  # numbers only
        "password1234",  # a common password
        "phongvien2024",  # too close to the user name
    ],
)
def test_weak_passwords_are_refused(password, django_user_model, db):
    user = django_user_model(username="phongvien2024", email="phongvien@example.gov.vn")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_uncommon_password_is_accepted(django_user_model, db):
    user = django_user_model(username="phongvien")
    validate_password("mùa-thu-Hà-Nội-1945", user)


def test_the_production_deploy_check_passes(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in KNOBS}
    env.update(
        CONG_VAR_DIR=str(tmp_path),
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="example.gov.vn",
        SECURE_COOKIES="true",
        BEHIND_TLS_PROXY="true",
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
