"""Letting work go: an unfinished session is discarded from home's Continue list, after a
confirmation saying what is lost; a private one only with its author's passphrase."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from workbook import sessions
from workbook.engine import Engine
from workbook.exercises import load_library
from workbook.journal import vault
from workbook.partners import PartnerKey
from workbook.store import Store
from workbook.tui.widgets.journal_dialogs import ConfirmScreen

from .exercise_pack import make_pack, option_ids, runner_app

PASSPHRASE = "correct horse battery"

if TYPE_CHECKING:
    from conftest import PreparedKeys


def stored_ids(home: Path) -> list[str]:
    with Store.open(home, readonly=True) as store:
        return [r.id for r in sessions.sessions(store).all()]


def start_session(
    home: Path, pack: Path, exercise_id: str, author: PartnerKey | None = None
) -> str:
    """Store an unfinished session of ``exercise_id`` (no UI)."""
    exercise = load_library(home, [pack]).exercises[exercise_id]
    state = Engine.start(exercise, solo=author).state.model_dump(mode="json")
    with Store.open(home) as store:
        record = sessions.start(store, exercise, state, author=author, title="Test")
    return record.id


async def ask_to_discard(pilot: Pilot[Any], session_id: str) -> ConfirmScreen:
    """Highlight the session on home's Continue list, press Delete; return the question."""
    await pilot.pause()
    listing = pilot.app.screen.query_one("#continue-list", OptionList)
    ids = option_ids(listing)
    listing.highlighted = ids.index(f"session:{session_id}")
    listing.focus()
    await pilot.press("delete")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ConfirmScreen)
    return screen


async def test_discarding_asks_first_and_keeps_the_session_on_no(
    home: Path, tmp_path: Path
) -> None:
    """The question says what is lost; "Keep it" (the focused, safe answer) keeps the session,
    "Discard it" deletes it from the store and from the list."""
    pack = make_pack(tmp_path / "pack")
    app = runner_app(home, pack)
    session_id = start_session(home, pack, "test-together")
    async with app.run_test(size=(80, 24)) as pilot:
        question = await ask_to_discard(pilot, session_id)
        words = str(question.query_one("#confirm-message", Static).render())
        assert "every answer either of you gave" in words and "step 1 of" in words
        await pilot.press("enter")  # the focus is on "Keep it"
        await pilot.pause()
        assert stored_ids(home) == [session_id]
        await ask_to_discard(pilot, session_id)
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert stored_ids(home) == []
        listing = app.screen.query_one("#continue-list", OptionList)
        ids = option_ids(listing)
        assert f"session:{session_id}" not in ids


async def test_a_private_session_is_discarded_only_with_its_authors_passphrase(
    home: Path, tmp_path: Path, journal_keys: PreparedKeys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wrong passphrase discards nothing; the author's own passphrase discards it."""
    # The pause after a wrong passphrase is the vault's, tested there.
    monkeypatch.setattr(vault, "WRONG_PASSPHRASE_DELAY", 0)
    pack = make_pack(tmp_path / "pack")
    app = runner_app(home, pack)
    with Store.open(home) as store:
        journal_keys.install(store, "a", PASSPHRASE)
    session_id = start_session(home, pack, "test-private", author="a")
    async with app.run_test(size=(80, 24)) as pilot:
        question = await ask_to_discard(pilot, session_id)
        assert "only Sam can discard it" in str(question.query_one("#confirm-message").render())
        await pilot.click("#confirm-yes")
        await pilot.pause()
        await pilot.press(*"not the passphrase", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert stored_ids(home) == [session_id]
        await ask_to_discard(pilot, session_id)
        await pilot.click("#confirm-yes")
        await pilot.pause()
        await pilot.press(*PASSPHRASE, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert stored_ids(home) == []
