"""Editing in the admin: only the documents group publishes; bulk import from the admin."""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from cong.documents.models import LegalDocument
from cong.editorial.roles import QUAN_LY_VAN_BAN as GROUP_NAME

CSV = (
    "Số/Ký hiệu,Loại văn bản,Cơ quan ban hành,Ngày ban hành,Trích yếu,Tệp\n"
    "21/KH-UBND,Kế hoạch,UBND tỉnh Thanh Hóa,06/02/2023,Về quyền con người,kh21.pdf\n"
)


@pytest.fixture
def clerk(db):
    """A documents-group member."""
    user = get_user_model().objects.create_user("vanthu", password="x")
    user.groups.add(Group.objects.get(name=GROUP_NAME))
    return user


@pytest.fixture
def writer(db):
    """An editor who may add and change documents but not publish them (in a group bound to
    no site: an install-wide editor)."""
    user = get_user_model().objects.create_user("bientap", password="x")
    group = Group.objects.create(name="Biên tập văn bản")
    user.groups.add(group)
    group.permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "access_admin",
                "add_legaldocument",
                "change_legaldocument",
                "view_legaldocument",
            ]
        )
    )
    return user


def test_the_documents_group_exists_after_migrate_and_may_publish(clerk):
    assert clerk.has_perm("documents.publish_legaldocument")
    assert clerk.has_perm("documents.add_legaldocument")


@pytest.mark.parametrize(("user", "published"), [("writer", False), ("clerk", True)])
def test_only_the_documents_group_can_publish(
    request, client, index, make_document, user, published
):
    user = request.getfixturevalue(user)
    document = make_document("5/QĐ-UBND", live=False)
    client.force_login(user)
    url = f"/admin/snippets/documents/legaldocument/edit/{document.pk}/"
    assert ("action-publish" in client.get(url).content.decode()) is published
    response = client.post(
        url,
        {
            "number": "5/QĐ-UBND",
            "doc_type": document.doc_type_id,
            "issuing_body": document.issuing_body_id,
            "issued_on": "06/02/2023",
            "summary": "Sửa trích yếu",
            "files-TOTAL_FORMS": "0",
            "files-INITIAL_FORMS": "0",
            "files-MIN_NUM_FORMS": "0",
            "files-MAX_NUM_FORMS": "1000",
            "action-publish": "1",
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.latest_revision.content["summary"] == "Sửa trích yếu"  # saved either way
    assert document.live is published


def test_the_admin_import_attaches_files_from_a_zip(client, clerk):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("kh21.pdf", b"%PDF-1.4 demo")
    client.force_login(clerk)
    response = client.post(
        "/admin/van-ban/nhap/",
        {
            "sheet": SimpleUploadedFile("van-ban.csv", CSV.encode()),
            "attachments": SimpleUploadedFile("tep.zip", archive.getvalue()),
        },
    )
    assert "Đã nhập 1 văn bản và 1 tệp đính kèm" in response.content.decode()
    assert LegalDocument.objects.get().files.count() == 1


def test_the_admin_import_reports_errors_and_imports_nothing(client, clerk):
    client.force_login(clerk)
    response = client.post(
        "/admin/van-ban/nhap/",
        {
            "sheet": SimpleUploadedFile("van-ban.csv", CSV.encode()),
        },
    )
    html = response.content.decode()
    assert "Không nhập văn bản nào" in html and "Dòng 2: không tìm thấy tệp “kh21.pdf”." in html
    assert LegalDocument.objects.count() == 0


def test_a_dry_run_imports_nothing(client, clerk):
    client.force_login(clerk)
    sheet = CSV.replace(",kh21.pdf", ",")
    html = client.post(
        "/admin/van-ban/nhap/",
        {
            "sheet": SimpleUploadedFile("van-ban.csv", sheet.encode()),
            "dry_run": "on",
        },
    ).content.decode()
    assert "Tệp hợp lệ: 1 văn bản" in html
    assert LegalDocument.objects.count() == 0


def test_only_publishers_may_import(client, writer):
    client.force_login(writer)
    assert client.get("/admin/van-ban/nhap/").status_code in (302, 403)
