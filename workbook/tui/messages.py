"""Cross-screen intents: screens post these; the app decides what opens next."""

from __future__ import annotations

from textual.message import Message


class OpenSection(Message):
    """Open a section of the workbook (library, journal, progress, history, settings...)."""

    def __init__(self, section: str) -> None:
        super().__init__()
        self.section = section


class StartExercise(Message):
    """Start (or resume) the exercise with this id."""

    def __init__(self, exercise_id: str) -> None:
        super().__init__()
        self.exercise_id = exercise_id


class CoupleSaved(Message):
    """Onboarding finished: the couple is stored."""
