from django.urls import URLPattern, path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cong.procedures import admin_views
from cong.procedures.viewsets import ProceduresGroup

register_snippet(ProceduresGroup)


@hooks.register("register_admin_urls")
def register_import_url() -> list[URLPattern]:
    return [path("thu-tuc/nhap/", admin_views.import_view, name="procedures_import")]
