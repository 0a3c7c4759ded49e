"""The editors' dashboard: their drafts, what awaits their approval, this week's most read.

Panels of other apps (questions and comments: cong.participation; today's visits:
cong.visits) register themselves; these are the editorial ones. Every panel lists only what
its user may open, on the site the admin is opened on (one install may serve several
agencies, each at its own host name).
"""

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import GroupApprovalTask, Page, Site, TaskState

from cong.core.admin import DashboardPanel, DashboardRow
from cong.core.tenancy import keep_to_own_sites
from cong.editorial.models import SiteGroupApprovalTask
from cong.news.models import live_articles
from cong.visits.stats import most_viewed_pages

STATS_PERMISSION = "visits.view_dailystats"


def request_site(request: HttpRequest) -> Site | None:
    return Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()


def page_status(page: Page) -> str:
    """What an editor needs to know of a draft: never published, or changed since."""
    if page.live:
        return gettext("Đã xuất bản, có thay đổi chưa xuất bản")
    return gettext("Chưa xuất bản")


class MyDraftsPanel(DashboardPanel):
    """Pages the user wrote or last saved whose latest changes are not published yet."""

    name = "my-drafts"
    heading = _("Bản nháp của tôi")
    empty_text = _("Bạn không có bản nháp nào chưa xuất bản.")
    order = 100

    def queryset(self, request: HttpRequest):
        user = request.user
        pages = Page.objects.filter(has_unpublished_changes=True).filter(
            Q(owner=user) | Q(latest_revision__user=user)
        )
        site = request_site(request)
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        return pages.order_by("-latest_revision_created_at", "-pk")

    def count(self, request: HttpRequest) -> int | None:
        return self.queryset(request).count()

    def rows(self, request: HttpRequest) -> list[DashboardRow]:
        rows = []
        for page in self.queryset(request).specific(defer=True)[: self.limit * 2]:
            if not page.permissions_for_user(request.user).can_edit():
                continue
            rows.append(
                DashboardRow(
                    title=page.get_admin_display_title(),
                    url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                    detail=page_status(page),
                    since=page.latest_revision_created_at,
                )
            )
        return rows[: self.limit]


def may_approve(user) -> bool:
    """A member of a group that approves a step of a workflow (or a superuser)."""
    if user.is_superuser:
        return True
    return any(
        model.objects.filter(active=True, groups__in=user.groups.all()).exists()
        for model in (GroupApprovalTask, SiteGroupApprovalTask)
    )


def edit_url(obj) -> str:
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    viewset = obj.snippet_viewset
    return reverse(viewset.get_url_name("edit"), args=[obj.pk])


class AwaitingApprovalPanel(DashboardPanel):
    """Steps of the approval workflow the user may approve, the longest waiting first.

    Replaces Wagtail's "awaiting your review" panel: the same task states (Wagtail's
    `TaskState.objects.reviewable_by`), listed like the other panels; approving is done from
    the edit view, where the editor reads what they approve.
    """

    name = "awaiting-approval"
    heading = _("Chờ tôi duyệt")
    empty_text = _("Không có nội dung nào chờ bạn duyệt.")
    order = 110

    def queryset(self, request: HttpRequest):
        return (
            TaskState.objects.reviewable_by(request.user)
            .select_related("task", "workflow_state__requested_by", "revision")
            .order_by("started_at", "pk")
        )

    def states(self, request: HttpRequest) -> list[tuple[Any, Any]]:
        """(task state, its page or record) of the user's own sites: one approval step may
        be shared by several sites' editors (the legal documents' workflow is one per model),
        and another site's drafts are not theirs to see."""
        found = []
        for state in self.queryset(request):
            obj = state.revision.content_object if state.revision else None
            if obj is not None:
                found.append((state, obj))
        kept = {id(obj) for obj in keep_to_own_sites(request.user, [obj for _, obj in found])}
        return [(state, obj) for state, obj in found if id(obj) in kept]

    def count(self, request: HttpRequest) -> int | None:
        return len(self.states(request))

    def rows(self, request: HttpRequest) -> list[DashboardRow]:
        site = request_site(request)
        rows = []
        for state, obj in self.states(request):
            if isinstance(obj, Page) and site is not None:
                if not obj.path.startswith(site.root_page.path):
                    continue
            requester = state.workflow_state.requested_by
            detail = gettext("Bước “%(task)s”, gửi bởi %(user)s") % {
                "task": state.task.name,
                "user": (requester.get_full_name() or requester.get_username())
                if requester
                else "—",
            }
            title = obj.get_admin_display_title() if isinstance(obj, Page) else str(obj)
            rows.append(DashboardRow(title, edit_url(obj), detail, state.started_at))
            if len(rows) == self.limit:
                break
        return rows


class MostReadPanel(DashboardPanel):
    """This week's most read articles of the site, with their views (the visits service)."""

    name = "most-read-week"
    heading = _("Đọc nhiều tuần này")
    empty_text = _("Chưa có lượt xem bài viết nào trong tuần.")
    more_label = _("Xem thống kê truy cập")
    order = 160

    def rows(self, request: HttpRequest) -> list[DashboardRow]:
        site = request_site(request)
        if site is None:
            return []
        views = dict(most_viewed_pages(site, days=7, limit=self.limit * 4))
        articles = live_articles().descendant_of(site.root_page).filter(pk__in=views)
        ranked = sorted(articles, key=lambda a: (-views[a.pk], a.pk))[: self.limit]
        return [
            DashboardRow(
                title=article.title,
                url=reverse("wagtailadmin_pages:edit", args=[article.pk]),
                detail=gettext("%(views)s lượt xem")
                % {"views": number_format(views[article.pk], force_grouping=True)},
            )
            for article in ranked
        ]

    def more_url(self, request: HttpRequest) -> str | None:
        return reverse("visits_report")


def construct_panels(request: HttpRequest, panels: list) -> None:
    """Wagtail's dashboard, for Cổng's editors: Wagtail's review panel is replaced by ours."""
    panels[:] = [p for p in panels if not isinstance(p, WorkflowObjectsToModeratePanel)]
    user = request.user
    panels.append(MyDraftsPanel())
    if may_approve(user):
        panels.append(AwaitingApprovalPanel())
    if user.has_perm(STATS_PERMISSION):
        panels.append(MostReadPanel())
