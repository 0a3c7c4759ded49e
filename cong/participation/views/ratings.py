"""POST /danh-gia/: a reader's stars for a page; a redirect back, or JSON for fetch().

The form is on every article, and articles are cached whole and shared by every reader
(cong/core/pagecache.py), so it carries no CSRF token. What a token would stop, another
site making its visitors' browsers send ratings, is stopped by the `Origin` header, which
browsers add to every cross-site POST and which a page cannot forge: it must be this site's
own origin (or, from a browser that sends none, the `Referer` must be a page of this site).
The honeypot, the rate limit and one rating per visitor, page and day stay as they were.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page, Site

from cong.core.clients import client_ip, visitor_hash
from cong.participation.forms import RatingForm
from cong.participation.guards import ip_over_limit, over_limit
from cong.participation.models import Rating
from cong.participation.ratings import read_target
from cong.participation.views.common import RATE_LIMITED, refuse, too_many

GROUP = "participation:ratings"
MESSAGES = {
    "cam-on": gettext_lazy("Cảm ơn bạn đã đánh giá."),
    "cap-nhat": gettext_lazy(
        "Bạn đã đánh giá trang này hôm nay; đánh giá mới đã thay cho đánh giá trước."
    ),
    "loi": gettext_lazy("Vui lòng chọn mức đánh giá từ 1 đến 5 sao."),
}


def _answer(request, wants_json: bool, path: str, outcome: str, status: int = 200):
    if wants_json:
        return JsonResponse(
            {"ok": status == 200, "outcome": outcome, "message": str(MESSAGES[outcome])},
            status=status,
        )
    return redirect(f"{path}?danh-gia={outcome}#danh-gia")


def _same_origin(request) -> bool:
    """Whether the POST comes from a page of this site (`Origin`, else `Referer`)."""
    own = f"{request.scheme}://{request.get_host()}"
    trusted = {value.lower() for value in (own, *settings.CSRF_TRUSTED_ORIGINS) if value}
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin.lower() in trusted  # "null" (sandboxed, privacy-stripped) is refused
    referer = urlsplit(request.headers.get("Referer", ""))
    return bool(referer.netloc) and f"{referer.scheme}://{referer.netloc}".lower() in trusted


def _address_over_daily_caps(request, visitor: str, path: str, day) -> bool:
    """Whether a new rating would pass its address's caps for the day: ratings of this page
    (CONG_RATING_PAGE_RATE) and ratings of any page (CONG_RATING_DAILY_RATE).

    A visitor is address + User-Agent, so one client changing its User-Agent is a new
    "visitor" each time: these caps count the address itself. A visitor changing their own
    rating of the day is not a new rating and is never refused here.
    """
    if Rating.objects.filter(visitor=visitor, path=path[:255], day=day).exists():
        return False
    ip = client_ip(request)
    page = over_limit(request, f"{GROUP}:page", settings.CONG_RATING_PAGE_RATE, f"{ip}|{path}")
    daily = ip_over_limit(request, f"{GROUP}:day", settings.CONG_RATING_DAILY_RATE)
    return page or daily


@csrf_exempt  # no token on cached pages; the origin check below stands in for it
@require_POST
def rate(request):
    wants_json = "application/json" in request.headers.get("Accept", "")
    if not _same_origin(request):
        message = _(
            "Không ghi nhận được đánh giá: yêu cầu không được gửi từ trang của cổng thông tin "
            "này. Vui lòng mở lại trang và đánh giá từ biểu mẫu trên trang."
        )
        if wants_json:
            return JsonResponse({"ok": False, "message": message}, status=403)
        return refuse(None, request, message, status=403)
    target = read_target(request.POST.get("target", ""))
    page = Page.objects.filter(pk=target["p"], live=True).first() if target else None
    path = target["u"] if target else ""
    if page is None or not url_has_allowed_host_and_scheme(path, allowed_hosts=None):
        message = _("Không ghi nhận được đánh giá: trang được đánh giá không còn tồn tại.")
        if wants_json:
            return JsonResponse({"ok": False, "message": message}, status=400)
        return refuse(None, request, message, status=400)
    form = RatingForm(request.POST)
    if not form.is_valid():
        if form.is_spam():
            return refuse(None, request, form.non_field_errors()[0], status=400)
        return _answer(request, wants_json, path, "loi", status=400)
    if ip_over_limit(request, GROUP, settings.CONG_RATING_RATE):
        if wants_json:
            message = _("Bạn đã gửi quá nhiều đánh giá. Vui lòng thử lại sau.")
            return JsonResponse({"ok": False, "message": message}, status=RATE_LIMITED)
        return too_many(None, request)
    site = Site.find_for_request(request)
    day = timezone.localdate()
    visitor = visitor_hash(
        site.pk if site else 0, client_ip(request), request.headers.get("User-Agent", ""), day
    )
    if _address_over_daily_caps(request, visitor, path, day):
        message = _(
            "Đã có nhiều đánh giá cho trang này từ cùng địa chỉ mạng của bạn trong hôm nay. "
            "Đánh giá của bạn chưa được ghi nhận; vui lòng thử lại vào ngày mai."
        )
        if wants_json:
            return JsonResponse({"ok": False, "message": message}, status=RATE_LIMITED)
        return refuse(None, request, message)
    section_id = page.pk if target.get("s") else (page.get_parent().pk if page.depth > 1 else None)
    values = {
        "stars": form.cleaned_data["stars"],
        "comment": form.cleaned_data.get("comment", ""),
        "title": str(target.get("t") or page.title)[:255],
        "page": page,
        "section_id": section_id,
        "site": site,
        "updated_at": timezone.now(),
    }
    try:
        with transaction.atomic():
            _rating, created = Rating.objects.update_or_create(
                visitor=visitor, path=path[:255], day=day, defaults=values
            )
    except IntegrityError:  # the same visitor's other request won the race: update it
        Rating.objects.filter(visitor=visitor, path=path[:255], day=day).update(**values)
        created = False
    return _answer(request, wants_json, path, "cam-on" if created else "cap-nhat")
