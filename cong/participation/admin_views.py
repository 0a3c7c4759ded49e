"""Admin pages outside the view sets: attachments, comment exports, the ratings report.

Each keeps to the sites the user works for (cong.core.tenancy.sites_of): another site's
question, draft or ratings answer 404 whatever the address.
"""

from functools import reduce
from operator import or_

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page, Site

from cong.core.tenancy import UserSites, sites_of
from cong.core.text import slugify_vi
from cong.participation.exports import to_csv, to_xlsx
from cong.participation.models import (
    CommentStatus,
    ConsultationPage,
    Question,
)
from cong.participation.reports import PERIODS, rating_report
from cong.participation.uploads import CONTENT_TYPES

QUESTIONS_PERMISSION = "participation.change_question"
# Making an answer public (or changing a public one) is publishing: not every moderator may.
PUBLISH_ANSWERS_PERMISSION = "participation.publish_question"
COMMENTS_PERMISSION = "participation.change_comment"
RATINGS_PERMISSION = "participation.view_rating"


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def consultations_of(allowed: UserSites):
    """The drafts in the page trees of `allowed`'s sites."""
    drafts = ConsultationPage.objects.all()
    if allowed.everything:
        return drafts
    roots = Page.objects.filter(
        pk__in=Site.objects.filter(pk__in=allowed.ids).values("root_page_id")
    ).values_list("path", flat=True)
    if not roots:
        return drafts.none()
    return drafts.filter(reduce(or_, (Q(path__startswith=path) for path in roots)))


def question_attachment(request, pk: int):
    """A citizen's attachment, to moderators only; named after the code, not the upload."""
    _require(request, QUESTIONS_PERMISSION)
    questions = sites_of(request.user).filter(Question.objects.confirmed())
    question = get_object_or_404(questions, pk=pk)
    if not question.attachment:
        raise Http404
    extension = question.attachment_type or "bin"
    response = FileResponse(
        question.attachment.open("rb"),
        as_attachment=True,
        filename=f"cau-hoi-{question.code}.{extension}",
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def consultation_list(request):
    _require(request, COMMENTS_PERMISSION)
    consultations = (
        consultations_of(sites_of(request.user))
        .annotate(
            total=Count("comments"),
            pending=Count("comments", filter=Q(comments__status=CommentStatus.PENDING)),
            approved=Count("comments", filter=Q(comments__status=CommentStatus.APPROVED)),
        )
        .order_by("-opens_on")
    )
    return render(
        request,
        "participation/admin/consultations.html",
        {
            "consultations": consultations,
            "comments_url": reverse("gop-y:index"),
            "page_title": gettext("Tổng hợp góp ý dự thảo"),
            "header_icon": "table",
        },
    )


def _export(request, pk: int):
    _require(request, COMMENTS_PERMISSION)
    consultation = get_object_or_404(consultations_of(sites_of(request.user)), pk=pk)
    comments = consultation.comments.order_by("submitted_at", "pk")
    return consultation, comments, f"gop-y-{slugify_vi(consultation.title, max_length=60)}"


def export_xlsx(request, pk: int):
    consultation, comments, name = _export(request, pk)
    response = HttpResponse(
        to_xlsx(consultation, comments),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def export_csv(request, pk: int):
    consultation, comments, name = _export(request, pk)
    response = HttpResponse(to_csv(consultation, comments), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


class RatingReportView(WagtailAdminTemplateMixin, TemplateView):
    """Reports › Đánh giá nội dung: per page and per section, for a chosen period."""

    template_name = "participation/admin/ratings_report.html"
    page_title = _("Đánh giá mức độ hữu ích")
    header_icon = "pick"

    def dispatch(self, request, *args, **kwargs):
        _require(request, RATINGS_PERMISSION)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": gettext("Home")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        try:
            period = int(self.request.GET.get("period", 30))
        except ValueError:
            period = 30
        period = period if period in PERIODS else 30
        allowed = sites_of(self.request.user)
        sites = allowed.sites()
        site_id = self.request.GET.get("site", "")
        site = sites.filter(pk=site_id).first() if site_id.isdigit() else None
        if site is None and not allowed.everything:
            site = sites.first()  # "every site" is the province's view only
            if site is None:
                raise PermissionDenied
        return super().get_context_data(
            period=period,
            periods=PERIODS,
            sites=sites,
            site=site,
            every_site=allowed.everything,
            report=rating_report(period, site),
            **kwargs,
        )
