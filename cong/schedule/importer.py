"""Import of a week's schedule from the spreadsheet an office system exports (VNPT iOffice,
Viettel vOffice and the like: .xlsx, .xls or .csv), all rows or none.

Such sheets carry a title block above the header ("UBND TỈNH … / LỊCH CÔNG TÁC TUẦN 48"),
a day written once in a merged cell (or only on its first row) for all its meetings, dates as
"Thứ Hai, 24/11/2026", "Thứ 2 (24/11)" or real Excel dates, times as "8h00", "14 giờ 30" or
"7h30-11h30", and the chair as a name or a position. Reading goes in three steps, which the
admin page shows one by one:

1. `load`: the sheet's lines and its header row (found below the title block);
2. `parse`, with a column mapping (folded header → entry field) that the editor confirmed
   once per site (`cong.core.models.SheetMapping`, kind "schedule") or that is guessed from
   the headers: neutral `ParsedRow`s of one ISO week, or SheetError listing every bad line
   ("Dòng 7: không đọc được ngày «Thứ Hai, 32/11»");
3. `apply`: the week's rows replaced in a new DRAFT revision of the week page (created under
   the site's schedule index if missing), which then goes through approval and publishing
   like any edit.

A sheet holding days of two weeks is refused (the editor splits it or picks the week).
"""

import dataclasses
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, Revision, Site

from cong.core.models import SheetMapping
from cong.core.sheets import ALL_FORMATS, SheetError, as_date, find_header, header_key, read_table
from cong.core.text import clean_line, clean_text, fold
from cong.schedule.models import ScheduleEntry, ScheduleIndexPage, ScheduleWeekPage, week_monday
from cong.schedule.models.pages import SESSION_ORDER, Session, week_slug, week_title

KIND = "schedule"

# The entry fields a column may feed, with the names the mapping step shows.
FIELDS = {
    "day": gettext_lazy("Thứ, ngày"),
    "session": gettext_lazy("Buổi"),
    "time": gettext_lazy("Thời gian"),
    "content": gettext_lazy("Nội dung"),
    "chair": gettext_lazy("Chủ trì"),
    "participants": gettext_lazy("Thành phần"),
    "location": gettext_lazy("Địa điểm"),
    "preparing_unit": gettext_lazy("Đơn vị chuẩn bị"),
    "notes": gettext_lazy("Ghi chú"),
}
REQUIRED = ("day", "content")

# Headers as office systems write them, folded and without punctuation (`_plain`).
ALIASES = {
    "day": (
        "thu ngay",
        "ngay thu",
        "ngay",
        "thu",
        "ngay thang",
        "thoi gian ngay",
        "ngay thang nam",
        "ngay lam viec",
    ),
    "session": ("buoi", "buoi lam viec", "ca"),
    "time": ("thoi gian", "gio", "thoi gian bat dau", "gio bat dau", "gio hop", "thoi diem"),
    "content": (
        "noi dung",
        "noi dung cong viec",
        "noi dung cong tac",
        "noi dung lam viec",
        "noi dung cuoc hop",
        "cong viec",
    ),
    "chair": ("chu tri", "lanh dao chu tri", "nguoi chu tri", "lanh dao", "chu tri cuoc hop"),
    "participants": (
        "thanh phan",
        "thanh phan tham du",
        "thanh phan tham gia",
        "thanh phan du hop",
        "thanh phan moi",
        "nguoi tham du",
    ),
    "location": ("dia diem", "dia diem to chuc", "noi hop", "dia diem hop"),
    "preparing_unit": (
        "don vi chuan bi",
        "don vi chuan bi noi dung",
        "chuan bi",
        "don vi chu tri chuan bi",
        "don vi tham muu",
    ),
    "notes": ("ghi chu",),
}
LIMITS = {"chair_text": 255, "location": 255, "preparing_unit": 255, "notes": 500}

