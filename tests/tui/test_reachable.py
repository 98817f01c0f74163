"""Everything reachable in a small window: at 80x24 and at 60x20, every screen a couple can
open shows its buttons whole, inside the window (not cut by the edge or by a scrolling
container), and its footer keeps Quit, Time-out and Curtain in view.

Each test walks the real app to its screens and checks each one where it stands; a failure
names the screen and the control that is out of view.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from textual.dom import NoScreen
from textual.errors import NoWidget
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, OptionList
from textual.widgets._footer import FooterKey

from workbook.goals import repo
from workbook.store import Store
from workbook.tui.app import create_app
from workbook.tui.messages import OpenSection
from workbook.tui.screens.runner import RunnerScreen

from .exercise_pack import acknowledge_safety, make_pack, runner_app, start_exercise

if TYPE_CHECKING:
    from conftest import PreparedKeys

SIZES = [(80, 24), (60, 20)]
SAFETY_KEYS = frozenset({"Quit", "Time-out", "Curtain"})
PASSPHRASE = "correct horse battery"


def displayed(widget: Widget) -> bool:
    """Whether the widget is meant to be seen (it and its containers are displayed)."""
    return all(
        node.display and node.visible
        for node in widget.ancestors_with_self
        if isinstance(node, Widget)
    )


def in_view(widget: Widget) -> bool:
    """Whether the whole widget is on screen: inside the window and not clipped by a
    scrolling container (so no scrolling is needed to see or press it)."""
    try:
        geometry = widget.screen.find_widget(widget)
    except (NoScreen, NoWidget):
        return False
    window = Region(0, 0, *widget.app.size)
    region = geometry.region
    return bool(region) and window.contains_region(region) and geometry.clip.contains_region(region)


def cut_sideways(widget: Widget) -> bool:
    """Whether part of the widget's width is cut off (by the window or its container): a
    field may scroll into view from below, but never from the side."""
    try:
        geometry = widget.screen.find_widget(widget)
    except (NoScreen, NoWidget):
        return False  # not laid out: scrolled far out of view, which is allowed for fields
    region, clip = geometry.region, geometry.clip
    return region.x < clip.x or region.right > min(clip.right, widget.app.size.width)


def out_of_view(pilot: Pilot[Any], keys: frozenset[str] = SAFETY_KEYS) -> list[str]:
    """The current screen's primary controls that cannot be seen whole: its buttons (cut, or
    under the footer), its fields' width, and the footer's Quit, Time-out and Curtain (every
    screen has that footer, dialogs included)."""
    screen = pilot.app.screen
    footers = screen.query(Footer)
    bars = [footer.region for footer in footers]
    hidden = [
        f"button {button.id or button.label}"
        for button in screen.query(Button)
        if displayed(button)
        and (not in_view(button) or any(button.region.overlaps(bar) for bar in bars))
    ]
    hidden += [
        f"field {field.id or type(field).__name__} (cut at the side)"
        for field in screen.query("Input, Select, OptionList, TextArea, RadioSet, SelectionList")
        if displayed(field) and cut_sideways(field)
    ]
    if not footers:  # dialogs too: the screen beneath them is hidden
        hidden.append("the footer (none)")
    for footer in footers:
        shown = {key.description for key in footer.query(FooterKey) if in_view(key)}
        hidden += [f"footer key {name}" for name in sorted(keys - shown)]
    return hidden


async def check(
    pilot: Pilot[Any], where: str, seen: list[str], keys: frozenset[str] = SAFETY_KEYS
) -> None:
    """Check the screen showing now (``where`` names it in a failure) and the footer ``keys``
    it must show; ``seen`` collects the screen classes visited, so a test can say it reached
    them all."""
    await pilot.pause()
    await pilot.pause()  # a screen just pushed composes its footer once its bindings are ready
    screen = pilot.app.screen
    hidden = out_of_view(pilot, keys)
    assert not hidden, f"{where} ({type(screen).__name__}) at {pilot.app.size}: {hidden}"
    seen.append(type(screen).__name__)


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


def couple_home(home: Path) -> None:
    """Sam and Alex, set up and past the first-run safety note."""
    from workbook.cli import run

    assert run(["--home", str(home), "couple", "init", "--a", "Sam", "--b", "Alex"]) == 0
    acknowledge_safety(home)


@pytest.mark.parametrize("size", SIZES)
async def test_first_run_screens_fit(home: Path, size: tuple[int, int]) -> None:
    """The first open (names, then the safety note) fits the window."""
    seen: list[str] = []
    app = create_app(home)
    async with app.run_test(size=size) as pilot:
        await check(pilot, "onboarding", seen)
        app.screen.query_one("#name-a", Input).value = "Sam"
        app.screen.query_one("#name-b", Input).value = "Alex"
        app.screen.query_one("#name-b", Input).focus()
        await press(pilot, "enter")
        await check(pilot, "after the names", seen)
    assert seen == ["OnboardingScreen", "HomeScreen"]


@pytest.mark.parametrize("size", SIZES)
async def test_home_every_section_and_the_safety_screens_fit(
    home: Path, size: tuple[int, int]
) -> None:
    """Home, each section it opens, the library's guide, help, get help and the time-out
    screen all fit the window with their controls and footer keys in view (home and the
    time-out show Get help in the footer too)."""
    couple_home(home)
    with Store.open(home) as store:
        repo.add_goal(store, title="Evening walk together", cadence="daily")
    seen: list[str] = []
    app = create_app(home)
    async with app.run_test(size=size) as pilot:
        # When to get help is one key away from home and from the time-out, and says so.
        await check(pilot, "home", seen, keys=SAFETY_KEYS | {"Get help"})
        for key, where, keys in (
            ("f1", "help", SAFETY_KEYS),
            ("f2", "get help", SAFETY_KEYS),
            ("ctrl+t", "time-out", SAFETY_KEYS | {"Get help"}),
        ):
            await press(pilot, key)
            await check(pilot, where, seen, keys=keys)
            await press(pilot, "escape")
        for section in (
            "library",
            "programs",
            "journal",
            "progress",
            "history",
            "settings",
            "packet",
        ):
            app.post_message(OpenSection(section))
            await check(pilot, section, seen)
            if section == "library":
                await press(pilot, "ctrl+g")
                await check(pilot, "the library's guide", seen)
                await press(pilot, "escape")
            if section == "progress":
                for key, where in (("e", "goal change"), ("c", "check-in")):
                    await press(pilot, key)
                    await check(pilot, where, seen)
                    await press(pilot, "escape")
            await press(pilot, "escape")
    assert {
        "HomeScreen",
        "HelpScreen",
        "GuideScreen",
        "TimeoutScreen",
        "LibraryScreen",
        "ProgramsScreen",
        "JournalGateScreen",
        "ProgressScreen",
        "GoalChangeScreen",
        "CheckInScreen",
        "HistoryScreen",
        "SettingsScreen",
        "PacketScreen",
    } <= set(seen)


@pytest.mark.parametrize("size", SIZES)
async def test_every_answer_kind_in_the_runner_fits(
    home: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    """Choice, scale, checklist, fill, timer and pause steps, and the finished page, show
    Back, Next, any step button and the safety keys in view."""
    from workbook.tui.widgets.timer import Countdown

    seen: list[str] = []
    app = runner_app(home, make_pack(tmp_path / "pack"))
    async with app.run_test(size=size) as pilot:
        runner = await start_exercise(pilot, "test-kinds")
        assert isinstance(runner, RunnerScreen)
        await check(pilot, "choice", seen)
        await press(pilot, "down", "enter", "ctrl+n")
        await check(pilot, "scale", seen)
        await press(pilot, "7", "ctrl+n")
        await check(pilot, "checklist", seen)
        await press(pilot, "space", "ctrl+n")
        await check(pilot, "fill", seen)
        await press(pilot, *"worried", "enter", *"we rush", "ctrl+n")
        await check(pilot, "timer", seen)
        await press(pilot, "space")
        runner.query_one(Countdown).tick(5)
        await check(pilot, "timer running", seen)
        await press(pilot, "ctrl+n")
        await check(pilot, "pause", seen)
        await press(pilot, "ctrl+n")
        assert runner.engine is not None and runner.engine.finished
        await check(pilot, "finished", seen)
        await press(pilot, "ctrl+n", "h")  # close it; the history lists it
        await check(pilot, "history", seen)
        await press(pilot, "enter")
        await check(pilot, "the session in the history", seen)
    assert seen.count("RunnerScreen") == 8
    assert seen[-2:] == ["HistoryScreen", "SessionDetailScreen"]


@pytest.mark.parametrize("size", SIZES)
async def test_a_shared_exercise_with_turns_fits(
    home: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    """Read, a blind prompt for each, the hand-over, the reveal, the speaker's timer and
    swap, the listener's paraphrase, the speaker's yes/no and the agreement all keep their
    buttons and the safety keys in view."""
    seen: list[str] = []
    app = runner_app(home, make_pack(tmp_path / "pack"))
    async with app.run_test(size=size) as pilot:
        runner = await start_exercise(pilot, "test-together")
        assert isinstance(runner, RunnerScreen)
        await check(pilot, "read", seen)
        await press(pilot, "ctrl+n")
        await check(pilot, "Sam's blind prompt", seen)
        await press(pilot, *"mine", "ctrl+n")
        await check(pilot, "hand-over to Alex", seen)
        await press(pilot, "enter")
        await check(pilot, "Alex's blind prompt", seen)
        await press(pilot, *"yours", "ctrl+n")
        await check(pilot, "reveal", seen)
        await press(pilot, "ctrl+n")
        await check(pilot, "the speaker before starting", seen)
        await press(pilot, "ctrl+n")
        await check(pilot, "hand-over to the listener", seen)
        await press(pilot, "enter")
        await check(pilot, "the listener's paraphrase", seen)
        await press(pilot, *"you hope for calm", "ctrl+n")
        await press(pilot, "enter")  # the hand-over back to Sam
        await check(pilot, "the speaker's yes or no", seen)
        runner.query_one("#confirm-yes", Button).press()
        await press(pilot, "ctrl+n")
        await press(pilot, "enter")  # the hand-over: Alex has the floor
        await check(pilot, "the second speaker", seen)
        await press(pilot, "ctrl+n", "enter", *"you want rest", "ctrl+n", "enter")
        runner.query_one("#confirm-yes", Button).press()
        await press(pilot, "ctrl+n")
        assert runner.engine is not None and runner.engine.step.kind == "agreement"
        await check(pilot, "agreement", seen)
    assert {"RunnerScreen", "HandoverScreen"} <= set(seen)


@pytest.mark.parametrize("size", SIZES)
async def test_the_safety_notes_fit(home: Path, tmp_path: Path, size: tuple[int, int]) -> None:
    """The first-open safety note of a couple made with ``couple init``, and an exercise's
    safety notes with each partner's button, fit the window."""
    from workbook.cli import run

    from .exercise_pack import one_exercise_pack
    from .test_runner_fair import SAFE

    assert run(["--home", str(home), "couple", "init", "--a", "Sam", "--b", "Alex"]) == 0
    seen: list[str] = []
    app = create_app(home, extra_exercise_dirs=[one_exercise_pack(tmp_path / "pack", SAFE)])
    async with app.run_test(size=size) as pilot:
        await check(pilot, "the first-open safety note", seen)
        await press(pilot, "ctrl+s")
        await start_exercise(pilot, "test-safe")
        await check(pilot, "the exercise's safety notes", seen)
        await press(pilot, "escape")
        await start_exercise(pilot, "if-a-slip-happens")  # the longest bundled notes
        await check(pilot, "long safety notes", seen)
    assert seen == ["SafetyNoteScreen", "SafetyScreen", "SafetyScreen"]


