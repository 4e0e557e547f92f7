"""EventBridge cron expressions, evaluated locally so schedules reach their handlers.

Supports the fields and forms EventBridge documents for cron(minutes hours day-of-month month
day-of-week year): numbers, names (JAN, MON), `*`, `?`, lists, ranges, `/` steps and the n-th
weekday of the month (`SAT#2`, the Member Dashboard refresh's second Saturday). `L` and `W` are
refused rather than misread.
"""

from __future__ import annotations

from datetime import datetime, timedelta

MONTHS = {m: i for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), start=1)}
# EventBridge numbers days of the week 1-7 from Sunday.
DAYS = {d: i for i, d in enumerate("SUN MON TUE WED THU FRI SAT".split(), start=1)}
BOUNDS = [(0, 59), (0, 23), (1, 31), (1, 12), (1, 7), (1970, 2199)]


def _values(field: str, low: int, high: int, names: dict[str, int]) -> set[int] | None:
    if field in ("*", "?"):
        return None
    result: set[int] = set()
    for part in field.split(","):
        if names is DAYS and "#" in part:  # the n-th such weekday of the month: (weekday, n)
            weekday, nth = part.split("#")
            result.add((names.get(weekday, None) or int(weekday), int(nth)))
            continue
        if part not in names and any(mark in part for mark in "LW#"):
            raise ValueError(f"cron field {field!r} uses L or W, which the local scheduler does not run")
        base, _, step = part.partition("/")
        if base in ("*", ""):
            start, end = low, high
        elif "-" in base:
            first, last = base.split("-")
            start, end = names.get(first, None) or int(first), names.get(last, None) or int(last)
        else:
            start = names.get(base, None) or int(base)
            end = high if step else start
        result.update(range(start, end + 1, int(step) if step else 1))
    return result


class Cron:
    def __init__(self, expression: str):
        inner = expression.strip()
        if not (inner.startswith("cron(") and inner.endswith(")")):
            raise ValueError(f"not a cron expression: {expression!r}")
        fields = inner[5:-1].split()
        if len(fields) != 6:
            raise ValueError(f"cron needs 6 fields, got {len(fields)}: {expression!r}")
        names = [{}, {}, {}, MONTHS, DAYS, {}]
        self.fields = [_values(f, lo, hi, n) for f, (lo, hi), n in zip(fields, BOUNDS, names, strict=True)]

    def matches(self, moment: datetime) -> bool:
        minute, hour, day, month, weekday, year = self.fields
        checks = [(minute, moment.minute), (hour, moment.hour), (day, moment.day),
                  (month, moment.month), (year, moment.year)]
        return all(allowed is None or value in allowed for allowed, value in checks) and \
            _weekday_matches(weekday, moment)

    def next_after(self, moment: datetime, horizon_days: int = 800) -> datetime:
        candidate = moment.replace(second=0, microsecond=0) + timedelta(minutes=1)
        end = moment + timedelta(days=horizon_days)
        while candidate <= end:
            if self.matches(candidate):
                return candidate
            if not self._day_matches(candidate):
                candidate = (candidate + timedelta(days=1)).replace(hour=0, minute=0)
                continue
            candidate += timedelta(minutes=1)
        raise ValueError("no firing time within the horizon")

    def _day_matches(self, moment: datetime) -> bool:
        _, _, day, month, weekday, year = self.fields
        return all(allowed is None or value in allowed for allowed, value in
                   [(day, moment.day), (month, moment.month), (year, moment.year)]) and \
            _weekday_matches(weekday, moment)


def _weekday_matches(allowed: set | None, moment: datetime) -> bool:
    weekday = moment.isoweekday() % 7 + 1  # Monday=1 in ISO, 2 in EventBridge
    return allowed is None or weekday in allowed or (weekday, (moment.day - 1) // 7 + 1) in allowed
