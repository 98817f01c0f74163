"""Read the store into one :class:`~workbook.export.models.ExportDocument`.

What goes in: every session with the answers both partners may see (a blind answer that was
never revealed stays out, as it does on screen), agreements and who confirmed them, goals with
their check-ins and each partner's streaks, scale-score trends and program progress.

Privacy: private items are left out and only counted: private-mode sessions (their answers are
sealed), private goals (their words are sealed, and their check-ins go with them) and journal
entries. They are included only when their author unlocked their journal *for this export*
and opted in (``private=journal_session``); then the author's own private items are added and
the other partner's stay out. Nothing here decrypts anything without that session.

UI-free: the CLI passes a ``progress`` callback to draw a bar; the TUI and tests call it plain.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter

from workbook import __version__
from workbook.clock import now
from workbook.errors import WorkbookError
from workbook.exercises import templates
from workbook.exercises.labels import step_label, unaddressed
from workbook.exercises.models import LangText, ScaleItem, ScaleStep, Step, TurnsStep, text
from workbook.export.models import (
    AgreementOut,
    CheckInOut,
    ExportDocument,
    GoalOut,
    GoalPartnerOut,
    JournalEntryOut,
    PartnerOut,
    ProgramExerciseOut,
    ProgramOut,
    ProgramWeekOut,
    ScaleTrendOut,
    Scope,
    ScoreSeriesOut,
    SessionOut,
)
from workbook.partners import PartnerKey, is_partner
from workbook.presentation import format_answer, turn_lines

if TYPE_CHECKING:
    from workbook.engine import Engine
    from workbook.exercises import Library
    from workbook.goals.models import Goal, ScoreRecord
    from workbook.goals.progress import Mark
    from workbook.journal.vault import JournalSession
    from workbook.sessions import SessionRecord
    from workbook.store import Store

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while sessions and goals are read."""

Fields = dict[str, Any]
"""A part of the document as plain fields: the model holding a list of them validates the whole
list in one pass (a session's steps and answers, a goal's check-ins, a scale's scores), about
twice as fast at ten years as building each part as a model on its own."""

_CHECKINS = TypeAdapter(list[CheckInOut])

ScaleLines = dict[str, tuple[str, int]]
"""A scale step's items by id: each statement as it reads and the top of its range."""

QUESTION_MAX = 240
SKIPPED_KINDS = frozenset({"timer", "pause"})  # seconds spent say nothing a reader needs
ANSWER_ORDER = ("both", "a", "b")
FIXED_PLACEHOLDERS = frozenset({"me", "partner", "a", "b"})
"""Placeholders filled from the partners' names and the viewer alone: a text holding no other
(no answers, no speaker) reads the same in every session of one export, for one viewer."""


