"""One permission-gated admin menu item (cong.core.admin) for every app's report."""

from types import SimpleNamespace

import pytest
from wagtail import hooks

from cong.core.admin import PermissionMenuItem


class User:
    def __init__(self, *held: str):
        self.held = set(held)

    def has_perms(self, permissions) -> bool:
        return set(permissions) <= self.held


def request_of(user) -> SimpleNamespace:
    return SimpleNamespace(user=user)


def test_the_item_is_shown_only_to_who_holds_every_permission():
    item = PermissionMenuItem("Báo cáo", "/x/", permissions=["a.one", "a.two"])
    assert item.is_shown(request_of(User("a.one", "a.two")))
    assert not item.is_shown(request_of(User("a.one")))


@pytest.mark.parametrize(
    ("name", "permission"),
    [
        ("login-log", "accounts.view_loginevent"),
        ("visits", "visits.view_dailystats"),
        ("participation-ratings", "participation.view_rating"),
    ],
)
def test_each_report_in_the_menu_is_gated_by_its_permission(db, name, permission):
    items = {
        item.name: item
        for hook in hooks.get_hooks("register_reports_menu_item")
        for item in [hook()]
    }
    item = items[name]
    assert isinstance(item, PermissionMenuItem)
    assert item.is_shown(request_of(User(permission)))
    assert not item.is_shown(request_of(User()))


def test_the_comment_summary_is_gated_by_the_comment_permission():
    from cong.participation.viewsets import ConsultationReportViewSet

    item = ConsultationReportViewSet().get_menu_item()
    assert item.is_shown(request_of(User("participation.change_comment")))
    assert not item.is_shown(request_of(User()))
