"""Numbers and counts as a person reads them: "4.33", "1 entry", "2 2-day stretches".

Every front end (the CLI, the TUI, exports) writes its counts and scores through these two
functions, so a score is never "4.33333" in one place and "4.33" in another, and a count never
reads "1 entries". The nouns are the workbook's own (entry, week, stretch, item...), so the
English rules below are all that is needed.
"""

from __future__ import annotations

import re

_ES_ENDING = re.compile(r"(?:s|sh|ch|x|z)$")
_Y_AFTER_CONSONANT = re.compile(r"[^aeiou]y$")


def number(value: float) -> str:
    """``value`` with at most two decimals and no trailing zeros: 4.33, 3.5, 12."""
    words = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if words == "-0" else words


def plural(noun: str) -> str:
    """The plural of an English ``noun`` (or of the last word of a phrase)."""
    if _Y_AFTER_CONSONANT.search(noun):
        return noun[:-1] + "ies"
    if _ES_ENDING.search(noun):
        return noun + "es"
    return noun + "s"


def count(amount: int, noun: str) -> str:
    """``amount`` and ``noun`` with the right plural: "1 entry", "2 entries", "0 weeks"."""
    return f"{amount} {noun if amount == 1 else plural(noun)}"
