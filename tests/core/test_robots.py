import pytest
from django.test import Client


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_private_paths(client, home):
    response = client.get("/robots.txt", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Sitemap: http://localhost/sitemap.xml" in text
    private_paths = ("/tim-kiem/", "/en/tim-kiem/", "/hoi-dap/theo-doi/", "/api/")
    for private in [f"Disallow: {path}" for path in private_paths]:
        assert private in text


@pytest.mark.parametrize("admin_path", ["admin/", "quan-tri-9f3k/"])
def test_robots_txt_does_not_reveal_the_admin_address(client, home, settings, admin_path):
    settings.CONG_ADMIN_PATH = admin_path
    text = client.get("/robots.txt").content.decode()
    assert admin_path.strip("/") not in text


def test_the_admin_tells_crawlers_not_to_index_it_instead(client, admin_client, home):
    for response in (
        client.get("/admin/login/"),
        client.get("/admin/"),  # the redirect to the login form
        admin_client.get("/admin/"),
    ):
        assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex"' in client.get("/admin/login/").content.decode()


def test_public_pages_carry_no_robots_header(client, home):
    assert "X-Robots-Tag" not in client.get("/")
    assert "X-Robots-Tag" not in Client().get("/robots.txt")
