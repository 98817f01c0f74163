"""Pilot tests of the private journal screens, asserting on the store and on every file.

Each test drives the real app built by ``create_app`` on a temporary home. Passphrase work
uses the real age/scrypt code; keys are wrapped once per test session (``journal_keys``), and
opening a wrapping made in the session is answered from what was wrapped (see conftest), so
only the tests that set a passphrase pay for scrypt. The wrong-passphrase delay is set to 0.
"""

from __future__ import annotations

import os
import secrets
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from textual.pilot import Pilot
from textual.widgets import Markdown, OptionList, Static

from workbook.cli import run
from workbook.journal import vault
from workbook.partners import PartnerKey
from workbook.store import Store
from workbook.tui.app import WorkbookApp, create_app, is_private
from workbook.tui.screens.curtain import CurtainScreen
from workbook.tui.screens.journal import (
    OLDER,
    EditorScreen,
    JournalGateScreen,
    JournalScreen,
    SetupKeyScreen,
    UnlockScreen,
)
from workbook.tui.widgets.journal_dialogs import ConfirmScreen, PromptPickerScreen
from workbook.tui.widgets.journal_private import PrivateInput, PrivateTextArea

from .exercise_pack import acknowledge_safety, option_ids

if TYPE_CHECKING:
    from conftest import PreparedKeys

PASS_A = "amber river morning"
PASS_B = "quiet cedar lantern"


