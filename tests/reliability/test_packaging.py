"""The wheel carries the bundled library: a non-editable install finds exercises and content."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the project's wheel once, the way `pip install .` does."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("couples_workbook-*.whl")
    return found


def test_wheel_contains_the_bundled_exercises_guides_and_programs(wheel: Path) -> None:
    """Every bundled YAML, guide and program in the source tree is inside the wheel."""
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = [
        p.relative_to(ROOT).as_posix()
        for folder in ("exercises", "content")
        for p in (ROOT / folder).rglob("*")
        if p.is_file()
    ]
    assert expected, "the source tree has no bundled content"
    missing = [e for e in expected if f"workbook/_bundled/{e}" not in names]
    assert missing == []
    assert "workbook/tui/app.tcss" in names


def test_installed_wheel_finds_the_library_without_the_source_tree(
    wheel: Path, tmp_path: Path
) -> None:
    """Installed from the wheel and run away from the checkout, the CLI lists the exercises."""
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "WORKBOOK_HOME": str(tmp_path / "home")}
    code = (
        "import workbook, sys; from workbook.cli import run;"
        "print(workbook.__file__, file=sys.stderr);"
        "sys.exit(run(['exercises', 'list', '--format', 'json']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().startswith(str(site))
    listed = json.loads(result.stdout)
    bundled = list((ROOT / "exercises").rglob("*.yaml"))
    assert len(listed) == len(bundled) >= 24
