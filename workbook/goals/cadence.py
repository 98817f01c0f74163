"""How often a goal comes round, read from the way a person writes it.

A :class:`Cadence` is one of five shapes, each with a natural *period* that check-ins fill:

============  ==========================  =====================================
kind          written as                  period (and how many check-ins fill it)
============  ==========================  =====================================
daily         ``daily``, ``every day``    each day (1)
per_week      ``weekly``, ``3/week``,     each ISO week, Monday to Sunday (N)
              ``3x a week``, ``twice a
              week``
weekdays      ``mon,thu``, ``weekdays``,  each chosen weekday (1)
              ``every monday``
every_n_days  ``every 2 days``,           blocks of N days counted from the day
              ``every other day``         the cadence took effect (1)
monthly       ``monthly``                 each calendar month (1)
============  ==========================  =====================================

Flexible periods (a week, a block, a month) are "due" on every day of the period until they
are filled, so a person is asked until it is done and not nagged after. The period arithmetic
itself lives in :mod:`workbook.goals.schedule`; this module only parses and describes, and
imports nothing but the standard library (``workbook due`` must start fast).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from workbook.errors import WorkbookError

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_SHORT = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EXAMPLES = "daily, weekly, 3/week, 3x a week, every 2 days, monthly, mon,thu"
MAX_EVERY_N_DAYS = 365


class CadenceKind(StrEnum):
    """The five shapes a cadence can take."""

    DAILY = "daily"
    PER_WEEK = "per_week"
    WEEKDAYS = "weekdays"
    EVERY_N_DAYS = "every_n_days"
    MONTHLY = "monthly"


@dataclass(frozen=True, slots=True)
class Cadence:
    """How often a goal comes round; build one with :meth:`parse` or the class methods.

    A plain frozen dataclass rather than a Pydantic model, so ``workbook due`` can build one
    without importing Pydantic; Pydantic still validates it as a field of a stored goal
    (``__post_init__`` checks the shape, ``__pydantic_config__`` refuses unknown keys).
    """

    __pydantic_config__: ClassVar[dict[str, str]] = {"extra": "forbid"}

    kind: CadenceKind
    times: int = 1  # check-ins per ISO week (per_week), 1 to 7
    interval: int = 1  # days (every_n_days), 1 to MAX_EVERY_N_DAYS
    weekdays: tuple[int, ...] = ()  # 0 = Monday (weekdays)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", CadenceKind(self.kind))
        object.__setattr__(self, "weekdays", tuple(self.weekdays))
        if not 1 <= self.times <= 7:
            raise ValueError("a week has room for 1 to 7 check-ins")
        if not 1 <= self.interval <= MAX_EVERY_N_DAYS:
            raise ValueError(f"every N days needs N from 1 to {MAX_EVERY_N_DAYS}")
        if self.kind is CadenceKind.WEEKDAYS:
            if not self.weekdays or any(not 0 <= d <= 6 for d in self.weekdays):
                raise ValueError("a weekdays cadence needs one or more days from 0 to 6")
            if list(self.weekdays) != sorted(set(self.weekdays)):
                raise ValueError("weekdays must be sorted and distinct")
        elif self.weekdays:
            raise ValueError("only a weekdays cadence names days")
        if self.kind is not CadenceKind.PER_WEEK and self.times != 1:
            raise ValueError("only a per-week cadence has a count")
        if self.kind is not CadenceKind.EVERY_N_DAYS and self.interval != 1:
            raise ValueError("only an every-N-days cadence has an interval")

    # -- construction ----------------------------------------------------------------------

    @classmethod
    def daily(cls) -> Cadence:
        return cls(kind=CadenceKind.DAILY)

    @classmethod
    def per_week(cls, times: int) -> Cadence:
        return cls(kind=CadenceKind.PER_WEEK, times=times)

    @classmethod
    def on_weekdays(cls, days: Iterable[int]) -> Cadence:
        return cls(kind=CadenceKind.WEEKDAYS, weekdays=tuple(sorted(set(days))))

    @classmethod
    def every_n_days(cls, n: int) -> Cadence:
        return cls.daily() if n == 1 else cls(kind=CadenceKind.EVERY_N_DAYS, interval=n)

    @classmethod
    def monthly(cls) -> Cadence:
        return cls(kind=CadenceKind.MONTHLY)

    @classmethod
    def parse(cls, text: str) -> Cadence:
        """Read a cadence as a person writes it; raise WorkbookError with examples otherwise."""
        return parse_cadence(text)

    # -- reading back ----------------------------------------------------------------------

    @property
    def target(self) -> int:
        """How many check-ins fill one whole period."""
        return self.times if self.kind is CadenceKind.PER_WEEK else 1

    def describe(self) -> str:
        """The cadence in plain words, e.g. "3 times a week" or "every Monday and Thursday"."""
        match self.kind:
            case CadenceKind.DAILY:
                return "every day"
            case CadenceKind.PER_WEEK:
                return {1: "once a week", 2: "twice a week"}.get(
                    self.times, f"{self.times} times a week"
                )
            case CadenceKind.WEEKDAYS:
                if self.weekdays == (0, 1, 2, 3, 4):
                    return "every weekday (Monday to Friday)"
                if self.weekdays == (5, 6):
                    return "every weekend day"
                names = [WEEKDAY_NAMES[d].capitalize() for d in self.weekdays]
                joined = (
                    names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
                )
                return f"every {joined}"
            case CadenceKind.EVERY_N_DAYS:
                return "every other day" if self.interval == 2 else f"every {self.interval} days"
            case CadenceKind.MONTHLY:
                return "once a month"
        raise AssertionError(self.kind)  # pragma: no cover - exhaustive match

    def to_text(self) -> str:
        """A short form that :func:`parse_cadence` reads back to an equal cadence."""
        match self.kind:
            case CadenceKind.DAILY:
                return "daily"
            case CadenceKind.PER_WEEK:
                return "weekly" if self.times == 1 else f"{self.times}/week"
            case CadenceKind.WEEKDAYS:
                return ",".join(WEEKDAY_SHORT[d] for d in self.weekdays)
            case CadenceKind.EVERY_N_DAYS:
                return f"every {self.interval} days"
            case CadenceKind.MONTHLY:
                return "monthly"
        raise AssertionError(self.kind)  # pragma: no cover - exhaustive match

    def period_unit(self) -> str:
        """What one period is called in a streak ("3 weeks in a row")."""
        match self.kind:
            case CadenceKind.DAILY:
                return "day"
            case CadenceKind.PER_WEEK:
                return "week"
            case CadenceKind.WEEKDAYS:
                return "time"
            case CadenceKind.EVERY_N_DAYS:
                return f"{self.interval}-day stretch"
            case CadenceKind.MONTHLY:
                return "month"
        raise AssertionError(self.kind)  # pragma: no cover - exhaustive match


_NUMBER_WORDS = {"once": 1, "one": 1, "twice": 2, "two": 2, "three": 3, "four": 4, "five": 5}
_NUMBER_WORDS |= {"six": 6, "seven": 7, "thrice": 3}
_DAILY = {"daily", "every day", "each day", "everyday", "once a day", "1/day"}
_WEEKLY = {"weekly", "every week", "each week", "once a week", "1/week", "1x a week"}
_MONTHLY = {"monthly", "every month", "each month", "once a month", "1/month"}
_PER_WEEK = re.compile(
    r"^(?P<n>\d+|once|one|twice|two|three|thrice|four|five|six|seven)\s*"
    r"(?:x|times?)?\s*(?:/|a|per|each|every|in\s+a)?\s*(?:week|wk|w)$"
)
_EVERY_N = re.compile(r"^every\s+(?P<n>\d+)\s*(?:days?|d)$")
_DAY_SEPARATORS = re.compile(r"\s*(?:,|/|&|\+|\band\b|\s)\s*")


def _bad(text: str, why: str = "") -> WorkbookError:
    reason = f" {why}" if why else ""
    return WorkbookError(f"I can't read the cadence '{text}'.{reason} Try one of: {EXAMPLES}.")


def _weekday(token: str) -> int | None:
    """Match 'mon', 'monday', 'mondays', 'tues', 'thurs'... (two letters at least)."""
    word = token.removesuffix("s") if len(token) > 3 else token
    if len(word) < 2:
        return None
    matches = [i for i, name in enumerate(WEEKDAY_NAMES) if name.startswith(word)]
    return matches[0] if len(matches) == 1 else None


_WEEKDAYS_WORDS = {"weekdays", "every weekday", "on weekdays", "workdays"}
_WEEKENDS_WORDS = {"weekends", "every weekend", "on weekends", "weekend"}


def _parse_weekdays(body: str, original: str) -> Cadence | None:
    if body in _WEEKDAYS_WORDS:
        return Cadence.on_weekdays(range(5))
    if body in _WEEKENDS_WORDS:
        return Cadence.on_weekdays({5, 6})
    body = re.sub(r"^(?:weekly\s+on|every|each|on)\s+", "", body)
    tokens = [t for t in _DAY_SEPARATORS.split(body) if t and t not in {"on", "every"}]
    if not tokens:
        return None
    days = [_weekday(t) for t in tokens]
    if any(d is None for d in days):
        if any(d is not None for d in days):
            unknown = ", ".join(t for t, d in zip(tokens, days, strict=True) if d is None)
            raise _bad(original, f"These are not days of the week: {unknown}.")
        return None
    return Cadence.on_weekdays({d for d in days if d is not None})


def _any_case(pattern: str) -> str:
    """``pattern`` with every bare letter matching either case (``day`` -> ``[dD][aA][yY]``).

    JSON Schema patterns (ECMA-262) have no case-insensitive flag; escapes such as ``\\s`` are
    kept as they are.
    """
    out: list[str] = []
    chars = iter(pattern)
    for char in chars:
        if char == "\\":
            out.append(char + next(chars))
        elif char.isascii() and char.isalpha():
            out.append(f"[{char}{char.upper()}]")
        else:
            out.append(char)
    return "".join(out)


def _words(*phrases: str) -> str:
    return "|".join(phrase.replace(" ", r"\s+") for phrase in phrases)


def _day_token(name: str) -> str:
    """A weekday as :func:`_weekday` reads it: a prefix of two letters or more, plural too."""
    prefixes = "|".join(name[:n] for n in range(len(name), 2, -1))
    return f"(?:(?:{prefixes})s?|{name[:2]})"


def _cadence_pattern() -> str:
    """The grammar :func:`parse_cadence` reads, as one regular expression (for JSON Schema)."""
    week_count = r"(?:0*[1-7]|once|one|twice|two|three|thrice|four|five|six|seven)"
    per_week = week_count + r"\s*(?:x|times?)?\s*(?:/|a|per|each|every|in\s+a)?\s*(?:week|wk|w)"
    every_n = r"every\s+0*(?:36[0-5]|3[0-5][0-9]|[12][0-9][0-9]|[1-9][0-9]?)\s*(?:days?|d)"
    fixed = _words(
        *sorted(_DAILY | _WEEKLY | _MONTHLY),
        "every other day",
        "every second day",
        "every 2nd day",
        *sorted(_WEEKDAYS_WORDS | _WEEKENDS_WORDS),
    )
    day = "(?:" + "|".join(_day_token(name) for name in WEEKDAY_NAMES) + ")"
    item = f"(?:{day}|and|on|every)"
    sep = r"[\s,/&+]"  # any run of these splits two days (see _DAY_SEPARATORS)
    days = rf"(?:(?:weekly\s+on|each)\s+)?{sep}*(?:{item}{sep}+)*{day}(?:{sep}+{item})*{sep}*"
    return r"^\s*(?:" + _any_case(f"{fixed}|{per_week}|{every_n}|{days}") + r")\s*$"


def parse_cadence(text: str) -> Cadence:
    """Read ``daily``, ``weekly``, ``3/week``, ``every 2 days``, ``monthly``, ``mon,thu``..."""
    body = " ".join(text.strip().lower().split())
    if not body:
        raise _bad(text, "It is empty.")
    if body in _DAILY:
        return Cadence.daily()
    if body in _WEEKLY:
        return Cadence.per_week(1)
    if body in _MONTHLY:
        return Cadence.monthly()
    if body in {"every other day", "every second day", "every 2nd day"}:
        return Cadence.every_n_days(2)
    if m := _PER_WEEK.match(body):
        raw = m["n"]
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        if not 1 <= n <= 7:
            raise _bad(text, "A week has room for 1 to 7 check-ins.")
        return Cadence.per_week(n)
    if m := _EVERY_N.match(body):
        n = int(m["n"])
        if not 1 <= n <= MAX_EVERY_N_DAYS:
            raise _bad(text, f"Every N days needs N from 1 to {MAX_EVERY_N_DAYS}.")
        return Cadence.every_n_days(n)
    if (cadence := _parse_weekdays(body, text)) is not None:
        return cadence
    raise _bad(text)


CADENCE_PATTERN = _cadence_pattern()
"""Every text :func:`parse_cadence` reads, as a regular expression that JSON Schema can carry
(editors check an exercise's ``creates_goal: cadence`` with it); a test keeps the two in step."""
