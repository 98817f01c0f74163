"""The Textual app and its one factory, used by the CLI and by every test.

The app owns the open store (holding the write lock for its lifetime), the loaded library and
the couple; screens read them and post messages (:mod:`workbook.tui.messages`) that the app
turns into navigation. Privacy is built in: no screenshot command in the palette, no text
selection to the clipboard, and an unexpected error shows a short sentence and writes a crash
report without local variables or anything a person typed.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import App, SystemCommand
from textual.message_pump import MessagePump
from textual.screen import Screen

from workbook import collector, crash, glance, wording
from workbook.clock import now as local_now
from workbook.errors import StoreBusyError, WorkbookError
from workbook.store import Store
from workbook.tui.bindings import bindings
from workbook.tui.messages import CoupleSaved, OpenSection, StartExercise
from workbook.tui.privacy import Privacy
from workbook.tui.themes import DEFAULT_THEME, apply_theme, register_themes

if TYPE_CHECKING:
    from workbook.couple import Couple
    from workbook.exercises import Library

# System commands that are safe to offer; "Screenshot" is left out on purpose because it
# writes whatever is on screen (a journal entry, a blind answer) to an SVG file.
SAFE_SYSTEM_COMMANDS = frozenset({"Theme", "Quit", "Keys", "Maximize", "Minimize"})

# Input that counts as someone being at the keyboard, for the idle lock of private screens.
ACTIVITY_EVENTS = (
    events.Key,
    events.MouseDown,
    events.MouseScrollDown,
    events.MouseScrollUp,
    events.Paste,
)
# How often the idle lock looks at the clock; the lock itself uses the couple's minutes.
IDLE_CHECK_SECONDS = 10.0
#: Shown if the guide file cannot be read: the one thing that must always reach a person.
GET_HELP_FALLBACK = (
    "# When to get help\n\nIf anyone is in danger, call your local emergency number now. "
    "If someone feels afraid at home, put the workbook aside and talk, alone, with a "
    "domestic-abuse support service or a doctor. findahelpline.com lists free helplines "
    "in many countries."
)


def is_private(screen: Screen[object]) -> bool:
    """Whether a screen shows or holds private text now (its type says: see
    :mod:`workbook.tui.privacy`). Textual's own screens (the command palette) show none."""
    return isinstance(screen, Privacy) and screen.shows_private_text()