WEEKDAYS = {"hai": 0, "ba": 1, "tu": 2, "nam": 3, "sau": 4, "bay": 5}
WEEKDAY_NAMES = (
    gettext_lazy("Thứ Hai"),
    gettext_lazy("Thứ Ba"),
    gettext_lazy("Thứ Tư"),
    gettext_lazy("Thứ Năm"),
    gettext_lazy("Thứ Sáu"),
    gettext_lazy("Thứ Bảy"),
    gettext_lazy("Chủ nhật"),
)
SESSIONS = {
    "sang": Session.MORNING,
    "s": Session.MORNING,
    "chieu": Session.AFTERNOON,
    "c": Session.AFTERNOON,
    "toi": Session.EVENING,
    "t": Session.EVENING,
}

_DATE = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\d/.\-])")
_WEEKDAY = re.compile(r"\b(?:thu\s*(hai|ba|tu|nam|sau|bay|[2-7])|(chu\s*nhat|cn))\b")
_SESSION_WORD = re.compile(r"\b(sang|chieu|toi)\b")
_TIME = re.compile(r"(?<!\d)(\d{1,2})\s*(?:gio|h|g|:)\s*(\d{1,2})?(?!\d)")
_WEEK_IN_TITLE = re.compile(r"\btuan\s*(?:thu\s*)?(\d{1,2})\b")
_YEAR_IN_TITLE = re.compile(r"\bnam\s*(\d{4})\b")
_FULL_DATE = re.compile(r"(?<!\d)(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?!\d)")
_CHAIR_PREFIX = re.compile(r"^(?:d/c|dc|dong chi|ong|ba)\s+")
_MANY_PEOPLE = re.compile(r";|\n|\bva\b|\+")


@dataclass
class Sheet:
    """A loaded spreadsheet: its header (line number and cells), data lines and the text of
    the title block above the header (which may name the week and year)."""

    header_line: int
    header: list[str]
    rows: list[tuple[int, list]]
    title: str


@dataclass
class ParsedRow:
    line: int
    date: datetime.date
    session: str
    start_time: datetime.time | None
    content: str
    chair: Any = None  # an agency Leader of the site, or None
    chair_text: str = ""
    participants: str = ""
    location: str = ""
    preparing_unit: str = ""
    notes: str = ""

    @property
    def session_label(self) -> str:
        return str(Session(self.session).label)

    def entry(self, order: int) -> ScheduleEntry:
        return ScheduleEntry(
            sort_order=order,
            date=self.date,
            session=self.session,
            start_time=self.start_time,
            content=self.content,
            chair=self.chair,
            chair_text=self.chair_text,
            participants=self.participants,
            location=self.location,
            preparing_unit=self.preparing_unit,
            notes=self.notes,
        )


@dataclass
class ParsedWeek:
    week_start: datetime.date
    rows: list[ParsedRow] = field(default_factory=list)

    @property
    def iso_week(self) -> str:
        iso = self.week_start.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"


# ---- step 1: the sheet and its header ------------------------------------------------------