@pytest.fixture(autouse=True)
def _no_wrong_passphrase_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wrong passphrases answer at once in tests (the delay itself is the vault's, tested there)."""
    monkeypatch.setattr(UnlockScreen, "WRONG_DELAY", 0.0)


def token(label: str) -> str:
    """A word that cannot occur anywhere by chance, so finding it means it leaked."""
    return f"{label}{secrets.token_hex(6)}"


def make_couple(home: Path) -> None:
    assert run(["--home", str(home), "couple", "init", "--a", "Sam", "--b", "Alex"]) == 0
    acknowledge_safety(home)  # as they do on their first open


def add_entry(home: Path, partner: PartnerKey, title: str, body: str) -> str:
    with Store.open(home) as store:
        return vault.add_entry(store, partner, {"title": title, "body": body}).id


def read_entries(home: Path, partner: PartnerKey, passphrase: str) -> list[vault.OpenEntry]:
    with Store.open(home) as store, vault.unlocked(store, partner, passphrase, delay=0) as s:
        return s.entries()


def files_under(*roots: Path) -> Iterator[Path]:
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = Path(folder) / name
                if path.is_file() and not path.is_symlink():
                    yield path


def files_containing(
    needles: list[str], *roots: Path, changed_since: float | None = None
) -> list[Path]:
    """Every readable file under ``roots`` that contains one of ``needles`` (as UTF-8),
    optionally only among those changed since a moment (a file can only hold a word made
    after that moment if it was written after it)."""
    wanted = [n.encode() for n in needles]
    found = []
    for path in files_under(*roots):
        try:
            info = path.stat()
            if info.st_size > 20_000_000:
                continue
            if changed_since is not None and info.st_mtime < changed_since:
                continue
            data = path.read_bytes()
        except OSError:
            continue
        if any(w in data for w in wanted):
            found.append(path)
    return found


async def settle(pilot: Pilot[int]) -> None:
    """Wait for key workers (unwrap) and the messages they send."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def to_gate(pilot: Pilot[int]) -> JournalGateScreen:
    await pilot.pause()
    await pilot.press("j")
    await pilot.pause()
    assert isinstance(pilot.app.screen, JournalGateScreen)
    return pilot.app.screen


async def choose_partner(pilot: Pilot[int], key: str) -> None:
    screen = pilot.app.screen
    gate = screen if isinstance(screen, JournalGateScreen) else await to_gate(pilot)
    options = gate.query_one("#journal-partners", OptionList)
    options.focus()
    options.highlighted = 0 if key == "a" else 1
    await pilot.press("enter")
    await pilot.pause()


async def type_in(pilot: Pilot[int], selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector).focus()
    await pilot.press(*text)


async def enter_passphrase(pilot: Pilot[int], passphrase: str) -> None:
    """Put ``passphrase`` in the unlock screen's field and press Enter. Typing it key by key
    is what the wrong-passphrase test does; elsewhere it only cost a second or more per
    unlock (Pilot waits for the app after every key)."""
    field = pilot.app.screen.query_one("#passphrase", PrivateInput)
    field.focus()
    field.value = passphrase
    await pilot.press("enter")
    await settle(pilot)


async def unlock(pilot: Pilot[int], key: str, passphrase: str) -> JournalScreen:
    await choose_partner(pilot, key)
    assert isinstance(pilot.app.screen, UnlockScreen)
    await enter_passphrase(pilot, passphrase)
    assert isinstance(pilot.app.screen, JournalScreen)
    return pilot.app.screen


def private_screens(app: WorkbookApp) -> list[object]:
    return [s for s in app.screen_stack if is_private(s)]


async def test_entries_written_in_the_tui_are_sealed_and_no_file_holds_them(home: Path) -> None:
    """A passphrase set and two entries written through the TUI: the store holds only age
    ciphertext that opens with the passphrase; no file in the home or temp folders holds the
    entry text or the passphrase."""
    started = time.time() - 1  # the temp folder is shared: search what changed from now on
    make_couple(home)
    passphrase = token("pass ")
    title, body, second = token("title"), token("body"), token("again")
    app = create_app(home)
    async with app.run_test() as pilot:
        await choose_partner(pilot, "a")
        setup = app.screen
        assert isinstance(setup, SetupKeyScreen)
        note = setup.query_one("#forgotten-note", Markdown)
        assert "cannot be recovered" in note.source
        await type_in(pilot, "#new-passphrase", passphrase)
        await pilot.press("enter")
        await pilot.press(*passphrase, "enter")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)

        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        await type_in(pilot, "#entry-title", title)
        await type_in(pilot, "#entry-tags", "trust, hope")
        await type_in(pilot, "#entry-body", body)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)

        await pilot.press("n")
        await pilot.pause()
        await pilot.press("f2")  # prompt of the day from the library's journaling exercises
        await type_in(pilot, "#entry-body", second)
        await pilot.press("ctrl+s")
        await pilot.pause()
        listed = app.screen.query_one("#journal-entries", OptionList)
        assert listed.option_count == 2

    with Store.open(home) as store:
        stored = vault.entries(store).all()
    assert len(stored) == 2
    assert all(e.author == "a" and "BEGIN AGE ENCRYPTED FILE" in e.ciphertext for e in stored)
    opened = {e.payload.body: e.payload for e in read_entries(home, "a", passphrase)}
    assert set(opened) == {body, second}
    assert opened[body].title == title
    assert opened[body].tags == ["trust", "hope"]
    assert opened[second].prompt_text  # the prompt of the day was stored with the entry
    private = [title, body, second, passphrase]
    assert files_containing(private, home) == []
    system_tmp = Path(tempfile.gettempdir())
    assert files_containing(private, system_tmp, changed_since=started) == []


async def test_wrong_passphrase_says_so_changes_nothing_and_allows_a_retry(
    home: Path, journal_keys: PreparedKeys
) -> None:
    """A wrong passphrase shows a clear sentence (under the field and, in view at 80x24, as
    an error notification), keeps the journal locked, leaves the data file byte-for-byte
    unchanged; the right one then opens it."""
    make_couple(home)
    journal_keys.give(home, "a", PASS_A)
    body = token("body")
    add_entry(home, "a", "Monday", body)
    data_file = next(home.glob("*.json"))
    before = data_file.read_bytes()
    app = create_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_partner(pilot, "a")
        await type_in(pilot, "#passphrase", "not the right one")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, UnlockScreen)
        message = str(screen.query_one("#key-message", Static).render())
        assert "not right" in message
        assert [n.message for n in app._notifications if n.severity == "error"] == [message]
        field = screen.query_one("#passphrase", PrivateInput)
        assert field.value == "" and not field.disabled
        assert data_file.read_bytes() == before
        assert private_screens(app) == [screen]

        await type_in(pilot, "#passphrase", PASS_A)
        await pilot.press("enter")
        await settle(pilot)
        journal = app.screen
        assert isinstance(journal, JournalScreen)
        assert body in str(journal.query_one("#journal-preview", Static).render())


async def test_lock_removes_every_private_screen_and_back_never_shows_an_entry(
    home: Path, journal_keys: PreparedKeys
) -> None:
    """Switch partner / Lock pops the journal and the open editor, closes the session, and no
    number of Esc presses brings entry text back on screen."""
    make_couple(home)
    journal_keys.give(home, "a", PASS_A)
    body = token("body")
    add_entry(home, "a", "Tuesday", body)
    app = create_app(home)
    async with app.run_test() as pilot:
        journal = await unlock(pilot, "a", PASS_A)
        assert body in app.export_screenshot()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.query_one("#entry-body", PrivateTextArea).text == body

        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, JournalGateScreen)
        assert private_screens(app) == []
        assert journal.session.closed
        assert not any(isinstance(s, (JournalScreen, EditorScreen)) for s in app.screen_stack)
        for _ in range(3):
            assert body not in app.export_screenshot()
            await pilot.press("escape")
            await pilot.pause()
            assert private_screens(app) == []
        assert body not in app.export_screenshot()


async def test_leaving_the_journal_with_escape_locks_it(
    home: Path, journal_keys: PreparedKeys
) -> None:
    """Esc from the journal returns to the partner choice with the key dropped."""
    make_couple(home)
    journal_keys.give(home, "a", PASS_A)
    app = create_app(home)
    async with app.run_test() as pilot:
        journal = await unlock(pilot, "a", PASS_A)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, JournalGateScreen)
        assert journal.session.closed
        assert private_screens(app) == []


async def test_idle_lock_follows_the_couples_minutes_on_an_injected_clock(
    home: Path, journal_keys: PreparedKeys
) -> None:
    """With nobody at the keyboard for the couple's idle minutes the journal locks; a key
    press before that restarts the count."""
    make_couple(home)
    journal_keys.give(home, "a", PASS_A)
    with Store.open(home) as store:
        from workbook.couple import get_couple, save_couple

        save_couple(store, get_couple(store).model_copy(update={"idle_lock_minutes": 3}))
    now = [1000.0]
    app = create_app(home)
    app.clock = lambda: now[0]
    async with app.run_test() as pilot:
        journal = await unlock(pilot, "a", PASS_A)
        now[0] += 2 * 60
        assert app.check_idle_lock() is False
        await pilot.press("down")  # activity: the count starts again
        now[0] += 2 * 60
        assert app.check_idle_lock() is False
        assert isinstance(app.screen, JournalScreen)
        now[0] += 61
        assert app.check_idle_lock() is True
        await pilot.pause()
        assert private_screens(app) == []
        assert journal.session.closed
        assert isinstance(app.screen, JournalGateScreen)


async def test_sharing_asks_first_and_then_the_partner_can_read_the_entry(
    home: Path, journal_keys: PreparedKeys
) -> None:
    """Share shows a confirmation; Cancel changes nothing; Yes seals the entry for both, and
    the other partner reads it with their own passphrase (and sees it in their journal)."""
    make_couple(home)
    journal_keys.give(home, "a", PASS_A)
    journal_keys.give(home, "b", PASS_B)
    body = token("body")
    entry_id = add_entry(home, "a", "For you", body)
    add_entry(home, "a", "Just mine", token("mine"))
    app = create_app(home)
    async with app.run_test() as pilot:
        journal = await unlock(pilot, "a", PASS_A)
        journal.refresh_entries(select=entry_id)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#confirm-no")
        await pilot.pause()
        with Store.open(home, readonly=True) as store:
            assert vault.entries(store).require(entry_id).shared is False

        await pilot.press("s")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)

        await pilot.press("ctrl+l")
        await pilot.pause()
        other = await unlock(pilot, "b", PASS_B)
        assert other.query_one("#journal-entries", OptionList).option_count == 1
        assert body in str(other.query_one("#journal-preview", Static).render())

    with Store.open(home) as store:
        stored = vault.entries(store).require(entry_id)
    assert stored.shared is True
    assert {r.partner for r in stored.readers} == {"a", "b"}
    assert [e.payload.body for e in read_entries(home, "b", PASS_B)] == [body]


async def test_search_filters_by_words_and_tags(home: Path, journal_keys: PreparedKeys) -> None:
    """The search box narrows the list to entries holding the words or #tags typed."""
    make_couple(home)
    journal_keys.give(home, "a", PASS_A)
    with Store.open(home) as store:
        vault.add_entry(store, "a", {"title": "Walk", "body": "by the river", "tags": ["calm"]})
        vault.add_entry(store, "a", {"title": "Talk", "body": "about money", "tags": ["hard"]})
    app = create_app(home)
    async with app.run_test() as pilot:
        journal = await unlock(pilot, "a", PASS_A)
        listed = journal.query_one("#journal-entries", OptionList)
        assert listed.option_count == 2
        await pilot.press("slash", *"river")
        await pilot.pause()
        assert listed.option_count == 1
        journal.query_one("#journal-search", PrivateInput).value = "#hard"
        await pilot.pause()
        assert listed.option_count == 1
        selected = journal.selected()
        assert selected is not None
        assert selected.payload.title == "Talk"


async def test_curtain_hides_an_open_entry(home: Path, journal_keys: PreparedKeys) -> None:
    """Ctrl+B over an unlocked journal leaves no entry text on screen; Ctrl+B brings it back."""
    make_couple(home)
    journal_keys.give(home, "a", PASS_A)
    body = token("body")
    add_entry(home, "a", "Wednesday", body)
    app = create_app(home)
    async with app.run_test() as pilot:
        await unlock(pilot, "a", PASS_A)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, CurtainScreen)
        assert body not in app.export_screenshot()
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert body in app.export_screenshot()


