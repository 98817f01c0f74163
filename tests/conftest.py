"""Shared fixtures: every test gets its own workbook home; the real one is never touched."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point WORKBOOK_HOME at a fresh folder so nothing can reach the person's real data."""
    monkeypatch.setenv("WORKBOOK_HOME", str(tmp_path_factory.mktemp("default-home")))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A workbook home folder for one test."""
    return tmp_path / "home"
