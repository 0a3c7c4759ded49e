"""The duties the law puts on an agency's site, as checks that apps declare.

The self-check report ("Mức độ đáp ứng quy định") and, later, the province's dashboard ask
each site how well it meets its duties (ND 224/2026, TT 24/2011, Luật An toàn thông tin...).
The kernel knows no feature, so each app declares the duties it can answer for from its
`plugins.py`, and whoever reports iterates over what was declared:

    from cong.core.duties import Check, Result, register_check

    register_check(Check(
        code="agency.spokesperson",            # unique, stable: exports and tests use it
        title=_("Người phát ngôn"),            # the duty, as the report shows it
        law_ref=_("NĐ 244/2026, Điều 3"),      # where the duty comes from
        run=spokesperson_named,                # site -> Result(status, detail)
        fix_url=lambda site: reverse(...),     # site -> the admin screen that fixes it
        order=30,
    ))

A duty no admin screen can fix (a server setting: HSTS, IPv6, backups) gives `fix_hint`
instead, a sentence saying what the server's administrator does; the report shows it where
the link would be, so every failure says how to fix it.

A check reads, never writes, and must be cheap enough to run on every view of the report.
A check that raises is reported as failed with the error, so one broken check cannot hide
the others.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from wagtail.models import Site

logger = logging.getLogger(__name__)

PASS = "pass"
WARN = "warn"
FAIL = "fail"
STATUSES = (PASS, WARN, FAIL)
# What a status is worth in the score: a warning is half met.
WEIGHTS = {PASS: 1.0, WARN: 0.5, FAIL: 0.0}


@dataclass(frozen=True)
class Result:
    """What a check found: `status` (PASS, WARN or FAIL) and a sentence saying why."""

    status: str
    detail: str = ""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")


@dataclass(frozen=True)
class Check:
    """One duty of a site and how to check it."""

    code: str
    title: str | Promise
    law_ref: str | Promise
    run: Callable[[Site], Result]
    fix_url: Callable[[Site], str] | None = None
    order: int = 100
    fix_hint: str | Promise = ""


@dataclass(frozen=True)
class Outcome:
    """A check run on one site: the check, its result and the address of its fix."""

    check: Check
    result: Result
    fix_url: str = ""

    @property
    def status(self) -> str:
        return self.result.status

    @property
    def fix_hint(self) -> str:
        """How to fix it where no admin screen can (`Check.fix_hint`), else ""."""
        return str(self.check.fix_hint)


@dataclass(frozen=True)
class Evaluation:
    """Every declared check run on one site, in the report's order."""

    site: Site
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def score(self) -> int:
        """0-100: passed checks count fully, warnings half, failures nothing."""
        if not self.outcomes:
            return 0
        points = sum(WEIGHTS[outcome.status] for outcome in self.outcomes)
        return round(100 * points / len(self.outcomes))


_registry: dict[str, Check] = {}


def register_check(check: Check) -> Check:
    """Declare `check`; declaring the same code again replaces it (autoreload)."""
    _registry[check.code] = check
    return check


def checks() -> list[Check]:
    """The declared checks, in the report's order."""
    return sorted(_registry.values(), key=lambda check: (check.order, check.code))


def run_check(check: Check, site: Site) -> Outcome:
    """Run one check; an exception becomes a failure that names it."""
    try:
        result = check.run(site)
    except Exception as error:  # noqa: BLE001 - one broken check must not hide the rest
        logger.exception("self-check %s failed on %s", check.code, site)
        result = Result(FAIL, _("Lỗi khi kiểm tra: %(error)s") % {"error": error})
    url = ""
    if check.fix_url is not None:
        try:
            url = check.fix_url(site) or ""
        except Exception:  # noqa: BLE001 - a missing screen leaves the row without a link
            logger.exception("self-check %s: no fix address on %s", check.code, site)
    return Outcome(check=check, result=result, fix_url=url)


def evaluate(site: Site) -> Evaluation:
    """Every declared check run on `site`."""
    return Evaluation(site=site, outcomes=[run_check(check, site) for check in checks()])


def score(site: Site) -> int:
    """How well `site` meets its duties, 0-100 (for the province's dashboard)."""
    return evaluate(site).score
