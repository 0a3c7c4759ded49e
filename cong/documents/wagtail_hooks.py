from django.urls import URLPattern, path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cong.documents import admin_views
from cong.documents.viewsets import LegalDocumentsGroup

register_snippet(LegalDocumentsGroup)


@hooks.register("register_admin_urls")
def register_import_url() -> list[URLPattern]:
    return [path("van-ban/nhap/", admin_views.import_view, name="documents_import")]
