"""Which agency sites an admin user works for, and the admin views that keep to them.

In province mode one install hosts many agencies' sites. A group bound to a site
(`core.SiteGroup`, made by `create_site`) gives its members that site; a group bound to none
is install-wide (the province's administrators, or the one agency of a single-site install)
and gives every site; a superuser has every site. A user in no group has none.

Pages are kept apart by Wagtail's page permissions, given on each site's root. Every other
site-owned record (legal documents, links, questions, leaders, schedules, …) is kept apart
here: its admin viewset takes `SiteScopedViewSetMixin`, which narrows each view the viewset
builds — listings and exports, choosers, and every view that opens one object (edit,
delete, history, usage, preview, publish, copy …), which answer 404 for another site's object
whatever its URL — and limits the "website" field of forms to the user's sites. Bulk actions
are checked by a `before_bulk_action` hook (cong.core.wagtail_hooks).
"""

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponseBase
from django.utils.functional import cached_property
from wagtail.admin.auth import require_admin_access
from wagtail.models import Site


@dataclass(frozen=True)
class UserSites:
    """The sites one user works for: all of them, or those listed."""

    everything: bool
    ids: frozenset[int]

    def allows(self, site_id: int | None) -> bool:
        return self.everything or site_id in self.ids

    def filter(self, queryset: QuerySet, field: str = "site") -> QuerySet:
        """`queryset` narrowed to the records of these sites (`field` leads to the Site)."""
        if self.everything:
            return queryset
        return queryset.filter(**{f"{field}__in": self.ids})

    def sites(self) -> QuerySet:
        return self.filter(Site.objects.order_by("-is_default_site", "site_name", "pk"), "pk")


NO_SITES = UserSites(False, frozenset())
ALL_SITES = UserSites(True, frozenset())


