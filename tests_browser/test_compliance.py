"""The measurement tag (ND 224/2026 Art. 12) in a real browser: with the setting filled in,
the page loads the tag and Matomo's loader under the site's CSP (no violation reported),
shows the label in the footer, and the article page still passes axe.

The setting is given to a second Site on the same server (`localhost:<port>`, same home
page, the default site's other settings copied), so the other browser tests, which use 127.0.0.1, keep the default site unchanged and
gunicorn's cached copy of the default site's setting does not matter.
"""

from urllib.parse import urlsplit

import pytest
from helpers import axe_violations, describe_violations, screenshot
from livesite import ARTICLE

SET_UP = """
from wagtail.models import Site
from cong.compliance.models import MeasurementSettings
default = Site.objects.get(is_default_site=True)
site, _ = Site.objects.update_or_create(
    hostname="localhost", port={port}, defaults={{"root_page": default.root_page}}
)
# The agency's identity, contacts, visit settings...: the default site's, copied.
from wagtail.contrib.settings.registry import registry
for model in registry:
    if model is not MeasurementSettings and hasattr(model, "site"):
        model.objects.filter(site=site).delete()
        copy = model.for_site(default)
        copy.pk, copy.id, copy.site = None, None, site
        copy.save()
setting = MeasurementSettings.for_site(site)
setting.tag_script_url = "https://emc.gov.vn/tag/emc.js?id=kiem-thu"
setting.badge_html = (
    '<a href="https://emc.gov.vn/chung-nhan/kiem-thu"><img src="https://emc.gov.vn/nhan.png"'
    ' alt="Website đã gắn mã đo lường EMC" width="120" height="40"></a>'
)
setting.matomo_url = "https://thongke.thanhhoa.gov.vn/"
setting.matomo_site_id = 3
setting.full_clean()
setting.save()
"""


@pytest.fixture(scope="module")
def tagged_site(live_site):
    port = urlsplit(live_site.url).port
    live_site.manage("shell", "-c", SET_UP.format(port=port))
    return f"http://localhost:{port}"


@pytest.mark.parametrize("width", ["375px", "1280px"])
def test_a_page_with_the_measurement_tag_loads_it_under_the_csp_and_passes_axe(
    new_page, tagged_site, width
):
    page = new_page(width)
    violations_of_csp: list[str] = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations_of_csp.append(message.text)
        ),
    )
    tried: list[str] = []
    page.on("request", lambda request: tried.append(request.url))
    response = page.goto(tagged_site + ARTICLE)
    assert response.status == 200
    csp = response.headers["content-security-policy"]
    assert "https://emc.gov.vn" in csp and "https://thongke.thanhhoa.gov.vn" in csp
    page.wait_for_load_state("networkidle")
    # The browser asked for the tag and for Matomo's tracker (the loader ran), and the CSP
    # blocked neither (offline here, so they fail to load, which is not a violation).
    assert any(url.startswith("https://emc.gov.vn/tag/emc.js") for url in tried)
    assert "https://thongke.thanhhoa.gov.vn/matomo.js" in tried
    assert not violations_of_csp, violations_of_csp
    badge = page.locator(".site-footer__badge img")
    assert badge.get_attribute("alt") == "Website đã gắn mã đo lường EMC"
    violations = axe_violations(page)
    screenshot(page, f"measurement-tag-{width}")
    assert not violations, describe_violations(violations)