def _plain(key: str) -> str:
    """A folded header without punctuation: "thu, ngay" → "thu ngay"."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", key).split())


def guess_field(header: str) -> str:
    """The entry field a header names, from the usual office-system headers, or ""."""
    plain = _plain(header_key(header))
    for name, aliases in ALIASES.items():
        if plain in aliases:
            return name
    return ""


def load(name: str, content: bytes, remembered: dict[str, str] | None = None) -> Sheet:
    """The sheet's header line (the first line naming at least two known columns, after
    any title block) and the lines below it."""
    remembered = remembered or {}

    def fields_of(cells: list[str]) -> list[str]:
        return [remembered.get(header_key(c)) or guess_field(c) for c in cells if str(c).strip()]

    def is_header(cells: list[str]) -> bool:
        return len({f for f in fields_of(cells) if f}) >= 2

    lines = read_table(name, content, ALL_FORMATS, fill_merged=True)
    (line, header), rows = find_header(lines, is_header)
    title: list[str] = []
    for number, cells in lines:
        if number >= line:
            break
        for value in cells:  # a merged title cell is given once, not once per column
            if value not in (None, "") and (not title or title[-1] != str(value)):
                title.append(str(value))
    return Sheet(line, header, rows, clean_line(" ".join(title)))


def initial_columns(sheet: Sheet, remembered: dict[str, str]) -> dict[str, str]:
    """The mapping the editor is shown first: what was confirmed on this site for a header,
    else the guess from its name (folded header → field, "" for a column left out)."""
    columns = {}
    for text in sheet.header:
        key = header_key(text)
        if key and key not in columns:
            columns[key] = remembered[key] if key in remembered else guess_field(text)
    return columns


def covered(sheet: Sheet, remembered: dict[str, str]) -> bool:
    """Whether every column of the sheet was mapped by an editor of the site already, so
    the mapping step can be skipped."""
    keys = [header_key(t) for t in sheet.header if header_key(t)]
    return bool(keys) and all(key in remembered for key in keys)


# ---- step 2: the rows ------------------------------------------------------------------------


def parse(
    site: Site,
    sheet: Sheet,
    columns: dict[str, str],
    week: datetime.date | None = None,
    today: datetime.date | None = None,
) -> ParsedWeek:
    """The rows of one week, or SheetError listing every problem by spreadsheet line.

    `columns` maps folded headers to fields; `week` (a Monday), when given, is the week the
    rows must fall in and gives "24/11" its year; else the title block or the full dates
    of the sheet do, else today."""
    sheet = _join_day_columns(sheet, columns)
    index = _column_index(sheet.header, columns)
    reference, week_known = _reference(sheet, index, week, today)
    chairs = ChairMatcher(site)
    errors: list[str] = []
    parsed: list[ParsedRow] = []
    day: datetime.date | None = None
    session: str | None = None
    bad_day: Any = None
    for line, cells in sheet.rows:

        def cell(name: str, cells: list = cells) -> Any:
            position = index.get(name)
            value = cells[position] if position is not None and position < len(cells) else None
            return value.strip() if isinstance(value, str) else value

        problems: list[str] = []
        day_value, day_session = cell("day"), None
        if _filled(day_value) and _session_only(day_value):
            session = parse_session(day_value)  # "SÁNG" on a line of its own
        elif _filled(day_value):
            found, day_session, problem = parse_day(
                day_value, reference, reference if week_known else None
            )
            if problem:
                day = None
                if day_value != bad_day:  # a merged cell is reported on its first line only
                    problems.append(problem)
                bad_day = day_value
            elif found != day:
                day, session = found, None
            session = day_session or session
            if not problem:
                bad_day = None
        session_value = cell("session")
        if _filled(session_value):
            found_session = parse_session(session_value)
            if found_session is None:
                problems.append(
                    _("không đọc được buổi «%(value)s»") % {"value": _shown(session_value)}
                )
            else:
                session = found_session
        content = clean_text(str(cell("content") or ""))
        others = [cell(n) for n in ("chair", "participants", "location", "preparing_unit")]
        if not content and not any(_filled(v) for v in others) and not problems:
            # A line naming only the day, the session or a time: a heading for the lines
            # below it, or a row of a template left empty.
            continue
        start, time_session, problem = parse_time(cell("time"))
        if problem:
            problems.append(problem)
        if not content:
            problems.append(_("thiếu nội dung"))
        if day is None and bad_day is None:
            problems.append(_("thiếu ngày"))
        row_session = (
            (parse_session(session_value) if _filled(session_value) else None)
            or day_session  # "Chiều thứ Hai 30/11" on this line
            or time_session
            or (session_of_time(start) if start else None)
            or session
            or Session.MORNING
        )
        if problems:
            errors.append(_report(line, problems))
            continue
        if day is None:
            continue  # under a day already reported unreadable
        chair, chair_text = chairs.match(str(cell("chair") or ""))
        row = ParsedRow(
            line=line,
            date=day,
            session=row_session,
            start_time=start,
            content=content,
            chair=chair,
            chair_text=chair_text,
            participants=clean_text(str(cell("participants") or "")),
            location=clean_line(str(cell("location") or "")),
            preparing_unit=clean_line(str(cell("preparing_unit") or "")),
            notes=clean_line(str(cell("notes") or "")),
        )
        too_long = _too_long(row)
        if too_long:
            errors.append(_report(line, too_long))
        else:
            parsed.append(row)
    if not errors and not parsed:
        errors.append(_("Bảng tính không có dòng lịch nào dưới dòng tiêu đề cột."))
    if errors:
        raise SheetError(errors)
    return _one_week(parsed, week)


def _join_day_columns(sheet: Sheet, columns: dict[str, str]) -> Sheet:
    """A sheet that splits the day over two columns ("Thứ" | "Ngày"), read as if both were
    written in the first ("Thứ Hai 30/11/2026"), so the weekday is still checked."""
    positions = [n for n, text in enumerate(sheet.header) if columns.get(header_key(text)) == "day"]
    if len(positions) < 2:
        return sheet
    rows = []
    for line, cells in sheet.rows:
        parts = [cells[n] for n in positions if n < len(cells) and _filled(cells[n])]
        joined = list(cells) + [None] * (max(positions) + 1 - len(cells))
        for n in positions:
            joined[n] = None
        if len(parts) == 1:
            joined[positions[0]] = parts[0]
        elif parts:
            joined[positions[0]] = " ".join(
                f"{as_date(p):%d/%m/%Y}" if as_date(p) else str(p) for p in parts
            )
        rows.append((line, joined))
    return dataclasses.replace(sheet, rows=rows)


def _column_index(header: list[str], columns: dict[str, str]) -> dict[str, int]:
    """Field → column index; SheetError when a required field has no column."""
    index: dict[str, int] = {}
    for position, text in enumerate(header):
        name = columns.get(header_key(text), "")
        if name in FIELDS and name not in index:
            index[name] = position
    missing = [str(FIELDS[name]) for name in REQUIRED if name not in index]
    if missing:
        raise SheetError([_("Chưa chọn cột cho: %(fields)s.") % {"fields": ", ".join(missing)}])
    return index


def _reference(
    sheet: Sheet, index: dict[str, int], week: datetime.date | None, today: datetime.date | None
) -> tuple[datetime.date, bool]:
    """The date a day without a year is placed near, and whether the week is certain (so a
    day written only as "Thứ Ba" can be placed)."""
    if week is not None:
        return week, True
    title = fold(sheet.title).lower()
    if match := _FULL_DATE.search(title):
        try:
            return datetime.date(int(match[3]), int(match[2]), int(match[1])), False
        except ValueError:
            pass
    number, year = _WEEK_IN_TITLE.search(title), _YEAR_IN_TITLE.search(title)
    if number and year:
        try:
            return datetime.date.fromisocalendar(int(year[1]), int(number[1]), 1), True
        except ValueError:
            pass
    position = index["day"]
    for _line, cells in sheet.rows:
        value = cells[position] if position < len(cells) else None
        if as_date(value):
            return as_date(value), False
        if isinstance(value, str) and (match := _FULL_DATE.search(value)):
            try:
                return datetime.date(int(match[3]), int(match[2]), int(match[1])), False
            except ValueError:
                continue
    return today or timezone.localdate(), False


def _one_week(rows: list[ParsedRow], week: datetime.date | None) -> ParsedWeek:
    """The rows as one week, sorted by day and session (the sheet's order within a
    session); SheetError when they fall in two weeks or outside the week asked for."""
    mondays: dict[datetime.date, list[int]] = {}
    for row in rows:
        mondays.setdefault(week_monday(row.date), []).append(row.line)
    if week is not None:
        outside = [
            _report(
                r.line, [_("ngày %(date)s không thuộc tuần này") % {"date": f"{r.date:%d/%m/%Y}"}]
            )
            for r in rows
            if week_monday(r.date) != week
        ]
        if outside:
            raise SheetError(outside)
    elif len(mondays) > 1:
        parts = [
            _("tuần %(week)s (%(start)s – %(end)s): dòng %(lines)s")
            % {
                "week": monday.isocalendar().week,
                "start": f"{monday:%d/%m/%Y}",
                "end": f"{monday + datetime.timedelta(days=6):%d/%m/%Y}",
                "lines": ", ".join(str(n) for n in lines),
            }
            for monday, lines in sorted(mondays.items())
        ]
        raise SheetError(
            [
                _(
                    "Bảng tính có ngày của nhiều tuần: %(weeks)s. Mỗi lần nhập một tuần: tách "
                    "tệp theo tuần, hoặc chọn tuần cần nhập."
                )
                % {"weeks": "; ".join(parts)}
            ]
        )
    monday = week or next(iter(mondays))
    ordered = sorted(rows, key=lambda r: (r.date, SESSION_ORDER.get(r.session, 0), r.line))
    return ParsedWeek(monday, ordered)


def _session_only(value: Any) -> bool:
    """A day cell that names only a session ("Sáng", "CHIỀU"), under the day above it."""
    text = str(value)
    return not any(ch.isdigit() for ch in text) and fold(text).lower().strip(" .:") in (
        "sang",
        "chieu",
        "toi",
        "buoi sang",
        "buoi chieu",
        "buoi toi",
    )


def _filled(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _shown(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    return clean_line(str(value))


def _report(line: int, problems: list[str]) -> str:
    return _("Dòng %(line)d: %(problems)s.") % {"line": line, "problems": "; ".join(problems)}


def _too_long(row: ParsedRow) -> list[str]:
    return [
        _("%(field)s dài quá %(limit)d ký tự")
        % {"field": ScheduleEntry._meta.get_field(name).verbose_name, "limit": limit}
        for name, limit in LIMITS.items()
        if len(getattr(row, name)) > limit
    ]


# ---- values ----------------------------------------------------------------------------------


def parse_session(value: Any) -> str | None:
    """ "Sáng", "CHIỀU", "S", "C", "Tối" → the session; None when unreadable."""
    text = fold(clean_line(str(value or ""))).lower().strip(" .:")
    if text in SESSIONS:
        return SESSIONS[text]
    match = _SESSION_WORD.search(text)
    return SESSIONS[match[1]] if match else None


def session_of_time(start: datetime.time) -> str:
    """The session a meeting starting at `start` belongs to, when the sheet does not say."""
    if start.hour < 12:
        return Session.MORNING
    return Session.AFTERNOON if start.hour < 18 else Session.EVENING


def parse_day(
    value: Any, reference: datetime.date, week: datetime.date | None = None
) -> tuple[datetime.date | None, str | None, str]:
    """A day cell as (date, session it names or None, problem or "").

    Understands Excel dates, "Thứ Hai, 24/11/2026", "Thứ 2 (24/11)", "24/11", "24-11-26",
    "Sáng thứ Hai 24/11", and a weekday alone when the week is known. A day and month
    without a year get the year that puts them nearest `reference`."""
    if as_date(value):
        return as_date(value), None, ""
    text = clean_line(str(value))
    folded = fold(text).lower()
    session = _SESSION_WORD.search(folded)
    session_value = SESSIONS[session[1]] if session else None
    weekday = _weekday(folded)
    unreadable = _("không đọc được ngày «%(value)s»") % {"value": text}
    match = _DATE.search(folded)
    if match is None:
        if weekday is not None and week is not None:
            return week + datetime.timedelta(days=weekday), session_value, ""
        return None, None, unreadable
    day, month, year = int(match[1]), int(match[3]), match[4]
    try:
        if year:
            found = datetime.date(int(year) + (2000 if len(year) == 2 else 0), month, day)
        else:
            found = _nearest(day, month, reference)
    except ValueError:
        return None, None, unreadable
    if weekday is not None and weekday != found.weekday():
        return (
            None,
            None,
            _("«%(value)s»: ngày %(date)s là %(weekday)s")
            % {
                "value": text,
                "date": f"{found:%d/%m/%Y}",
                "weekday": WEEKDAY_NAMES[found.weekday()],
            },
        )
    return found, session_value, ""


def _weekday(folded: str) -> int | None:
    match = _WEEKDAY.search(folded)
    if match is None:
        return None
    if match[2]:
        return 6
    word = match[1]
    return int(word) - 2 if word.isdigit() else WEEKDAYS[word]


def _nearest(day: int, month: int, reference: datetime.date) -> datetime.date:
    """The date (day, month) nearest `reference`: "02/01" in a sheet of week 1 of 2027
    whose title says 28/12/2026 is 2 January 2027. ValueError if no year has it."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(datetime.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        raise ValueError(f"{day}/{month}")
    return min(candidates, key=lambda d: abs((d - reference).days))


