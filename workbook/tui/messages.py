"""Cross-screen intents: screens post these; the app decides what opens next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from workbook.sessions import SessionOrigin


class OpenSection(Message):
    """Open a section of the workbook (library, journal, progress, history, settings...)."""

    def __init__(self, section: str) -> None:
        super().__init__()
        self.section = section


class StartExercise(Message):
    """Start (or resume) the exercise with this id, from a program step (``origin``) or from
    outside programs (``None``)."""

    def __init__(self, exercise_id: str, origin: SessionOrigin | None = None) -> None:
        super().__init__()
        self.exercise_id = exercise_id
        self.origin = origin


class CoupleSaved(Message):
    """Onboarding finished: the couple is stored."""
