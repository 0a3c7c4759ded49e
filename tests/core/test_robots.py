def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_private_paths(client, home):
    response = client.get("/robots.txt", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Sitemap: http://localhost/sitemap.xml" in text
    for private in ("Disallow: /admin/", "Disallow: /tim-kiem/", "Disallow: /hoi-dap/theo-doi/"):
        assert private in text
