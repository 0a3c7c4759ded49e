"""Province mode: disclosure items are part of their page (an inline, not site records), so
Wagtail's page permissions, given on each site's root, keep one agency's editors off another's
items; the public side shows a site only its own pages' items."""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cong.disclosure.duties import budget_disclosed
from cong.disclosure.models import DisclosureItem
from tests.factories import DisclosureItemFactory, DisclosurePageFactory
from tests.tenancy import OTHER_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def both_hosts(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]


@pytest.fixture
def sections(home, other_site):
    """A budget section on each site, with one current-year item each: (A's, B's)."""
    year = timezone.localdate().year
    pages = []
    for root, title in ((home, "Dự toán của An"), (other_site.root_page, "Dự toán của Bình")):
        page = DisclosurePageFactory(parent=root, slug="cong-khai-ngan-sach")
        DisclosureItemFactory(page=page, title=title, kind="du-toan", year=year)
        page.save_revision().publish()
        pages.append(page)
    return pages


def edit_form(page, title):
    """The page's edit form with one item titled `title`."""
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": "",
            "legal_basis": page.legal_basis,
            "items": inline_formset(
                [
                    {
                        "title": title,
                        "kind": "du-toan",
                        "year": 2025,
                        "published_on": "2025-01-15",
                        "files": streamfield([]),
                        "note": "",
                    }
                ]
            ),
        }
    )


def titles(page) -> list[str]:
    """The items' titles in the page's latest revision (draft or published)."""
    page.refresh_from_db()
    return [item.title for item in page.get_latest_revision_as_object().items.all()]


def test_an_editor_edits_their_own_sites_items(client, site, site_editor, sections):
    own, _other = sections
    client.force_login(site_editor(site))
    answer = client.post(reverse("wagtailadmin_pages:edit", args=[own.pk]), edit_form(own, "Mới"))
    assert answer.status_code == 302
    assert "Mới" in titles(own)


def test_an_editor_cannot_open_or_change_another_sites_items(client, site, site_editor, sections):
    _own, other = sections
    client.force_login(site_editor(site))
    edit = reverse("wagtailadmin_pages:edit", args=[other.pk])
    opened = client.get(edit)
    assert opened.status_code in (302, 403)
    assert "Dự toán của Bình" not in opened.content.decode()
    client.post(edit, edit_form(other, "Chen ngang"))
    assert titles(other) == ["Dự toán của Bình"]
    assert list(DisclosureItem.objects.values_list("title", flat=True).order_by("title")) == [
        "Dự toán của An",
        "Dự toán của Bình",
    ]
    for name in ("wagtailadmin_pages:delete", "wagtailadmin_pages:revisions_index"):
        assert client.get(reverse(name, args=[other.pk])).status_code in (302, 403), name


def test_each_site_shows_only_its_own_items(client, sections):
    for host, mine, theirs in (
        ("localhost", "Dự toán của An", "Dự toán của Bình"),
        (OTHER_HOST, "Dự toán của Bình", "Dự toán của An"),
    ):
        html = client.get("/cong-khai-ngan-sach/", HTTP_HOST=host).text
        assert mine in html and theirs not in html
        found = client.get("/tim-kiem/", {"q": "du toan"}, HTTP_HOST=host).text
        assert theirs not in found


def test_the_budget_duty_counts_only_the_sites_own_items(site, other_site, sections):
    own, _other = sections
    own.items.all().delete()
    assert budget_disclosed(site).status != budget_disclosed(other_site).status
