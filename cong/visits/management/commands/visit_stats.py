"""Print a site's visit figures as JSON, fresh from the store."""

import json
from argparse import ArgumentParser
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Sum
from django.utils.translation import gettext as _
from wagtail.models import Site

from cong.visits.models import DroppedHits
from cong.visits.stats import summary_for_site
from cong.visits.stores import get_store


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _("In số liệu truy cập (JSON) của một website, đọc trực tiếp từ kho số liệu.")

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--site", help=_("Tên miền của website (mặc định: website mặc định)."))
        parser.add_argument(
            "--flush", action="store_true", help=_("Chuyển số liệu Redis vào SQL trước.")
        )

    def handle(
        self, *args: Any, site: str | None = None, flush: bool = False, **options: Any
    ) -> None:
        sites = (
            Site.objects.filter(hostname=site)
            if site
            else Site.objects.filter(is_default_site=True)
        )
        chosen = sites.first()
        if chosen is None:
            raise CommandError(
                _("Không tìm thấy website “%(site)s”.") % {"site": site or _("mặc định")}
            )
        if flush:
            get_store().flush()
        data = asdict(summary_for_site(chosen, fresh=True))
        data["dropped"] = dict(
            DroppedHits.objects.filter(site=chosen).values_list("reason").annotate(n=Sum("count"))
        )
        self.stdout.write(json.dumps(data))
