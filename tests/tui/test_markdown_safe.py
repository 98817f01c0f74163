"""Markdown widgets may parse at the same time: the link tables they share are filled first.

Textual parses each Markdown document in an executor thread, and mdurl (markdown-it's link
writer) fills its lookup tables on first use without a lock; a table read while another
thread fills it failed a step's render with an IndexError. ``workbook.tui.markdown`` fills
them when it is imported, and every part of the TUI takes ``Markdown`` from it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import workbook.tui

PACKAGE = Path(workbook.tui.__file__).parent
CHECK = """
import workbook.tui.markdown
from markdown_it import MarkdownIt
from mdurl import _decode, _encode
filled = {**_encode.encode_cache, **_decode.decode_cache}
before = {key: list(table) for key, table in filled.items()}
MarkdownIt("gfm-like").render("[help](http://findahelpline.com) <https://example.org/a%20b>")
after = {**_encode.encode_cache, **_decode.decode_cache}
print(sorted(len(t) for t in filled.values()), after.keys() == before.keys(), after == before)
"""


def test_importing_the_widget_fills_every_link_table_a_parse_reads() -> None:
    """In a fresh process, importing the project's Markdown fills mdurl's tables whole (128
    entries each), and parsing links afterwards neither adds a table nor changes one: no
    parse thread is ever the one to fill them."""
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["[128,", "128]", "True", "True"], done.stdout


def test_every_markdown_widget_comes_from_the_safe_module() -> None:
    """No module of the TUI takes Textual's Markdown widget directly, so none can mount one
    before the tables are filled."""
    direct = re.compile(r"^from textual\.widgets import .*\bMarkdown\b", re.M)
    found = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "markdown.py" and direct.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