async def test_forgotten_passphrase_starts_a_new_key_and_old_entries_stay_sealed(
    home: Path, journal_keys: PreparedKeys
) -> None:
    """From the unlock screen a person can start a new key after a warning; the old entry is
    reported as sealed and the new passphrase opens the new journal."""
    make_couple(home)
    journal_keys.give(home, "a", PASS_A)
    add_entry(home, "a", "Old", token("old"))
    new_pass = "a brand new passphrase"
    app = create_app(home)
    async with app.run_test() as pilot:
        await choose_partner(pilot, "a")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert isinstance(app.screen, SetupKeyScreen)
        await type_in(pilot, "#new-passphrase", new_pass)
        await type_in(pilot, "#confirm-passphrase", new_pass)
        await pilot.press("enter")
        await settle(pilot)
        journal = app.screen
        assert isinstance(journal, JournalScreen)
        assert "1 older entry stays sealed" in str(
            journal.query_one("#journal-heading", Static).render()
        )
        bar = journal.query_one("#journal-notice-bar")
        assert bar.display and "Until you confirm" in str(
            journal.query_one("#journal-notice", Static).render()
        )
        with Store.open(home, readonly=True) as store:
            key = vault.require_key(store, "a")
            assert (key.generation, key.replaces, key.confirmed) == (2, 1, None)
        await pilot.click("#confirm-key")
        await pilot.pause()
        assert not bar.display
    with Store.open(home) as store:
        key = vault.require_key(store, "a")
        assert key.generation == 2 and key.confirmed is not None
    assert read_entries(home, "a", new_pass) == []


