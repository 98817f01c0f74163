"""Shared fixtures: every test gets its own workbook home; the real one is never touched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

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


Built = Callable[[type[Any]], list[Any]]


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> Built:
    """A spy on reading: ``built(Model)`` returns a list that from then on collects every
    stored document a ``Model`` record is built (and validated) from."""

    def spy(model: type[Any]) -> list[Any]:
        seen: list[Any] = []
        real = model.model_validate_json

        def counting(data: Any, *args: Any, **kwargs: Any) -> Any:
            seen.append(data)
            return real(data, *args, **kwargs)

        monkeypatch.setattr(model, "model_validate_json", counting)
        return seen

    return spy
