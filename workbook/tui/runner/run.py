"""One exercise being run: the engine, the session it is saved in, and how it is saved.

The screen holds a :class:`Run` once the session is started or opened; every answer goes through
the engine and is then saved here in one write (:mod:`workbook.sessions`). The session's ``ui``
extras keep what the runner itself needs to resume: the draft and timer fields (replaced on every
save), the goals an agreement made and the partners who acknowledged the safety notes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from workbook import sessions
from workbook.partners import PARTNERS, AnswerKey, PartnerKey
from workbook.sessions import safety_field

if TYPE_CHECKING:
    from workbook.engine import Engine
    from workbook.sessions import Clock, SessionRecord
    from workbook.store import Store

#: The ``ui`` extras that hold a timer: the step index and turn (-1 outside a `turns` step) it
#: belongs to, the seconds left, and whether it was running when saved.
TIMER_FIELDS = ("timer_step", "timer_turn", "timer_left", "timer_running")
#: Extras that describe the moment of the save, written afresh each time.
MOMENTARY_FIELDS = frozenset({"draft", "draft_waiting", *TIMER_FIELDS})


@dataclass
class Run:
    """An exercise in progress with its stored session."""

    store: Store
    engine: Engine
    record: SessionRecord
    clock: Clock

    @property
    def private(self) -> bool:
        """Whether the answers are sealed to their author (a private exercise)."""
        return self.record.private

    @property
    def solo(self) -> PartnerKey | None:
        """The one partner doing a solo or private exercise (None: together)."""
        return self.engine.state.solo

    def actor(self) -> AnswerKey | None:
        """Who acts now: the solo author always, else whoever the engine waits for."""
        if self.engine.finished:
            return None
        return self.solo if self.solo is not None else self.engine.actor()

    def partners(self) -> tuple[PartnerKey, ...]:
        """The partners taking part: the author of a solo run, else both."""
        return (self.solo,) if self.solo is not None else PARTNERS

    def save(self, extras: Mapping[str, Any] | None = None) -> None:
        """Save the engine's state; ``extras`` (a draft, a timer) replace the momentary ones."""
        engine = self.engine
        state = engine.state.model_dump(mode="json")
        if engine.finished:
            self.record = sessions.finish(
                self.store, self.record, state, clock=self.clock, engine=engine
            )
            return
        ui = {k: v for k, v in self.record.ui.items() if k not in MOMENTARY_FIELDS}
        ui.update(extras or {})
        self.record = sessions.save(
            self.store, self.record, state, position=engine.state.position, ui=ui, clock=self.clock
        )

    def keep(self, extras: Mapping[str, Any]) -> None:
        """Add lasting extras (goals made, acknowledgements) to the session, saved with the
        next :meth:`save`."""
        self.record = self.record.model_copy(update={"ui": {**self.record.ui, **extras}})

    def save_as_is(self) -> None:
        """Save the session with its extras as they are (after a time-out it is in progress
        again; a new acknowledgement is kept)."""
        state = self.engine.state.model_dump(mode="json")
        self.record = sessions.save(
            self.store, self.record, state, ui=self.record.ui, clock=self.clock
        )

    def pause(self, until: datetime | None) -> None:
        """Mark the session paused after a time-out (save it first)."""
        self.record = sessions.pause(self.store, self.record.id, until=until, clock=self.clock)

    def acknowledged(self) -> bool:
        """Whether everyone taking part has acknowledged the exercise's safety notes."""
        if not self.engine.exercise.safety_notes:
            return True
        return all(self.record.ui.get(safety_field(p)) is True for p in self.partners())