def sites_of(user: Any) -> UserSites:
    """The sites `user` works for (worked out once per user object, i.e. per request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_SITES
    known = getattr(user, "_cong_sites", None)
    if known is not None:
        return known
    if user.is_superuser:
        found = ALL_SITES
    else:
        bindings = list(user.groups.values_list("site_binding__site_id", flat=True))
        if any(site_id is None for site_id in bindings):
            found = ALL_SITES
        else:
            found = UserSites(False, frozenset(bindings))
    user._cong_sites = found
    return found


def site_for_new(request: HttpRequest) -> Site | None:
    """The site a record created in the admin belongs to unless the editor chooses: the site
    of the admin's own address when the user works for it, else the user's first site."""
    allowed = sites_of(request.user)
    current = Site.find_for_request(request)
    if current is not None and allowed.allows(current.pk):
        return current
    return allowed.sites().first()


def site_id_of(obj: Model, field: str) -> int | None:
    """The pk of the site `obj` belongs to, following `field` ("site", "document__site")."""
    *hops, last = field.split("__")
    current: Any = obj
    for hop in hops:
        current = getattr(current, hop, None)
        if current is None:
            return None
    return getattr(current, f"{last}_id", None)


# Models whose admin is site-scoped, with the path from each to its Site (for bulk actions).
SCOPED_MODELS: dict[type[Model], str] = {}


# Wagtail's views and viewsets are untyped: the mixins below are typed against Any.
_Untyped: Any = object


class _SiteScopedView(_Untyped):
    """Mixed into each view class a site-scoped viewset builds."""

    cong_site_field = "site"

    def _cong_sites(self) -> UserSites:
        return sites_of(self.request.user)

    def get_base_queryset(self) -> Any:  # listings and their exports
        queryset = super().get_base_queryset()
        model = getattr(self, "model", None)
        if model is not None and not issubclass(queryset.model, model):
            return queryset  # one object's history or usage: the object itself is checked
        return self._cong_sites().filter(queryset, self.cong_site_field)

    @cached_property
    def filters(self) -> Any:  # a listing's "website" filter offers the user's sites only
        filterset = super().filters
        if filterset is not None:
            for field in filterset.form.fields.values():
                queryset = getattr(field, "queryset", None)
                if queryset is not None and queryset.model is Site:
                    field.queryset = self._cong_sites().sites()
        return filterset

    def get_object_list(self) -> Any:  # choosers
        return self._cong_sites().filter(super().get_object_list(), self.cong_site_field)

    def get_object(self, *args: Any, **kwargs: Any) -> Any:  # every view of one object
        obj = super().get_object(*args, **kwargs)
        if obj is not None and not self._cong_sites().allows(site_id_of(obj, self.cong_site_field)):
            raise Http404
        return obj

    def get_initial_form_instance(self) -> Any:
        instance = super().get_initial_form_instance()
        if self.cong_site_field != "site":
            return instance
        instance = instance if instance is not None else self.model()
        if getattr(instance, "site_id", None) is None:
            site = site_for_new(self.request)
            if site is not None:
                instance.site = site
        return instance

    def get_form(self, *args: Any, **kwargs: Any) -> Any:
        form = super().get_form(*args, **kwargs)
        field = form.fields.get("site") if self.cong_site_field == "site" else None
        if field is not None and hasattr(field, "queryset"):
            field.queryset = self._cong_sites().sites()
        return form


@cache
def scoped_view(view_class: type, site_field: str) -> type:
    return type(
        f"SiteScoped{view_class.__name__}",
        (_SiteScopedView, view_class),
        {"cong_site_field": site_field, "__module__": view_class.__module__},
    )


class SiteScopedViewSetMixin(_Untyped):
    """For a ModelViewSet, SnippetViewSet or ChooserViewSet of a site-owned model.

    `site_field` leads from the model to its Site ("site", or "group__site" for a record
    owned through another).
    """

    site_field = "site"

    def on_register(self) -> None:
        model = getattr(self, "model", None)
        if model is not None:
            SCOPED_MODELS[model] = self.site_field
        super().on_register()

    def construct_view(self, view_class: type, **kwargs: Any) -> Any:
        return super().construct_view(scoped_view(view_class, self.site_field), **kwargs)

    @property
    def chooser_viewset_class(self) -> type:
        base = super().chooser_viewset_class
        return scoped_chooser_viewset(base, self.site_field)


@cache
def scoped_chooser_viewset(base: type, site_field: str) -> type:
    return type(
        f"SiteScoped{base.__name__}",
        (SiteScopedViewSetMixin, base),
        {"site_field": site_field, "__module__": base.__module__},
    )


def refuse_other_sites_in_bulk(request: HttpRequest, objects: list[Model]) -> bool:
    """True when a bulk action names an object of a site the user does not work for."""
    allowed = sites_of(request.user)
    if allowed.everything:
        return False
    for obj in objects:
        field = SCOPED_MODELS.get(type(obj))
        if field is not None and not allowed.allows(site_id_of(obj, field)):
            return True
    return False


def _own_records(request: HttpRequest, app_label: str, model_name: str) -> QuerySet | None:
    """The records of the model an admin address names that belong to the user's sites;
    None when the user may reach every record of it (a model of no site, or all sites)."""
    from django.apps import apps

    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as exc:
        raise Http404 from exc
    field = SCOPED_MODELS.get(model)
    allowed = sites_of(request.user)
    if field is None or allowed.everything:
        return None
    return allowed.filter(model._default_manager.all(), field)


@require_admin_access
def scoped_bulk_action(
    request: HttpRequest, app_label: str, model_name: str, action: str
) -> HttpResponseBase:
    """Wagtail's bulk actions (`/admin/bulk/<app>/<model>/<action>/`) with the records of
    the user's sites only: the ids of other sites' records are dropped before Wagtail reads
    them, so even the confirmation page never names them, and "select all" (`id=all`) means
    all of the user's own. Routed before Wagtail's own address (cong/urls.py)."""
    from wagtail.admin.views.bulk_action import index

    records = _own_records(request, app_label, model_name)
    if records is not None:
        wanted = request.GET.getlist("id")
        if "all" not in wanted:
            records = records.filter(pk__in=[i for i in wanted if i.isdigit()])
        ids = [str(pk) for pk in records.values_list("pk", flat=True)]
        if not ids:
            raise Http404
        narrowed = request.GET.copy()
        narrowed.setlist("id", ids)
        request.GET = narrowed  # type: ignore[assignment]
    return index(request, app_label, model_name, action)


@require_admin_access
def scoped_snippet_translation(
    request: HttpRequest, app_label: str, model_name: str, pk: str
) -> HttpResponseBase:
    """Wagtail's "Dịch" for a record (`simple_translation`), for the records of the user's
    sites only: its own check is the model's change permission, which an editor of one site
    holds for every site's records. Routed before Wagtail's own address (cong/urls.py)."""
    from wagtail.contrib.simple_translation.views import SubmitSnippetTranslationView

    records = _own_records(request, app_label, model_name)
    if records is not None and not (pk.isdigit() and records.filter(pk=pk).exists()):
        raise Http404
    view = SubmitSnippetTranslationView.as_view()
    return view(request, app_label=app_label, model_name=model_name, pk=pk)


def site_id_of_object(obj: Model) -> int | None:
    """The site of a page (the site whose root is at or above it) or of a site-scoped record;
    None for anything else (install-wide: images, documents of Wagtail, users)."""
    from wagtail.models import Page

    if isinstance(obj, Page):
        for root in Site.get_site_root_paths():
            if obj.url_path.startswith(root.root_path):
                return root.site_id
        return None
    field = SCOPED_MODELS.get(type(obj))
    return site_id_of(obj, field) if field else None


def keep_to_own_sites(user: Any, objects: list[Model]) -> list[Model]:
    """`objects` without those of a site `user` does not work for."""
    allowed = sites_of(user)
    if allowed.everything:
        return list(objects)
    return [
        obj for obj in objects if (site := site_id_of_object(obj)) is None or allowed.allows(site)
    ]
