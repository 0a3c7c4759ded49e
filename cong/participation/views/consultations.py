"""A draft's public page: its files and dates, the comment form while open, approved comments."""

from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from cong.core.pagination import paginate
from cong.participation.forms import CommentForm
from cong.participation.guards import (
    captcha_required,
    ip_over_limit,
    remember_submission,
    submission_refused,
)
from cong.participation.models import Comment, CommentStatus, ConsultationStatus
from cong.participation.routes import answers
from cong.participation.views.common import refuse, too_many

GROUP = "participation:comments"
COMMENTS_PER_PAGE = 30
FIELDS = ("name", "email", "organisation", "section", "body")


@answers("consultations.serve")
def serve_consultation(page, request):
    now = timezone.now()
    status = page.status(now)
    form = None
    http_status = 200
    if request.method == "POST":
        if status != ConsultationStatus.OPEN:
            return refuse(
                page,
                request,
                _("Dự thảo này hiện không nhận góp ý (%(status)s). Góp ý của bạn chưa được lưu.")
                % {"status": status.label.lower()},
                status=403,
                title=_("Không nhận góp ý"),
            )
        if ip_over_limit(request, GROUP, count=False):
            return too_many(page, request)
        form = CommentForm(
            request.POST, captcha=captcha_required(request, request.POST.get("email", ""))
        )
        if form.is_valid():
            if submission_refused(request, GROUP, form.cleaned_data["email"]):
                return too_many(page, request)
            with transaction.atomic():
                Comment.objects.create(
                    consultation=page, **{name: form.cleaned_data[name] for name in FIELDS}
                )
            remember_submission(request, form.cleaned_data["email"])
            return redirect(page.url + "?da-gui=1#gop-y")
        http_status = 400 if form.is_spam() else 200
    elif status == ConsultationStatus.OPEN:
        form = CommentForm(captcha=captcha_required(request))
    comments = page.comments.filter(status=CommentStatus.APPROVED).order_by("submitted_at", "pk")
    context = page.get_context(request)
    context.update(
        status=status,
        form=form,
        files=page.draft_files.select_related("document"),
        comments=paginate(request, comments, COMMENTS_PER_PAGE),
        just_sent=request.GET.get("da-gui") == "1",
    )
    return TemplateResponse(request, page.get_template(request), context, status=http_status)
