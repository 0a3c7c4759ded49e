"""A publish killed after its draft was saved is not silently lost: the editor is told."""

import pytest
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.models import PageLogEntry

from cong.editorial.publish_intent import PUBLISH_STARTED
from cong.editorial.roles import QUAN_TRI
from tests.editorial.conftest import page_form

WARNING = "Lần xuất bản gần nhất của trang này chưa hoàn tất"


class Killed(BaseException):
    """The worker dies: nothing after this point runs (not even `except Exception`)."""


def die(self, *args, **kwargs):
    """The publish step, after the edit view saved the revision."""
    raise Killed


def edit_url(page) -> str:
    return f"/admin/pages/{page.pk}/edit/"


@pytest.fixture
def editor(login, users):
    return login(users[QUAN_TRI])


def publish(client, page, **extra):
    return client.post(
        edit_url(page), page_form(page, **{"action-publish": "action-publish", **extra})
    )


def test_a_publish_killed_after_saving_its_draft_is_reported_on_the_next_load(
    editor, draft, monkeypatch
):
    monkeypatch.setattr(PublishPageRevisionAction, "execute", die)
    with pytest.raises(Killed):
        publish(editor, draft, title="Thông báo lịch tiếp công dân tháng 12 (sửa)")
    monkeypatch.undo()
    draft.refresh_from_db()
    assert draft.latest_revision.content["title"].endswith("(sửa)") and not draft.live
    html = editor.get(edit_url(draft)).content.decode()
    assert WARNING in html


def test_a_completed_publish_leaves_no_warning_and_no_extra_history(editor, draft):
    assert publish(editor, draft).status_code == 302
    draft.refresh_from_db()
    assert draft.live
    assert WARNING not in editor.get(edit_url(draft)).content.decode()
    assert not PageLogEntry.objects.filter(page=draft, action=PUBLISH_STARTED).exists()


def test_saving_a_draft_is_not_a_lost_publish(editor, draft):
    response = editor.post(edit_url(draft), page_form(draft, title="Bản nháp mới"))
    assert response.status_code == 302
    assert WARNING not in editor.get(edit_url(draft)).content.decode()


def test_a_publish_refused_by_the_form_then_a_draft_save_is_not_a_lost_publish(editor, draft):
    response = publish(editor, draft, title="")  # invalid: nothing saved
    assert response.status_code == 200
    assert WARNING not in editor.get(edit_url(draft)).content.decode()
    editor.post(edit_url(draft), page_form(draft, title="Bản nháp sau lỗi"))
    assert WARNING not in editor.get(edit_url(draft)).content.decode()


def test_publishing_again_clears_the_warning(editor, draft, monkeypatch):
    monkeypatch.setattr(PublishPageRevisionAction, "execute", die)
    with pytest.raises(Killed):
        publish(editor, draft)
    monkeypatch.undo()
    assert WARNING in editor.get(edit_url(draft)).content.decode()
    assert publish(editor, draft).status_code == 302
    assert WARNING not in editor.get(edit_url(draft)).content.decode()
