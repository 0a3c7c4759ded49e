import pytest
from django.contrib.auth.models import Group, Permission

from tests.accounts.helpers import PASSWORD

ROLES = {
    "Phóng viên": "phongvien",
    "Biên tập viên": "bientapvien",
    "Lãnh đạo duyệt": "lanhdao",
    "Quản trị": "quantri",
}


@pytest.fixture
def make_user(django_user_model):
    """A user who may use the admin, in the given role's group (created if missing)."""
    access_admin = Permission.objects.get(codename="access_admin")

    def make(role=None, username=None, **extra):
        user = django_user_model.objects.create_user(
            username or ROLES.get(role, "nguoidung"), password=PASSWORD, **extra
        )
        user.user_permissions.add(access_admin)
        if role:
            user.groups.add(Group.objects.get_or_create(name=role)[0])
        return user

    return make


@pytest.fixture
def reporter(make_user):
    return make_user("Phóng viên")


@pytest.fixture
def leader(make_user):
    return make_user("Lãnh đạo duyệt")


@pytest.fixture
def administrator(make_user):
    return make_user("Quản trị")
