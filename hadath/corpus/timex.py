"""TIMEX3 values: which strings are well formed for each TIMEX type, and which name impossible times.

Also the calendar words of Arabic time expressions (month names, Hijri months, weekdays), which the
timex baseline recognizes and the corpus statistics look for.
"""

from __future__ import annotations

import calendar
import re

# Gregorian month names by family, January first; the guidelines' table (§3.3) lists the same.
MONTH_NAMES = {
    "egyptian": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
                 "نوفمبر", "ديسمبر"],
    "levantine": ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
                  "تشرين الأول", "تشرين الثاني", "كانون الأول"],
    "maghrebi": ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر",
                 "نوفمبر", "ديسمبر"],
    "moroccan": ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر",
                 "نونبر", "دجنبر"],
}
HIJRI_MONTHS = {
    1: ["محرم"], 2: ["صفر"], 3: ["ربيع الأول"], 4: ["ربيع الآخر", "ربيع الثاني"],
    5: ["جمادى الأولى"], 6: ["جمادى الآخرة", "جمادى الثانية"], 7: ["رجب"], 8: ["شعبان"], 9: ["رمضان"],
    10: ["شوال"], 11: ["ذو القعدة", "ذي القعدة"], 12: ["ذو الحجة", "ذي الحجة"],
}
# Python's weekday(): Monday is 0.
WEEKDAYS = {"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4,
            "السبت": 5, "الأحد": 6}

_Y = r"(?P<year>\d{4}|\d{3}X|\d{2}XX|XXXX)"
_DATE = re.compile(
    rf"^{_Y}(?:-(?P<month>\d{{2}}|XX)(?:-(?P<day>\d{{2}}|XX))?"
    r"|-W(?P<week>\d{2}|XX)(?:-(?P<weekday>[1-7X]))?(?:-WE)?"
    r"|-Q(?P<quarter>[1-4X])|-H(?P<half>[12X])|-(?P<season>SP|SU|FA|WI))?$"
    r"|^(?P<ref>PRESENT_REF|PAST_REF|FUTURE_REF)$"
    r"|^(?P<decade>\d{3})$|^(?P<century>\d{2})$"
)
_TIME_OF_DAY = re.compile(r"^(?:(?P<hour>\d{2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?|MO|MI|AF|EV|NI|DT)$")
_DURATION = re.compile(
    r"^P(?:(?:(?:\d+(?:\.\d+)?|X)Y)?(?:(?:\d+(?:\.\d+)?|X)M)?(?:(?:\d+(?:\.\d+)?|X)W)?(?:(?:\d+(?:\.\d+)?|X)D)?"
    r"(?:T(?:(?:\d+(?:\.\d+)?|X)H)?(?:(?:\d+(?:\.\d+)?|X)M)?(?:(?:\d+(?:\.\d+)?|X)S)?)?"
    r"|(?:\d+|X)(?:DE|CE|ML))$"
)


class TimexError(ValueError):
    """`check` is `timex-value-malformed` or `timex-value-impossible`."""

    def __init__(self, check: str, message: str):
        super().__init__(message)
        self.check = check


def _malformed(value: str, timex_type: str, expected: str) -> TimexError:
    return TimexError("timex-value-malformed", f"{timex_type} value {value!r} is not well formed; expected {expected}")


def _check_date(value: str) -> None:
    m = _DATE.match(value)
    if not m:
        raise _malformed(value, "DATE", "YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, YYYY-Qn, YYYY-SU, YYY, "
                                         "PRESENT_REF, with X for unknown digits")
    year, month, day, week = m["year"], m["month"], m["day"], m["week"]
    if month and month != "XX" and not 1 <= int(month) <= 12:
        raise TimexError("timex-value-impossible", f"month {month} in {value!r} does not exist; expected 01 to 12")
    if week and week != "XX" and not 1 <= int(week) <= 53:
        raise TimexError("timex-value-impossible", f"week {week} in {value!r} does not exist; expected 01 to 53")
    if day and day != "XX":
        known_year = year.isdigit()
        days = calendar.monthrange(int(year) if known_year else 2000, int(month))[1] if month != "XX" else 31
        if not 1 <= int(day) <= days:
            raise TimexError("timex-value-impossible",
                             f"day {day} in {value!r} does not exist; expected 01 to {days:02d}")


def _check_time(value: str) -> None:
    if "T" not in value:
        raise _malformed(value, "TIME", "a date, 'T', then hh, hh:mm, hh:mm:ss or MO/MI/AF/EV/NI/DT")
    date, clock = value.split("T", 1)
    _check_date(date)
    m = _TIME_OF_DAY.match(clock)
    if not m:
        raise _malformed(value, "TIME", "a date, 'T', then hh, hh:mm, hh:mm:ss or MO/MI/AF/EV/NI/DT")
    if m["hour"] and int(m["hour"]) > 24 or m["minute"] and int(m["minute"]) > 59 \
            or m["second"] and int(m["second"]) > 59:
        raise TimexError("timex-value-impossible", f"time of day {clock!r} in {value!r} does not exist")


def _check_duration(value: str) -> None:
    if value in ("P", "PT") or not _DURATION.match(value):
        raise _malformed(value, "DURATION", "an ISO 8601 duration such as P14Y, P2W, PT3H or PXD")


def _check_set(value: str) -> None:
    for check in (_check_duration, _check_date, _check_time):
        try:
            check(value)
            return
        except TimexError as exc:
            if exc.check == "timex-value-impossible":
                raise
    raise _malformed(value, "SET", "a duration (P1W: every week) or a date pattern (XXXX-WXX-5: every Friday)")


_CHECKS = {"DATE": _check_date, "TIME": _check_time, "DURATION": _check_duration, "SET": _check_set}


def check_value(value: str, timex_type: str) -> None:
    """Raise `TimexError` unless `value` is a possible TIMEX3 value of `timex_type`."""
    _CHECKS[timex_type](value)


def values_agree(gold: str, predicted: str | None, wildcard: bool = False) -> bool:
    """A predicted normalized value against the gold one; with `wildcard` (a TIME value of a document whose
    date is known only to the month or year) each X of a gold date or time accepts any character there.
    Durations keep their X (`PXY`, some years) strict: that X is in the text, not in the document date."""
    if not wildcard or predicted is None or len(predicted) != len(gold) or gold.startswith("P"):
        return gold == predicted
    return all(g == p or g == "X" for g, p in zip(gold, predicted))
