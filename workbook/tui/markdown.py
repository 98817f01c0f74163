"""Textual's Markdown widget, safe to mount several at once.

Textual parses each Markdown document in a thread of the default executor. The parser
(markdown-it) writes links through mdurl, which fills its lookup tables on first use without a
lock, and puts each table in its dictionary before filling it: a second document parsed at that
moment reads a table still being filled and fails with an ``IndexError``. A step whose text
holds a link, shown while another step's text was parsed, did so in a test run. The tables are
filled here, once, on the thread that imports this module (the app's), by markdown-it's own link
functions, so they are the very tables its parses read. Every screen and widget takes
``Markdown`` from this module (a test holds them to it).
"""

from __future__ import annotations

from markdown_it.common.normalize_url import normalizeLink, normalizeLinkText
from textual.widgets import Markdown

for _url in ("https://example.org/a%20b?c=d#e", "mailto:someone@example.org"):
    normalizeLink(_url)
    normalizeLinkText(_url)

__all__ = ["Markdown"]
