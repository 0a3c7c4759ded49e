"""The organisation chart and the leaders: records of a site, shown on their pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cong.agency.models import Leader, LeadersPage, OrganisationPage, OrgUnit, unit_tree
from cong.core.cache import content_version


@pytest.fixture
def director(site):
    return Leader.objects.create(site=site, full_name="Đỗ Hữu Quyết", position="Giám đốc Sở")


@pytest.fixture
def units(site, director):
    board = OrgUnit.objects.create(site=site, name="Ban Giám đốc Sở", head=director, sort_order=0)
    office = OrgUnit.objects.create(
        site=site, name="Văn phòng Sở", parent=board, head_name="Chánh Văn phòng", sort_order=1
    )
    team = OrgUnit.objects.create(site=site, name="Tổ Một cửa", parent=office, sort_order=2)
    centre = OrgUnit.objects.create(
        site=site, name="Trung tâm CNTT", parent=board, kind="subordinate", sort_order=3
    )
    return board, office, team, centre


def names(tree):
    return [(unit.name, names(children)) for unit, children in tree]


def test_the_chart_nests_units_in_the_editors_order(site, units):
    assert names(unit_tree(site)) == [
        ("Ban Giám đốc Sở", [("Văn phòng Sở", [("Tổ Một cửa", [])]), ("Trung tâm CNTT", [])])
    ]


def test_a_unit_cannot_sit_under_itself(units):
    board, office, team, _centre = units
    board.parent = team
    with pytest.raises(ValidationError):
        board.clean()


@pytest.fixture
def organisation(home):
    page = OrganisationPage(title="Cơ cấu tổ chức", slug="co-cau-to-chuc")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_organisation_page_is_a_keyboard_chart_and_a_directory(client, organisation, units):
    client.get(organisation.url)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(organisation.url).content.decode()
    assert len(queries) <= 14
    chart = html[html.index('class="org-chart"') : html.index("Các đơn vị")]
    assert chart.count('<ul class="org-chart__level') == 3  # board, its units, the team
    board, office, team, _centre = units
    assert f'href="#don-vi-{team.pk}"' in chart  # every box is a link: reachable by Tab
    assert "Đỗ Hữu Quyết – Giám đốc Sở" in chart
    assert f'id="don-vi-{office.pk}"' in html and "Chánh Văn phòng" in html
    assert "Cập nhật lần cuối:" in html


@pytest.fixture
def leaders_page(home):
    page = LeadersPage(title="Lãnh đạo Sở", slug="lanh-dao-so")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_current_leaders_are_shown_in_full_and_former_ones_listed(
    client, site, leaders_page, director
):
    Leader.objects.create(
        site=site,
        full_name="Phạm Quốc Anh",
        position="Phó Giám đốc Sở",
        term_start=datetime.date(2015, 1, 1),
        term_end=datetime.date(2020, 12, 31),
        biography="<p>Tiểu sử</p>",
    )
    director.duties = "<p>Phụ trách chung.</p>"
    director.email = "giamdoc@example.gov.vn"
    director.save()
    html = client.get(leaders_page.url).content.decode()
    current = html[: html.index("Lãnh đạo qua các thời kỳ")]
    assert "<h2>Đỗ Hữu Quyết</h2>" in current and "Phụ trách chung." in current
    assert "mailto:giamdoc@example.gov.vn" in current
    assert "Phạm Quốc Anh" not in current
    assert "Phạm Quốc Anh – Phó Giám đốc Sở (2015–2020)" in html


def test_another_sites_leaders_are_not_shown(client, leaders_page, director):
    from wagtail.models import Page, Site

    other = Site.objects.create(hostname="xa.example.vn", root_page=Page.get_first_root_node())
    Leader.objects.create(site=other, full_name="Người xã khác", position="Chủ tịch")
    assert "Người xã khác" not in client.get(leaders_page.url).content.decode()


def test_a_leader_change_refreshes_the_pages_and_shows_its_time(
    client, leaders_page, director, django_capture_on_commit_callbacks
):
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        director.position = "Giám đốc Sở Khoa học và Công nghệ"
        director.save()
    assert content_version() != before
    html = client.get(leaders_page.url).content.decode()
    assert "Giám đốc Sở Khoa học và Công nghệ" in html
    leaders_page.refresh_from_db()
    assert director.updated_at >= leaders_page.last_published_at
    assert (
        timezone.localtime(director.updated_at).strftime("%H:%M") in html
    )  # "Cập nhật lần cuối" follows it


def test_a_leader_is_found_by_search(client, leaders_page, director):
    html = client.get("/tim-kiem/", {"q": "do huu quyet"}).content.decode()
    assert f"/lanh-dao-so/#lanh-dao-{director.pk}" in html


def structured_data(html: str) -> dict:
    """The page's JSON-LD node that is not the WebPage itself (cong.core.metadata)."""
    import json
    import re

    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return next(n for n in map(json.loads, blocks) if n["@type"] != "WebPage")


def test_the_organisation_page_describes_the_units_in_schema_org(client, organisation, units):
    data = structured_data(client.get(organisation.url).content.decode())
    assert data["@context"] == "https://schema.org" and data["@type"] == "GovernmentOrganization"
    board = data["subOrganization"][0]
    assert board["name"] == "Ban Giám đốc Sở"
    assert [u["name"] for u in board["subOrganization"]] == ["Văn phòng Sở", "Trung tâm CNTT"]
    assert board["subOrganization"][0]["subOrganization"][0]["name"] == "Tổ Một cửa"


def test_the_leaders_structured_data_cannot_be_broken_out_of(client, site, leaders_page):
    Leader.objects.create(site=site, full_name="A</script><script>alert(1)</script>", position="X")
    html = client.get(leaders_page.url).content.decode()
    assert "</script><script>alert(1)" not in html
    people = structured_data(html)["itemListElement"]
    assert people[0]["@type"] == "Person" and people[0]["name"].startswith("A</script>")
