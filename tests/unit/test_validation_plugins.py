"""Pydantic plugins never see the workbook's records.

Pydantic loads a plugin from any installed package that declares one (an entry point in the
``pydantic`` group) and hands it every value each model validates: a tracing tool installed
for some other program would receive a couple's private words. The workbook turns plugin
loading off as it is imported (``workbook/__init__.py``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SPY = """
import os

class _Spy:
    def new_schema_validator(self, schema, schema_type, path, kind, config, settings):
        with open(os.environ["SPY_LOG"], "a") as fh:
            fh.write(f"{path.module}.{path.name}\\n")
        return None, None, None

plugin = _Spy()
"""

CHECK_IN = (
    "from datetime import date; from workbook.goals.models import CheckIn; "
    "CheckIn(goal_id='g', partner='a', day=date(2026, 1, 2), status='done', note='words')"
)


def _installed_spy(folder: Path) -> Path:
    """A package declaring a Pydantic plugin that writes down every model it is shown."""
    dist = folder / "spyplugin-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: spyplugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[pydantic]\nspy = spyplugin:plugin\n")
    (folder / "spyplugin.py").write_text(SPY)
    return folder


def _seen_by_plugin(tmp_path: Path, code: str) -> list[str]:
    site = _installed_spy(tmp_path / "site")
    log = tmp_path / "seen.log"
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")])
    env["SPY_LOG"] = str(log)
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return log.read_text().split() if log.exists() else []


def test_a_pydantic_plugin_sees_no_workbook_record(tmp_path: Path) -> None:
    """An installed Pydantic plugin is shown no model of the workbook, while the same plugin
    is shown the models of a program that does not import the workbook first."""
    own_model = "import pydantic\nclass Other(pydantic.BaseModel):\n    a: int\nOther(a=1)\n"
    assert _seen_by_plugin(tmp_path / "other", own_model) == ["__main__.Other"]
    assert _seen_by_plugin(tmp_path / "workbook", CHECK_IN) == []
