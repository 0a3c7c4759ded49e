"""sitemap.xml lists both languages with hreflang; an editor translates a page in the admin."""

import re

from django.urls import reverse
from wagtail.models import Locale, Page


def entries(xml):
    found = {}
    for block in re.findall(r"(?s)<url>(.*?)</url>", xml):
        location = re.search(r"<loc>([^<]+)</loc>", block).group(1)
        found[location] = dict(
            re.findall(r'<xhtml:link rel="alternate" hreflang="(\w+)" href="([^"]+)"/>', block)
        )
    return found


def test_the_sitemap_lists_both_languages_with_reciprocal_hreflang(client, english_intro, intro):
    listed = entries(client.get("/sitemap.xml").content.decode())
    pair = {"vi": "http://localhost/gioi-thieu/", "en": "http://localhost/en/about-us/"}
    assert listed["http://localhost/gioi-thieu/"] == pair
    assert listed["http://localhost/en/about-us/"] == pair
    assert listed["http://localhost/en/"] == {
        "vi": "http://localhost/",
        "en": "http://localhost/en/",
    }
    assert "http://localhost/" in listed


def test_an_untranslated_page_has_no_alternates(client, english_home, intro):
    listed = entries(client.get("/sitemap.xml").content.decode())
    assert listed["http://localhost/gioi-thieu/"] == {}


def test_an_editor_translates_a_page_from_the_admin(admin_client, english_home, intro):
    english = Locale.objects.get(language_code="en")
    url = reverse("simple_translation:submit_page_translation", args=[intro.pk])
    form = admin_client.get(url)
    assert form.status_code == 200
    response = admin_client.post(url, {"locales": [english.pk]})
    assert response.status_code == 302
    translated = intro.get_translation(english)
    assert translated.get_parent().pk == english_home.pk
    assert not translated.live  # a draft, for the editor to translate and publish
    # The editor's admin stays in the editor's language (Vietnamese by default).
    page = admin_client.get(reverse("wagtailadmin_explore", args=[intro.get_parent().pk]))
    assert 'lang="vi"' in page.content.decode()
    assert Page.objects.filter(translation_key=intro.translation_key).count() == 2