@pytest.mark.parametrize("size", SIZES)
async def test_a_private_exercise_and_its_passphrase_fit(
    home: Path, tmp_path: Path, journal_keys: PreparedKeys, size: tuple[int, int]
) -> None:
    """Who does a private exercise, its private step, and the passphrase that opens its
    answers in the history all fit the window."""
    from workbook.tui.screens.history import SessionDetailScreen

    from .exercise_pack import stored_session

    seen: list[str] = []
    app = runner_app(home, make_pack(tmp_path / "pack"))
    with Store.open(home) as store:
        journal_keys.install(store, "a", PASSPHRASE)
    async with app.run_test(size=size) as pilot:
        await start_exercise(pilot, "test-private")
        await check(pilot, "who does it", seen)
        await press(pilot, "enter")  # Sam
        await check(pilot, "a private step", seen)
        await press(pilot, *"words", "ctrl+n", "ctrl+n")
        app.push_screen(SessionDetailScreen(stored_session(home).id))
        await check(pilot, "a private session in the history", seen)
        await press(pilot, "ctrl+u")
        await check(pilot, "the passphrase for private answers", seen)
    assert seen == ["WhoScreen", "RunnerScreen", "SessionDetailScreen", "PassphraseScreen"]


def test_every_screen_uses_the_footer_that_keeps_the_safety_keys_first() -> None:
    """No screen composes Textual's own footer, which lets a focused widget's keys push
    Quit, Time-out and Curtain off the edge: the rule lives in one widget."""
    import workbook.tui

    root = Path(workbook.tui.__file__).parent
    plain = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "yield Footer(" in path.read_text(encoding="utf-8")
    ]
    assert plain == []


