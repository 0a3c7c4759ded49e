"""Admin guards that apply to every page type."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
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


class LocalHostnamePanel(Component):
    """Dashboard warning for those who may edit Sites: a Site still named localhost makes
    every absolute address the site publishes (RSS, sitemap.xml, canonical and metadata
    identifiers, e-mails to citizens) point to http://localhost/ (cong.core.sites)."""

    name = "local_hostname"
    order = 10

    def __init__(self, sites: list) -> None:
        self.sites = sites

    def render_html(self, parent_context: Any = None) -> str:
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({})</li>',
            (
                (
                    reverse("wagtailsites:edit", args=[site.pk]),
                    site.site_name or site,
                    site.hostname,
                )
                for site in self.sites
            ),
        )
        return format_html(
            '<section class="panel help-block help-warning" role="alert" '
            'aria-labelledby="canh-bao-ten-mien"><h2 id="canh-bao-ten-mien">{}</h2><p>{}</p>'
            "<ul>{}</ul></section>",
            _("Website chưa có tên miền thật"),
            _(
                "Các website dưới đây vẫn mang tên máy “localhost”: mọi địa chỉ tuyệt đối "
                "website công bố (RSS, sitemap.xml, liên kết chuẩn, siêu dữ liệu Dublin Core "
                "và Open Graph, thư gửi người dân) sẽ trỏ tới http://localhost/, nơi không ai "
                "truy cập được. Hãy đặt tên miền thật (ví dụ stttt.thanhhoa.gov.vn, cổng 443) "
                "trong Cài đặt › Website."
            ),
            items,
        )


@hooks.register("construct_homepage_panels")
def warn_about_local_hostnames(request: HttpRequest, panels: list) -> None:
    from cong.core.sites import local_sites

    if not request.user.has_perm("wagtailcore.change_site"):
        return
    found = local_sites()
    if found:
        panels.append(LocalHostnamePanel(found))


@hooks.register("before_bulk_action")
def keep_bulk_actions_to_own_sites(
    request: HttpRequest, action_type: str, objects: list, action_class_instance: Any
) -> HttpResponseBase | None:
    """A bulk action (delete, publish, …) naming another site's record is refused whole."""
    from django.core.exceptions import PermissionDenied

    from cong.core.tenancy import refuse_other_sites_in_bulk

    if refuse_other_sites_in_bulk(request, objects):
        raise PermissionDenied
    return None
