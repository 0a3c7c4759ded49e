from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cong.core.admin import PermissionMenuItem
from cong.participation import admin_views
from cong.participation import panels as panels_module
from cong.participation.viewsets import ParticipationGroup


@hooks.register("register_admin_viewset")
def register_participation_viewsets():
    return ParticipationGroup()


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "danh-gia-noi-dung/",
            admin_views.RatingReportView.as_view(),
            name="participation_ratings",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_ratings_menu_item():
    return PermissionMenuItem(
        _("Đánh giá nội dung"),
        reverse("participation_ratings"),
        name="participation-ratings",
        icon_name="pick",
        order=60,
        permissions=admin_views.RATINGS_PERMISSION,
    )


@hooks.register("register_permissions")
def register_rating_permissions():
    return Permission.objects.filter(
        content_type__app_label="participation", codename__in=["view_rating", "publish_question"]
    )


@hooks.register("construct_homepage_panels")
def participation_dashboard(request, panels):
    panels_module.construct_panels(request, panels)
