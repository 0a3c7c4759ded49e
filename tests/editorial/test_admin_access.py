"""Each role, logged in, against the admin pages that publish, configure or report.

Wagtail answers a logged-in user who lacks a permission with a redirect to the dashboard
("/admin/"), and an anonymous or non-staff user with a redirect to the login page.
"""

import pytest

from cong.editorial.roles import BIEN_TAP_VIEN, LANH_DAO_DUYET, PHONG_VIEN, QUAN_TRI
from tests.editorial.conftest import page_form

OK, DENIED, LOGIN = "200", "302 /admin/", "302 login"
NO_ROLE = None

# (URL template, expected for: Phóng viên, Biên tập viên, Lãnh đạo duyệt, Quản trị, no role)
EXPECTED = {
    "/admin/pages/{section}/unpublish/": (DENIED, DENIED, OK, OK, LOGIN),
    "/admin/settings/core/agencysettings/{site}/": (DENIED, DENIED, DENIED, OK, LOGIN),
    "/admin/users/": (DENIED, DENIED, DENIED, OK, LOGIN),
    "/admin/groups/": (DENIED, DENIED, DENIED, OK, LOGIN),
    "/admin/workflows/list/": (DENIED, DENIED, DENIED, OK, LOGIN),
    "/admin/reports/site-history/": (OK, OK, OK, OK, LOGIN),
    "/admin/pages/{draft}/history/": (OK, OK, OK, OK, LOGIN),
    "/admin/pages/{draft}/revisions/compare/earliest...latest/": (OK, OK, OK, OK, LOGIN),
    "/admin/pages/{section}/edit/": (DENIED, OK, OK, OK, LOGIN),
    "/admin/hoi-dap/": (DENIED, OK, OK, OK, LOGIN),
}
WHO = [PHONG_VIEN, BIEN_TAP_VIEN, LANH_DAO_DUYET, QUAN_TRI, NO_ROLE]


def outcome(response) -> str:
    if response.status_code != 302:
        return str(response.status_code)
    location = response["Location"]
    return LOGIN if "/login/" in location else f"302 {location}"


@pytest.fixture
def user_for(users, make_user):
    def user(role):
        return users[role] if role else make_user()

    return user


@pytest.mark.parametrize("url", EXPECTED)
@pytest.mark.parametrize("who", range(len(WHO)), ids=[w or "không vai trò" for w in WHO])
def test_each_role_gets_what_it_may_see(login, user_for, site, section, draft, url, who):
    client = login(user_for(WHO[who]))
    response = client.get(url.format(site=site.pk, section=section.pk, draft=draft.pk))
    assert outcome(response) == EXPECTED[url][who]


@pytest.mark.parametrize(
    ("role", "published"),
    [(PHONG_VIEN, False), (BIEN_TAP_VIEN, False), (LANH_DAO_DUYET, True), (QUAN_TRI, True)],
)
def test_only_leaders_and_administrators_publish_from_the_editor(
    login, users, draft, role, published
):
    client = login(users[role])
    url = f"/admin/pages/{draft.pk}/edit/"
    assert ('name="action-publish"' in client.get(url).content.decode()) is published
    response = client.post(url, page_form(draft, **{"action-publish": "action-publish"}))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live is published
    assert draft.get_latest_revision().user == users[role]  # saved as a draft either way


@pytest.mark.parametrize(
    ("role", "unpublished"),
    [(PHONG_VIEN, False), (BIEN_TAP_VIEN, False), (LANH_DAO_DUYET, True), (QUAN_TRI, True)],
)
def test_only_leaders_and_administrators_unpublish(login, users, section, role, unpublished):
    response = login(users[role]).post(f"/admin/pages/{section.pk}/unpublish/")
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.live is not unpublished


def test_an_administrator_saves_the_agency_settings(login, users, site):
    url = f"/admin/settings/core/agencysettings/{site.pk}/"
    response = login(users[QUAN_TRI]).post(
        url, {"agency_name": "Sở Thông tin và Truyền thông", "kind": "so"}
    )
    assert response.status_code == 302
    from cong.core.models import AgencySettings

    assert AgencySettings.for_site(site).agency_name == "Sở Thông tin và Truyền thông"


def test_a_leader_cannot_change_the_agency_settings(login, users, site):
    url = f"/admin/settings/core/agencysettings/{site.pk}/"
    login(users[LANH_DAO_DUYET]).post(url, {"agency_name": "Cơ quan giả mạo"})
    from cong.core.models import AgencySettings

    assert AgencySettings.for_site(site).agency_name != "Cơ quan giả mạo"