def parse_time(value: Any) -> tuple[datetime.time | None, str | None, str]:
    """A time cell as (start time, session it names, problem or ""): "8h00", "8h",
    "14 giờ 30", "14g30", "08:00", "7h30-11h30" (the start), an Excel time, "Sáng"."""
    if not _filled(value):
        return None, None, ""
    if isinstance(value, datetime.datetime):
        return value.time().replace(second=0, microsecond=0), None, ""
    if isinstance(value, datetime.time):
        return value.replace(second=0, microsecond=0), None, ""
    if isinstance(value, float) and 0 <= value < 1:  # a time typed without its format
        minutes = round(value * 24 * 60)
        return datetime.time(minutes // 60 % 24, minutes % 60), None, ""
    text = clean_line(str(value))
    folded = fold(text).lower()
    session = _SESSION_WORD.search(folded)
    session_value = SESSIONS[session[1]] if session else None
    match = _TIME.search(folded) or re.fullmatch(r"(\d{1,2})()", folded)
    if match is None:
        if session_value or "ca ngay" in folded:
            return None, session_value or Session.MORNING, ""
        return None, None, _("không đọc được giờ «%(value)s»") % {"value": text}
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour > 23 or minute > 59:
        return None, None, _("không đọc được giờ «%(value)s»") % {"value": text}
    if session_value in (Session.AFTERNOON, Session.EVENING) and hour < 12:
        hour += 12  # "2h chiều"
    return datetime.time(hour, minute), session_value, ""


class ChairMatcher:
    """A chair cell matched to one of the site's leaders: by name ("Đ/c Lê Văn Minh, Phó
    Giám đốc"), else by a position only one current leader holds ("Giám đốc Sở"); anything
    else (several people, an outside guest, a position several leaders share) is kept as
    typed."""

    def __init__(self, site: Site) -> None:
        leaders = list(ScheduleEntry.leaders_of(site))
        today = timezone.localdate()
        # A note in brackets after a name ("Lê Văn Minh (minh họa)") is not typed in sheets.
        self.names = [
            (fold(re.sub(r"\s*\([^)]*\)", "", leader.full_name)).lower().strip(), leader)
            for leader in leaders
        ]
        self.current = [
            (fold(leader.position).lower(), leader)
            for leader in leaders
            if (leader.term_start is None or leader.term_start <= today)
            and (leader.term_end is None or leader.term_end >= today)
        ]

    def match(self, text: str) -> tuple[Any, str]:
        """(leader or None, the text to keep when no leader)."""
        text = clean_line(text)
        folded = fold(text).lower()
        if not folded:
            return None, ""
        if _MANY_PEOPLE.search(folded):
            return None, text
        by_name = [
            leader
            for name, leader in self.names
            if name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", folded)
        ]
        if len(by_name) == 1:
            return by_name[0], ""
        if by_name:
            return None, text
        position = _CHAIR_PREFIX.sub("", folded).strip(" .,")
        by_position = [
            leader
            for held, leader in self.current
            # "Giám đốc" is "Giám đốc Sở"; a single word ("Phó") names no one
            if held == position or (len(position.split()) > 1 and held.startswith(position + " "))
        ]
        if len(by_position) == 1:
            return by_position[0], ""
        return None, text


# ---- step 3: the draft -----------------------------------------------------------------------


def schedule_index(site: Site) -> ScheduleIndexPage | None:
    return (
        ScheduleIndexPage.objects.descendant_of(site.root_page, inclusive=True)
        .order_by("path")
        .first()
    )


@transaction.atomic
def apply(
    site: Site,
    week: ParsedWeek,
    user: Any = None,
    progress: Callable[[int], None] = lambda n: None,
    index: ScheduleIndexPage | None = None,
) -> tuple[ScheduleWeekPage, Revision]:
    """Replace the rows of the week in a new draft revision of its page (created, unpublished,
    under `index`, by default the site's schedule page, if the week has none). The live page,
    if any, is left as it is until someone publishes the draft."""
    index = index or schedule_index(site)
    if index is None:
        raise SheetError([_("Website chưa có trang Lịch công tác: hãy tạo trang này trước.")])
    # Two editors importing the same new week at once must not create it twice.
    list(Page.objects.select_for_update().filter(pk=index.pk).values_list("pk", flat=True))
    entries = []
    for order, row in enumerate(week.rows):
        entries.append(row.entry(order))
        progress(1)
    page = ScheduleWeekPage.objects.child_of(index).filter(week_start=week.week_start).first()
    if page is None:
        page = ScheduleWeekPage(
            week_start=week.week_start,
            title=week_title(week.week_start),
            slug=week_slug(week.week_start),
            live=False,
            owner=user,
        )
        page.entries = entries
        index.add_child(instance=page)
    else:
        page = page.get_latest_revision_as_object()
        page.entries = entries
    revision = page.save_revision(user=user, log_action=True)
    return page, revision


def remember(site: Site, columns: dict[str, str]) -> None:
    SheetMapping.remember(site, KIND, columns)


def remembered(site: Site) -> dict[str, str]:
    return SheetMapping.remembered(site, KIND)


def sample_workbook(site: Site, monday: datetime.date) -> bytes:
    """An .xlsx in the shape this import reads: the title block, the usual header, a
    morning and an afternoon row on each working day of the week of `monday` (the day
    merged over its rows). Rows left without content are skipped by the import."""
    import io

    import openpyxl
    from openpyxl.styles import Alignment, Font

    from cong.core.workdays import is_working_day

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = _("Lịch công tác")
    sheet.append([site.site_name or site.hostname])
    iso = monday.isocalendar()
    sheet.append(
        [_("LỊCH CÔNG TÁC TUẦN %(week)d NĂM %(year)d") % {"week": iso.week, "year": iso.year}]
    )
    sheet.append([])
    sheet.append([str(label) for name, label in FIELDS.items() if name not in ("session", "notes")])
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for offset in range(7):
        day = monday + datetime.timedelta(days=offset)
        if not is_working_day(day):
            continue
        first = sheet.max_row + 1
        name = str(WEEKDAY_NAMES[day.weekday()])
        sheet.append([f"{name}\n{day:%d/%m/%Y}", "8h00", "", "", "", "", ""])
        sheet.append([None, "14h00", "", "", "", "", ""])
        sheet.merge_cells(start_row=first, end_row=first + 1, start_column=1, end_column=1)
        sheet.cell(first, 1).alignment = Alignment(wrap_text=True, vertical="center")
    for letter, width in zip("ABCDEFG", (16, 10, 50, 24, 30, 24, 20), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
