from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cong.province.admin_views import create_site_view, may_create_sites


class CreateSiteMenuItem(MenuItem):
    def is_shown(self, request):
        return may_create_sites(request.user)


@hooks.register("register_admin_urls")
def register_province_urls():
    return [path("tao-website/", create_site_view, name="province_create_site")]


@hooks.register("register_settings_menu_item")
def register_create_site_menu_item():
    return CreateSiteMenuItem(
        _("Tạo website thành viên"),
        reverse("province_create_site"),
        name="cong-create-site",
        icon_name="site",
        order=610,
    )
