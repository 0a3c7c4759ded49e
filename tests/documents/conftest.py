import datetime

import pytest

from cong.documents.models import (
    DocumentField,
    DocumentType,
    IssuingBody,
    LegalDocument,
    LegalDocumentIndexPage,
)


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
        **extra,
    ):
        document = LegalDocument(
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
