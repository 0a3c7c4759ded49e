"""Working days in Việt Nam: Monday to Friday, less the public holidays.

The holidays come from the `holidays` package's Vietnam calendar, which follows the Labour
Code (Art. 112) and the lunar calendar for Tết Nguyên Đán and Giỗ Tổ Hùng Vương, with the
days off in lieu ("nghỉ bù") the government announces. Names are in Vietnamese.

    >>> import datetime
    >>> holiday_name(datetime.date(2027, 4, 16))
    'Ngày Giỗ Tổ Hùng Vương'
    >>> is_working_day(datetime.date(2027, 2, 8))  # a Monday in Tết
    False
    >>> add_working_days(datetime.date(2026, 11, 27), 1)  # Friday + 1 working day
    datetime.date(2026, 11, 30)
"""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _calendar(year: int) -> dict[datetime.date, str]:
    return dict(holidays.country_holidays("VN", years=year, language="vi"))


def holiday_name(day: datetime.date) -> str | None:
    """The public holiday on `day`, or None."""
    return _calendar(day.year).get(day)


def holidays_between(start: datetime.date, end: datetime.date) -> dict[datetime.date, str]:
    """The public holidays from `start` to `end`, both included, by date."""
    found: dict[datetime.date, str] = {}
    for year in range(start.year, end.year + 1):
        found.update((day, name) for day, name in _calendar(year).items() if start <= day <= end)
    return dict(sorted(found.items()))


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday and not a public holiday."""
    return day.weekday() < 5 and holiday_name(day) is None


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """How many working days lie after `start` up to and including `end` (0 if end <= start)."""
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_working_day(day)
    return count


def add_working_days(start: datetime.date, count: int) -> datetime.date:
    """The day `count` working days after `start` (count >= 0)."""
    day = start
    while count > 0:
        day += datetime.timedelta(days=1)
        count -= is_working_day(day)
    return day
