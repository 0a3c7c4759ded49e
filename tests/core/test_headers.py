"""Security headers: CSP (strict on public pages, nonces on demand), HSTS, and the rest."""

import base64
import hashlib
import re

import pytest
from django.http import HttpResponse, HttpResponseServerError
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory

from cong.accounts.headers import ContentSecurityPolicyMiddleware

PUBLIC_POLICY = (
    "default-src 'self'; script-src 'self'; object-src 'none'; style-src 'self'; "
    "frame-src https://www.youtube.com https://www.youtube-nocookie.com "
    "https://player.vimeo.com; img-src 'self' data:; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'"
)


def directives(header: str) -> dict[str, list[str]]:
    parts = [part.split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def test_a_public_page_carries_the_strict_policy_without_a_nonce(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == directives(PUBLIC_POLICY)
    assert "Content-Security-Policy-Report-Only" not in response


def test_a_public_page_sends_the_same_header_every_time(client, home):
    # Nothing per request in it, so a whole-page cache can serve it with a fixed header.
    first = client.get("/")["Content-Security-Policy"]
    assert client.get("/")["Content-Security-Policy"] == first
    assert "nonce-" not in first


def test_public_templates_have_no_inline_script_or_style(settings):
    for path in (settings.BASE_DIR / "templates").rglob("*.html"):
        source = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", source):
            assert "src=" in tag or "nonce=" in tag, f"{path}: {tag}"
        assert " style=" not in source, path
        if path.name != "500.html":  # allowed by its hash (below)
            assert "<style" not in source, path


def test_a_template_that_uses_the_nonce_gets_it_in_the_header(rf: RequestFactory):
    template = Template('<script nonce="{{ request.csp_nonce }}">window.ok = 1;</script>')

    def view(request):
        return HttpResponse(template.render(Context({"request": request})))

    response = ContentSecurityPolicyMiddleware(view)(rf.get("/trang/"))
    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert len(nonce) >= 20
    assert directives(response["Content-Security-Policy"])["script-src"] == [
        "'self'",
        f"'nonce-{nonce}'",
    ]


def test_two_requests_get_two_nonces(rf):
    def view(request):
        return HttpResponse(str(request.csp_nonce))

    middleware = ContentSecurityPolicyMiddleware(view)
    assert middleware(rf.get("/")).content != middleware(rf.get("/")).content


def test_the_admin_enforces_its_own_policy_and_reports_the_strict_one(admin_client):
    response = admin_client.get("/admin/")
    enforced = directives(response["Content-Security-Policy"])
    assert enforced["script-src"] == ["'self'", "'unsafe-inline'"]
    assert enforced["object-src"] == ["'none'"]
    assert enforced["frame-ancestors"] == ["'self'"]
    reported = directives(response["Content-Security-Policy-Report-Only"])
    assert reported["script-src"] == ["'self'"]
    assert reported["style-src"] == ["'self'"]


def test_the_error_page_style_is_allowed_by_its_hash(rf):
    page = render_to_string("500.html")
    css = re.search(r"<style>(.*?)</style>", page, re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()

    response = ContentSecurityPolicyMiddleware(lambda request: HttpResponseServerError(page))(
        rf.get("/")
    )
    assert f"'sha256-{digest}'" in directives(response["Content-Security-Policy"])["style-src"]


def test_other_security_headers_are_on_every_page(client, home):
    response = client.get("/")
    assert response["Permissions-Policy"] == (
        "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    )
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_no_hsts_over_plain_http_by_default(client, home):
    assert "Strict-Transport-Security" not in client.get("/", secure=True)


@pytest.mark.parametrize("subdomains", [True, False])
def test_hsts_when_configured(client, home, settings, subdomains):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = subdomains
    response = client.get("/", secure=True)
    expected = "max-age=31536000" + ("; includeSubDomains" if subdomains else "")
    assert response["Strict-Transport-Security"] == expected
    assert "Strict-Transport-Security" not in client.get("/")  # only over HTTPS


def test_https_only_cookies_and_redirect(client, home, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/tim-kiem/?q=a")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/tim-kiem/?q=a"
