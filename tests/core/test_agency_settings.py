import datetime

import pytest

from cong.core.models import AgencySettings


@pytest.fixture
def agency(site):
    agency = AgencySettings.for_site(site)
    agency.agency_name = "Sở Thông tin và Truyền thông Thanh Hóa"
    agency.parent_body = "UBND tỉnh Thanh Hóa"
    agency.licence_number = "12/GP-TTĐT"
    agency.licence_issuer = "Cục Quản lý Phát thanh, Truyền hình và Thông tin điện tử"
    agency.licence_date = datetime.date(2014, 4, 11)
    agency.responsible_person = "Ông Đỗ Hữu Quyết"
    agency.responsible_title = "Giám đốc"
    agency.address = "Đại lộ Nam Sông Mã - Phường Đông Hải - Thành phố Thanh Hóa"
    agency.phone = "(02373) 713.985"
    agency.fax = "(02373) 713.985"
    agency.designed_by = "Trung tâm Công nghệ thông tin và truyền thông Thanh Hóa"
    agency.save()
    return agency


def test_the_footer_names_the_licence_and_the_person_responsible(client, agency):
    html = client.get("/").content.decode()
    assert (
        "Giấy phép số 12/GP-TTĐT do Cục Quản lý Phát thanh, Truyền hình và Thông tin điện tử "
        "cấp ngày 11/04/2014" in html
    )
    assert "Ông Đỗ Hữu Quyết - Giám đốc" in html
    assert "Đại lộ Nam Sông Mã - Phường Đông Hải - Thành phố Thanh Hóa" in html
    assert '(02373) 713.985</a> - <span class="label">Fax:</span> (02373) 713.985' in html
    assert (
        "Website được thiết kế bởi Trung tâm Công nghệ thông tin và truyền thông Thanh Hóa" in html
    )
    assert "Trang thông tin điện tử Sở Thông tin và Truyền thông Thanh Hóa" in html


def test_the_header_shows_the_agency_and_its_parent_body(client, agency):
    html = client.get("/").content.decode()
    assert '<span class="brand__parent">UBND tỉnh Thanh Hóa</span>' in html
    assert '<span class="brand__name">Sở Thông tin và Truyền thông Thanh Hóa</span>' in html


def test_nothing_of_the_agency_is_hard_coded_in_templates(client, agency):
    agency.agency_name = "UBND xã Quảng Tâm"
    agency.parent_body = "UBND thành phố Thanh Hóa"
    agency.licence_number = ""
    agency.responsible_person = "Bà Lê Thị Hoa"
    agency.responsible_title = "Chủ tịch"
    agency.address = "Xã Quảng Tâm"
    agency.phone = agency.fax = agency.designed_by = ""
    agency.save()
    html = client.get("/").content.decode()
    assert "UBND xã Quảng Tâm" in html
    assert "Bà Lê Thị Hoa - Chủ tịch" in html
    for fact in ("Sở Thông tin", "12/GP-TTĐT", "Đỗ Hữu Quyết", "713.985", "Giấy phép số"):
        assert fact not in html
