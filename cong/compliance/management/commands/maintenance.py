"""`manage.py maintenance on|off|sync|status`: the planned stop's 503 page (docs/compliance.md).

    manage.py maintenance on [--until "2026-12-11 06:00"] [--site HOSTNAME]
    manage.py maintenance off
    manage.py maintenance sync      (every minute: cong-maintenance-sync.timer)
    manage.py maintenance status

`on` takes the window that is running now (or the next one) on the site, or the default
site, for the page's text and the expected end; `--until` overrides the end.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.models import Site

from cong.compliance import maintenance
from cong.compliance.models import MaintenanceWindow


def _parse_until(value: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise CommandError(f"--until: '{value}' is not a date and time (YYYY-MM-DD HH:MM)") from exc
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class Command(BaseCommand):
    help = "Turn the maintenance page (503) on or off, or purge the pages after a window ends."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["on", "off", "sync", "status"])
        parser.add_argument("--until", help="expected end, e.g. '2026-12-11 06:00' (local time)")
        parser.add_argument("--site", help="the site's hostname (default: the default site)")

    def handle(self, *args, action, until=None, site=None, **options):
        if action == "on":
            self._on(until, site)
        elif action == "off":
            was_on = maintenance.switch_off()
            self.stdout.write("maintenance off" if was_on else "maintenance was not on")
        elif action == "sync":
            ended = maintenance.sync()
            if ended:
                self.stdout.write(f"{ended} window(s) ended: cached pages purged")
        else:
            state = "on" if maintenance.is_on() else "off"
            self.stdout.write(f"maintenance {state} ({maintenance.flag_path()})")

    def _on(self, until: str | None, hostname: str | None) -> None:
        site = self._site(hostname)
        window = (
            MaintenanceWindow.objects.filter(site=site).not_ended().order_by("starts_at").first()
        )
        notice = None
        end = _parse_until(until) if until else None
        if window is not None:
            notice = maintenance.Notice(
                window.starts_at, end or window.ends_at, window.reason, window.force_majeure
            )
            end = notice.ends_at
        path = maintenance.switch_on(notice, end)
        self.stdout.write(f"maintenance on: {path}" + (f" until {end.isoformat()}" if end else ""))

    def _site(self, hostname: str | None) -> Site:
        sites = Site.objects.all()
        site = (
            sites.filter(hostname=hostname).first()
            if hostname
            else sites.filter(is_default_site=True).first()
        )
        if site is None:
            raise CommandError(f"no site {hostname or '(default)'}")
        return site
