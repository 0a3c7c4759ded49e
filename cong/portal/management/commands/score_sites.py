"""`manage.py score_sites`: check every site's duties now and keep the scores the province's
dashboard shows (run it daily, e.g. from a systemd timer, so no view waits for it)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from cong.portal.dashboard import refresh_score


class Command(BaseCommand):
    help = _("Chấm điểm mức độ đáp ứng quy định của mọi website (cho trang Theo dõi các đơn vị).")

    def handle(self, *args, **options):
        for site in Site.objects.order_by("pk"):
            score = refresh_score(site)
            if options["verbosity"] > 0:
                self.stdout.write(f"{site.hostname}: {score.score}/100")
