"""The English tree under /en/, the language switch, hreflang and <html lang>."""

import re

from django.utils import translation
from wagtail.models import Locale

from cong.core.i18n import PathLanguageMiddleware
from tests.factories import CategoryPageFactory
from tests.html import unsigned


def links(html, rel="alternate"):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def switch(html):
    found = re.search(r'<a class="language-switch" href="([^"]+)" hreflang="(\w+)"', html)
    return found and found.groups()


def test_existing_pages_stay_vietnamese_at_their_addresses(client, home, intro):
    assert home.locale.language_code == "vi"
    assert Locale.get_default().language_code == "vi"
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"vi", "en"}
    assert intro.url == "/gioi-thieu/"
    response = client.get("/gioi-thieu/")
    assert response.status_code == 200
    assert '<html lang="vi">' in response.text
    assert response["Content-Language"] == "vi"
    assert "Accept-Language" not in response.get("Vary", "")
    # A browser asking for English still gets the Vietnamese page at its address.
    again = client.get("/gioi-thieu/", headers={"accept-language": "en"})
    assert '<html lang="vi">' in again.text


def test_english_pages_are_served_under_en(client, english_home, english_intro):
    assert english_intro.url == "/en/about-us/"
    response = client.get("/en/about-us/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "<h1" in response.text and "About us" in response.text
    assert client.get("/en/").status_code == 200
    assert client.get("/about-us/").status_code == 404  # not at a Vietnamese address


def test_the_menu_and_brand_follow_the_language(client, english_on, english_home, english_intro):
    english = client.get("/en/").text
    assert 'href="/en/about-us/"' in english
    assert 'class="brand" href="/en/"' in english
    assert "Department of Information and Communications" in english
    vietnamese = client.get("/").text
    assert 'href="/gioi-thieu/"' in vietnamese and "/en/about-us/" not in vietnamese
    assert 'class="brand" href="/"' in vietnamese


def test_hreflang_pairs_are_reciprocal(client, english_on, english_intro):
    vi = links(client.get("/gioi-thieu/").text)
    en = links(client.get("/en/about-us/").text)
    assert vi == en
    assert vi == {
        "vi": "http://localhost/gioi-thieu/",
        "en": "http://localhost/en/about-us/",
        "x-default": "http://localhost/gioi-thieu/",
    }


def test_the_switch_leads_to_the_translation_and_back(client, english_on, english_intro):
    assert switch(client.get("/gioi-thieu/").text) == ("/en/about-us/", "en")
    assert switch(client.get("/en/about-us/").text) == ("/gioi-thieu/", "vi")
    assert switch(client.get("/en/").text) == ("/", "vi")


def test_an_untranslated_page_switches_to_the_english_home_with_a_note(
    client, english_on, english_home
):
    CategoryPageFactory(parent=english_home.get_translation(Locale.get_default()), slug="tin")
    assert switch(client.get("/tin/").text) == ("/en/?chua-dich=1", "en")
    noted = client.get("/en/?chua-dich=1").text
    assert 'class="language-note"' in noted
    assert 'class="language-note"' not in client.get("/en/").text


def test_no_switch_nor_hreflang_unless_the_site_turns_english_on(client, english_intro):
    html = client.get("/gioi-thieu/").text
    assert switch(html) is None
    assert links(html) == {}


def test_no_switch_without_an_english_home(client, english_on, intro):
    assert switch(client.get("/gioi-thieu/").text) is None


def test_the_middleware_reads_the_language_from_the_address_only(rf):
    seen = {}

    def view(request):
        seen["language"] = translation.get_language()
        from django.http import HttpResponse

        return HttpResponse()

    middleware = PathLanguageMiddleware(view)
    middleware(rf.get("/en/about-us/"))
    assert seen["language"] == "en"
    middleware(rf.get("/gioi-thieu/", headers={"accept-language": "en"}))
    assert seen["language"] == "vi"
    middleware(rf.get("/english/"))
    assert seen["language"] == "vi"


def test_the_switch_and_alternates_are_read_once_per_content_version(
    client, english_on, english_home, english_intro, django_capture_on_commit_callbacks
):
    from unittest import mock

    from cong.translations.templatetags import translation_tags

    with mock.patch.object(
        translation_tags, "live_translations", wraps=translation_tags.live_translations
    ) as read:
        first = client.get("/en/about-us/").text
        assert switch(first) == ("/gioi-thieu/", "vi") and set(links(first)) >= {"vi", "en"}
        calls = read.call_count
        assert calls > 0
        assert unsigned(client.get("/en/about-us/").text) == unsigned(first)
        assert read.call_count == calls  # the second view reads no translation
        with django_capture_on_commit_callbacks(execute=True):
            english_intro.title = "About the Department"
            english_intro.save_revision().publish()
        client.get("/en/about-us/")
        assert read.call_count > calls  # a publish: read again
