"""A workbook process runs without Pydantic plugins: none is looked for, none sees a record,
and the stand-in loader keeps working with the pydantic that is installed."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pydantic

from workbook import plugins


def test_pydantic_asks_its_loader_only_for_get_plugins() -> None:
    """Every import from pydantic's plugin loader, anywhere in the installed pydantic, takes
    `get_plugins` alone: the one name the stand-in offers (a pydantic upgrade that asks for
    more fails here, not at a person's first command)."""
    asked: set[str] = set()
    for path in Path(pydantic.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("_loader"):
                asked.update(alias.name for alias in node.names)
    assert asked == {"get_plugins"}


CHILD = """
import sys
from workbook import plugins
plugins.refuse()
from pydantic import ValidationError
from workbook.couple import Couple, make_couple
couple = make_couple("Ana", "Ben")
print("names", [p.name for p in Couple.model_validate(couple.model_dump()).partners])
try:
    Couple.model_validate({"partners": "nobody"})
except ValidationError:
    print("refused")
print("metadata", "importlib.metadata" in sys.modules)
"""


def test_models_validate_without_looking_for_plugins() -> None:
    """With plugins refused, models validate and refuse as before, and importlib.metadata
    (what looking for plugins costs) is never imported."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["names ['Ana', 'Ben']", "refused", "metadata False"]


def test_a_loader_already_used_is_left_alone() -> None:
    """Once pydantic has loaded its own loader (as in this test process), refusing changes
    nothing: the plugins it found stay as they are."""
    from pydantic.plugin import _loader

    plugins.refuse()
    assert sys.modules[plugins.LOADER] is _loader


HAND_OVER = """
import sys
from workbook import plugins
plugins.refuse()
from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP
print(PYDANTIC_ENTRY_POINT_GROUP, "importlib.metadata" in sys.modules)
from pydantic.plugin._loader import get_plugins
print(list(get_plugins()))
"""


def test_a_name_the_stand_in_lacks_comes_from_pydantics_own_loader() -> None:
    """A pydantic that asks its loader for another name gets pydantic's own answer (and its
    loader from then on, with plugins still off through the variable), not an ImportError at
    a person's first command."""
    done = subprocess.run(
        [sys.executable, "-c", HAND_OVER], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["pydantic True", "[]"]
