"""What the public views share: the friendly refusal page."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

RATE_LIMITED = 429


def refuse(page, request, message: str, status: int = RATE_LIMITED, title: str = ""):
    """A page that says, in Vietnamese, why nothing was saved; 429 for too many attempts."""
    response = TemplateResponse(
        request,
        "participation/refused.html",
        {
            "page": page,
            "self": page,
            "request": request,
            "refusal_title": title or _("Chưa gửi được"),
            "message": message,
        },
        status=status,
    )
    if status == RATE_LIMITED:
        response["Retry-After"] = "3600"
    return response


def too_many(page, request):
    return refuse(
        page,
        request,
        _(
            "Bạn đã gửi quá nhiều lần trong thời gian ngắn. Vì lý do an toàn, nội dung vừa gửi "
            "chưa được lưu. Vui lòng thử lại sau ít phút, hoặc liên hệ cơ quan qua điện thoại, "
            "thư điện tử ghi ở cuối trang."
        ),
        title=_("Bạn gửi quá nhiều lần"),
    )
