"""Reports and exports: one typed document built from the store, rendered three ways.

:mod:`~workbook.export.collect` reads the store into one
:class:`~workbook.export.models.ExportDocument` (shared items only, unless the author of
private items unlocked them for this export and opted in). The renderers
(:mod:`~workbook.export.render_md`, :mod:`~workbook.export.render_html`,
:mod:`~workbook.export.render_json`) turn that one document into Markdown, a self-contained
HTML page and JSON, whose JSON Schema is generated from the models
(``docs/export.schema.json``). The therapist packet (:mod:`workbook.packet`) filters the same
document to the items both partners approved. Nothing here imports Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from workbook.export.models import ExportDocument

Format = Literal["md", "html", "json"]
FORMATS: tuple[Format, ...] = ("md", "html", "json")


def render(doc: ExportDocument, fmt: Format) -> str:
    """The document in one of :data:`FORMATS`."""
    if fmt == "md":
        from workbook.export.render_md import render_markdown

        return render_markdown(doc)
    if fmt == "html":
        from workbook.export.render_html import render_html

        return render_html(doc)
    from workbook.export.render_json import render_json

    return render_json(doc)