@pytest.mark.parametrize("size", SIZES)
async def test_the_journal_screens_fit(
    home: Path, journal_keys: PreparedKeys, size: tuple[int, int]
) -> None:
    """The journal's partner choice, a first passphrase (its set-passphrase button), the
    unlock screen, the open journal and the editor fit the window."""
    couple_home(home)
    journal_keys.give(home, "b", PASSPHRASE)
    seen: list[str] = []
    app = create_app(home)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await press(pilot, "j")
        await check(pilot, "the journal's partner choice", seen)
        partners = app.screen.query_one("#journal-partners", OptionList)
        partners.focus()
        partners.highlighted = 0
        await press(pilot, "enter")
        await check(pilot, "Sam's first passphrase", seen)
        await press(pilot, "escape")
        partners = app.screen.query_one("#journal-partners", OptionList)
        partners.focus()
        partners.highlighted = 1
        await press(pilot, "enter")
        await check(pilot, "Alex's unlock", seen)
        await press(pilot, "ctrl+n")
        await check(pilot, "the new-key question", seen)
        await press(pilot, "escape")
        field = app.screen.query_one("#passphrase", Input)
        field.focus()
        field.value = PASSPHRASE  # at once: typing it key by key only cost time here
        await press(pilot, "enter")
        await app.workers.wait_for_complete()
        await check(pilot, "Alex's journal", seen)
        await press(pilot, "n")
        await check(pilot, "a new entry", seen)
        await press(pilot, "f3")
        await check(pilot, "the prompt picker", seen)
    assert seen == [
        "JournalGateScreen",
        "SetupKeyScreen",
        "UnlockScreen",
        "ConfirmScreen",
        "JournalScreen",
        "EditorScreen",
        "PromptPickerScreen",
    ]


