"""The admin: moderation queues for questions and comments, the editable lists, reports.

Every view set keeps each agency's records to its own editors (SiteScopedViewSetMixin); the
filters of the listings offer only the topics, units and drafts of the user's sites.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from cong.core.admin import PermissionMenuItem
from cong.core.tenancy import SiteScopedViewSetMixin, sites_of
from cong.participation import admin_views
from cong.participation.emails import send_status_email
from cong.participation.models import (
    Comment,
    CommentStatus,
    ConsultationPage,
    ContactMessage,
    ContactStatus,
    Question,
    QuestionStatus,
    Topic,
    Unit,
)


class LabelColumn(StatusTagColumn):
    """A choice field shown as a tag with its Vietnamese label."""

    def __init__(self, name, done=(), **kwargs):
        super().__init__(name, primary=lambda obj: getattr(obj, name) in done, **kwargs)

    def get_value(self, instance):
        return getattr(instance, f"get_{self.name}_display")()


def of_users_sites(model):
    """The choices of a filter: `model`'s records of the sites the user works for."""

    def queryset(request):
        if request is None:
            return model.objects.none()
        return sites_of(request.user).filter(model.objects.all())

    return queryset


def consultations_of_users_sites(request):
    if request is None:
        return ConsultationPage.objects.none()
    return admin_views.consultations_of(sites_of(request.user))


class QuestionFilterSet(WagtailFilterSet):
    topic = django_filters.ModelChoiceFilter(queryset=of_users_sites(Topic), label=_("lĩnh vực"))
    unit = django_filters.ModelChoiceFilter(
        queryset=of_users_sites(Unit), label=_("đơn vị trả lời")
    )

    class Meta:
        model = Question
        fields = ["status", "topic", "unit", "is_public"]


class CommentFilterSet(WagtailFilterSet):
    consultation = django_filters.ModelChoiceFilter(
        queryset=consultations_of_users_sites, label=_("dự thảo")
    )

    class Meta:
        model = Comment
        fields = ["status", "consultation"]


class QuestionEditView(EditView):
    """Saving a new status e-mails the asker, after the change is committed.

    Only users with the publish permission may make an answer public, or change one that is.
    """

    def get_queryset(self):
        return Question.objects.confirmed()  # unconfirmed questions are not the agency's yet

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        # The question's own site's lists (the model's clean() checks it too).
        for name, model in (("topic", Topic), ("unit", Unit)):
            if name in form.fields:
                form.fields[name].queryset = model.objects.filter(site_id=self.object.site_id)
        if not self.request.user.has_perm(admin_views.PUBLISH_ANSWERS_PERMISSION):
            # Disabled, not removed: Django keeps the stored value whatever is posted.
            for name in ["is_public", "answer"] if self.object.is_public else ["is_public"]:
                form.fields[name].disabled = True
            form.fields["is_public"].help_text = _(
                "Chỉ Lãnh đạo duyệt và Quản trị được công khai câu trả lời "
                "hoặc sửa câu trả lời đã công khai."
            )
        return form

    def save_action(self):
        previous = self.form.initial.get("status")
        response = super().save_action()
        if self.object.status != previous:
            if send_status_email(self.object):
                messages.info(self.request, _("Đã gửi thư điện tử báo tình trạng cho người hỏi."))
            else:
                messages.warning(
                    self.request, _("Đã lưu, nhưng chưa gửi được thư điện tử cho người hỏi.")
                )
        return response


class NoAddMixin:
    """Citizens' submissions come only from the public forms."""

    copy_view_enabled = False

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_url_name=None, **kwargs)

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name != "add"]


