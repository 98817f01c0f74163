"""Every key binding, declared once with an id.

Screens pick bindings from this registry by id, so the help screen, the footer and the command
palette all show the same keys, and a person can remap a binding by its id (Textual keymaps).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    """One binding: its id, default key(s), action and the words shown to people."""

    id: str
    keys: str
    action: str
    description: str
    show: bool = True
    priority: bool = False


REGISTRY: dict[str, Key] = {
    k.id: k
    for k in (
        Key("quit", "ctrl+q", "quit", "Quit", priority=True),
        Key("help", "f1,question_mark", "help", "Help"),
        Key("timeout", "ctrl+t", "timeout", "Time-out", priority=True),
        Key("curtain", "ctrl+b", "curtain", "Curtain", priority=True),
        Key("back", "escape", "go_back", "Back"),
        # Home's sections: the "Go to" list shows their keys, so the footer keeps room at 80
        # columns for Quit, Time-out and Curtain (issue 10).
        Key("home.library", "l", "section('library')", "Open the exercise library", show=False),
        Key("home.journal", "j", "section('journal')", "Open the private journal", show=False),
        Key("home.goals", "g", "section('progress')", "Open goals and progress", show=False),
        Key("home.history", "h", "section('history')", "Open the history", show=False),
        Key("home.settings", "s", "section('settings')", "Open the settings", show=False),
        Key("onboarding.begin", "ctrl+s", "begin", "Begin"),
        Key("safety.read", "ctrl+s", "acknowledge", "We have read this"),
        # Safety first: one key from home, help and the time-out screen (issue 10).
        Key("gethelp", "f2", "app.get_help", "Get help"),
        Key("continue.discard", "delete", "discard", "Discard the highlighted session", show=False),
        # Exercise runner, hand-over, time-out, library, programs, history (issue 4).
        Key("runner.next", "ctrl+n", "next", "Next", priority=True),
        Key("runner.back", "ctrl+left", "back", "Back a step", priority=True),
        Key("runner.leave", "escape", "leave", "Leave (saved)"),
        Key("handover.ready", "enter", "ready", "I'm ready"),
        Key("timeout.cancel", "escape", "cancel", "We're ready"),
        Key("library.search", "slash", "search", "Search"),
        Key("library.guide", "ctrl+g", "guide", "Guide"),
        Key("library.start", "ctrl+n", "start", "Start", priority=True),
        Key("history.unlock", "ctrl+u", "unlock", "Unlock private answers"),
        # Journal, progress and settings (issues 5 and 6).
        Key("journal.lock", "ctrl+l", "app.lock", "Switch partner / Lock", priority=True),
        Key("journal.new", "n", "new_entry", "New entry"),
        Key("journal.edit", "e", "edit_entry", "Edit entry"),
        Key("journal.share", "s", "share_entry", "Share with partner"),
        Key("journal.search", "slash", "search", "Search"),
        Key("journal.new_key", "ctrl+n", "new_key", "Forgot passphrase: new key"),
        Key("editor.save", "ctrl+s", "save", "Save", priority=True),
        Key("editor.prompt_today", "f2", "prompt_today", "Prompt of the day"),
        Key("editor.pick_prompt", "f3", "pick_prompt", "Pick a prompt"),
        Key("progress.checkin", "c", "checkin", "Check in"),
        Key("progress.change", "e", "change", "Change goal"),
        Key("settings.save", "ctrl+s", "save", "Save settings", priority=True),
    )
}


def bindings(*ids: str) -> list[Binding | tuple[str, str] | tuple[str, str, str]]:
    """Textual bindings for the given registry ids, in that order."""
    result: list[Binding | tuple[str, str] | tuple[str, str, str]] = []
    for binding_id in ids:
        key = REGISTRY[binding_id]
        result.append(
            Binding(
                key.keys,
                key.action,
                key.description,
                show=key.show,
                priority=key.priority,
                id=key.id,
            )
        )
    return result


#: Kept at the front of every screen's footer, so they stay visible at 80 columns.
FOOTER_FIRST = ("quit", "timeout", "curtain")


def screen_bindings(*ids: str) -> list[Binding | tuple[str, str] | tuple[str, str, str]]:
    """A full screen's bindings: Quit, Time-out and Curtain first, then ``ids``.

    The footer (:class:`~workbook.tui.widgets.footer.SafetyFooter`) shows these three first
    whatever has focus; listing them in the screen's own keys also puts them first in Help
    (the key still runs the app's action: the screen has no action of that name).
    """
    return bindings(*FOOTER_FIRST, *(i for i in ids if i not in FOOTER_FIRST))
