import pytest
from wagtail.models import Locale

from cong.translations.models import EnglishSettings
from tests.factories import CategoryPageFactory


def translate(page, *, title, slug=None, **fields):
    """`page` copied into English (as the admin's "Dịch trang" does), retitled, published."""
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = title
    english.draft_title = title
    if slug:
        english.slug = slug
    for name, value in fields.items():
        setattr(english, name, value)
    english.save_revision().publish()
    english.refresh_from_db()
    return english.specific


@pytest.fixture
def english_on(site):
    settings = EnglishSettings.for_site(site)
    settings.english_enabled = True
    settings.agency_name = "Department of Information and Communications"
    settings.save()
    return settings


@pytest.fixture
def english_home(home):
    return translate(home, title="Home")


@pytest.fixture
def intro(home):
    return CategoryPageFactory(parent=home, title="Giới thiệu", slug="gioi-thieu")


@pytest.fixture
def english_intro(english_home, intro):
    return translate(intro, title="About us", slug="about-us")
