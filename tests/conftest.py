import datetime

import pytest
from wagtail.models import Page, Site

from cong.documents.models import (
    DocumentField,
    DocumentType,
    IssuingBody,
    LegalDocument,
    LegalDocumentIndexPage,
)
from tests.factories import CategoryPageFactory, HomePageFactory


@pytest.fixture
def home(db):
    """The site's home page, replacing Wagtail's welcome page as the default site's root."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="trang-chu")
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    site.root_page = home
    site.save()
    welcome.delete()
    return home


@pytest.fixture
def site(home):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def section(home):
    return CategoryPageFactory(parent=home, title="Tin tức - Sự kiện")


@pytest.fixture
def index(home):
    page = LegalDocumentIndexPage(title="Văn bản", slug="van-ban", show_in_menus=True)
    home.add_child(instance=page)
    return page


@pytest.fixture
def make_document(db):
    def make(
        number,
        kind="Quyết định",
        body="UBND tỉnh Thanh Hóa",
        issued="2023-02-06",
        summary="Trích yếu văn bản",
        live=True,
        field=None,
        site=None,
        **extra,
    ):
        document = LegalDocument(
            site=site or Site.objects.get(is_default_site=True),
            number=number,
            doc_type=DocumentType.objects.get(name=kind),
            issuing_body=IssuingBody.objects.get_or_create(name=body)[0],
            field=DocumentField.objects.get_or_create(name=field)[0] if field else None,
            issued_on=datetime.date.fromisoformat(issued),
            summary=summary,
            live=live,
            **extra,
        )
        document.save()
        return document

    return make


@pytest.fixture
def seed_documents(make_document):
    """The four documents the seed article cites."""
    return [
        make_document(
            "21/KH-UBND",
            "Kế hoạch",
            "UBND tỉnh Thanh Hóa",
            "2023-02-06",
            "Triển khai Đề án truyền thông về quyền con người giai đoạn 2023-2028",
        ),
        make_document(
            "1079/QĐ-TTg",
            "Quyết định",
            "Thủ tướng Chính phủ",
            "2022-09-14",
            "Phê duyệt Đề án truyền thông về quyền con người ở Việt Nam",
        ),
        make_document(
            "44-CT/TW",
            "Chỉ thị",
            "Ban Bí thư",
            "2010-07-20",
            "Về công tác nhân quyền trong tình hình mới",
        ),
        make_document(
            "46-TB/TW",
            "Thông báo",
            "Ban Bí thư",
            "2018-02-06",
            "Kết luận về tiếp tục thực hiện Chỉ thị 44-CT/TW",
        ),
    ]
