import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from cong.documents.models import LegalDocument, Status

TODAY = datetime.date(2026, 11, 26)


def test_a_number_is_unique_per_issuing_body_whatever_its_case_and_accents(make_document):
    make_document("1079/QĐ-TTg", body="Thủ tướng Chính phủ")
    clash = LegalDocument(
        site=LegalDocument.objects.get().site,
        number="1079/qđ-ttg",
        doc_type_id=1,
        summary="x",
        issuing_body=LegalDocument.objects.get().issuing_body,
        issued_on=TODAY,
    )
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert "đã có văn bản số/ký hiệu" in str(error.value)
    with pytest.raises(IntegrityError):
        make_document("1079/QD-TTG", body="Thủ tướng Chính phủ")


def test_the_same_number_from_another_body_is_another_document(make_document):
    make_document("01/KH-UBND", body="UBND tỉnh Thanh Hóa")
    make_document("01/KH-UBND", body="UBND huyện Thọ Xuân")
    assert LegalDocument.objects.count() == 2


def test_another_site_may_publish_the_same_document(make_document, other_site):
    make_document("1079/QĐ-TTg", body="Thủ tướng Chính phủ")
    copy = LegalDocument(
        site=other_site,
        number="1079/QĐ-TTg",
        doc_type_id=1,
        summary="x",
        issuing_body=LegalDocument.objects.get().issuing_body,
        issued_on=TODAY,
    )
    copy.full_clean()
    make_document("1079/QD-TTG", body="Thủ tướng Chính phủ", site=other_site)
    assert LegalDocument.objects.filter(number_key="1079/QD-TTG").count() == 2


def test_status_follows_the_dates(make_document):
    in_force = make_document("1/QĐ", effective_on=datetime.date(2023, 1, 1))
    expired = make_document("2/QĐ", expires_on=datetime.date(2025, 12, 31))
    not_yet = make_document("3/QĐ", effective_on=datetime.date(2027, 1, 1))
    assert in_force.status(TODAY) == Status.IN_FORCE
    assert expired.status(TODAY) == Status.EXPIRED
    assert not_yet.status(TODAY) == Status.NOT_YET
    qs = LegalDocument.objects.all()
    assert set(qs.with_status(Status.EXPIRED, TODAY)) == {expired}
    assert set(qs.with_status(Status.NOT_YET, TODAY)) == {not_yet}
    assert set(qs.with_status(Status.IN_FORCE, TODAY)) == {in_force}


def test_a_document_replaced_by_a_published_one_is_no_longer_in_force(make_document):
    old = make_document("1025/QĐ-UBND")
    new = make_document("2150/QĐ-UBND", live=False)
    new.replaces.add(old)
    new.save()
    assert old.status(TODAY) == Status.IN_FORCE  # a draft replacement changes nothing
    new.live = True
    new.save()
    assert old.status(TODAY) == Status.EXPIRED
    assert list(LegalDocument.objects.with_status(Status.EXPIRED, TODAY)) == [old]


def test_expiry_before_effect_is_refused(make_document):
    document = make_document("9/QĐ")
    document.effective_on = datetime.date(2024, 1, 1)
    document.expires_on = datetime.date(2023, 1, 1)
    with pytest.raises(ValidationError):
        document.full_clean()


def test_text_is_stored_in_nfc_with_a_folded_copy_for_search(make_document):
    document = make_document(
        "21/KH-UBND", "Kế hoạch", summary="Quye\u0302\u0300n con ngu\u031bo\u031b\u0300i"
    )
    assert document.summary == "Quyền con người"
    assert "quyen con nguoi" in document.search_text
    assert "ke hoach" in document.search_text and "21/kh-ubnd" in document.search_text
