"""The procedures section of a site ("/thu-tuc-hanh-chinh/"): the filtered list and each
procedure's own page."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Site

from cong.core.i18n import in_language
from cong.core.metadata import Metadata, organisation_ld, short, site_identity, web_page_ld
from cong.core.models import CongPage
from cong.core.pagination import paginate
from cong.core.text import fold
from cong.procedures.models.procedures import Procedure, ProcedureField

PER_PAGE = 20


def site_procedures(site: Site | None) -> QuerySet:
    """The published procedures of `site` in the reader's language (each once: its
    translation where there is one), with what the list shows of them."""
    return in_language(Procedure.objects.live().filter(site=site)).select_related("field")


class ProcedureIndexPage(RoutablePageMixin, CongPage):
    """Lists the site's published procedures with filters; serves each one's page."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = CongPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["news.HomePage", "agency.InformationPage"]
    subpage_types: list[str] = []
    template = "procedures/procedure_index_page.html"
    search_result_label = _("Thủ tục hành chính")

    class Meta:
        verbose_name = _("trang thủ tục hành chính")
        verbose_name_plural = _("trang thủ tục hành chính")

    schema_type = "CollectionPage"
    dc_type = "Collection"

    def metadata_description(self) -> str:
        return self.search_description or self.intro

    @path("")
    def index(self, request: HttpRequest) -> HttpResponseBase:
        from cong.procedures.forms import ProcedureFilterForm

        site = self.get_site()
        procedures = site_procedures(site)
        used = ProcedureField.objects.filter(
            pk__in=procedures.values("field_id").order_by()
        ).order_by("sort_order", "name")
        form = ProcedureFilterForm(request.GET or None, fields=used)
        if form.is_valid():
            procedures = filter_procedures(procedures, form.cleaned_data)
        return self.render(
            request,
            context_overrides={
                "form": form,
                "procedures": paginate(request, procedures, PER_PAGE),
            },
        )

    @re_path(r"^(?P<pk>\d+)-(?P<slug>[-a-z0-9]*)/$")
    def detail(self, request: HttpRequest, pk: int, slug: str) -> HttpResponseBase:
        procedure = get_object_or_404(site_procedures(self.get_site()), pk=pk)
        if slug != procedure.slug:
            return redirect(self.procedure_url(procedure), permanent=True)
        return self.render(
            request,
            template="procedures/procedure_detail.html",
            context_overrides={
                "procedure": procedure,
                "metadata": self.procedure_metadata(procedure, request),
            },
        )

    def is_counted_route(self, url_name: str, kwargs: dict) -> bool:
        """Visit statistics: a published procedure's own page is a page view (cong.visits)."""
        if url_name != "detail":
            return False
        procedure = site_procedures(self.get_site()).filter(pk=kwargs["pk"]).first()
        return procedure is not None and procedure.slug == kwargs["slug"]

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict]:
        """The page itself and each published procedure's page."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for procedure in (
            site_procedures(self.get_site()).select_related(None).only("pk", "name", "updated_at")
        ):
            path = self.reverse_subpage(
                "detail", kwargs={"pk": procedure.pk, "slug": procedure.slug}
            )
            urls.append({"location": base + path, "lastmod": procedure.updated_at})
        return urls

    def procedure_metadata(self, procedure: Any, request: HttpRequest | None = None) -> Metadata:
        """A procedure's page: a schema.org GovernmentService run by the agency."""
        identity = site_identity(self.metadata_site(request))
        meta = Metadata(
            title=procedure.name,
            url=self.get_full_url(request)
            + self.reverse_subpage("detail", kwargs={"pk": procedure.pk, "slug": procedure.slug}),
            description=short(
                " – ".join(part for part in (procedure.name, procedure.agency) if part)
            ),
            modified=procedure.updated_at,
            creator=procedure.agency or identity.publisher,
            subject=procedure.field.name,
        )
        service: dict[str, Any] = {
            "@type": "GovernmentService",
            "name": procedure.name,
            "url": meta.url,
            "category": meta.subject,
            "provider": organisation_ld(identity),
        }
        if procedure.code:
            service["identifier"] = procedure.code
        if procedure.national_url:
            service["sameAs"] = procedure.national_url
        meta.jsonld = [web_page_ld(meta, mainEntity=service)]
        return meta

    def procedure_url(self, procedure: Any) -> str:
        return self.url + self.reverse_subpage(
            "detail", kwargs={"pk": procedure.pk, "slug": procedure.slug}
        )


def filter_procedures(procedures: Any, data: dict) -> QuerySet:
    """Apply the list's filters; the text box matches name, code or agency without accents."""
    for name in ("field", "level", "online_level"):
        if data.get(name):
            procedures = procedures.filter(**{name: data[name]})
    for word in fold(data.get("q", "")).lower().split():
        procedures = procedures.filter(search_text__contains=word)
    return procedures