class WorkbookApp(App[int]):
    """The couples workbook TUI."""

    CSS_PATH = "app.tcss"
    TITLE = "Couples Workbook"
    ALLOW_SELECT = False
    BINDINGS: ClassVar = bindings("quit", "help", "timeout", "curtain")

    def __init__(
        self,
        home: Path,
        *,
        extra_exercise_dirs: Sequence[Path] = (),
        demo_note: str = "",
        open_exercise: str | None = None,
        library: Library | None = None,
    ) -> None:
        super().__init__()
        self._start_in_calm_theme()
        #: An exercise to open once home is shown (``workbook start``), then forgotten.
        self.open_exercise = open_exercise
        self.home = home
        self.extra_exercise_dirs = tuple(extra_exercise_dirs)
        self.demo_note = demo_note
        self.store: Store | None = None
        self._library = library  # None: loaded on first use (see ``library``)
        self._library_wanted = False
        self._couple: Couple | None = None
        self._couple_known = True  # False: stored, not loaded yet (see ``couple``)
        # What the first frame shows before the models load (workbook.glance).
        self.couple_glance: glance.CoupleGlance | None = None
        self.kept_exercises: glance.ExerciseList | None = None
        self._kept_language = ""
        self._exercises_checked = False  # made from the loaded library in this run
        self.busy_note = ""
        self.collector_set_aside = False  # see _resume_collector
        self.startup_error = ""
        # The idle lock's clock (seconds, monotonic); tests replace it to move time by hand.
        self.clock: Callable[[], float] = time.monotonic
        self.last_activity = 0.0
        # The wall clock sessions are stamped with; tests fix it to a known moment.
        self.session_clock: Callable[[], datetime] = local_now

    # -- start-up ----------------------------------------------------------------------------

    @property
    def library(self) -> Library | None:
        """Every exercise found, loaded on first use once the store is open.

        Loading (YAML, validation) is the slowest part of starting; the home screen asks for
        it only after its first paint, so the first screen appears sooner (bench/startup.py).
        """
        if self._library is None and self._library_wanted:
            from workbook.exercises import load_library

            self._library = load_library(self.home, self.extra_exercise_dirs)
        return self._library

    @library.setter
    def library(self, value: Library | None) -> None:
        self._library = value
        self.kept_exercises = None  # the home's lines are made again from this library

    @property
    def couple(self) -> Couple | None:
        """The stored couple, loaded (with Pydantic) on first use after the first frame.

        The first frame shows the names from :attr:`couple_glance`; the home screen reads this
        right after, so any problem with the stored couple still surfaces at start.
        """
        if not self._couple_known and self.store is not None:
            from workbook.couple import find_couple

            self._couple = find_couple(self.store)
            self._couple_known = True
        return self._couple

    @couple.setter
    def couple(self, value: Couple | None) -> None:
        self._couple = value
        self._couple_known = True

    @property
    def language(self) -> str:
        if self._couple_known:
            return self._couple.language if self._couple is not None else glance.DEFAULT_LANGUAGE
        return self.couple_glance.language if self.couple_glance else glance.DEFAULT_LANGUAGE

    def partner_names(self) -> tuple[str, ...]:
        """The partners' names, from the couple once loaded, else from the first glance."""
        if self._couple_known:
            return tuple(p.name for p in self._couple.partners) if self._couple else ()
        return self.couple_glance.names if self.couple_glance is not None else ()

    def exercise_list(self, *, from_library: bool = False) -> glance.ExerciseList | None:
        """The exercise and program lines the home screen shows, in the couple's language.

        The list kept at the last start serves while every file it was made from is unchanged
        (workbook.glance). Without one, or with ``from_library``, the lines are made from the
        library (loading it, once per run) and kept for the next start.
        """
        language = self.language
        kept = self.kept_exercises if self._kept_language == language else None
        if kept is not None and (self._exercises_checked or not from_library):
            return kept
        library = self.library
        if library is None:
            return None
        listing = glance.exercise_list(library, language)
        if listing != kept:
            glance.keep_exercise_list(self.home, self.extra_exercise_dirs, language, listing)
        self.kept_exercises, self._kept_language = listing, language
        self._exercises_checked = True
        return listing

    def require_store(self) -> Store:
        """The open store, or a sentence saying it is not open (never an AttributeError)."""
        if self.store is None:
            raise WorkbookError("The workbook's data is not open.")
        return self.store

    def require_couple(self) -> Couple:
        """The couple, or a sentence asking to set it up first."""
        if self.couple is None:
            raise WorkbookError("Set up the two of you first.")
        return self.couple

    def on_mount(self) -> None:
        self.last_activity = self.clock()
        self.set_interval(IDLE_CHECK_SECONDS, self.check_idle_lock, name="idle-lock")
        try:
            self.store = self._open_store()
        except WorkbookError as exc:
            self.startup_error = exc.message
            self.exit(return_code=int(exc.exit_code), message=Text(exc.message))
            return
        self._library_wanted = True  # loaded on first use: the home screen paints first
        # The first frame needs only names, theme and the exercise lines: read them without
        # the models (about 150 ms of imports, YAML and validation; bench/startup.py).
        self.couple_glance = glance.couple_glance(self.store)
        if self.couple_glance is None:
            self.couple = None
            from workbook.tui.screens.onboarding import OnboardingScreen

            self.push_screen(OnboardingScreen())
        else:
            self._couple_known = False
            apply_theme(self, self.couple_glance.theme)
            self._kept_language = self.couple_glance.language
            self.kept_exercises = glance.read_exercise_list(
                self.home, self.extra_exercise_dirs, self._kept_language
            )
            # Textual draws nothing while the app mounts (its start-up batch): a screen pushed
            # from here would be laid out and rendered for nothing, then again. From the app's
            # queue, which runs once mounting is over, the home is drawn once (bench/startup.py).
            if self.couple_glance.safety_acknowledged:
                self.call_later(self._go_home)
            else:  # e.g. made with `workbook couple init`: the note comes before anything else
                self.call_later(self._safety_first)
        # Queued after the first screen is pushed, so it runs once that screen is drawn.
        self.call_after_refresh(self._resume_collector)

    def _start_in_calm_theme(self) -> None:
        """Begin in the workbook's default theme, before any CSS is parsed.

        Setting ``theme`` once the app runs makes Textual parse every stylesheet again, and
        the next widget's CSS once more from scratch (its parse cache is dropped): about
        twice the app's CSS on the way to the first frame (bench/startup.py). Most couples
        keep the default, so the app starts in it; only another stored choice pays that.
        """
        register_themes(self)
        self.set_reactive(App.theme, DEFAULT_THEME)
        self.stylesheet.set_variables(self.get_css_variables())

    def _resume_collector(self) -> None:
        # Whether the start set objects aside: only then is the collector the app's to set
        # again once home has settled (workbook.collector).
        self.collector_set_aside = collector.resume()

    def _open_store(self) -> Store:
        try:
            store = Store.open(self.home, hold_lock=True)
        except StoreBusyError as exc:
            self.busy_note = f"Read-only: {exc.message}"
            return Store.open(self.home, readonly=True)
        if store.read_only_note is not None:
            self.busy_note = f"Read-only: {store.read_only_note}"
        return store

    def _safety_first(self) -> None:
        """The first-run safety note, then home (a couple who has not read it yet)."""
        from workbook.tui.screens.onboarding import SafetyNoteScreen

        self.push_screen(SafetyNoteScreen(), lambda _: self._go_home())

    def _go_home(self) -> None:
        from workbook.tui.screens.home import HomeScreen

        self.switch_screen(HomeScreen()) if self._is_onboarding() else self.push_screen(
            HomeScreen()
        )
        if self.open_exercise is not None:  # ``workbook start``: home first, so Back lands there
            self.call_after_refresh(self.post_message, StartExercise(self.open_exercise))
            self.open_exercise = None

    def _is_onboarding(self) -> bool:
        # Not imported means not showing: skip importing it (and Markdown) on a normal start.
        onboarding = sys.modules.get("workbook.tui.screens.onboarding")
        return onboarding is not None and isinstance(self.screen, onboarding.OnboardingScreen)

    def banner_text(self, problems: Sequence[str] = ()) -> Text:
        """What the home screen's banner says: read-only mode, demo notes, load problems."""
        parts: list[str] = []
        if self.busy_note:
            parts.append(self.busy_note)
        if self.demo_note:
            parts.append(self.demo_note)
        if problems:
            count = len(problems)
            first = problems[0]
            parts.append(
                f"{wording.count(count, 'problem')} while loading exercises "
                f"(the rest loaded fine; run `workbook validate`). First: {first}"
            )
        return Text("\n".join(parts))

    # -- navigation ------------------------------------------------------------------------

    @on(CoupleSaved)
    def _couple_saved(self) -> None:
        from workbook.couple import find_couple

        assert self.store is not None
        self.couple = find_couple(self.store)
        self._go_home()

    @on(OpenSection)
    def _open_section(self, message: OpenSection) -> None:
        from workbook.tui.sections import BY_ID, screen_class

        cls = screen_class(message.section)
        if cls is None:
            title = BY_ID[message.section].title if message.section in BY_ID else message.section
            self.notify(f"{title} is not part of this version of the workbook yet.")
            return
        self.push_screen(cls())

    @on(StartExercise)
    def _start_exercise(self, message: StartExercise) -> None:
        try:
            from workbook.tui.screens.runner import RunnerScreen
        except ModuleNotFoundError:
            self.notify("Running exercises is not part of this version of the workbook yet.")
            return
        self.push_screen(RunnerScreen(message.exercise_id, origin=message.origin))

    def action_get_help(self) -> None:
        """Open "When to get help" (one key from home, help and the time-out screen)."""
        from workbook import locations
        from workbook.couple import HELP_GUIDE, help_markdown
        from workbook.tui.screens.library import GuideScreen

        try:
            body = (locations.guides_dir() / HELP_GUIDE).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            body = GET_HELP_FALLBACK
        # The couple's own contacts (Settings) and the helpline directory, as the library does.
        body = f"{body.rstrip()}\n\n{help_markdown(self.couple)}"
        self.push_screen(GuideScreen("When to get help", body))

    def action_help(self) -> None:
        from workbook.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_curtain(self) -> None:
        from workbook.tui.screens.curtain import CurtainScreen

        # The app's binding has priority, so the same key must also take the curtain away.
        if isinstance(self.screen, CurtainScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(CurtainScreen())

    def action_timeout(self) -> None:
        try:
            from workbook.tui.screens.timeout import TimeoutScreen
        except ModuleNotFoundError:
            self.notify("Take a breath together. The time-out screen is not installed.")
            return
        if not isinstance(self.screen, TimeoutScreen):
            self.push_screen(TimeoutScreen())

    def action_go_back(self) -> None:
        if len(self.screen_stack) > 2:
            self.pop_screen()

    # -- privacy -----------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        # Input reaches the app before any screen: the one place to notice someone is here.
        if isinstance(event, ACTIVITY_EVENTS):
            self.last_activity = self.clock()
        await super().on_event(event)

    def idle_seconds(self) -> float:
        return self.clock() - self.last_activity

    def check_idle_lock(self) -> bool:
        """Lock private screens once nobody has used the app for the couple's idle time."""
        if self.couple is None or not any(is_private(s) for s in self.screen_stack):
            return False
        if self.idle_seconds() < self.couple.idle_lock_minutes * 60:
            return False
        self.lock_private()
        self.notify(
            f"Locked after {self.couple.idle_lock_minutes} minutes without activity.",
            title="Journal locked",
        )
        return True

    def action_lock(self) -> None:
        """Switch partner / Lock: close every private screen and drop its key."""
        if self.lock_private():
            self.notify("Locked. Choose who is writing next.", title="Journal locked")

    def lock_private(self) -> bool:
        """Remove every private screen (and whatever sits above it) from the stack.

        Each private screen's ``forget()`` drops keys and decrypted text first; the screens are
        then popped, so "back" can never reveal them. Returns whether anything was locked.
        """
        stack = self.screen_stack
        first = next((i for i, screen in enumerate(stack) if is_private(screen)), None)
        if first is None:
            return False
        for screen in reversed(stack[first:]):
            if isinstance(screen, Privacy):
                screen.forget()
        for _ in range(len(stack) - first):
            self.pop_screen()
        self.refresh(repaint=True)
        return True

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        titles: set[str] = set()
        for command in super().get_system_commands(screen):
            if command.title in SAFE_SYSTEM_COMMANDS:
                titles.add(command.title)
                yield command
        # The screen's own keys, from the binding registry, so every action the footer and
        # the help screen offer can also be found by name in the palette.
        from workbook.tui.screens.help import describe_key

        for key, active in screen.active_bindings.items():
            binding = active.binding
            if binding.id is None or not binding.description or binding.description in titles:
                continue
            titles.add(binding.description)
            yield SystemCommand(
                binding.description,
                f"Key: {describe_key(key)}",
                partial(self.call_later, self.run_action, binding.action, active.node),
            )

    def _handle_exception(self, error: Exception) -> None:
        """Replace Textual's traceback (which shows local variables) with a safe sentence."""
        path = crash.write_report(self.home, error)
        self._return_code = 70
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self.panic(Text(crash.SAFE_MESSAGE.format(path=path or "(not written)")))

    def on_unmount(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, Privacy) and screen.shows_private_text():
                screen.forget()
        if self.store is not None:
            try:
                self.store.close()
            except WorkbookError as exc:
                self.log.warning(exc.message)


def workbook_app(node: MessagePump) -> WorkbookApp:
    """The running :class:`WorkbookApp`, typed, seen from any screen or widget."""
    app = node.app
    assert isinstance(app, WorkbookApp)
    return app


def create_app(
    home: Path,
    *,
    extra_exercise_dirs: Sequence[Path] = (),
    demo_note: str = "",
    open_exercise: str | None = None,
    library: Library | None = None,
) -> WorkbookApp:
    """The one factory for the TUI: the CLI and every test build the app through here.

    ``open_exercise`` opens that exercise once home is shown (``workbook start``);
    ``library`` is one already loaded from ``home`` and ``extra_exercise_dirs`` (the demo's),
    used instead of loading it again.
    """
    return WorkbookApp(
        home,
        extra_exercise_dirs=extra_exercise_dirs,
        demo_note=demo_note,
        open_exercise=open_exercise,
        library=library,
    )
