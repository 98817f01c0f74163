"""Language tags in exercise files: a key of a text mapping must be a tag the runtime can pick.

The runtime picks text by exact key (``pt-BR``, then ``pt``, then ``en``; see
:func:`workbook.exercises.models.text`), so a key must be a valid IETF language tag (checked
with ``langcodes``, a maintained parser of the IANA registry, rather than a hand-written list)
written in its standard form: ``fre`` or ``EN`` would never be chosen, so they are refused with
the form to write instead. ``langcodes`` costs about a tenth of a second to import, so it is
imported only when a file has a language mapping at all.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=256)
def problem(code: str) -> str | None:
    """Why ``code`` cannot be a language key, as a sentence; ``None`` when it is fine."""
    import langcodes  # deferred: see the module docstring

    hint = "use a language tag such as 'en', 'fr' or 'pt-BR'"
    try:
        standard = langcodes.standardize_tag(code)
    except (ValueError, LookupError):
        return f"'{code}' is not a language tag; {hint}"
    if not langcodes.tag_is_valid(standard):
        return f"'{code}' is not a language tag; {hint}"
    if standard != code:
        return f"'{code}' is not written as a language tag; write '{standard}'"
    return None


def check(code: str) -> str:
    """``code`` unchanged when it is a standard language tag; a ``ValueError`` otherwise."""
    why = problem(code)
    if why is not None:
        raise ValueError(why)
    return code
