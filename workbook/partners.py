"""The one type for a partner's key ("a" or "b"), used by every layer.

Stored records, the engine, the journal, goals, exports and the UI all name a partner by this
key, so mypy catches a plain ``str`` passed where a partner is meant. Names and colours live in
``workbook.couple``; this module has no imports from the project so anything may use it.
"""

from __future__ import annotations

from typing import Final, Literal, TypeGuard

PartnerKey = Literal["a", "b"]
PARTNERS: Final[tuple[PartnerKey, PartnerKey]] = ("a", "b")

AnswerKey = Literal["a", "b", "both"]
"""Whose answer a stored answer is: one partner's, or ``"both"`` for one given together."""


def is_partner(value: object) -> TypeGuard[PartnerKey]:
    """Whether ``value`` is a partner key."""
    return value in PARTNERS


def as_partner(value: str) -> PartnerKey:
    """Narrow a string to a partner key; a programming error (not a person's) if it is not one."""
    if value == "a":
        return "a"
    if value == "b":
        return "b"
    raise ValueError(f"not a partner key: {value!r}")


def other(partner: PartnerKey) -> PartnerKey:
    """The other partner."""
    return "b" if partner == "a" else "a"
