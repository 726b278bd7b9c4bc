from tests.seo.conftest import BASE


def test_robots_txt_names_both_sitemaps_and_keeps_crawlers_out_of_admin_and_forms(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /comments/" in lines
    assert [line for line in lines if line.startswith("Disallow:")] == [
        "Disallow: /admin/",
        "Disallow: /comments/",
    ]
    assert f"Sitemap: {BASE}/sitemap.xml" in lines
    assert f"Sitemap: {BASE}/sitemap-news.xml" in lines


def test_robots_txt_uses_the_request_host_without_a_configured_base_url(client, db, settings):
    settings.GAZETTE_BASE_URL = ""

    lines = client.get("/robots.txt").content.decode().splitlines()

    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_crawlers_may_ask_with_head(client, db):
    assert client.head("/robots.txt").status_code == 200
    assert client.head("/sitemap.xml").status_code == 200