async def test_a_key_started_by_someone_else_is_announced_and_the_old_passphrase_still_opens(
    home: Path, journal_keys: PreparedKeys
) -> None:
    """After someone starts a new key for Sam, the partner choice and the unlock screen say so;
    Sam's own passphrase opens Sam's earlier entries with a notice about the newer key, offers
    no confirmation, and the stored replacement stays unconfirmed."""
    make_couple(home)
    journal_keys.give(home, "a", PASS_A)
    body = token("body")
    add_entry(home, "a", "Before", body)
    with Store.open(home) as store:
        journal_keys.install(store, "a", PASS_B, new_key=True)
    app = create_app(home)
    async with app.run_test() as pilot:
        gate = await to_gate(pilot)
        listed = gate.query_one("#journal-partners", OptionList)
        assert "not yet confirmed" in str(listed.get_option_at_index(0).prompt)
        await choose_partner(pilot, "a")
        assert isinstance(app.screen, UnlockScreen)
        notice = str(app.screen.query_one("#replacement-notice", Static).render())
        assert "A new journal key was started for Sam" in notice
        await enter_passphrase(pilot, PASS_A)
        journal = app.screen
        assert isinstance(journal, JournalScreen)
        assert journal.session.generation == 1
        assert body in str(journal.query_one("#journal-preview", Static).render())
        assert "not the newest" in str(journal.query_one("#journal-notice", Static).render())
        assert journal.query_one("#journal-notice-bar").display
        assert not journal.query_one("#confirm-key").display
    with Store.open(home) as store:
        key = vault.require_key(store, "a")
    assert (key.generation, key.confirmed) == (2, None)


