"""A body larger than the site accepts is refused with a Vietnamese 413 before it is read."""

import io

import pytest
from django.core.checks import Warning as CheckWarning
from django.test import Client
from wagtail.models import Site

from cong.core.limits import MB, admin_max_mb, public_max_mb
from cong.core.sites import check_site_hostnames


class Unreadable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = readinto = read


def post_declaring(path: str, length: int):
    return Client().generic(
        "POST",
        path,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": Unreadable()},
    )


def test_a_300_mb_public_post_is_refused_with_413_before_the_body_is_read(home):
    response = post_declaring("/hoi-dap/dat-cau-hoi/", 300 * MB)
    assert response.status_code == 413
    html = response.content.decode()
    assert "quá lớn" in html and f"{public_max_mb()} MB" in html
    assert response["Connection"] == "close"


def test_the_admin_may_send_a_document_but_not_more(home, settings):
    settings.CONG_DOCUMENT_MAX_BYTES = 30 * MB
    assert admin_max_mb() == 31
    assert post_declaring("/admin/documents/multiple/add/", 32 * MB).status_code == 413
    # Within the limit the request goes on (here: to the login redirect, body unread).
    client = Client()
    assert client.post("/admin/documents/multiple/add/", {}).status_code in (302, 403)


def test_upload_memory_limits_are_set_explicitly(settings):
    from cong import settings as project

    assert project.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * MB
    assert project.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * MB


# The Site hostname (sitemap, RSS, canonical links, e-mails)


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["stttt.thanhhoa.gov.vn"]


def test_it_warns_when_the_site_still_says_localhost_in_production(home, production):
    warnings = check_site_hostnames()
    assert [w.id for w in warnings] == ["cong.W002"]
    assert isinstance(warnings[0], CheckWarning)
    assert "stttt.thanhhoa.gov.vn" in warnings[0].hint


def test_it_is_silent_once_the_hostname_is_set(home, production):
    Site.objects.update(hostname="stttt.thanhhoa.gov.vn", port=443)
    assert check_site_hostnames() == []


def test_it_is_silent_on_a_laptop_or_a_loopback_test(home, settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
    assert check_site_hostnames() == []
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["stttt.thanhhoa.gov.vn"]
    assert check_site_hostnames() == []
