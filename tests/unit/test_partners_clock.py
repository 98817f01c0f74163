"""One partner type and one clock: the single definitions, and a guard against twins.

Every layer names a partner by :data:`workbook.partners.PartnerKey` and reads the time from
:func:`workbook.clock.now`; a second definition lets a plain string or a second clock slip
back in, so these tests read the package's source and refuse one.
"""

from __future__ import annotations

import ast
from datetime import datetime
from pathlib import Path

import pytest

import workbook
from workbook import clock
from workbook.partners import PARTNERS, as_partner, is_partner, other

PACKAGE = Path(workbook.__file__).parent
KEY_LITERALS = ("Literal['a', 'b']", "Literal['a', 'b', 'both']")


def modules() -> list[tuple[str, ast.Module]]:
    """Every module of the package, parsed, with its path relative to the package."""
    return [
        (str(path.relative_to(PACKAGE)), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(PACKAGE.rglob("*.py"))
    ]


def test_other_swaps_the_two_partners() -> None:
    """``other`` gives the other partner's key, both ways."""
    assert [other(p) for p in PARTNERS] == ["b", "a"]


def test_as_partner_narrows_keys_and_refuses_anything_else() -> None:
    """Only "a" and "b" are partner keys; anything else is a programming error."""
    assert [as_partner("a"), as_partner("b")] == ["a", "b"]
    assert is_partner("b") and not is_partner("both") and not is_partner(None)
    with pytest.raises(ValueError):
        as_partner("both")


def test_the_clock_is_local_and_timezone_aware() -> None:
    """Stored times carry their offset, so the clock never returns a naive time."""
    assert clock.now().tzinfo is not None
    assert abs((datetime.now().astimezone() - clock.now()).total_seconds()) < 60


def test_no_module_defines_its_own_partner_type_other_or_clock() -> None:
    """The partner and answer-key literals, an ``other``/``other_partner`` function and a
    ``now`` function are defined once, in workbook/partners.py and workbook/clock.py."""
    twins: list[str] = []
    for name, tree in modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.col_offset == 0:
                if node.name in ("now", "_now") and name != "clock.py":
                    twins.append(f"{name}: def {node.name}")
                if node.name in ("other", "other_partner") and name != "partners.py":
                    twins.append(f"{name}: def {node.name}")
            literal = isinstance(node, ast.Subscript) and ast.unparse(node) in KEY_LITERALS
            if literal and name != "partners.py":
                twins.append(f"{name}: {ast.unparse(node)}")
    assert twins == []


def test_no_partner_or_clock_is_imported_through_another_module() -> None:
    """Code imports ``PartnerKey``, ``PARTNERS``, ``other`` and ``now`` from their home,
    not re-exported through a module that happened to import them."""
    homes = {"PartnerKey": "workbook.partners", "PARTNERS": "workbook.partners"}
    homes |= {"AnswerKey": "workbook.partners"}
    homes |= {"other": "workbook.partners", "now": "workbook.clock"}
    strays: list[str] = []
    for name, tree in modules():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("workbook")
            ):
                for alias in node.names:
                    home = homes.get(alias.name)
                    if home is not None and node.module != home:
                        strays.append(f"{name}: {alias.name} from {node.module}")
    assert strays == []
