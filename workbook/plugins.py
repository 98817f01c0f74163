"""No Pydantic plugins in a workbook process: none sees its records, and none is looked for.

Pydantic offers every validator it builds to the plugins that installed packages declare (entry
points in the ``pydantic`` group; https://docs.pydantic.dev/latest/concepts/plugins/). The
workbook wants none: a plugin sees every record validated, private words among them. Looking
for them costs too: pydantic's loader imports ``importlib.metadata`` (with ``email``,
``zipfile`` and ``csv``) and reads every installed package's metadata, about 75 million
instructions at each start, 6% of ``workbook goals list`` on a ten-year home (callgrind).

Pydantic's own switch, the ``PYDANTIC_DISABLE_PLUGINS`` variable (which importing ``workbook``
sets, for every use of the package), skips the reading but not the import. So the console
script calls :func:`refuse`, which puts a loader that finds no plugin in the place of
pydantic's, before pydantic first asks for it. It relies on one name of pydantic's, the loader
module's ``get_plugins``; ``tests/unit/test_plugins.py`` checks that the installed pydantic asks
its loader for that name and no other. Should a later pydantic ask for another name, the
stand-in hands over to pydantic's own loader (the import is paid, the variable still holds),
rather than fail.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Iterable
from typing import Any

LOADER = "pydantic.plugin._loader"


def _no_plugins() -> Iterable[object]:
    return ()


def _hand_over(name: str) -> Any:
    """A name the stand-in does not have: pydantic's own loader takes its place and answers.
    (The import system's own questions, such as ``__path__``, are answered as for any module.)"""
    if name.startswith("__"):
        raise AttributeError(name)
    del sys.modules[LOADER]
    return getattr(importlib.import_module(LOADER), name)


def refuse() -> None:
    """Let pydantic find no plugin in this process, without looking; too late once it looked."""
    if LOADER in sys.modules:
        return
    loader = types.ModuleType(LOADER, "The workbook's stand-in: no pydantic plugins.")
    loader.__dict__["get_plugins"] = _no_plugins
    loader.__dict__["__getattr__"] = _hand_over
    sys.modules[LOADER] = loader