@pytest.mark.parametrize("size", SIZES)
async def test_the_authors_preview_fits(tmp_path: Path, size: tuple[int, int]) -> None:
    """``workbook preview`` keeps its Quit key in view (it has no couple, so no time-out)."""
    from workbook.tui.preview import create_preview_app

    from .test_preview import EXERCISE

    path = tmp_path / "preview-me.yaml"
    path.write_text(EXERCISE)
    seen: list[str] = []
    app = create_preview_app(path)
    async with app.run_test(size=size) as pilot:
        await check(pilot, "preview", seen, keys=frozenset({"Quit"}))
    assert seen == ["PreviewScreen"]


def test_every_screen_lists_the_safety_keys_first() -> None:
    """Every screen and dialog of the workbook declares Quit, Time-out and Curtain as its first
    keys (``screen_bindings``), so a dialog's footer shows them (a dialog hides the app's own
    keys from its footer) and Help lists them first, as the footer shows them first. The
    curtain, which shows nothing at all, is the one exception."""
    import importlib
    import pkgutil

    from textual.binding import Binding
    from textual.screen import Screen

    import workbook.tui
    from workbook.tui.bindings import FOOTER_FIRST

    for module in pkgutil.walk_packages(workbook.tui.__path__, "workbook.tui."):
        importlib.import_module(module.name)
    screens: list[type[Screen[Any]]] = []
    pending: list[type[Screen[Any]]] = [Screen]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("workbook.tui.") and "compose" in vars(sub):
                screens.append(sub)
    # The author's preview is an app of its own, with no couple and so no time-out.
    full = [cls for cls in screens if cls.__name__ not in {"PreviewScreen", "CurtainScreen"}]
    assert len(full) > 20
    wrong = {
        cls.__name__: firsts
        for cls in full
        if (firsts := [b.id for b in cls.BINDINGS[:3] if isinstance(b, Binding)])
        != list(FOOTER_FIRST)
    }
    assert wrong == {}


@pytest.mark.parametrize("first_open", ["names", "safety note"])
async def test_a_window_made_smaller_keeps_the_first_open_buttons_in_view(
    home: Path, first_open: str
) -> None:
    """A terminal made smaller while the first-open names or safety note are on screen (from
    80x24 to 60x20) keeps the screen's button and fields in view, as a fresh start at 60x20
    shows them: the control with the keyboard is brought back into view after a resize."""
    from workbook.cli import run

    if first_open == "safety note":
        assert run(["--home", str(home), "couple", "init", "--a", "Sam", "--b", "Alex"]) == 0
    seen: list[str] = []
    app = create_app(home)
    async with app.run_test(size=SIZES[0]) as pilot:
        await check(pilot, first_open, seen)
        await pilot.resize_terminal(*SIZES[1])
        await check(pilot, f"{first_open}, window made smaller", seen)
    assert len(set(seen)) == 1 and len(seen) == 2
