"""Demo schedule for `manage.py load_demo` (idempotent: only what is missing is added): the
schedule page and a published week for the current week and the next, chaired by the demo
Sở's leaders. Rows falling on a public holiday are left out, as an office would."""

import datetime
from typing import Any

from django.utils import timezone

from cong.core.workdays import is_working_day
from cong.schedule.models import ScheduleEntry, ScheduleIndexPage, ScheduleWeekPage, week_monday

OFFICE = "Văn phòng Sở"
MEETING_ROOM = "Phòng họp tầng 2, Sở"
# (weekday, session, time, content, chair: index of a current leader or a name, participants,
# location, preparing unit)
ROWS = [
    (0, "sang", "07:30", "Chào cờ đầu tuần; giao ban Lãnh đạo Sở với Trưởng các phòng, đơn vị", 0,
     "Lãnh đạo Sở; Trưởng các phòng, đơn vị thuộc Sở", MEETING_ROOM, OFFICE),
    (0, "chieu", "14:00", "Làm việc với Viễn thông Thanh Hóa về hạ tầng băng rộng cho các xã "
     "miền núi phía Tây", 1, "Phòng Bưu chính, Viễn thông; đại diện Viễn thông Thanh Hóa",
     MEETING_ROOM, "Phòng Bưu chính, Viễn thông"),
    (1, "sang", "08:00", "Dự Hội nghị trực tuyến toàn quốc về chuyển đổi số", 0,
     "Lãnh đạo Sở; Phòng Chuyển đổi số", "Điểm cầu UBND tỉnh", "Phòng Chuyển đổi số"),
    (1, "chieu", "14:00", "Thẩm định hồ sơ đề nghị cấp giấy phép xuất bản bản tin", 2,
     "Phòng Thông tin – Báo chí – Xuất bản", MEETING_ROOM, "Phòng Thông tin – Báo chí – Xuất bản"),
    (2, "sang", "08:00", "Tiếp công dân định kỳ", 0, "Thanh tra Sở; Văn phòng Sở",
     "Phòng tiếp công dân, Sở", "Thanh tra Sở"),
    (2, "chieu", "14:00", "Kiểm tra công tác bảo đảm an toàn thông tin tại Trung tâm dữ liệu tỉnh",
     1, "Trung tâm Công nghệ thông tin và Truyền thông", "Trung tâm dữ liệu tỉnh",
     "Trung tâm Công nghệ thông tin và Truyền thông"),
    (3, "sang", "08:00", "Họp Ban Chỉ đạo chuyển đổi số tỉnh",
     "Đồng chí Phó Chủ tịch UBND tỉnh", "Giám đốc Sở; Phòng Chuyển đổi số",
     "Hội trường UBND tỉnh", "Phòng Chuyển đổi số"),
    (3, "chieu", "", "Làm việc với Báo Thanh Hóa về công tác tuyên truyền chuyển đổi số", 2,
     "Phòng Thông tin – Báo chí – Xuất bản", "Trụ sở Báo Thanh Hóa", OFFICE),
    (4, "sang", "08:00", "Kiểm tra hoạt động bưu chính công ích tại các xã miền núi", 1,
     "Phòng Bưu chính, Viễn thông; Bưu điện tỉnh", "Các xã miền núi phía Tây",
     "Phòng Bưu chính, Viễn thông"),
    (4, "chieu", "16:00", "Giao ban Văn phòng, tổng hợp kết quả công tác tuần", 0,
     "Chánh Văn phòng; Trưởng các phòng", MEETING_ROOM, OFFICE),
    (4, "toi", "19:30", "Dự chương trình nghệ thuật chào mừng ngày thành lập ngành", 2,
     "Công đoàn Sở", "Nhà hát Lam Sơn", OFFICE),
]  # fmt: skip


def ensure_index(home: Any) -> ScheduleIndexPage:
    index = ScheduleIndexPage.objects.child_of(home).first()
    if index is None:
        index = ScheduleIndexPage(
            title="Lịch công tác",
            slug="lich-cong-tac",
            intro="Lịch công tác tuần của Lãnh đạo Sở. Lịch có thể được điều chỉnh trong tuần; "
            "các dòng điều chỉnh được ghi rõ thời điểm.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def demo_rows(monday: datetime.date, leaders: list[Any]) -> list[ScheduleEntry]:
    rows = []
    for weekday, session, time, content, chair, participants, location, unit in ROWS:
        day = monday + datetime.timedelta(days=weekday)
        if not is_working_day(day):
            continue
        leader = leaders[chair] if isinstance(chair, int) and chair < len(leaders) else None
        rows.append(
            ScheduleEntry(
                date=day,
                session=session,
                start_time=datetime.time.fromisoformat(time) if time else None,
                content=content,
                chair=leader,
                chair_text="" if leader or isinstance(chair, int) else chair,
                participants=participants,
                location=location,
                preparing_unit=unit,
            )
        )
    return rows


def ensure_schedule(home: Any, site: Any, today: datetime.date | None = None) -> ScheduleIndexPage:
    """The schedule page, this week and next week (published)."""
    index = ensure_index(home)
    leaders = list(ScheduleEntry.leaders_of(site).filter(term_end__isnull=True))
    this_monday = week_monday(today or timezone.localdate())
    for monday in (this_monday, this_monday + datetime.timedelta(days=7)):
        if ScheduleWeekPage.objects.child_of(index).filter(week_start=monday).exists():
            continue
        week = ScheduleWeekPage(week_start=monday)
        week.entries = demo_rows(monday, leaders)
        index.add_child(instance=week)
        week.save_revision().publish()
    return index
