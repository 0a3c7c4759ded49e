"""Admin guards that apply to every page type."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.blocks.base import BlockField


def _missing_stream_counts(request: HttpRequest, page_class: Any) -> list[str]:
    """The page form's StreamFields whose "<name>-count" the POST lacks.

    Wagtail's editor always sends it; a truncated or hand-made request without it made
    Wagtail's form raise KeyError (an admin 500) instead of refusing the form.
    """
    form_class = page_class.get_edit_handler().get_form_class()
    return [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, BlockField) and f"{name}-count" not in request.POST
    ]


def _refuse_incomplete_post(
    request: HttpRequest, page_class: Any, edit_url: str
) -> HttpResponseBase | None:
    if request.method != "POST" or not _missing_stream_counts(request, page_class):
        return None
    messages.error(
        request,
        _(
            "Trang chưa được lưu: dữ liệu gửi lên thiếu phần nội dung (có thể kết nối bị "
            "ngắt giữa chừng). Vui lòng tải lại trang soạn thảo và nhập lại."
        ),
    )
    response = redirect(edit_url)
    response.status_code = 303  # back to a GET of the editor, which shows the message
    return response


@hooks.register("before_edit_page", order=-100)
def refuse_incomplete_edit(request: HttpRequest, page: Any) -> HttpResponseBase | None:
    return _refuse_incomplete_post(request, page.specific_class, request.get_full_path())


@hooks.register("before_create_page", order=-100)
def refuse_incomplete_create(
    request: HttpRequest, parent_page: Any, page_class: Any
) -> HttpResponseBase | None:
    return _refuse_incomplete_post(request, page_class, request.get_full_path())
