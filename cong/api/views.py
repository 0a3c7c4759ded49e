"""The read API's endpoints (/api/v2/…): published content of the requesting site only.

Each endpoint is a DRF list view with no authentication at all: a signed-in editor gets
exactly what an anonymous aggregator gets, never a draft or a private page. Which site is
asked comes from the Host (`Site.find_for_request`, cached by CachedSiteMiddleware).
"""

from typing import Any

from django.db.models import Case, DateTimeField, QuerySet, When
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Collection, CollectionViewRestriction, Page, Site

from cong.api import filters, serializers
from cong.api.http import api_endpoint

MAX_LIMIT = 100


class Pagination(LimitOffsetPagination):
    """`?limit=&offset=`: 20 items by default, at most 100; `count` is the total."""

    default_limit = 20
    max_limit = MAX_LIMIT


class ReadOnly:
    """What every endpoint shares: JSON only, no sign-in, no session, no CSRF."""

    authentication_classes: list = []
    permission_classes: list = []
    renderer_classes = [JSONRenderer]
    http_method_names = ["get", "head", "options"]

    request: Request

    def site(self) -> Site:
        site = Site.find_for_request(self.request._request)
        if site is None:
            raise NotFound(_("Không có trang thông tin nào ở địa chỉ này."))
        return site

    def public_page(self, model: Any) -> Any:
        """The site's live page of `model` (/van-ban/, /hoi-dap/) if the public may see it;
        without one the site publishes nothing of that kind."""
        page = model.for_site(self.site())
        if page is None or not Page.objects.public().filter(pk=page.pk).exists():
            return None
        return page


class ApiListView(ReadOnly, ListAPIView):
    """A filtered, paginated list, newest first."""

    pagination_class = Pagination
    filter_form = filters.ApiFilterForm
    date_field = ""  # the item's own date, which `from` and `to` bound
    modified_field = ""  # when it last changed, which `modified_since` compares with

    def visible(self, site: Site) -> QuerySet:
        raise NotImplementedError

    def filter(self, items: Any, data: dict) -> QuerySet:
        """Filters beyond the shared ones (section, type, ...)."""
        return items

    def get_queryset(self) -> QuerySet:
        form = self.filter_form(self.request.query_params.dict())
        if not form.is_valid():
            raise ValidationError(form.errors_by_parameter())
        items = self.visible(self.site())
        data = form.cleaned_data
        if data.get("from_"):
            items = items.filter(**{f"{self.date_field}__gte": data["from_"]})
        if data.get("to"):
            items = items.filter(**{f"{self.date_field}__lte": data["to"]})
        if data.get("modified_since"):
            items = items.filter(**{f"{self.modified_field}__gt": data["modified_since"]})
        return self.filter(items, data)

    def get_serializer_context(self) -> dict:
        site = self.site()
        return {
            **super().get_serializer_context(),
            "request": self.request._request,
            "site": site,
            "root_url": site.root_url,
        }


class ArticleList(ApiListView):
    """Published, public articles of the site."""

    serializer_class = serializers.ArticleSerializer
    filter_form = filters.ArticleFilterForm
    date_field = "date__date"
    modified_field = "last_published_at"

    def visible(self, site: Site) -> QuerySet:
        from cong.news.models import ArticlePage

        return (
            ArticlePage.objects.live()
            .public()
            .descendant_of(site.root_page)
            .select_related("featured_image")
            .prefetch_related("tags")
            .order_by("-date", "-pk")
        )

    def filter(self, items: Any, data: dict) -> QuerySet:
        if data.get("section"):
            section = self.section(data["section"])
            if section is None:
                raise ValidationError({"section": [_("Không có chuyên mục này.")]})
            items = items.descendant_of(section)
        return items

    def section(self, value: str) -> Any:
        """A live, public section of this site by id or by slug path ("tin-tuc/su-kien")."""
        from cong.news.models import CategoryPage

        site = self.site()
        sections = CategoryPage.objects.live().public().descendant_of(site.root_page)
        if value.isdigit():
            return sections.filter(pk=int(value)).first()
        url_path = site.root_page.url_path + value.strip("/") + "/"
        return sections.filter(url_path=url_path).first()

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        context["sections"] = self.sections_of(getattr(self, "page_items", []))
        return context

    def paginate_queryset(self, queryset: QuerySet) -> list | None:
        self.page_items = super().paginate_queryset(queryset)
        return self.page_items

    @staticmethod
    def sections_of(articles: list) -> dict:
        """Each article's section (its parent), in one query for the whole page of results."""
        from cong.news.models import CategoryPage

        parents = {article.pk: article.path[: -article.steplen] for article in articles}
        by_path = {s.path: s for s in CategoryPage.objects.filter(path__in=set(parents.values()))}
        return {pk: by_path.get(path) for pk, path in parents.items()}


