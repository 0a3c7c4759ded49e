"""Admin: "Sao chép tuần trước", a draft of the next week from the latest one."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from cong.schedule.access import index_for
from cong.schedule.isoweeks import ONE_WEEK
from cong.schedule.weeks import copy_last_week


def copy_week_view(request: HttpRequest, index_id: int) -> HttpResponse:
    """GET: what will be copied, and a button; POST: make the draft and open it."""
    index = index_for(request, index_id)
    source = index.latest_week()
    if source is None:
        messages.error(request, _("Chưa có tuần nào để sao chép."))
        return redirect("wagtailadmin_explore", index.pk)
    if request.method == "POST":
        week = copy_last_week(index, request.user)
        messages.success(
            request,
            _("Đã tạo bản nháp “%(title)s” từ “%(source)s”. Hãy sửa các dòng đã thay đổi.")
            % {"title": week.title, "source": source.title},
        )
        return redirect("wagtailadmin_pages:edit", week.pk)
    return TemplateResponse(
        request,
        "schedule/admin/copy_week.html",
        {
            "index": index,
            "source": source,
            "target_start": source.week_start + ONE_WEEK,
            "rows": source.get_latest_revision_as_object().entries.count(),
            "action": reverse("schedule_copy_week", args=[index.pk]),
        },
    )
