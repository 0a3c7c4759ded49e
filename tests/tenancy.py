"""Two agencies on one install, and their editors: the fixtures of the isolation tests.

`other_site` is a second Wagtail site ("b.localhost") with its own home page beside the
default site of the `site` fixture; `site_editor(site, role)` makes a user whose only group is
the role's group bound to `site` (as `create_site` makes them), with the role's permissions
and its page permissions on that site's tree only.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from cong.editorial.roles import BIEN_TAP_VIEN
from cong.province.sites import ensure_site_group
from tests.factories import HomePageFactory

OTHER_HOST = "b.localhost"


@pytest.fixture
def other_site(site):
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="trang-chu-b", title="Sở B")
    return Site.objects.create(
        hostname=OTHER_HOST, port=80, root_page=home, site_name="Sở Tư pháp B"
    )


def bind_group(role: str, site: Site) -> Group:
    """`role`'s group of `site`, made as `create_site` makes it (cong.province.sites)."""
    return ensure_site_group(role, site)


@pytest.fixture
def site_editor(db):
    counter = iter(range(1000))

    def make(site: Site, role: str = BIEN_TAP_VIEN):
        user = get_user_model().objects.create_user(
            f"bientap{next(counter)}", password="mat-khau-thu-nghiem-dai"
        )
        user.groups.add(bind_group(role, site))
        return user

    return make