class DocumentList(ApiListView):
    """The site's published legal documents, where it has a public documents page (/van-ban/).

    Each document belongs to one site: the API of a host lists that site's documents only.
    """

    serializer_class = serializers.DocumentSerializer
    filter_form = filters.DocumentFilterForm
    date_field = "issued_on"
    modified_field = "modified"

    def visible(self, site: Site) -> QuerySet:
        from cong.documents.models import LegalDocument, LegalDocumentIndexPage

        index_page = self.public_page(LegalDocumentIndexPage)
        if index_page is None:
            return LegalDocument.objects.none()
        return (
            index_page.documents()
            .annotate(
                modified=Coalesce(
                    "last_published_at", "first_published_at", output_field=DateTimeField()
                )
            )
            .select_related("doc_type", "issuing_body", "field")
            .prefetch_related("files__document")
            .order_by("-issued_on", "-pk")
        )

    def filter(self, items: Any, data: dict) -> QuerySet:
        for name, prefix in (("type", "doc_type"), ("issuing_body", "issuing_body")):
            if data.get(name):
                items = items.filter(**filters.IdOrNameField().filter_kwargs(prefix, data[name]))
        if data.get("field"):
            items = items.filter(**filters.IdOrNameField().filter_kwargs("field", data["field"]))
        if data.get("status"):
            items = items.with_status(data["status"])
        return items

    def paginate_queryset(self, queryset: QuerySet) -> list | None:
        self.page_items = super().paginate_queryset(queryset)
        return self.page_items

    def get_serializer_context(self) -> dict:
        from cong.documents.models import LegalDocument, LegalDocumentIndexPage, Status

        context = super().get_serializer_context()
        ids = [document.pk for document in getattr(self, "page_items", None) or []]
        statuses = dict.fromkeys(ids, Status.IN_FORCE)
        # The model's own rule (dates, replacement), one query per status for the page.
        for status in (Status.EXPIRED, Status.NOT_YET):
            for pk in (
                LegalDocument.objects.filter(pk__in=ids)
                .with_status(status)
                .values_list("pk", flat=True)
            ):
                statuses[pk] = status
        context.update(
            statuses=statuses,
            private_collections=private_collections(),
            index_page=self.public_page(LegalDocumentIndexPage),
        )
        return context


def private_collections() -> set[int]:
    """Collections whose files only signed-in users may download (a view restriction on the
    collection or on one of its ancestors): their files are left out of the API."""
    restricted = Collection.objects.filter(
        pk__in=CollectionViewRestriction.objects.values("collection")
    )
    private: set[int] = set()
    for collection in restricted:
        private.update(collection.get_descendants(inclusive=True).values_list("pk", flat=True))
    return private


class AnswerList(ApiListView):
    """Answered questions a moderator made public on this site (or on every site)."""

    serializer_class = serializers.AnswerSerializer
    filter_form = filters.AnswerFilterForm
    date_field = "answered_at__date"
    modified_field = "modified"

    def visible(self, site: Site) -> QuerySet:
        from cong.participation.models import Question, QuestionIndexPage

        if self.public_page(QuestionIndexPage) is None:
            return Question.objects.none()
        return (
            Question.objects.public()
            .for_site(site)
            .annotate(
                modified=Greatest(
                    Coalesce("answered_at", "published_at"),
                    Coalesce("published_at", "answered_at"),
                    output_field=DateTimeField(),
                )
            )
            .select_related("topic", "unit")
            .order_by("-answered_at", "-pk")
        )

    def filter(self, items: Any, data: dict) -> QuerySet:
        if data.get("topic"):
            items = items.filter(**filters.IdOrNameField().filter_kwargs("topic", data["topic"]))
        return items

    def get_serializer_context(self) -> dict:
        from cong.participation.models import QuestionIndexPage

        context = super().get_serializer_context()
        context["index_page"] = self.public_page(QuestionIndexPage)
        return context


class ScheduleList(ApiListView):
    """The rows of the site's published weeks of the leaders' work schedule.

    Newest day first; within a day, in the day's order (session, time, row), as the week's
    page lists them. Rows the editor left empty are not rows.
    """

    serializer_class = serializers.ScheduleEntrySerializer
    filter_form = filters.ScheduleFilterForm
    date_field = "date"
    modified_field = "page__last_published_at"

    def visible(self, site: Site) -> QuerySet:
        from cong.schedule.models import ScheduleEntry, ScheduleWeekPage
        from cong.schedule.models.pages import SESSION_ORDER

        weeks = ScheduleWeekPage.objects.live().public().descendant_of(site.root_page)
        in_the_day = Case(
            *(When(session=code, then=order) for code, order in SESSION_ORDER.items()),
            default=0,
        )
        return (
            ScheduleEntry.objects.filter(page__in=weeks.values("pk"))
            .exclude(content="")
            .select_related("page", "chair")
            .annotate(in_the_day=in_the_day)
            .order_by("-date", "in_the_day", "start_time", "sort_order", "pk")
        )

    def filter(self, items: Any, data: dict) -> QuerySet:
        if data.get("leader"):
            items = items.filter(chair_id=data["leader"])
        return items


class SectionList(ReadOnly, APIView):
    """The site's public sections, with the id and path the articles' `section` filter takes."""

    def get(self, request: Request) -> Response:
        from cong.news.models import CategoryPage

        site = self.site()
        sections = (
            CategoryPage.objects.live().public().descendant_of(site.root_page).order_by("path")
        )
        results = [
            {
                "id": section.pk,
                "title": section.title,
                "path": serializers.section_path(section, site),
                "url": section.get_full_url(request._request),
            }
            for section in sections
        ]
        return Response({"count": len(results), "results": results})


class Root(ReadOnly, APIView):
    """What the API offers, as links."""

    def get(self, request: Request) -> Response:
        site = self.site()
        base = site.root_url + "/api/v2/"
        return Response(
            {
                "site": {"name": site.site_name, "url": site.root_url + "/"},
                "endpoints": {
                    "articles": base + "articles/",
                    "sections": base + "sections/",
                    "documents": base + "documents/",
                    "answers": base + "answers/",
                    "schedule": base + "schedule/",
                },
            }
        )


root = api_endpoint(Root.as_view())
articles = api_endpoint(ArticleList.as_view())
sections = api_endpoint(SectionList.as_view())
documents = api_endpoint(DocumentList.as_view())
answers = api_endpoint(AnswerList.as_view())
schedule = api_endpoint(ScheduleList.as_view())