def collect(
    store: Store,
    *,
    library: Library | None = None,
    private: JournalSession | None = None,
    progress: Progress | None = None,
    generated_at: datetime | None = None,
    today: date | None = None,
) -> ExportDocument:
    """Build the export document from ``store``.

    ``private`` is an unlocked journal session: pass it only when its partner asked to include
    their private items in this export. Everything else private is counted, never read.
    Streaks are judged as of ``today`` (default: the local date).
    """
    from workbook import sessions as session_api
    from workbook.couple import get_couple
    from workbook.exercises import load_library
    from workbook.goals import progress as goal_progress
    from workbook.goals import repo

    if private is not None and private.closed:
        raise WorkbookError("The journal was locked before the export finished; unlock it again.")
    couple = get_couple(store)
    library = library if library is not None else load_library(store.home)
    names: dict[str, str] = {p.key: p.name for p in couple.partners}
    owner = private.partner if private is not None else None

    def withheld_from_owner(private: bool, holder: object) -> bool:
        """Whether something private to ``holder`` stays out of an export for ``owner``."""
        return private and (owner is None or holder != owner)

    def left_out(doc: Mapping[str, Any]) -> bool:
        """A stored session that is private to someone other than ``owner``."""
        return withheld_from_owner(doc.get("mode") == "private", doc.get("author"))

    # Sessions left out are only counted: they are not read (nor validated) at all.
    stored_sessions = session_api.sessions(store)
    hidden_sessions = set(stored_sessions.field_values("id", left_out))
    records = sorted(
        stored_sessions.where(lambda doc: not left_out(doc)), key=lambda r: (r.started_at, r.id)
    )
    all_goals = sorted(repo.goals(store).all(), key=lambda g: (g.start_date, g.created_at, g.id))
    total = len(hidden_sessions) + len(records) + len(all_goals)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    withheld = len(hidden_sessions)
    for _ in hidden_sessions:
        tick()
    session_out: list[SessionOut] = []
    agreements: list[AgreementOut] = []
    wording = _Wording()
    for record in records:
        item, found = _session(record, library, names, private, wording)
        session_out.append(item)
        agreements.extend(found)
        tick()

    goal_out: list[GoalOut] = []
    shown = [g for g in all_goals if not withheld_from_owner(g.private, g.partner)]
    withheld += len(all_goals) - len(shown)
    for _ in range(len(all_goals) - len(shown)):
        tick()
    # The shown goals' check-ins are validated once, into the document's own model; the
    # streaks judge the same check-ins.
    by_goal = _checkins(store, shown)
    summaries = {g.goal.id: g for g in goal_progress.progress_of(shown, _marks(by_goal), today)}
    for goal in shown:
        goal_out.append(_goal(goal, by_goal.get(goal.id, []), summaries.get(goal.id), private))
        tick()

    journal: list[JournalEntryOut] = []
    from workbook.journal.vault import entries as journal_entries

    # Entries left out are only counted: nothing of them is read.
    withheld += journal_entries(store).count(
        lambda doc: owner is None or doc.get("author") != owner
    )
    if private is not None:
        for opened in private.entries():
            if opened.entry.author != owner:
                continue  # shared with this partner, but it is the other partner's item
            payload = opened.payload
            journal.append(
                JournalEntryOut(
                    id=opened.entry.id,
                    author=opened.entry.author,
                    created=opened.entry.created,
                    updated=opened.entry.updated,
                    title=payload.title,
                    body=payload.body,
                    prompt=payload.prompt_text,
                    tags=list(payload.tags),
                    mood=payload.mood,
                )
            )
        journal.sort(key=lambda e: (e.created, e.id))

    return ExportDocument(
        title=f"Couples workbook: {names['a']} & {names['b']}",
        generated_at=generated_at or now(),
        workbook_version=__version__,
        partners=[PartnerOut(key=p.key, name=p.name) for p in couple.partners],
        scope=Scope(private_partner=owner, withheld_private_items=withheld),
        sessions=session_out,
        agreements=agreements,
        goals=goal_out,
        scores=_scores(store, library, hidden_sessions),
        programs=_programs(store, library),
        journal=journal,
    )


# -- sessions ------------------------------------------------------------------------------


def _session(
    record: SessionRecord,
    library: Library,
    names: dict[str, str],
    private: JournalSession | None,
    wording: _Wording,
) -> tuple[SessionOut, list[AgreementOut]]:
    """One session as shown to both partners (or to its author, for an unlocked private one)."""
    from workbook.sessions import open_state

    base: dict[str, Any] = {
        "id": record.id,
        "exercise_id": record.exercise_id,
        "title": record.title or record.exercise_id,
        "mode": record.mode,
        "author": record.author,
        "status": record.status,
        "started_at": record.started_at,
        "finished_at": record.finished_at,
        "program": record.origin.program if record.origin else None,
        "program_step": record.origin.step if record.origin else None,
    }
    try:
        state = open_state(record, private if record.private else None)
    except WorkbookError:
        return SessionOut(**base, steps=[], note="No answers were saved."), []
    engine = _engine(record, state, library, names)
    if engine is None:
        return SessionOut(**base, steps=_raw_steps(state), note=RAW_NOTE), []
    viewer = engine.state.solo  # a solo or private run is shown as its author sees it
    visible = engine.visible_answers(viewer)
    steps = []
    agreements = []
    day = (record.finished_at or record.updated_at).date()
    title = text(engine.exercise.title, engine.lang)
    base["title"] = title
    for step in engine.exercise.steps:
        given = visible.get(step.id)
        if not given or step.kind in SKIPPED_KINDS:
            continue
        answers = [
            {"who": key, "text": _answer_text(engine, step, key, value, wording), "value": value}
            for key, value in sorted(given.items(), key=lambda kv: ANSWER_ORDER.index(kv[0]))
        ]
        steps.append(
            {
                "id": step.id,
                "kind": step.kind,
                "question": wording.question(engine, step),
                "answers": answers,
            }
        )
        if step.kind == "agreement" and isinstance(given.get("both"), str):
            agreements.append(
                AgreementOut(
                    session_id=record.id,
                    exercise_title=title,
                    step_id=step.id,
                    text=str(given["both"]),
                    confirmed_by=sorted(engine.state.confirmations.get(step.id, [])),
                    day=day,
                )
            )
    return SessionOut(**base, steps=steps), agreements


