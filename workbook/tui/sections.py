"""The places a person can go from the home screen, and the screen class behind each.

Screens are imported only when opened, so the home screen appears fast. A section whose screen
module is missing is listed as not available rather than crashing.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from textual.screen import Screen


@dataclass(frozen=True)
class Section:
    """One entry point on the home screen."""

    id: str
    title: str
    summary: str
    screen: str  # "module:Class" under workbook.tui.screens


SECTIONS: tuple[Section, ...] = (
    Section(
        "library",
        "Exercise library",
        "Browse every exercise by category, mode and length.",
        "library:LibraryScreen",
    ),
    Section(
        "programs",
        "Programs",
        "Multi-week paths with a few exercises each week.",
        "programs:ProgramsScreen",
    ),
    Section(
        "journal",
        "Private journal",
        "Each partner's own journal, locked with a passphrase.",
        "journal:JournalGateScreen",
    ),
    Section(
        "progress",
        "Goals and progress",
        "Your agreements, check-ins, streaks and trends.",
        "progress:ProgressScreen",
    ),
    Section(
        "history", "History", "Past sessions and both partners' answers.", "history:HistoryScreen"
    ),
    Section(
        "settings",
        "Settings",
        "Names, colours, language, theme and idle lock.",
        "settings:SettingsScreen",
    ),
    Section(
        "packet", "Therapist packet", "Pick what to bring; both approve.", "packet:PacketScreen"
    ),
)

BY_ID = {section.id: section for section in SECTIONS}


def screen_class(section_id: str) -> type[Screen[object]] | None:
    """The screen class for a section, or None when that part is not installed."""
    section = BY_ID.get(section_id)
    if section is None:
        return None
    module_name, _, class_name = section.screen.partition(":")
    try:
        module = importlib.import_module(f"workbook.tui.screens.{module_name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"workbook.tui.screens.{module_name}":
            return None
        raise
    cls = getattr(module, class_name, None)
    return cls if isinstance(cls, type) and issubclass(cls, Screen) else None
