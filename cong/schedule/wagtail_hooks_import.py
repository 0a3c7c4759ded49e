"""Admin hooks of the spreadsheet import: its URL, and a "Nhập từ bảng tính" button on the
schedule index and its weeks for whoever may add a week. Imported by the app's ready()
(Wagtail only discovers modules named wagtail_hooks)."""

from collections.abc import Iterator

from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from cong.schedule.models import ScheduleIndexPage, ScheduleWeekPage


@hooks.register("register_admin_urls")
def register_import_url() -> list[URLPattern]:
    from cong.schedule import admin_views

    return [
        path(
            "lich-cong-tac/<int:index_id>/nhap/",
            admin_views.import_view,
            name="schedule_import",
        ),
        path(
            "lich-cong-tac/<int:index_id>/nhap/mau.xlsx",
            admin_views.sample_view,
            name="schedule_import_sample",
        ),
    ]


@hooks.register("register_page_header_buttons")
def import_button(page, user, view_name=None, next_url=None) -> Iterator[Button]:
    specific = page.specific_class
    if specific is ScheduleWeekPage:
        page = page.get_parent()
    elif specific is not ScheduleIndexPage:
        return
    if page.permissions_for_user(user).can_add_subpage():
        yield Button(
            _("Nhập từ bảng tính"),
            reverse("schedule_import", args=[page.pk]),
            icon_name="upload",
            priority=25,
        )
