"""Labels Wagtail 8 shows in English whatever the catalogue says (issue 22).

Wagtail derives some labels from a field's name ("Password" on the sign-in form, the Sites
columns "Port", "Site name", "Root page", "Page" on a group's page permissions) and labels a
page permission's checkbox with the permission's database name ("Can add page"): gettext
never sees them. `apply()` (from EditorialConfig.ready) gives them Vietnamese labels;
tests/editorial/test_admin_vietnamese.py finds any that come back after an upgrade, and
docs/wagtail-internals.md lists the attributes set here.
"""

from django.utils.translation import gettext_lazy as _


def apply() -> None:
    label_login_password()
    label_site_columns()
    label_page_permissions()


def label_login_password() -> None:
    from wagtail.admin.forms.auth import LoginForm

    LoginForm.base_fields["password"].label = _("Mật khẩu")


def label_site_columns() -> None:
    from wagtail.sites.views import IndexView

    labels = {"port": _("Cổng"), "site_name": _("Tên website"), "root_page": _("Trang gốc")}
    for column in IndexView.columns:
        if column.name in labels:
            column.label = labels[column.name]


def label_page_permissions() -> None:
    """The page chooser of a group's page permission, and each permission's checkbox, named
    as Wagtail's own table header describes them ("Sửa mọi trang"...)."""
    from wagtail.models.pages import PAGE_PERMISSION_TYPES
    from wagtail.users.forms import PagePermissionsForm

    described = {f"{kind}_page": description for kind, _label, description in PAGE_PERMISSION_TYPES}
    PagePermissionsForm.base_fields["page"].label = _("Trang")
    PagePermissionsForm.base_fields["permissions"].label_from_instance = lambda permission: (
        described.get(permission.codename, permission.name)
    )