class QuestionViewSet(SiteScopedViewSetMixin, NoAddMixin, ModelViewSet):
    model = Question
    name = "hoi-dap"
    icon = "help"
    menu_label = _("Câu hỏi")
    edit_view_class = QuestionEditView
    list_display = [
        "title",
        Column("code", label=_("Mã")),
        "topic",
        LabelColumn("status", label=_("Trạng thái"), done=(QuestionStatus.ANSWERED,)),
        "unit",
        DateColumn("submitted_at", label=_("Ngày gửi"), sort_key="submitted_at"),
    ]
    filterset_class = QuestionFilterSet
    search_fields = ["title", "body", "asker_name", "code", "email"]
    search_backend_name = None
    ordering = ["-submitted_at"]
    list_per_page = 50
    panels = [
        HelpPanel(
            template="participation/admin/question_details_panel.html",
            heading=_("Câu hỏi của công dân"),
        ),
        FieldPanel("topic"),
        MultiFieldPanel(
            [FieldPanel("status", widget=forms.RadioSelect), FieldPanel("unit")],
            heading=_("Xử lý"),
            help_text=_("Mỗi lần đổi trạng thái, người hỏi nhận được thư điện tử."),
        ),
        FieldPanel("answer"),
        FieldPanel("decline_reason"),
        FieldPanel("is_public"),
    ]

    def get_index_view_kwargs(self, **kwargs):
        # Held until the asker confirms the address (cong.participation.confirmation).
        return super().get_index_view_kwargs(queryset=Question.objects.confirmed(), **kwargs)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("tep/<int:pk>/", admin_views.question_attachment, name="attachment")
        ]


class TopicViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = Topic
    name = "linh-vuc-hoi-dap"
    icon = "folder-open-1"
    list_display = ["name", "site", "sort_order"]
    copy_view_enabled = False


class UnitViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = Unit
    name = "don-vi-tra-loi"
    icon = "group"
    list_display = ["name", "site", "sort_order"]
    copy_view_enabled = False


class CommentViewSet(SiteScopedViewSetMixin, NoAddMixin, ModelViewSet):
    model = Comment
    name = "gop-y"
    icon = "comment"
    menu_label = _("Góp ý dự thảo")
    list_display = [
        Column("excerpt", label=_("Góp ý"), accessor=lambda c: c.body[:80]),
        "name",
        "consultation",
        "section",
        LabelColumn("status", label=_("Trạng thái"), done=(CommentStatus.APPROVED,)),
        DateColumn("submitted_at", label=_("Ngày gửi"), sort_key="submitted_at"),
    ]
    filterset_class = CommentFilterSet
    search_fields = ["body", "name", "organisation", "section", "email"]
    search_backend_name = None
    ordering = ["-submitted_at"]
    list_per_page = 50
    panels = [
        HelpPanel(
            template="participation/admin/comment_details_panel.html",
            heading=_("Nội dung góp ý"),
        ),
        FieldPanel(
            "status",
            widget=forms.RadioSelect,
            help_text=_("Góp ý được công khai (không kèm thư điện tử) khi đã duyệt."),
        ),
    ]


class ContactMessageViewSet(SiteScopedViewSetMixin, NoAddMixin, ModelViewSet):
    """Messages from the contact page: read, note what was done, mark handled."""

    model = ContactMessage
    name = "thu-lien-he"
    icon = "mail"
    menu_label = _("Thư liên hệ")
    list_display = [
        "subject",
        "name",
        "email",
        LabelColumn("status", label=_("Trạng thái"), done=(ContactStatus.HANDLED,)),
        DateColumn("submitted_at", label=_("Ngày gửi"), sort_key="submitted_at"),
    ]
    list_filter = ["status"]
    search_fields = ["subject", "body", "name", "email"]
    search_backend_name = None
    ordering = ["-submitted_at"]
    list_per_page = 50
    panels = [
        HelpPanel(
            template="participation/admin/contact_details_panel.html",
            heading=_("Nội dung thư"),
        ),
        FieldPanel("status", widget=forms.RadioSelect),
        FieldPanel("note"),
    ]


class ConsultationReportViewSet(ViewSet):
    """Each draft with its comments counted, and the XLSX / CSV exports."""

    name = "tong-hop-gop-y"
    icon = "table"
    menu_label = _("Tổng hợp góp ý")

    def get_menu_item(self, order=None):
        return PermissionMenuItem(
            self.menu_label,
            self.menu_url,
            name=self.name,
            icon_name=self.icon,
            order=order or 300,
            permissions=admin_views.COMMENTS_PERMISSION,
        )

    def get_urlpatterns(self):
        return [
            path("", admin_views.consultation_list, name="index"),
            path("<int:pk>/xlsx/", admin_views.export_xlsx, name="xlsx"),
            path("<int:pk>/csv/", admin_views.export_csv, name="csv"),
        ]


class ParticipationGroup(ViewSetGroup):
    menu_label = _("Hỏi đáp, góp ý")
    menu_icon = "help"
    menu_order = 260
    items = (
        QuestionViewSet,
        CommentViewSet,
        ContactMessageViewSet,
        ConsultationReportViewSet,
        TopicViewSet,
        UnitViewSet,
    )
