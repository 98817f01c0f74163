"""Build a demo couple by driving the workbook's own code: nothing here writes the store by hand.

``workbook --demo`` calls :func:`build_demo` on a fresh temporary folder, so a newcomer sees
every screen populated within seconds. The demo is made the way a real couple's data is made:

* the couple is set up with :mod:`workbook.couple`;
* six weeks of sessions follow the bundled *Six weeks together* program: real exercises from
  the bundled library are played step by step through :class:`workbook.engine.Engine` and
  saved with :mod:`workbook.sessions` after every step, as the runner does (private exercises
  are sealed to their author's key by the same code);
* agreements that both partners confirm become goals (as the runner does), and a few goals are
  added directly (:mod:`workbook.goals.repo`), among them one private goal per partner;
* check-ins follow each goal's own schedule (:func:`workbook.goals.schedule.periods`), and each
  weekly check-in's scale is scored by the engine and kept with :mod:`workbook.goals.scores`;
* each partner gets a journal key opened by the demo passphrase :data:`DEMO_PASSPHRASE` (shown
  on screen in the demo banner) and a few sealed entries (:mod:`workbook.journal.vault`).
  Because that passphrase is public, the demo's keys are *demo keys*: their identity is stored
  unwrapped instead of behind a passphrase stretched with scrypt (which cost about a second
  and up to a gigabyte of memory per partner and protected nothing). The home is marked as a
  demo (:func:`vault.mark_demo_home`); a demo key anywhere else is refused, and a real key made
  in the demo (a new key, or ``journal passwd``) is wrapped at full strength as always.

Deterministic: answers come from a seeded random generator and fixed text below; every date
is counted back from ``end`` (fixed by default; ``workbook --demo`` passes today so the demo
looks current). Only record ids (random uuids) and "recorded at" stamps differ between builds.

Why on the fly rather than a data file in ``data/``: building takes well under two seconds
(``bench/demo.py`` measures it), and a stored file would go stale whenever an exercise or the
store format changes; building it from the current code cannot.
``data/make_demo.py`` writes the same demo into a folder for anyone who wants to look at it.

The one thing set directly is the date of each journal entry: :func:`vault.add_entry` stamps
"now", so the demo moves each entry's ``created``/``updated`` back to its day in the story
through the journal's own repository.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook.journal.crypto import DEMO_PASSPHRASE as DEMO_PASSPHRASE  # shown in the banner
from workbook.partners import PARTNERS, PartnerKey

if TYPE_CHECKING:
    from workbook.engine import Engine
    from workbook.exercises import Library
    from workbook.exercises.models import Exercise, Step
    from workbook.sessions import SessionOrigin
    from workbook.store import Store

DEMO_NAMES = ("Maya", "Jordan")
DEMO_SEED = 20250330
DEMO_END = date(2025, 3, 30)
"""The last day of the fixed demo (a Sunday): tests and reproducible builds use it."""
WEEKS = 6

DEMO_NOTE = (
    "Demo couple: Maya and Jordan, six weeks in. Journal passphrase for both: "
    f"{DEMO_PASSPHRASE}. Nothing here is saved: this folder is removed when you quit."
)

# (week, day of week 0-6, exercise id, author for a private run, step to stop at or None to
# finish). The last session stops at its reveal, so the home screen offers to continue it and
# the runner opens on both partners' answers side by side.
#: The program the demo couple follows (their sittings of its exercises are started from it).
DEMO_PROGRAM = "six-weeks-together"
SCHEDULE: tuple[tuple[int, int, str, PartnerKey | None, str | None], ...] = (
    (1, 1, "time-out-plan", None, None),
    (1, 3, "safe-space", None, None),
    (1, 4, "naming-feelings", "a", None),
    (1, 6, "weekly-check-in", None, None),
    (2, 1, "speaker-listener-practice", None, None),
    (2, 3, "listening-without-fixing", None, None),
    (2, 5, "appreciation-exchange", None, None),
    (2, 6, "weekly-check-in", None, None),
    (3, 1, "i-statement-builder", None, None),
    (3, 2, "noticing-triggers", "a", None),
    (3, 3, "needs-and-expectations", None, None),
    (3, 4, "noticing-triggers", "b", None),
    (3, 6, "weekly-check-in", None, None),
    (4, 1, "repair-and-apology", None, None),
    (4, 3, "soft-start-up", None, None),
    (4, 6, "weekly-check-in", None, None),
    (5, 1, "rebuilding-trust", None, None),
    (5, 3, "shared-activity-plan", None, None),
    (5, 6, "weekly-check-in", None, None),
    (6, 1, "rebuilding-trust-part-2", None, None),
    (6, 3, "agreements-review", None, None),
    (6, 5, "weekly-check-in", None, None),
    (6, 6, "our-story", None, "show"),
)

# Words the demo partners write, by (exercise, step) and answer key ("a", "b" or "both").
# Several per key: the seeded generator picks one. Steps not listed use GENERIC.
TEXTS: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {
    ("safe-space", "own_rule"): {
        "a": ("If I go quiet, ask me whether I need a minute rather than pushing on.",),
        "b": ("No talking about money after nine at night.",),
    },
    ("safe-space", "chosen"): {
        "both": (
            "1. One topic at a time. 2. Either of us can call a pause. "
            "3. No phones at the table. 4. Start with something we appreciate.",
        )
    },
    ("safe-space", "when_where"): {"both": ("Sunday afternoons, on the sofa with tea",)},
    ("weekly-check-in", "went_well"): {
        "a": (
            "We cooked together on Thursday and laughed a lot.",
            "Jordan asked how my day was and really listened.",
            "We walked to the market on Saturday without rushing.",
            "The quiet breakfast on Sunday.",
        ),
        "b": (
            "Maya left me a note before my early shift.",
            "We sorted out the car without an argument.",
            "Movie night, phones in the drawer.",
            "Maya came with me to the Thursday meeting.",
        ),
    },
    ("weekly-check-in", "look_after"): {
        "a": ("Going to bed at the same time more often.", "Less scrolling in the evenings."),
        "b": ("Talking about the weekend plans earlier.", "Checking in at lunchtime."),
    },
    ("weekly-check-in", "next_week"): {
        "both": (
            "A walk on Wednesday evening; phones away at dinner.",
            "Maya plans Saturday, Jordan cooks on Sunday.",
            "A ten-minute chat before bed on two nights.",
        )
    },
    ("appreciation-exchange", "three"): {
        "a": (
            "You made coffee every morning. You called when you were late. You hugged me "
            "when I came home upset.",
        ),
        "b": (
            "You remembered my sister's birthday. You fixed the bike light. You stayed calm "
            "when I was not.",
        ),
    },
    ("speaker-listener-practice", "topic"): {"both": ("How we spend Saturday mornings",)},
    ("listening-without-fixing", "worry"): {
        "a": ("I worry about the new team at work and whether I fit in.",),
        "b": ("I worry that I will let you down again.",),
    },
    ("time-out-plan", "signal"): {"both": ("We say 'pause tea' and make a hand T.",)},
    ("time-out-plan", "during"): {
        "a": ("Walk round the block and breathe slowly.",),
        "b": ("Sit on the balcony and listen to one song.",),
    },
    ("time-out-plan", "return"): {
        "both": ("The one who called the pause comes back and starts with what they heard.",)
    },
    ("i-statement-builder", "request_answer"): {
        "a": ("Yes, and I will say when I need a minute.",),
        "b": ("Yes. Texting when I am late is fair.",),
    },
    ("rebuilding-trust", "concrete"): {
        "a": ("Telling me honestly when a day was hard, before I have to ask.",),
        "b": ("Letting me show it with small things over time, not one big promise.",),
    },
    ("rebuilding-trust", "hard_part"): {
        "a": ("Not checking your phone when I feel uneasy.",),
        "b": ("Being patient when you are still wary.",),
    },
    ("rebuilding-trust-part-2", "choose"): {
        "both": ("Jordan texts if plans change; we share the calendar; a Sunday check-in.",)
    },
    ("rebuilding-trust-part-2", "time_limit"): {"both": ("in four weeks",)},
    ("shared-activity-plan", "own_idea"): {
        "a": ("Learning to make dumplings.",),
        "b": ("The lake path at sunrise.",),
    },
    ("shared-activity-plan", "choose"): {"both": ("a Saturday morning walk by the lake",)},
    ("shared-activity-plan", "obstacles"): {
        "both": ("If it rains we go to the café with the big windows instead.",)
    },
    ("needs-and-expectations", "my_needs"): {
        "a": ("Help with the evening dishes without being asked.",),
        "b": ("A quiet half hour after work before we talk about plans.",),
    },
    ("needs-and-expectations", "flexible"): {
        "a": ("I don't need you to answer texts straight away.",),
        "b": ("Dinner doesn't have to be at seven every night.",),
    },
    ("needs-and-expectations", "agreed"): {
        "both": ("Jordan does the dishes on weekdays; a quiet half hour after work",)
    },
    ("soft-start-up", "harsh"): {
        "a": ("You never plan anything for us.",),
        "b": ("Why do you always leave the mess for me?",),
    },
    ("soft-start-up", "soft"): {
        "a": ("I miss doing things together. Could we plan one outing this month?",),
        "b": ("I feel tired when the kitchen is messy at night. Could we clear it together?",),
    },
    ("soft-start-up", "notice"): {
        "a": ("It felt calmer; I didn't get defensive.",),
        "b": ("We finished the talk in ten minutes.",),
    },
    ("repair-and-apology", "what"): {"both": ("I missed our dinner last Friday and didn't call.",)},
    ("repair-and-apology", "effect"): {
        "both": ("You waited for an hour and felt it was the old pattern again.",)
    },
    ("repair-and-apology", "different"): {"both": ("text if I will be more than 15 minutes late",)},
    ("repair-and-apology", "answer"): {"both": ("Thank you for saying it plainly. I heard it.",)},
    ("agreements-review", "working"): {
        "a": ("The Sunday check-in: it is short and we look forward to it.",),
        "b": ("The lake walks. They are the best part of my week.",),
    },
    ("agreements-review", "not_working"): {
        "a": ("Appreciations three times a week feels like a lot some weeks.",),
        "b": ("Sharing the calendar: I forget to update it.",),
    },
    ("agreements-review", "adjust_how"): {
        "both": ("Two appreciations a week, one of them out loud at dinner.",)
    },
    ("agreements-review", "next_review"): {"both": ("In a month, on a Sunday afternoon",)},
    ("our-story", "memories"): {
        "a": ("The first trip to the coast, and the night the power went out.",),
        "b": ("Meeting at the bus stop, and painting the kitchen together.",),
    },
    # Private exercises: this text is sealed to its author and must never appear in an export
    # made without their unlock (the tests search every export for it).
    ("naming-feelings", "word"): {"a": ("Stretched thin, like a rubber band near snapping.",)},
    ("naming-feelings", "asking"): {"a": ("Asking for an evening where nobody needs me.",)},
    ("noticing-triggers", "moment"): {
        "a": ("Jordan's phone lit up face down on the table and he turned it over quickly.",),
        "b": ("Maya sighed when I said I'd be home late from the Thursday meeting.",),
    },
    ("noticing-triggers", "thought"): {
        "a": ("Here we go again, he is hiding something.",),
        "b": ("She'll never believe I have really changed.",),
    },
    ("noticing-triggers", "old_echo"): {
        "a": ("My father's long silences at dinner.",),
        "b": ("Being told as a kid that I always ruin things.",),
    },
    ("noticing-triggers", "next_time"): {
        "a": ("Name it out loud: I'm feeling uneasy, can we talk after dinner?",),
        "b": ("Breathe, and ask her what the sigh meant instead of guessing.",),
    },
}

GENERIC: tuple[str, ...] = (
    "Feeling listened to without being fixed.",
    "A little more patience from both of us.",
    "Taking it one small step at a time.",
    "Saying thank you more often.",
)

PARAPHRASES: tuple[str, ...] = (
    "What I heard is that Saturday mornings feel rushed and you'd like one slow one.",
    "You're saying the worry is less about work and more about feeling alone in it.",
    "So it matters to you that we decide together rather than one of us planning.",
    "You'd like me to ask before I assume what you need.",
)

CHOICES: dict[tuple[str, str], Any] = {
    ("repair-and-apology", "ready"): "yes",
    ("repair-and-apology", "receiving"): "heard",
    ("agreements-review", "decision"): "adjust",
    ("rebuilding-trust", "roles"): "both_ways",
    ("soft-start-up", "spot"): "soft",
    ("appreciation-exchange", "receiving"): None,  # let the generator pick
}

# Direct goals: (title, cadence, owner, private, why, start week, start day)
DIRECT_GOALS: tuple[tuple[str, str, PartnerKey | None, bool, str, int, int], ...] = (
    (
        "Walk together after dinner",
        "2 per week",
        None,
        False,
        "Time side by side, no agenda.",
        1,
        0,
    ),
    ("Go to my Thursday group", "thu", "b", False, "It keeps me steady.", 1, 0),
    (
        "Call my sister Ines on Sundays without mentioning Jordan",
        "weekly",
        "a",
        True,
        "I need one conversation a week that is only mine.",
        2,
        0,
    ),
    (
        "Delete the betting app again whenever it reappears",
        "daily",
        "b",
        True,
        "Ninety clean days by summer.",
        1,
        2,
    ),
)

JOURNAL: dict[PartnerKey, tuple[tuple[int, int, str, str, tuple[str, ...], str], ...]] = {
    # (week, day, title, body, tags, mood)
    "a": (
        (
            1,
            2,
            "Starting, and scared to hope",
            "Nervous about the workbook. Part of me wants this to work so badly "
            "that I am scared to hope. Writing it here so I can look back.",
            ("start",),
            "uneasy",
        ),
        (
            2,
            4,
            "Heard, properly heard",
            "When Jordan reflected back what I said about work, I cried a bit "
            "afterwards in the bathroom. Good tears, I think.",
            ("listening",),
            "tender",
        ),
        (
            4,
            2,
            "Trust is slow, and I still check",
            "I still check the bank statements. I don't want to tell him "
            "yet. Maybe in the next trust exercise.",
            ("trust",),
            "wary",
        ),
        (
            6,
            4,
            "Six weeks, and a laugh on the lake path",
            "We laughed on the lake walk today. First time in months it felt "
            "easy. I want to remember this one.",
            ("good-day",),
            "hopeful",
        ),
    ),
    "b": (
        (
            1,
            3,
            "Day nine without the app",
            "Nine days without the app. The urge came at lunch and passed "
            "after a walk round the car park.",
            ("recovery",),
            "tired",
        ),
        (
            3,
            1,
            "After our first time-out",
            "We used pause tea for the first time. I hated stopping "
            "mid-sentence but it worked; we talked again an hour later.",
            ("conflict",),
            "calmer",
        ),
        (
            5,
            5,
            "What the Thursday group said",
            "Told the Thursday group about the repair exercise. Someone said "
            "apologies are a start, not a finish. Keeping that.",
            ("recovery", "group"),
            "steady",
        ),
    ),
}


@dataclass
class DemoResult:
    """What :func:`build_demo` made: counts for a summary, and the private words it wrote.

    ``private_texts`` holds, per partner, every private word the demo wrote (journal titles
    and bodies, private exercise answers, private goal titles and reasons), so tests can
    search exports for them.
    """

    home: Path
    end: date
    sessions: int = 0
    goals: int = 0
    checkins: int = 0
    scores: int = 0
    journal_entries: int = 0
    private_texts: dict[PartnerKey, list[str]] = field(default_factory=lambda: {"a": [], "b": []})


class _Player:
    """Plays exercises through the engine and the sessions API, with seeded answers."""

    def __init__(self, store: Store, library: Library, rng: random.Random, end: date) -> None:
        self.store = store
        self.library = library
        self.rng = rng
        self.end = end
        self.names = {"a": DEMO_NAMES[0], "b": DEMO_NAMES[1]}
        from workbook.exercises import load_programs
        from workbook.program_progress import program_steps

        program = load_programs(library).programs.get(DEMO_PROGRAM)
        self.steps = program_steps(program) if program is not None else []
        self.taken: set[int] = set()

    def origin(self, exercise_id: str) -> SessionOrigin:
        """Where the demo couple starts ``exercise_id``: its next step in *Six weeks together*
        (the one it is part of, when it is done again), or outside the program."""
        from workbook.sessions import OUTSIDE_PROGRAMS, SessionOrigin

        places = [i for i, step in enumerate(self.steps) if step == exercise_id]
        if not places:
            return OUTSIDE_PROGRAMS
        step = next((i for i in places if i not in self.taken), places[-1])
        self.taken.add(step)
        return SessionOrigin(program=DEMO_PROGRAM, step=step)

    # -- answers ---------------------------------------------------------------------------

    def words(self, exercise_id: str, step_id: str, key: str) -> str:
        bank = TEXTS.get((exercise_id, step_id), {})
        options = bank.get(key) or bank.get("both") or GENERIC
        return self.rng.choice(options)

    def value(self, engine: Engine, step: Step, key: str, week: int) -> Any:
        from workbook.exercises.models import (
            ChecklistStep,
            ChoiceStep,
            FillStep,
            PromptStep,
            ScaleStep,
            text,
        )

        ex = engine.exercise.id
        if isinstance(step, PromptStep):
            return self.words(ex, step.id, key)
        if isinstance(step, ChoiceStep):
            chosen = CHOICES.get((ex, step.id))
            values = [o.value for o in step.options]
            if step.select == "single":
                return chosen if chosen in values else self.rng.choice(values)
            fewest = max(step.min_selected, 1)
            most = max(fewest, min(len(values), 2, step.max_selected or 2))
            return self.rng.sample(values, k=self.rng.randint(fewest, most))
        if isinstance(step, ChecklistStep):
            values = [o.value for o in step.items]
            return self.rng.sample(values, k=min(len(values), self.rng.randint(2, 4)))
        if isinstance(step, ScaleStep):
            return self.scale(step, key, week)
        if isinstance(step, FillStep):
            return {
                b.id: text(self.rng.choice(b.suggestions), engine.lang)
                if b.suggestions
                else self.rng.choice(GENERIC)
                for b in step.blanks
            }
        return None

    def scale(self, step: Any, key: str, week: int) -> Any:
        """Ratings that improve over the weeks, Jordan a little behind Maya at first."""
        lag = 0.4 if key == "b" else 0.0
        if not step.items:
            span = step.max - step.min
            level = 0.45 + 0.07 * week - lag / 5 + self.rng.uniform(-0.1, 0.1)
            return max(step.min, min(step.max, step.min + round(span * level)))
        out = {}
        for item in step.items:
            lo, hi = step.item_range(item)
            mean = 2.1 + 0.4 * (week - 1) - lag + self.rng.uniform(-0.7, 0.7)
            raw = max(lo, min(hi, round(mean)))
            out[item.id] = lo + hi - raw if item.reverse else raw
        return out

    # -- playing ---------------------------------------------------------------------------

    def play(
        self,
        exercise: Exercise,
        day: date,
        week: int,
        author: PartnerKey | None,
        stop_at: str | None = None,
    ) -> tuple[str, list[str]]:
        """Play ``exercise`` on ``day``, saving as the runner does; return (id, private words)."""
        from workbook import sessions
        from workbook.engine import Engine
        from workbook.exercises.models import (
            AgreementStep,
            PauseStep,
            PromptStep,
            ReadStep,
            RevealStep,
            TimerStep,
            TurnsStep,
            text,
        )

        hour = time(7, 30) if day >= self.end else time(19, 0)
        moment = [datetime.combine(day, hour).astimezone()]

        def clock() -> datetime:
            moment[0] += timedelta(minutes=2)
            return moment[0]

        engine = Engine.start(
            exercise, names=self.names, solo=author, speaker=self.rng.choice(("a", "b"))
        )
        record = sessions.start(
            self.store,
            exercise,
            engine.state.model_dump(mode="json"),
            author=author if exercise.mode == "private" else None,
            title=text(exercise.title),
            origin=self.origin(exercise.id),
            # The couple read the safety notes before the first step, as the runner asks.
            ui={sessions.safety_field(p): True for p in ((author,) if author else PARTNERS)}
            if exercise.safety_notes
            else None,
            clock=clock,
        )
        written: list[str] = []
        while not engine.finished and engine.step.id != stop_at:
            step = engine.step
            if isinstance(step, TurnsStep):
                while engine.turn_view().phase != "done":
                    view = engine.turn_view()
                    if view.phase == "speak":
                        engine.answer(None, view.speaker)
                    elif view.phase == "paraphrase":
                        engine.answer(self.rng.choice(PARAPHRASES), view.listener)
                    else:
                        engine.answer(True, view.speaker)
            elif isinstance(step, AgreementStep):
                for partner in engine.unconfirmed():
                    engine.confirm(partner)
                self.goal_from_agreement(engine, step.id, record.id, day)
            elif isinstance(step, TimerStep | PauseStep):
                engine.answer(getattr(step, "seconds", 60) or 60)
            elif not isinstance(step, ReadStep | RevealStep):
                for key in list(engine.waiting_for()):
                    value = self.value(engine, step, key, week)
                    engine.answer(value, key)
                    if isinstance(step, PromptStep) and exercise.mode == "private":
                        written.append(value)
            engine.next()
            state = engine.state.model_dump(mode="json")
            if engine.finished:
                record = sessions.finish(self.store, record, state, clock=clock, engine=engine)
            else:
                record = sessions.save(
                    self.store, record, state, position=engine.state.position, clock=clock
                )
        return record.id, written

    def goal_from_agreement(self, engine: Engine, step_id: str, session_id: str, day: date) -> None:
        """Both partners confirmed: the agreement becomes a goal, as the runner makes it."""
        from workbook.goals.models import GoalSource
        from workbook.goals.repo import add_goal

        for draft in engine.goals_to_create():
            if draft.step_id != step_id:
                continue
            words = engine.state.answers.get(step_id, {}).get("both")
            add_goal(
                self.store,
                title=draft.title,
                cadence=draft.cadence,
                partner=draft.partner,
                why=draft.note or "",
                source=GoalSource(
                    kind="agreement",
                    agreement_text=str(words or ""),
                    session_id=session_id,
                    exercise_id=engine.exercise.id,
                ),
                start=day,
                today=self.end,
            )


def _checkins(store: Store, rng: random.Random, start: date, end: date) -> int:
    """Check-ins on every goal, period by period, getting steadier over the weeks."""
    from workbook.goals.repo import goals, record_checkin
    from workbook.goals.schedule import periods

    notes = (
        "Short one, but we did it.",
        "Rain, so we walked to the corner shop and back.",
        "Felt good today.",
    )
    made = 0
    for goal in sorted(goals(store).all(), key=lambda g: (g.start_date, g.title)):
        for period in periods(goal.plan(), end):
            days = [d for d in period.eligible if d <= end]
            if not days:
                continue
            week = min(WEEKS, (period.start - start).days // 7 + 1)
            for partner in goal.partners():
                reliability = 0.55 + 0.07 * week + (0.05 if partner == "a" else 0.0)
                wanted = sum(1 for _ in range(period.target) if rng.random() < reliability)
                chosen = sorted(rng.sample(days, k=min(wanted, len(days))))
                for day in chosen:
                    roll = rng.random()
                    rated = rng.random() < 0.6
                    rating = max(1, min(10, round(4 + 0.8 * week + rng.uniform(-1.5, 1.5))))
                    if roll < 0.06:
                        record_checkin(
                            store,
                            goal.id,
                            partner,
                            "skipped",
                            day=day,
                            today=end,
                            skip_reason="Away for work" if partner == "b" else "Ill in bed",
                        )
                    else:
                        status = "partly" if roll < 0.2 else "done"
                        note = rng.choice(notes) if goal.shared and rng.random() < 0.15 else None
                        record_checkin(
                            store,
                            goal.id,
                            partner,
                            status,
                            day=day,
                            today=end,
                            rating=rating if rated else None,
                            note=note,
                        )
                    made += 1
    return made


def build_demo(
    home: Path,
    *,
    end: date = DEMO_END,
    seed: int = DEMO_SEED,
    library: Library | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoResult:
    """Fill the empty workbook in ``home`` with the demo couple; see the module docstring."""
    from workbook.couple import find_couple, make_couple, save_couple
    from workbook.errors import WorkbookError
    from workbook.exercises import load_library
    from workbook.goals.repo import add_goal, checkins, goals
    from workbook.goals.scores import scores
    from workbook.journal import crypto, vault
    from workbook.store import Store

    def say(what: str) -> None:
        if progress is not None:
            progress(what)

    rng = random.Random(seed)
    library = library if library is not None else load_library(None)
    start = end - timedelta(days=WEEKS * 7 - 1)
    result = DemoResult(home=home, end=end)

    def day_of(week: int, weekday: int) -> date:
        return min(end, start + timedelta(days=(week - 1) * 7 + weekday))

    with Store.open(home) as store, store.transaction():
        if find_couple(store) is not None:
            raise WorkbookError(f"{home} already holds a workbook; the demo needs an empty folder.")
        couple = make_couple(*DEMO_NAMES).model_copy(update={"safety_acknowledged": True})
        save_couple(store, couple)
        say("journal keys")
        vault.mark_demo_home(store)
        for partner in PARTNERS:
            vault.store_key(store, partner, crypto.demo_keys(), demo=True)

        say("sessions")
        player = _Player(store, library, rng, end)
        for week, weekday, exercise_id, author, stop_at in SCHEDULE:
            exercise = library.get(exercise_id)
            _, written = player.play(exercise, day_of(week, weekday), week, author, stop_at)
            if author is not None:
                result.private_texts[author].extend(written)

        say("goals")
        for title, cadence, owner, private, why, week, weekday in DIRECT_GOALS:
            add_goal(
                store,
                title=title,
                cadence=cadence,
                partner=owner,
                private=private,
                why=why,
                start=day_of(week, weekday),
                today=end,
            )
            if private and owner is not None:
                result.private_texts[owner] += [title, why]
        say("check-ins")
        result.checkins = _checkins(store, rng, start, end)

        say("journal")
        for partner, items in JOURNAL.items():
            for week, weekday, title, body, tags, mood in items:
                entry = vault.add_entry(
                    store, partner, {"title": title, "body": body, "tags": list(tags), "mood": mood}
                )
                when = datetime.combine(day_of(week, weekday), time(22, 15)).astimezone()
                vault.entries(store).put(
                    entry.model_copy(update={"created": when, "updated": when})
                )
                result.private_texts[partner] += [title, body]
                result.journal_entries += 1

        from workbook.sessions import sessions

        result.sessions = sessions(store).count()
        result.goals = goals(store).count()
        result.checkins = checkins(store).count()
        result.scores = scores(store).count()
    return result
