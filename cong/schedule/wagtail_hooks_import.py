"""Admin URLs of the spreadsheet import (its button is with the week buttons in
wagtail_hooks.py). Imported by the app's ready() (Wagtail only discovers modules named
wagtail_hooks)."""

from django.urls import URLPattern, path
from wagtail import hooks


@hooks.register("register_admin_urls")
def register_import_url() -> list[URLPattern]:
    from cong.schedule import admin_views

    return [
        path(
            "lich-cong-tac/<int:index_id>/nhap/",
            admin_views.import_view,
            name="schedule_import",
        ),
        path(
            "lich-cong-tac/<int:index_id>/nhap/mau.xlsx",
            admin_views.sample_view,
            name="schedule_import_sample",
        ),
    ]
