"""Whether a helpline is open, worked out from its hours in Europe/London wall-clock time.

Pure functions of a timezone-aware datetime: no database, no clock, no network. Bank holidays in England and
Wales come from the `holidays` package's built-in rules.

Hours are a list like `[{"days": "mon-fri", "opens": "09:30", "closes": "15:00"}]`: local wall-clock times, so
9.30am is 9.30am in GMT and in BST. `closes` may be `24:00` (midnight), and a period that closes at or before it
opens runs overnight into the next day.
"""

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CLOCK = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")
# Far enough ahead to pass Christmas and New Year for a service closed on weekends and bank holidays.
LOOKAHEAD_DAYS = 15


class HoursError(ValueError):
    """Hours that cannot be understood; the message says what to write instead."""


@dataclass(frozen=True)
class Period:
    days: frozenset[int]  # Monday is 0
    opens: int  # minutes after midnight
    closes: int  # minutes after midnight, up to 1440; at or before `opens` means the next day

    @property
    def overnight(self):
        return self.closes <= self.opens


@dataclass(frozen=True)
class Status:
    is_open: bool
    text: str


def parse_days(text):
    """`mon`, `mon-fri`, `sat-sun` or a range across the weekend such as `fri-mon`."""
    first, _, last = text.strip().lower().partition("-")
    if first not in DAYS or (last and last not in DAYS):
        raise HoursError(f"{text!r} is not a day or range of days: write for example mon, mon-fri or sat-sun")
    start, end = DAYS.index(first), DAYS.index(last or first)
    return frozenset((start + i) % 7 for i in range((end - start) % 7 + 1))


def parse_clock(text, *, closing=False):
    match = CLOCK.match(text.strip())
    minutes = int(match.group(1)) * 60 + int(match.group(2)) if match else None
    if minutes is None or minutes > 1440 or (minutes == 1440 and not closing):
        raise HoursError(f"{text!r} is not a time: write it as HH:MM on the 24-hour clock, for example 09:30")
    return minutes


def parse_hours(hours):
    """Validate stored hours and return them as `Period`s; raise `HoursError` saying what is wrong."""
    if not isinstance(hours, list):
        raise HoursError("hours must be a list of periods")
    periods = []
    for item in hours:
        if not isinstance(item, dict) or set(item) != {"days", "opens", "closes"}:
            raise HoursError('each period needs exactly "days", "opens" and "closes"')
        opens = parse_clock(str(item["opens"]))
        closes = parse_clock(str(item["closes"]), closing=True)
        if opens == closes:
            raise HoursError(f"a period opens and closes at the same time ({item['opens']})")
        periods.append(Period(parse_days(str(item["days"])), opens, closes))
    return periods


@lru_cache(maxsize=16)
def bank_holidays(year):
    days = set(holidays.UK(subdiv="ENG", years=year)) | set(holidays.UK(subdiv="WLS", years=year))
    # A holiday that falls at a weekend is not itself a bank holiday: the weekday substitute is. (The package
    # lists both, and a service open at weekends is not closed on a Saturday Boxing Day.)
    return frozenset(day for day in days if day.weekday() < 5)


def is_bank_holiday(day):
    return day in bank_holidays(day.year)


def local_moment(day, minutes):
    """The instant at `minutes` past midnight on `day` on the London wall clock, in UTC."""
    wall = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes)
    return wall.replace(tzinfo=LONDON).astimezone(dt.UTC)


def open_intervals(periods, first_day, days, *, closed_on_bank_holidays):
    """Merged (opens, closes) UTC instants for periods starting on `days` days from `first_day`."""
    intervals = []
    for offset in range(days):
        day = first_day + dt.timedelta(days=offset)
        if closed_on_bank_holidays and is_bank_holiday(day):
            continue
        for period in periods:
            if day.weekday() in period.days:
                closes = period.closes + (1440 if period.overnight else 0)
                intervals.append((local_moment(day, period.opens), local_moment(day, closes)))
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def clock_text(moment):
    if (moment.hour, moment.minute) == (0, 0):
        return "midnight"
    if (moment.hour, moment.minute) == (12, 0):
        return "midday"
    hour = moment.hour % 12 or 12
    minutes = f".{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def when_text(moment, now):
    """`at 9.30am`, `tomorrow at 9.30am`, `Monday 9.30am` or `Tuesday 29 December at 9.30am`."""
    local = moment.astimezone(LONDON)
    day, time = local.date(), clock_text(local)
    if time == "midnight" and day > now.date():
        day -= dt.timedelta(days=1)  # midnight ends the day before: "closes at midnight", not "tomorrow"
    days_ahead = (day - now.date()).days
    if days_ahead == 0:
        return f"at {time}"
    if days_ahead == 1:
        return f"tomorrow at {time}"
    if days_ahead < 7:
        return f"{DAY_NAMES[day.weekday()]} {time}"
    return f"{DAY_NAMES[day.weekday()]} {day.day} {day:%B} at {time}"


def opening_status(now, hours, *, always_open=False, closed_on_bank_holidays=False):
    """`Status` of a service at `now` (timezone-aware), or None when its hours are not known."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if always_open:
        return Status(True, "Open 24 hours")
    periods = parse_hours(hours)
    if not periods:
        return None
    now = now.astimezone(LONDON)
    yesterday = now.date() - dt.timedelta(days=1)  # an overnight period may have opened yesterday
    intervals = open_intervals(
        periods, yesterday, LOOKAHEAD_DAYS, closed_on_bank_holidays=closed_on_bank_holidays
    )
    for opens, closes in intervals:
        if opens <= now < closes:
            return Status(True, f"Open now - closes {when_text(closes, now)}")
        if opens > now:
            return Status(False, f"Closed - opens {when_text(opens, now)}")
    return Status(False, "Closed")


def days_text(days):
    first, _, last = days.partition("-")
    if not last or last == first:
        return DAY_NAMES[DAYS.index(first)]
    if len(parse_days(days)) == 7:
        return "Every day"
    if (DAYS.index(last) - DAYS.index(first)) % 7 == 1:
        return f"{DAY_NAMES[DAYS.index(first)]} and {DAY_NAMES[DAYS.index(last)]}"
    return f"{DAY_NAMES[DAYS.index(first)]} to {DAY_NAMES[DAYS.index(last)]}"


def describe_hours(hours, *, closed_on_bank_holidays=False):
    """The hours in words: `Monday to Friday, 9.30am to 3pm. Closed on bank holidays.`"""
    parts = []
    for item in hours:
        opens = clock_text(dt.time(*divmod(parse_clock(item["opens"]), 60)))
        closes = clock_text(dt.time(*divmod(parse_clock(item["closes"], closing=True) % 1440, 60)))
        parts.append(f"{days_text(item['days'].lower())}, {opens} to {closes}")
    text = "; ".join(parts) + "." if parts else ""
    if parts and closed_on_bank_holidays:
        text += " Closed on bank holidays."
    return text
