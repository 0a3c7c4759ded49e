"""Security headers beyond Django's SecurityMiddleware: CSP by area, and Permissions-Policy.

Public pages get the strict policy of `CONTENT_SECURITY_POLICY`, enforced: scripts only
from the site itself or carrying the request's nonce. The policy names the nonce only when
a template used it (django-csp makes it lazily), and public templates have no inline
script, so their header is the same on every request and a whole-page cache can keep it.

Wagtail's admin still writes inline scripts without a nonce (date pickers, inline panels,
search promotions) and inline `style` attributes, so under the admin path the looser
`CONG_ADMIN_CONTENT_SECURITY_POLICY` is enforced and the strict one is sent report-only:
the browser's console lists what would break.
"""

import base64
import hashlib
import re
from functools import cache

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.template.loader import get_template


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the policy by path (public site or admin)."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        admin = request.path_info.startswith("/" + settings.CONG_ADMIN_PATH)
        if parts.config is None:  # no per-view @csp decorator
            if admin and not report_only:
                parts.config = settings.CONG_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            elif admin and report_only:
                parts.config = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        if response.status_code == 500 and not report_only:
            # templates/500.html carries its own <style> (it must work with nothing else).
            parts.update = {**(parts.update or {}), "style-src": error_page_style_hashes()}
        return parts


@cache
def error_page_style_hashes() -> list[str]:
    """CSP hashes of the <style> elements of templates/500.html."""
    source = get_template("500.html").template.source
    digests = [
        hashlib.sha256(css.encode()).digest()
        for css in re.findall(r"<style>(.*?)</style>", source, re.DOTALL)
    ]
    return [f"'sha256-{base64.b64encode(digest).decode()}'" for digest in digests]


class PermissionsPolicyMiddleware:
    """Sends `CONG_PERMISSIONS_POLICY`: the site never asks for the camera, microphone …"""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = settings.CONG_PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.value:
            response.headers.setdefault("Permissions-Policy", self.value)
        return response