async def test_a_crash_with_an_entry_open_prints_no_entry_text_or_passphrase(
    home: Path,
    journal_keys: PreparedKeys,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An exception raised inside the journal screen (with the entry in its locals and its
    message) exits with code 70; neither the crash report nor what the app prints on exit
    holds the entry text or the passphrase."""
    make_couple(home)
    passphrase = token("pass")
    journal_keys.give(home, "a", passphrase)
    body = token("body")
    add_entry(home, "a", "Thursday", body)

    def explode(self: JournalScreen) -> None:
        item = self.selected()
        text = item.payload.body if item else ""
        raise RuntimeError(f"could not share {text} ({passphrase})")

    monkeypatch.setattr(JournalScreen, "action_share_entry", explode)
    app = create_app(home)
    with pytest.raises(RuntimeError):
        async with app.run_test() as pilot:
            await unlock(pilot, "a", passphrase)
            await pilot.press("s")
            await pilot.pause()
    assert app.return_code == 70
    reports = list((home / "crash-reports").glob("crash-*.txt"))
    assert len(reports) == 1
    assert "RuntimeError" in reports[0].read_text()
    captured = capsys.readouterr()  # Textual prints its exit renderables to stderr
    printed = captured.out + captured.err
    assert "Something went wrong inside the workbook" in printed
    assert files_containing([body, passphrase], home) == []
    assert body not in printed and passphrase not in printed


async def test_editing_an_entry_with_a_picked_prompt_reseals_the_new_text(
    home: Path, journal_keys: PreparedKeys
) -> None:
    """Opening an entry, picking a library prompt (F3), changing text and tags and saving
    stores the new version sealed; the old text is no longer in the store."""
    make_couple(home)
    journal_keys.give(home, "a", PASS_A)
    old_body, new_body = token("old"), token("new")
    entry_id = add_entry(home, "a", "Friday", old_body)
    app = create_app(home)
    async with app.run_test() as pilot:
        await unlock(pilot, "a", PASS_A)
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        await pilot.press("f3")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PromptPickerScreen)
        picked = next(iter(picker.prompts.values()))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is editor
        editor.query_one("#entry-body", PrivateTextArea).load_text(new_body)
        editor.query_one("#entry-tags", PrivateInput).value = "#calm, Calm, work"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
    [item] = read_entries(home, "a", PASS_A)
    assert item.id == entry_id
    assert (item.payload.body, item.payload.title) == (new_body, "Friday")
    assert item.payload.tags == ["calm", "work"]
    assert (item.payload.prompt_id, item.payload.prompt_text) == (picked.id, picked.text)
    assert files_containing([old_body, new_body], home) == []


async def test_private_editors_never_copy_to_the_clipboard(
    home: Path, journal_keys: PreparedKeys
) -> None:
    """Ctrl+C and Ctrl+X in the entry editor leave the clipboard empty and the text intact."""
    make_couple(home)
    journal_keys.give(home, "a", PASS_A)
    app = create_app(home)
    async with app.run_test() as pilot:
        await unlock(pilot, "a", PASS_A)
        await pilot.press("n")
        await pilot.pause()
        area = app.screen.query_one("#entry-body", PrivateTextArea)
        area.load_text("private words")
        area.select_all()
        await pilot.press("ctrl+c", "ctrl+x")
        title = app.screen.query_one("#entry-title", PrivateInput)
        title.value = "private title"
        title.focus()
        title.select_all()
        await pilot.press("ctrl+c", "ctrl+x")
        assert app.clipboard == ""
        assert area.text == "private words"
        assert title.value == "private title"


async def test_the_journal_list_decrypts_a_page_and_show_older_reaches_the_oldest(
    home: Path, monkeypatch: pytest.MonkeyPatch, journal_keys: PreparedKeys
) -> None:
    """With 105 entries the unlocked list decrypts and shows only the newest 100, newest
    first, then a "Show older entries" row; choosing it with the keyboard lists the last five
    (the cursor on the first of them), and the oldest entry is reached."""
    from workbook.journal import crypto

    make_couple(home)
    journal_keys.give(home, "a", PASS_A)
    with Store.open(home) as store, store.transaction():
        ids = [vault.add_entry(store, "a", {"body": f"day {n}"}).id for n in range(105)]
    ids.reverse()
    opened: list[str] = []
    real = crypto.open_sealed

    def counting(identity: crypto.Identity, armored: str) -> bytes:
        opened.append(armored)
        return real(identity, armored)

    monkeypatch.setattr(crypto, "open_sealed", counting)
    app = create_app(home)
    async with app.run_test() as pilot:
        await pilot.pause()
        session = vault.unlock(app.require_store(), "a", PASS_A, delay=0)
        await app.push_screen(JournalScreen(session))
        await pilot.pause()
        listing = app.screen.query_one("#journal-entries", OptionList)

        def rows() -> list[str]:
            return option_ids(listing)

        assert rows() == [*ids[:100], OLDER]
        assert len(opened) == 100
        assert "5 more" in str(listing.get_option_at_index(100).prompt)
        await pilot.press("end", "enter")
        await pilot.pause()
        assert rows() == ids
        assert listing.highlighted == 100
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        selected = screen.selected()
        assert selected is not None and selected.payload.body == "day 4"
        await pilot.press("end")
        oldest = screen.selected()
        assert oldest is not None and (oldest.id, oldest.payload.body) == (ids[-1], "day 0")


@pytest.mark.key_wrapping
async def test_unlocking_in_the_app_strengthens_a_weak_wrapping(
    home: Path, journal_keys: PreparedKeys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key stored below the scrypt floor is wrapped again when the app unlocks it: the
    partner choice shows the weak strength first, the store then holds a new wrapping that the
    same passphrase opens, for the same key."""
    from workbook.journal import crypto

    make_couple(home)
    before = journal_keys.give(home, "a", PASS_A)
    real = crypto.work_factor
    # age picks the work factor itself; this stands in for a key stored on a busy day.
    monkeypatch.setattr(
        crypto, "work_factor", lambda w: 5 if w == before.wrapped_identity else real(w)
    )
    monkeypatch.setattr(crypto, "WRAP_ATTEMPTS", 1)
    app = create_app(home)
    async with app.run_test() as pilot:
        gate = await to_gate(pilot)
        shown = str(gate.query_one("#journal-partners", OptionList).get_option_at_index(0).prompt)
        assert "2^5" in shown and "below the floor" in shown
        await unlock(pilot, "a", PASS_A)
    with Store.open(home) as store:
        after = vault.require_key(store, "a")
    assert after.id == before.id and after.recipient == before.recipient
    assert after.wrapped_identity != before.wrapped_identity
    assert crypto.unwrap(after.wrapped_identity, PASS_A).recipient == before.recipient
