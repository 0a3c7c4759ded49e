"""Working days: weekends and Vietnamese public holidays, lunar ones included."""

import datetime

from cong.core.workdays import (
    add_working_days,
    holiday_name,
    holidays_between,
    is_working_day,
    working_days_between,
)

D = datetime.date


def test_weekends_are_not_working_days():
    assert is_working_day(D(2026, 11, 30))  # Monday
    assert not is_working_day(D(2026, 11, 28))  # Saturday
    assert not is_working_day(D(2026, 11, 29))  # Sunday


def test_lunar_holidays_move_with_the_lunar_calendar():
    # Giỗ Tổ Hùng Vương is the 10th of the 3rd lunar month: 26 April 2026, 16 April 2027.
    assert holiday_name(D(2026, 4, 26)) == "Ngày Giỗ Tổ Hùng Vương"
    assert holiday_name(D(2027, 4, 16)) == "Ngày Giỗ Tổ Hùng Vương"
    # Tết Nguyên Đán 2027 falls on 6 February.
    assert holiday_name(D(2027, 2, 6)) == "Tết Nguyên Đán"
    assert not is_working_day(D(2027, 2, 8))


def test_fixed_holidays():
    assert holiday_name(D(2026, 9, 2)) == "Quốc khánh"
    assert holiday_name(D(2026, 5, 1)) == "Ngày Quốc tế Lao động"
    assert holiday_name(D(2026, 11, 30)) is None


def test_seven_working_days_skip_a_holiday_week():
    # From Thursday 23 April 2026: Fri 24, (Giỗ Tổ falls on Sunday 26, so Monday 27 is off
    # in lieu), Tue 28, Wed 29, (30/4 and 1/5 off), Mon 4, Tue 5, Wed 6, Thu 7 May.
    assert holiday_name(D(2026, 4, 27)) == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"
    assert add_working_days(D(2026, 4, 23), 7) == D(2026, 5, 7)
    assert working_days_between(D(2026, 4, 23), D(2026, 5, 7)) == 7
    assert working_days_between(D(2026, 5, 7), D(2026, 4, 23)) == 0


def test_holidays_between_spans_a_new_year():
    found = holidays_between(D(2026, 12, 25), D(2027, 1, 2))
    assert list(found) == [D(2027, 1, 1)]
