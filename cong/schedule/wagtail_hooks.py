from collections.abc import Iterator

from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from cong.schedule import copy_views
from cong.schedule import panels as schedule_panels
from cong.schedule.models import ScheduleIndexPage, ScheduleWeekPage


@hooks.register("register_admin_urls")
def register_copy_week_url() -> list[URLPattern]:
    return [
        path(
            "lich-cong-tac/<int:index_id>/sao-chep-tuan/",
            copy_views.copy_week_view,
            name="schedule_copy_week",
        )
    ]


@hooks.register("register_page_header_buttons")
def week_buttons(page, user, view_name=None, next_url=None) -> Iterator[Button]:
    """ "Sao chép tuần trước" and "Nhập từ bảng tính" on the schedule index and on its
    weeks, for whoever may add a week."""
    specific = page.specific_class
    if specific is ScheduleWeekPage:
        page = page.get_parent()
    elif specific is not ScheduleIndexPage:
        return
    if page.permissions_for_user(user).can_add_subpage():
        yield Button(
            _("Sao chép tuần trước"),
            reverse("schedule_copy_week", args=[page.pk]),
            icon_name="copy",
            priority=20,
        )
        yield Button(
            _("Nhập từ bảng tính"),
            reverse("schedule_import", args=[page.pk]),
            icon_name="upload",
            priority=25,
        )


@hooks.register("construct_homepage_panels")
def schedule_dashboard(request, panels) -> None:
    """ "Lịch công tác hôm nay" on the editors' dashboard (cong.core.admin.DashboardPanel)."""
    schedule_panels.construct_panels(request, panels)
