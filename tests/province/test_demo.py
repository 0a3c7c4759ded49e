"""`load_demo --province`: the demo Sở plus a provincial portal, a second Sở and a commune."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import Site

from cong.core.models import AgencySettings
from cong.core.tenancy import sites_of
from cong.news.models import ArticlePage

HOSTS = {"tinh.localhost": "tinh", "so-tu-phap.localhost": "so", "xa-dong-son.localhost": "xa"}
LOGIN = re.compile(r"tài khoản biên tập (\S+) / (\S+)")


# load_demo --province builds four sites with their pictures (about a minute): `make test-slow`.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def province(django_db_setup, django_db_blocker, tmp_path_factory):
    """load_demo --province run once into the test database (rolled back at the end), and
    what it printed."""
    folder = tmp_path_factory.mktemp("province-demo")
    out = io.StringIO()
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=folder / "media", CONG_PARTICIPATION_UPLOAD_ROOT=folder / "private"
        ),
        transaction.atomic(),
    ):
        call_command("load_demo", "--province", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(province, db):
    return province


def test_the_province_demo_makes_three_member_sites_beside_the_demo_so(demo):
    for host, kind in HOSTS.items():
        site = Site.objects.get(hostname=host)
        assert AgencySettings.objects.get(site=site).kind == kind
        articles = ArticlePage.objects.live().descendant_of(site.root_page)
        assert articles.count() >= 3
        assert all(a.featured_image is not None for a in articles)
    assert Site.objects.get(is_default_site=True).hostname == "localhost"


def test_each_site_has_an_editor_whose_login_is_printed(demo):
    logins = dict(LOGIN.findall(demo))
    assert len(logins) == 4  # the demo Sở and the three new sites
    User = get_user_model()
    for username, password in logins.items():
        user = User.objects.get(username=username)
        # Hashed when the module's install was built, before the tests' fast hasher.
        assert PBKDF2PasswordHasher().verify(password, user.password)
        allowed = sites_of(user)
        assert not allowed.everything and len(allowed.ids) == 1
    commune = Site.objects.get(hostname="xa-dong-son.localhost")
    assert sites_of(User.objects.get(username="bientap.dongson")).ids == {commune.pk}


def test_loading_it_again_adds_nothing_and_prints_no_password(demo):
    counts = (Site.objects.count(), ArticlePage.objects.count(), get_user_model().objects.count())
    out = io.StringIO()
    call_command("load_demo", "--province", stdout=out)
    assert not LOGIN.search(out.getvalue())
    assert "bientap.tinh đã có" in out.getvalue()
    after = (Site.objects.count(), ArticlePage.objects.count(), get_user_model().objects.count())
    assert after == counts


def test_province_goes_with_the_so_demo_only(db):
    with pytest.raises(CommandError, match="--province"):
        call_command("load_demo", "--province", "--kind", "xa")