def _engine(
    record: SessionRecord, state: dict[str, Any], library: Library, names: dict[str, str]
) -> Engine | None:
    from workbook.engine import Engine, SessionState

    exercise = library.exercises.get(record.exercise_id)
    if exercise is None:
        return None
    saved_for = state.get("exercise_version")
    if type(saved_for) is int and saved_for != exercise.version:
        return None  # the engine refuses another version's state: no need to read it all first
    try:
        return Engine(exercise, SessionState.model_validate(state), names)
    except (WorkbookError, ValueError):
        return None


RAW_NOTE = (
    "This exercise is no longer in the library (or has changed), so answers are shown as "
    "stored. An answer one of you gave alone is left out unless it was revealed: which "
    "questions were blind is no longer known."
)


def _raw_steps(state: dict[str, Any]) -> list[Fields]:
    """The answers of a session whose exercise cannot be read, as stored, keeping only those
    the state itself says may be shown to both: given together, given to a step that was
    revealed, or of a solo run. Which steps were blind is written in the exercise, which is
    gone or changed, so any other answer one partner gave alone stays out: it may be a blind
    answer the other has not seen."""
    solo = is_partner(state.get("solo"))
    revealed = state.get("revealed")
    opened = (
        {step for step in revealed if isinstance(step, str)}
        if isinstance(revealed, list)
        else set()
    )
    steps: list[Fields] = []
    for step_id, given in _plain_answers(state).items():
        shown = {k: v for k, v in given.items() if k == "both" or solo or step_id in opened}
        if shown:
            answers = [{"who": k, "text": _plain(v), "value": v} for k, v in shown.items()]
            question = step_id.replace("_", " ")
            steps.append(
                {"id": step_id, "kind": "unknown", "question": question, "answers": answers}
            )
    return steps


def _plain_answers(state: dict[str, Any]) -> dict[str, dict[str, Any]]:
    answers = state.get("answers")
    if not isinstance(answers, dict):
        return {}
    return {k: v for k, v in answers.items() if isinstance(v, dict)}


