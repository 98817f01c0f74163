"""Placeholders in exercise text: ``{me}``, ``{partner}``, ``{answers.feel}``, ``{feeling}``.

One small scanner serves both the loader (which checks every placeholder names something that
exists before the exercise runs) and the engine (which fills them in). ``{{`` and ``}}`` stand
for literal braces. Nothing here formats with ``str.format``, whose attribute access would let
a file reach into Python objects.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_SCAN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*\Z")


class TemplateError(Exception):
    """A malformed template; ``offset`` is the 0-based position in the text."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def fields(template: str) -> list[tuple[str, int]]:
    """Every placeholder name in ``template`` with its 0-based offset."""
    found: list[tuple[str, int]] = []
    for match in _SCAN.finditer(template):
        token = match.group()
        if token in ("{{", "}}"):
            continue
        if token in ("{", "}"):
            raise TemplateError(
                f"a lone '{token}'; write '{token}{token}' for a brace", match.start()
            )
        name = (match.group(1) or "").strip()
        if not _NAME.match(name):
            raise TemplateError(f"'{token}' is not a placeholder name", match.start())
        found.append((name, match.start()))
    return found


def render(template: str, resolve: Callable[[str], str]) -> str:
    """Replace each placeholder with ``resolve(name)``; ``{{``/``}}`` become braces."""

    def one(match: re.Match[str]) -> str:
        token = match.group()
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        if token in ("{", "}"):
            raise TemplateError(
                f"a lone '{token}'; write '{token}{token}' for a brace", match.start()
            )
        return resolve((match.group(1) or "").strip())

    return _SCAN.sub(one, template)
