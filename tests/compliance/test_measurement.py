"""The measurement tag (ND 224/2026 Art. 12): the site's CSP follows its setting, origins are
checked, the tag and its label are on the page, nginx's copy of the policy stays right."""

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from wagtail.models import Site

from cong.compliance import csp
from cong.compliance.models import MeasurementSettings
from cong.compliance.origins import clean_origin
from cong.core import pagecache
from tests.compliance.conftest import HOST, OTHER_HOST

EMC = "https://emc.gov.vn/tag/emc.js?id=stttt-thanhhoa"
BADGE = (
    '<a href="https://emc.gov.vn/chung-nhan/123"><img src="https://emc.gov.vn/nhan/123.png" '
    'alt="Đã gắn mã đo lường EMC" width="120" height="40" onerror="alert(1)"></a>'
    "<script>alert(1)</script>"
)


def fill(site: Site, commit, **values) -> MeasurementSettings:
    values = {
        "tag_script_url": EMC,
        "badge_html": BADGE,
        "matomo_url": "https://thongke.thanhhoa.gov.vn/",
        "matomo_site_id": 7,
        "allowed_origins": "https://cdn.thanhhoa.gov.vn\n\nhttps://*.tinnhiemmang.vn",
        **values,
    }
    setting = MeasurementSettings.for_site(site)
    for name, value in values.items():
        setattr(setting, name, value)
    setting.full_clean()
    with commit(execute=True):
        setting.save()
    return setting


def directives(header: str) -> dict[str, set[str]]:
    parts = (d.split() for d in header.split(";"))
    return {words[0]: set(words[1:]) for words in parts if words}


def test_the_csp_names_the_sites_sources_after_they_are_set_and_not_before(client, site, commit):
    before = directives(client.get("/")["Content-Security-Policy"])
    assert "https://emc.gov.vn" not in before["script-src"]
    assert "connect-src" not in before

    fill(site, commit)
    after = directives(client.get("/")["Content-Security-Policy"])

    sources = {
        "https://emc.gov.vn",
        "https://thongke.thanhhoa.gov.vn",
        "https://cdn.thanhhoa.gov.vn",
        "https://*.tinnhiemmang.vn",
    }
    for name in ("script-src", "img-src", "connect-src"):
        assert sources <= after[name]
    # Still the site itself, and for the visit beacon's POST, connect-src keeps 'self'.
    assert "'self'" in after["script-src"] and "'self'" in after["connect-src"]
    assert after["default-src"] == {"'self'"} and after["object-src"] == {"'none'"}
    assert not any("unsafe" in s or "nonce" in s for s in after["script-src"])


def test_another_sites_policy_is_unchanged(client, site, other_site, commit):
    before = client.get("/", HTTP_HOST=OTHER_HOST)["Content-Security-Policy"]
    fill(site, commit)
    after = client.get("/", HTTP_HOST=OTHER_HOST)["Content-Security-Policy"]
    assert pagecache.same_policy(before, after)
    assert "emc.gov.vn" not in after


def test_the_admin_keeps_its_own_policy(admin_client, site, commit):
    fill(site, commit)
    response = admin_client.get("/admin/")
    assert "emc.gov.vn" not in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "value, message",
    [
        ("http://emc.gov.vn", "chỉ chấp nhận nguồn https://"),
        ("https://emc.gov.vn/tag.js", "không kèm đường dẫn"),
        ("https://emc.*.vn", "ký tự đại diện * chỉ được đặt ở đầu"),
        ("*", "không phải nguồn hợp lệ"),
        ("'unsafe-inline'", "không phải nguồn hợp lệ"),
        ("https://user@emc.gov.vn", "không kèm đường dẫn"),
        ("https://emc.gov.vn:99999", "cổng không hợp lệ"),
        ("javascript:alert(1)", "không phải nguồn hợp lệ"),
    ],
)
def test_an_invalid_origin_is_refused_with_a_vietnamese_message(site, value, message):
    setting = MeasurementSettings.for_site(site)
    setting.allowed_origins = f"https://cdn.thanhhoa.gov.vn\n{value}"
    with pytest.raises(ValidationError) as caught:
        setting.full_clean()
    assert any(message in m for m in caught.value.message_dict["allowed_origins"])


