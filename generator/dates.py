"""Calendar arithmetic shared by the checker, the site and the print stage."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (earlier when negative), clamped to the month's last day.

    Beyond the calendar's range (year 1 to 9999) the result is clamped to ``date.min`` or
    ``date.max``: a due date past 9999-12-31 is "never", not a crash.
    """
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
