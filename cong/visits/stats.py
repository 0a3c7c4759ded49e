"""The figures the visit-statistics widget shows."""

from dataclasses import dataclass

from cong.core.cache import cached_setting
from cong.visits.models import VisitSettings


@dataclass(frozen=True)
class Summary:
    online: int
    today: int
    total: int


def summary_for_site(site) -> Summary:
    """Figures for `site`: until counting lands, the carried-over total alone."""
    baseline = cached_setting(VisitSettings, site).total_baseline if site else 0
    return Summary(online=0, today=0, total=baseline)
