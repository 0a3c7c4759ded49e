"""Biên tập → Duyệt: a reporter submits, an editor approves, a leader approves and publishes."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from cong.documents.models import LegalDocument
from cong.editorial.roles import BIEN_TAP_VIEN, LANH_DAO_DUYET, PHONG_VIEN
from tests.editorial.conftest import page_form


def act(client, page, action, **data):
    """Approve or reject the page's current step, as the moderation buttons do."""
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, data)


def current_step(obj) -> str | None:
    task = obj.current_workflow_task
    return task.name if task else None


@pytest.fixture
def submitted(login, users, draft):
    """The reporter's draft, submitted for moderation from the editor."""
    client = login(users[PHONG_VIEN])
    response = client.post(
        f"/admin/pages/{draft.pk}/edit/", page_form(draft, **{"action-submit": "action-submit"})
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    return draft


def test_a_submitted_page_waits_for_the_editors(submitted):
    assert current_step(submitted) == "Biên tập"
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not submitted.live


def test_two_approvals_publish_the_page(submitted, login, users):
    act(login(users[BIEN_TAP_VIEN]), submitted, "approve")
    submitted.refresh_from_db()
    assert current_step(submitted) == "Duyệt" and not submitted.live

    act(login(users[LANH_DAO_DUYET]), submitted, "approve")
    submitted.refresh_from_db()
    assert submitted.live
    assert submitted.workflow_states.get().status == WorkflowState.STATUS_APPROVED


@pytest.mark.parametrize("role", [PHONG_VIEN, LANH_DAO_DUYET])
def test_only_editors_approve_the_first_step(submitted, login, users, role):
    act(login(users[role]), submitted, "approve")
    submitted.refresh_from_db()
    assert current_step(submitted) == "Biên tập"


@pytest.mark.parametrize("role", [PHONG_VIEN, BIEN_TAP_VIEN])
def test_only_leaders_approve_the_last_step(submitted, login, users, role):
    act(login(users[BIEN_TAP_VIEN]), submitted, "approve")
    submitted.refresh_from_db()
    act(login(users[role]), submitted, "approve")
    submitted.refresh_from_db()
    assert current_step(submitted) == "Duyệt" and not submitted.live


def test_a_page_in_moderation_is_locked_for_its_author(submitted, login, users):
    client = login(users[PHONG_VIEN])
    client.post(
        f"/admin/pages/{submitted.pk}/edit/",
        page_form(submitted, title="Sửa khi đang chờ duyệt"),
    )
    assert submitted.get_latest_revision().content["title"] != "Sửa khi đang chờ duyệt"


def test_a_rejection_returns_the_page_to_its_author(submitted, login, users):
    act(login(users[BIEN_TAP_VIEN]), submitted, "reject", comment="Bổ sung thời gian, địa điểm.")
    submitted.refresh_from_db()
    state = submitted.current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Bổ sung thời gian, địa điểm."
    assert not submitted.live

    client = login(users[PHONG_VIEN])
    response = client.post(
        f"/admin/pages/{submitted.pk}/edit/",
        page_form(
            submitted, title="Lịch tiếp công dân (đã bổ sung)", **{"action-submit": "action-submit"}
        ),
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.draft_title == "Lịch tiếp công dân (đã bổ sung)"
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert current_step(submitted) == "Biên tập"


def document_form(document, **extra):
    return {
        "number": document.number,
        "doc_type": document.doc_type_id,
        "issuing_body": document.issuing_body_id,
        "issued_on": "06/02/2023",
        "summary": document.summary,
        "files-TOTAL_FORMS": "0",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
        **extra,
    }


def test_legal_documents_go_through_the_same_two_steps(login, users, make_document):
    document = make_document("12/KH-STTTT", kind="Kế hoạch", live=False)
    viewset = LegalDocument.snippet_viewset
    edit_url = reverse(viewset.get_url_name("edit"), args=[document.pk])
    response = login(users[PHONG_VIEN]).post(
        edit_url, document_form(document, **{"action-submit": "1"})
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert current_step(document) == "Biên tập văn bản"

    for role in (BIEN_TAP_VIEN, LANH_DAO_DUYET):
        task_state = document.current_workflow_task_state
        url = reverse(
            viewset.get_url_name("workflow_action"), args=[document.pk, "approve", task_state.pk]
        )
        login(users[role]).post(url)
        document.refresh_from_db()
    assert document.live