def _plain(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    return "" if value is None else str(value)


class _Wording:
    """Questions and scale items as they read, each worked out once per export where its text
    reads the same in every session (:data:`FIXED_PLACEHOLDERS`): ten years hold about 3,800
    questions and 6,000 scale lines, from a few dozen steps. Text that names an answer or the
    speaker is filled in for each session, as before."""

    def __init__(self) -> None:
        self._fixed: dict[str, bool] = {}
        self._questions: dict[tuple[str, str, str], str] = {}
        self._items: dict[tuple[str, str, str, str, PartnerKey | None], str] = {}
        self._scales: dict[tuple[str, str, str, PartnerKey | None], ScaleLines] = {}

    def _is_fixed(self, value: LangText | None) -> bool:
        """Whether ``value``, in every language, holds no placeholder but the fixed ones."""
        if value is None:
            return True
        for words in [value] if isinstance(value, str) else value.values():
            fixed = self._fixed.get(words)
            if fixed is None:
                try:
                    fixed = all(name in FIXED_PLACEHOLDERS for name, _ in templates.fields(words))
                except templates.TemplateError:
                    fixed = False
                self._fixed[words] = fixed
            if not fixed:
                return False
        return True

    def question(self, engine: Engine, step: Step) -> str:
        """:func:`_question`, kept for the step and language when it reads the same everywhere."""
        key = (engine.exercise.id, step.id, engine.lang)
        found = self._questions.get(key)
        if found is not None:
            return found
        words = _question(engine, step)
        if all(self._is_fixed(v) for v in (step.label, step.title, step.text)):
            self._questions[key] = words
        return words

    def scale(self, engine: Engine, step: ScaleStep, viewer: PartnerKey | None) -> ScaleLines:
        """Each item of a scale step by id, as its answer line reads around the number: the
        statement filled in for ``viewer`` and the top of the item's range. Kept for the step,
        language and viewer when every statement reads the same everywhere (ten years hold a
        thousand weekly check-ins of six items each); else each statement that does is kept."""
        key = (engine.exercise.id, step.id, engine.lang, viewer)
        found = self._scales.get(key)
        if found is not None:
            return found
        lines = {
            i.id: (self.item(engine, step, i, viewer), step.item_range(i)[1]) for i in step.items
        }
        if all(self._is_fixed(i.text) for i in step.items):
            self._scales[key] = lines
        return lines

    def item(
        self, engine: Engine, step: ScaleStep, item: ScaleItem, viewer: PartnerKey | None
    ) -> str:
        """A scale item's statement filled in for ``viewer`` (kept like :meth:`question`)."""
        key = (engine.exercise.id, step.id, item.id, engine.lang, viewer)
        found = self._items.get(key)
        if found is not None:
            return found
        words = engine.render(item.text, viewer)
        if self._is_fixed(item.text):
            self._items[key] = words
        return words


def _question(engine: Engine, step: Step) -> str:
    """A step's question in one line: its title, else the first paragraph of its text."""
    try:
        words = engine.render(step.label or step.title) if step.label or step.title else ""
        if not words:
            words = engine.render(unaddressed(step.text, engine.lang)).strip().split("\n\n")[0]
    except templates.TemplateError:
        words = ""
    words = " ".join(words.split()) or step_label(step, engine.render)
    words = words[:1].upper() + words[1:]
    return words if len(words) <= QUESTION_MAX else words[: QUESTION_MAX - 1].rstrip() + "…"


def _answer_text(engine: Engine, step: Step, key: str, value: Any, wording: _Wording) -> str:
    """An answer as a person reads it; a speaker-listener exchange shows what was reflected."""
    if isinstance(step, TurnsStep):  # the same wording as the history screen
        return "\n".join(turn_lines(engine.names, step, value)) or format_answer(
            engine, step, value
        )
    author = key if is_partner(key) else None
    if isinstance(step, ScaleStep):
        viewer = author or engine.state.solo
        if isinstance(value, dict):
            items = wording.scale(engine, step, viewer)
            lines = []
            for item_id, number in value.items():
                found = items.get(item_id)
                if found is None:
                    lines.append(f"{item_id}: {number}")
                    continue
                label, top = found
                lines.append(f"{label} {number} of {top}")
            return "\n".join(lines)
        return f"{value} on a scale of {step.min} to {step.max}"
    try:
        return format_answer(engine, step, value, author)
    except WorkbookError:
        return _plain(value)


# -- goals ---------------------------------------------------------------------------------


def _checkins(store: Store, goals: list[Goal]) -> dict[str, list[CheckInOut]]:
    """The check-ins of ``goals`` by goal id, each goal's as the document lists them: oldest
    first and, on one day, partner A before B (as :func:`~workbook.goals.progress.checkins_by_goal`
    orders them), with the fields the document shows and nothing else.

    Each stored check-in of these goals is validated once, straight into the document's model,
    and no other goal's is validated at all. About a fifth of the instructions of validating
    every check-in as the store's model and then again as the document's (ten years hold
    14,000). The store's own model adds nothing here: the store checked every record against it
    when it found the file sound.
    """
    from workbook.goals import progress as goal_progress
    from workbook.goals.plain import CHECKINS_TABLE

    wanted: dict[str, list[dict[str, Any]]] = {goal.id: [] for goal in goals}
    for doc in store.peek(CHECKINS_TABLE):  # copies: nothing of the stored data is handed out
        found = wanted.get(doc.get("goal_id", ""))
        if found is not None:
            found.append(doc)
    return {
        goal_id: sorted(_CHECKINS.validate_python(docs, extra="ignore"), key=goal_progress.BY_DAY)
        for goal_id, docs in wanted.items()
        if docs
    }


def _marks(by_goal: Mapping[str, list[CheckInOut]]) -> dict[str, list[Mark]]:
    """The check-ins the document lists, as the marks :func:`~workbook.goals.progress.progress_of`
    judges (in the same order)."""
    from workbook.goals.progress import STATUS_OF, Mark

    return {
        goal_id: [Mark(goal_id, c.partner, c.day, STATUS_OF[c.status], c.rating) for c in found]
        for goal_id, found in by_goal.items()
    }


def _goal(
    goal: Goal, checkins: list[CheckInOut], summary: Any, private: JournalSession | None
) -> GoalOut:
    title, why = goal.title, goal.why
    if goal.private:
        title, why = _private_goal_words(goal, private)
    partners = []
    if summary is not None:
        for mine in summary.partners:
            s = mine.streaks
            partners.append(
                GoalPartnerOut(
                    partner=mine.partner,
                    current_streak=s.current,
                    best_streak=s.best,
                    completed=s.completed,
                    missed=s.missed,
                    excused=s.excused,
                    completion_rate=s.completion_rate,
                )
            )
    fields: Fields = {
        "id": goal.id,
        "title": title,
        "why": why,
        "owner": goal.partner,
        "private": goal.private,
        "cadence": goal.cadence.to_text(),
        "period_unit": goal.cadence.period_unit(),
        "status": goal.status.value,
        "start_date": goal.start_date,
        "target_date": goal.target_date,
        "ended_on": goal.ended_on,
        "source": goal.source.kind,
        "agreement_text": goal.source.agreement_text,
        "source_session_id": goal.source.session_id,
        "checkins": checkins,
        "progress": partners,
    }
    # The check-ins are the document's own models already: taken as they are.
    return GoalOut.model_validate(fields)


def _private_goal_words(goal: Goal, private: JournalSession | None) -> tuple[str, str]:
    """A private goal's sealed title and why, opened with its owner's unlocked session."""
    from workbook.journal.vault import open_for

    if private is None or goal.encrypted is None:
        return goal.display_title(), ""
    opened = open_for(private, goal.encrypted)
    return str(opened.get("title") or goal.display_title()), str(opened.get("why") or "")


# -- scores and programs -------------------------------------------------------------------


def _scores(store: Store, library: Library, hidden_sessions: set[str]) -> list[ScaleTrendOut]:
    from workbook.goals import scores

    records = [r for r in scores.scores(store).all() if r.session_id not in hidden_sessions]
    # Each scale's records, grouped once (ten years hold a thousand check-ins per partner).
    by_scale: dict[str, list[ScoreRecord]] = {}
    for record in records:
        by_scale.setdefault(record.scale_id, []).append(record)
    out = []
    for scale_id in sorted(by_scale):
        found = by_scale[scale_id]
        series = []
        for partner in ("a", "b"):
            mine = sorted(
                (r for r in found if r.partner == partner), key=lambda r: (r.day, r.recorded_at)
            )
            points: list[Fields] = [
                {"day": r.day, "session_id": r.session_id, "value": r.total, "band": r.band}
                for r in mine
                if r.total is not None
            ]
            series.append(ScoreSeriesOut(partner=partner, points=points))
        exercise = library.exercises.get(scale_id) or next(
            (library.exercises.get(r.exercise_id) for r in found), None
        )
        title, higher = scale_id.replace("-", " ").capitalize(), ""
        if exercise is not None and exercise.scale is not None:
            title = text(exercise.scale.name) or text(exercise.title)
            higher = text(exercise.scale.higher_is) if exercise.scale.higher_is else ""
        out.append(ScaleTrendOut(scale_id=scale_id, title=title, higher_is=higher, series=series))
    return out


def _programs(store: Store, library: Library) -> list[ProgramOut]:
    from workbook import program_progress
    from workbook.exercises import load_programs

    finished = program_progress.sittings(store)
    out = []
    for program in load_programs(library).programs.values():
        steps = program_progress.program_steps(program)
        marks = iter(program_progress.steps_done(steps, finished.of(program.id)))
        weeks = [
            ProgramWeekOut(
                week=week.week,
                title=text(week.title),
                exercises=[
                    ProgramExerciseOut(
                        id=ex_id,
                        title=text(library.exercises[ex_id].title)
                        if ex_id in library.exercises
                        else ex_id,
                        done=next(marks),
                    )
                    for ex_id in week.exercises
                ],
            )
            for week in program.weeks
        ]
        items = [e for w in weeks for e in w.exercises]
        out.append(
            ProgramOut(
                id=program.id,
                title=text(program.title),
                done=sum(1 for e in items if e.done),
                total=len(items),
                weeks=weeks,
            )
        )
    return sorted(out, key=lambda p: p.id)
