"""Past import runs in the admin: administrators read them; nobody adds or edits one."""

import pytest
from django.contrib.auth.models import Group

from cong.editorial.roles import BIEN_TAP_VIEN, QUAN_TRI
from cong.siteimport.models import ImportRun
from tests.accounts.helpers import login_with_second_factor

LIST = "/admin/chuyen-website/"


@pytest.fixture
def run(site):
    return ImportRun.objects.create(
        site=site,
        source="http://cu.example/tin-tuc",
        preset="liferay",
        status=ImportRun.Status.DONE,
        created=12,
        failed=1,
        report={
            "failures": [{"url": "http://cu.example/cham", "reason": "quá thời gian chờ"}],
            "warnings": [{"url": "http://cu.example/a", "reason": "không tải được ảnh"}],
        },
    )


def user_in(django_user_model, role: str, name: str):
    user = django_user_model.objects.create_user(name, password="mat-khau-dai-1")
    user.groups.add(Group.objects.get(name=role))
    return user


def test_administrators_read_runs_and_their_reports(client, django_user_model, run):
    login_with_second_factor(client, user_in(django_user_model, QUAN_TRI, "quantri"))

    listing = client.get(LIST).content.decode()
    assert "http://cu.example/tin-tuc" in listing and "Hoàn tất" in listing
    report = client.get(f"{LIST}inspect/{run.pk}/").content.decode()
    assert "quá thời gian chờ" in report and "không tải được ảnh" in report
    assert "Mục lỗi" in report
    assert client.get(f"{LIST}new/").status_code in (302, 403)
    assert client.get(f"{LIST}edit/{run.pk}/").status_code in (302, 403)
    assert client.post(f"{LIST}delete/{run.pk}/").status_code in (302, 403)
    assert ImportRun.objects.filter(pk=run.pk).exists()


def test_editors_do_not_see_runs(client, django_user_model, run):
    login_with_second_factor(client, user_in(django_user_model, BIEN_TAP_VIEN, "bientap"))
    response = client.get(LIST)
    assert response.status_code in (302, 403)
    assert "cu.example" not in response.content.decode()
