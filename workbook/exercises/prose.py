"""Authored text reflowed as Markdown reads it, for places that show it as plain text.

Authors write long text as YAML ``|`` blocks, which keep every line break they typed. Markdown
treats a single newline as a space and a blank line as a new paragraph, so the TUI's Markdown
widget reflows such text to the width; plain-text places (a label, a side pane, the CLI) did
not, and broke lines mid-sentence. :func:`reflow` applies Markdown's rule to plain text: lines
of one paragraph are joined with a space, paragraphs stay apart, and lines that start a list
item, a heading or a quote, and fenced code, keep their own line.
"""

from __future__ import annotations

import re

#: A line that starts a Markdown block of its own: a list item, heading, quote or table row.
_BLOCK_START = re.compile(r"\s*(?:[-*+]\s|\d{1,9}[.)]\s|#{1,6}\s|>|\|)")
_FENCE = re.compile(r"\s*(?:```|~~~)")


def reflow(words: str) -> str:
    """``words`` with single line breaks inside a paragraph turned into spaces."""
    out: list[str] = []
    in_fence = False
    joinable = False  # whether the last line in ``out`` is prose a next line may join
    for raw in words.strip("\n").split("\n"):
        line = raw.rstrip()
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append(line)
            joinable = False
            continue
        if in_fence:
            out.append(raw)
            continue
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            joinable = False
            continue
        if joinable and not _BLOCK_START.match(line):
            out[-1] = f"{out[-1]} {line.strip()}"
            continue
        out.append(line)
        joinable = not line.lstrip().startswith("#")
    return "\n".join(out).strip("\n")
