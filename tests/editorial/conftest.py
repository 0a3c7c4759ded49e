import pytest
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import nested_form_data, rich_text

from cong.editorial.roles import BIEN_TAP_VIEN, LANH_DAO_DUYET, PHONG_VIEN, QUAN_TRI
from tests.accounts.helpers import login_with_second_factor
from tests.factories import CategoryPageFactory

ROLES = [PHONG_VIEN, BIEN_TAP_VIEN, LANH_DAO_DUYET, QUAN_TRI]
USERNAMES = {
    PHONG_VIEN: "phongvien",
    BIEN_TAP_VIEN: "bientapvien",
    LANH_DAO_DUYET: "lanhdao",
    QUAN_TRI: "quantri",
}


@pytest.fixture
def make_user(django_user_model):
    """A user in the role's group (or in none), with a usable password."""

    def make(role=None, username=None):
        user = django_user_model.objects.create_user(
            username or USERNAMES.get(role, "congdan"), password="mat-khau-dai-1"
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def users(make_user):
    return {role: make_user(role) for role in ROLES}


@pytest.fixture
def login(client):
    """Signed in with the second factor the leaders' and administrators' groups require."""

    def log_in(user):
        login_with_second_factor(client, user)
        return client

    return log_in


@pytest.fixture
def draft(section, users):
    """An unpublished page written by the Phóng viên, saved twice (two revisions)."""
    page = CategoryPageFactory(
        parent=section, title="Thông báo lịch tiếp công dân", live=False, owner=users[PHONG_VIEN]
    )
    page.save_revision(user=users[PHONG_VIEN])
    page.title = "Thông báo lịch tiếp công dân tháng 12"
    page.save_revision(user=users[PHONG_VIEN])
    return page


def page_form(page, **extra):
    """What the page editor posts for a section page, plus the action (e.g. action-publish)."""
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": rich_text("Lịch tiếp công dân của lãnh đạo Sở."),
            **extra,
        }
    )
