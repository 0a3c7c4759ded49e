"""The iCalendar feeds, under the schedule page's address ("/lich-cong-tac/lich.ics",
"/lich-cong-tac/lanh-dao/<id>.ics"). Wagtail serves only paths ending in "/", so these are
Django routes that find the site's schedule page and check the prefix is its address."""

from django.urls import re_path

from cong.schedule import views

PREFIX = r"^(?P<prefix>(?:[\w-]+/)+)"

urlpatterns = [
    re_path(PREFIX + r"lich\.ics$", views.site_calendar, name="schedule_ical"),
    re_path(
        PREFIX + r"lanh-dao/(?P<leader_id>\d+)\.ics$",
        views.leader_calendar,
        name="schedule_leader_ical",
    ),
]
