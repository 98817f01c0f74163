"""Render an export document as JSON: everything shared, in the documented structure.

The structure is :class:`~workbook.export.models.ExportDocument`; its JSON Schema is
``docs/export.schema.json`` (generated from the models and kept identical by a test), so
another program can check an export before reading it.
"""

from __future__ import annotations

from workbook.export.models import ExportDocument


def render_json(doc: ExportDocument) -> str:
    """The document as indented JSON text (UTF-8, non-ASCII kept readable)."""
    return doc.model_dump_json(indent=2) + "\n"
