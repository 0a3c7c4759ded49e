"""The province's dashboard of its member sites (ND 224/2026, Art. 12(3)): for every site,
its visits, its last publication, the citizens' questions waiting for it, its compliance
score; and the age of the install's last backup.

Each figure is one query over all sites (a site's pages are those whose tree path starts
with its root's), so the dashboard costs the same queries for 5 sites or 500. The
compliance score is the exception: checking a site renders its pages, so scores are kept
(`SiteScore`) and refreshed when older than `SCORE_FRESH`, within `SCORE_BUDGET` seconds of
one view; `manage.py score_sites` refreshes them all (run it daily from a timer).
"""

import datetime
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Min, OuterRef, Q, Subquery, Sum
from django.utils import timezone
from wagtail.models import Page, Site

from cong.core.clients import local_day
from cong.core.duties import FAIL, PASS, WARN, evaluate
from cong.ops.rotation import backups_in
from cong.participation.models import Question, QuestionStatus
from cong.portal.aggregation import Member, member_sites
from cong.portal.models.scores import SiteScore
from cong.visits.models import DailyStats

PERIOD_DAYS = 30
WAITING = (QuestionStatus.RECEIVED, QuestionStatus.ASSIGNED)
SCORE_FRESH = datetime.timedelta(hours=24)
SCORE_BUDGET = 5.0  # seconds of one view spent on checking sites whose score is missing/old


@dataclass
class SiteRow:
    """One member site's line of the dashboard and of its exports."""

    member: Member
    visits_today: int = 0
    visits_period: int = 0
    last_published: datetime.datetime | None = None
    pending_questions: int = 0
    oldest_question: datetime.datetime | None = None
    score: SiteScore | None = None
    backup: datetime.datetime | None = None  # the install's, the same on every line

    @property
    def name(self) -> str:
        return self.member.name

    @property
    def hostname(self) -> str:
        return self.member.site.hostname

    @property
    def kind_label(self) -> str:
        return self.member.kind_label

    @property
    def oldest_question_days(self) -> int | None:
        """Whole days the oldest waiting question has waited."""
        if self.oldest_question is None:
            return None
        return (timezone.now() - self.oldest_question).days

    @property
    def score_value(self) -> int | None:
        return self.score.score if self.score else None

    @property
    def score_checked_at(self) -> datetime.datetime | None:
        return local_naive(self.score.checked_at) if self.score else None

    @property
    def last_published_local(self) -> datetime.datetime | None:
        return local_naive(self.last_published)


def local_naive(moment: datetime.datetime | None) -> datetime.datetime | None:
    """Local time without its zone, as a spreadsheet shows it."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _visits(rows: dict[int, SiteRow]) -> None:
    today = local_day(timezone.now())
    start = today - datetime.timedelta(days=PERIOD_DAYS - 1)
    figures = (
        DailyStats.objects.filter(site_id__in=rows, day__gte=start, day__lte=today)
        .values("site_id")
        .annotate(period=Sum("visits"), today=Sum("visits", filter=Q(day=today)))
    )
    for figure in figures:
        row = rows[figure["site_id"]]
        row.visits_period = figure["period"] or 0
        row.visits_today = figure["today"] or 0


def _last_published(rows: dict[int, SiteRow]) -> None:
    """The newest first publication of a live page under each site's home: one query, a
    subquery per site that walks the tree-path index of its pages and keeps the newest
    (about 100 ms for 200 sites of 500 articles on PostgreSQL; grouping every page of the
    install by its root's path prefix took 570 ms)."""
    newest = (
        Page.objects.filter(
            live=True,
            first_published_at__isnull=False,
            path__startswith=OuterRef("root_page__path"),
        )
        .order_by("-first_published_at")
        .values("first_published_at")[:1]
    )
    found = Site.objects.filter(pk__in=rows).annotate(last=Subquery(newest))
    for site_id, last in found.values_list("pk", "last"):
        rows[site_id].last_published = last


def _questions(rows: dict[int, SiteRow]) -> None:
    waiting = (
        Question.objects.confirmed()
        .filter(status__in=WAITING, site_id__in=rows)
        .values("site_id")
        .annotate(n=Count("pk"), oldest=Min("submitted_at"))
    )
    for figure in waiting:
        row = rows[figure["site_id"]]
        row.pending_questions = figure["n"]
        row.oldest_question = figure["oldest"]


def refresh_score(site: Site) -> SiteScore:
    """Run every declared duty on `site` (cong.core.duties) and keep the result."""
    evaluation = evaluate(site)
    score, _created = SiteScore.objects.update_or_create(
        site=site,
        defaults={
            "score": evaluation.score,
            "passed": evaluation.count(PASS),
            "warned": evaluation.count(WARN),
            "failed": evaluation.count(FAIL),
            "checked_at": timezone.now(),
        },
    )
    return score


def _scores(rows: dict[int, SiteRow], budget: float) -> int:
    """Kept scores, the missing or old ones refreshed while `budget` seconds last; how many
    are still missing or old."""
    kept = {score.site_id: score for score in SiteScore.objects.filter(site_id__in=rows)}
    now = timezone.now()
    deadline = time.monotonic() + budget
    left = 0
    for site_id, row in rows.items():
        score = kept.get(site_id)
        if score is None or now - score.checked_at > SCORE_FRESH:
            if time.monotonic() < deadline:
                score = refresh_score(row.member.site)
            else:
                left += 1
        row.score = score
    return left


def latest_backup() -> datetime.datetime | None:
    """When the install's newest backup archive was made (local time), if there is one."""
    found = backups_in(Path(settings.CONG_BACKUP_DIR))
    return max(found) if found else None


@dataclass
class Dashboard:
    rows: list[SiteRow]
    backup: datetime.datetime | None
    scores_left: int

    @property
    def backup_hours(self) -> int | None:
        if self.backup is None:
            return None
        age = timezone.localtime().replace(tzinfo=None) - self.backup
        return max(0, round(age.total_seconds() / 3600))


def build(score_budget: float = SCORE_BUDGET) -> Dashboard:
    """Every site's line (the province's own included), by kind then name."""
    rows = {member.site.pk: SiteRow(member) for member in member_sites(None)}
    _visits(rows)
    _last_published(rows)
    _questions(rows)
    left = _scores(rows, score_budget)
    backup = latest_backup()
    for row in rows.values():
        row.backup = backup
    return Dashboard(rows=list(rows.values()), backup=backup, scores_left=left)
