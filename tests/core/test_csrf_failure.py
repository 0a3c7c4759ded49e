"""A form refused by the CSRF check gets the site's Vietnamese page, not Django's English one."""

import pytest
from django.test import Client


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def test_a_login_without_its_token_gets_a_vietnamese_styled_403(strict_client, home):
    response = strict_client.post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Không gửi được biểu mẫu" in html
    assert "cho phép cookie" in html
    assert 'href="/admin/login/"' in html
    assert "css/site" in html and 'class="site-header"' in html  # the site's own page
    assert "CSRF" not in html and "Forbidden" not in html
    assert response["Cache-Control"] == "private, no-store"


def test_a_public_form_without_its_token_gets_the_same_page(strict_client, home):
    response = strict_client.post("/khong-co-trang-nay/", {"x": "1"})
    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in response.content.decode()


def test_the_csrf_page_escapes_the_address_it_links_back_to(strict_client, home):
    response = strict_client.post('/a"><script>alert(1)</script>/')
    html = response.content.decode()
    assert "<script>alert(1)" not in html