def test_origins_are_normalised():
    assert clean_origin(" HTTPS://EMC.Gov.VN/ ") == "https://emc.gov.vn"
    assert clean_origin("https://*.matomo.vn:8443") == "https://*.matomo.vn:8443"


def test_a_plain_http_tag_and_a_badge_image_from_elsewhere_are_refused(site):
    setting = MeasurementSettings.for_site(site)
    setting.tag_script_url = "http://emc.gov.vn/tag.js"
    setting.badge_html = '<img src="https://tracker.example.com/x.png" alt="x">'
    with pytest.raises(ValidationError) as caught:
        setting.full_clean()
    assert "tag_script_url" in caught.value.message_dict
    setting.tag_script_url = EMC
    with pytest.raises(ValidationError) as caught:
        setting.full_clean()
    assert "không thuộc website này" in caught.value.message_dict["badge_html"][0]


def test_the_page_loads_the_tag_and_matomo_without_inline_script_and_shows_the_label(
    client, site, commit
):
    fill(site, commit)
    html = client.get("/").content.decode()
    assert f'<script src="{EMC}" async></script>'.replace("&", "&amp;") in html
    assert 'data-url="https://thongke.thanhhoa.gov.vn/" data-site-id="7"' in html
    assert "js/matomo.js" in html
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert 'alt="Đã gắn mã đo lường EMC"' in footer
    assert 'href="https://emc.gov.vn/chung-nhan/123"' in footer
    # The pasted snippet's script and event handler were dropped on save.
    assert "alert(1)" not in html
    assert "<script>" not in html


def test_without_a_setting_the_page_has_no_tag(client, site):
    html = client.get("/").content.decode()
    assert "matomo.js" not in html and "site-footer__badge" not in html


def test_nginx_map_names_each_host_with_its_own_policy(site, other_site, commit, var):
    fill(site, commit)
    text = csp.map_path().read_text()
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert len(lines) == 1 and lines[0].startswith(f'"{HOST}" "')
    policy = lines[0].split('" "', 1)[1].removesuffix('";')
    assert pagecache.same_policy(policy, csp.policy_header(csp.site_origins(site)))
    assert OTHER_HOST not in text
    # Clearing the setting takes the host out of the map again.
    fill(site, commit, tag_script_url="", badge_html="", matomo_url="", allowed_origins="")
    assert HOST not in csp.map_path().read_text()


def test_a_page_is_not_cached_when_nginx_would_send_another_policy(client, site, commit, var):
    """Until nginx reloads its map, its header for the host is the old one: no file."""
    fill(site, commit)
    root = var / "pagecache"
    nginx_old = csp.policy_header([])
    client.get("/", HTTP_X_CONG_CACHE_CSP=nginx_old)
    assert not (root / HOST / "index.html").exists()
    nginx_new = csp.policy_header(csp.site_origins(site))
    client.get("/", HTTP_X_CONG_CACHE_CSP=nginx_new)
    assert (root / HOST / "index.html").exists()


def test_same_policy_ignores_the_order_of_directives_and_sources():
    assert pagecache.same_policy("a-src x y; b-src z", "b-src z;a-src y x")
    assert not pagecache.same_policy("a-src x y; b-src z", "a-src x; b-src z")
    request = RequestFactory().get("/", HTTP_X_CONG_CACHE_CSP="default-src 'self'")
    assert request.headers[pagecache.NGINX_POLICY_HEADER] == "default-src 'self'"


def test_the_label_is_sanitised_even_when_saved_without_the_form(site):
    setting = MeasurementSettings.for_site(site)
    setting.badge_html = (
        '<img src="https://emc.gov.vn/x.png" alt="EMC" onload="alert(1)"><script>x()</script>'
    )
    setting.save()
    setting.refresh_from_db()
    assert setting.badge_html == '<img src="https://emc.gov.vn/x.png" alt="EMC">'
