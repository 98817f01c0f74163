"""The exercises for couples in recovery, each played through the real engine.

Each test plays one bundled exercise from its first step to its end with chosen answers (a
plausible answer wherever the test does not care) and checks what a couple would meet: which
steps appear on that path, what the agreement says and which goal it creates. The safety
check is also checked for what it must never do: show a calm ending to someone whose answers
point to danger.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from workbook.engine import Engine, GoalDraft
from workbook.exercises import Library, load_library
from workbook.exercises.models import AgreementStep, RevealStep, TurnsStep
from workbook.partners import PARTNERS, is_partner
from workbook.playthrough import candidates, walk

NAMES = {"a": "Ana", "b": "Ben"}
SKIP = object()
"""An answer meaning: leave this optional step empty."""

NEW = (
    "if-a-slip-happens",
    "private-safety-check",
    "daily-trust-ritual",
    "supporting-without-policing",
    "questions-after-lies",
    "before-and-after-a-session",
    "money-after-addiction",
    "intimacy-in-early-recovery",
)


@dataclass(frozen=True)
class Each:
    """Different answers from the two partners to a `who: each` step."""

    a: Any
    b: Any


@dataclass
class Played:
    """What one play-through met: the steps shown, the goals made and the finished engine."""

    seen: list[str]
    goals: list[GoalDraft]
    engine: Engine

    def text_of(self, step_id: str) -> str:
        """The agreement's final words (the answer stored for it)."""
        value = self.engine.state.answers[step_id]["both"]
        assert isinstance(value, str)
        return value


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The bundled library, as the app loads it."""
    return load_library(tmp_path_factory.mktemp("home"))


def play(library: Library, exercise_id: str, **answers: Any) -> Played:
    """Play ``exercise_id`` to its end: every step rendered for both partners, answered with
    ``answers[step id]`` (an :class:`Each` for two different answers, :data:`SKIP` to leave an
    optional step empty) or a plausible answer; agreements are confirmed by everyone and each
    turn's paraphrase is accepted."""
    exercise = library.get(exercise_id)
    engine = Engine.start(exercise, names=NAMES, speaker="a")
    seen: list[str] = []
    while not engine.finished:
        step = engine.step
        seen.append(step.id)
        for viewer in (None, *PARTNERS):
            assert "{" not in engine.step_text(step, viewer), (exercise_id, step.id)
        if isinstance(step, AgreementStep):
            for partner in [k for k in engine.waiting_for() if is_partner(k)]:
                engine.confirm(partner)
        if isinstance(step, TurnsStep):
            while engine.actor() is not None:
                paraphrase = engine.turn_view().phase == "paraphrase"
                engine.answer("I heard you say it mattered." if paraphrase else True)
        for key in list(engine.waiting_for()):
            given = answers.get(step.id, candidates(step, None)[0])
            value = getattr(given, str(key)) if isinstance(given, Each) else given
            if value is not SKIP:
                engine.answer(value, key)
        engine.next()
    return Played(seen, engine.goals_to_create(), engine)


@pytest.mark.parametrize("exercise_id", NEW)
def test_each_new_exercise_names_approach_and_source_and_walks_clean(
    library: Library, exercise_id: str
) -> None:
    """Every new exercise loads, names its approach and a public source, keeps to one short
    sitting, and every branch is reachable and renders."""
    exercise = library.get(exercise_id)
    assert exercise.approach.strip() and exercise.source
    assert exercise.minutes <= 20
    assert exercise.safety_notes
    report = walk(exercise)
    assert report.ok, report


def test_safety_check_is_private_and_plain_about_danger(library: Library) -> None:
    """Done alone and sealed (private mode), under a neutral title (History shows titles to
    both partners); a threat leads to the plain danger message, with the international
    helpline directory, and never to the all-clear."""
    check = library.get("private-safety-check")
    assert check.mode == "private"
    title_words = str(check.title).lower().replace(":", " ").split()
    assert not {"safety", "danger", "abuse", "fear", "violence", "crisis"} & set(title_words)
    played = play(library, "private-safety-check", threats="yes", fear="no", control=[])
    assert "danger" in played.seen
    assert "steady" not in played.seen and "concern" not in played.seen
    danger = played.engine.exercise.step("danger")
    assert "not advised" in played.engine.render(danger.text)
    assert "findahelpline.com" in played.engine.render(danger.text)


@pytest.mark.parametrize(
    "answers",
    [
        {"safe_now": "no"},
        {"fear": "often"},
        {"control": ["isolates"]},
        {"control": ["money"]},
    ],
)
def test_safety_check_treats_each_danger_sign_as_danger(
    library: Library, answers: dict[str, Any]
) -> None:
    """Not feeling safe tonight, frequent fear, isolation or money control each lead to the
    danger message on their own."""
    calm = {"fear": "no", "control": [], "threats": "no", "safe_now": "yes", "own_fear": "no"}
    played = play(library, "private-safety-check", **{**calm, **answers})
    assert "danger" in played.seen and "steady" not in played.seen


def test_safety_check_all_clear_and_crisis_plan(library: Library) -> None:
    """Calm answers reach the all-clear and the crisis plan; a fear of hurting someone brings
    its own message; the plan creates no goal."""
    calm = {"fear": "no", "control": [], "threats": "no", "safe_now": "yes", "own_fear": "no"}
    played = play(library, "private-safety-check", **calm)
    assert "steady" in played.seen and "danger" not in played.seen
    assert "self_harm" not in played.seen
    assert {"warning_signs", "people", "services"} <= set(played.seen)
    worried = play(library, "private-safety-check", **{**calm, "own_fear": "yes"})
    assert "self_harm" in worried.seen
    middling = play(library, "private-safety-check", **{**calm, "fear": "sometimes"})
    assert "concern" in middling.seen and "steady" not in middling.seen
    assert played.goals == []


def test_trust_ritual_first_time_creates_a_daily_goal(library: Library) -> None:
    """The first time, the ritual explains itself and ends in a shared daily goal; afterwards
    it is the two-minute ritual alone and creates nothing new."""
    assert library.get("daily-trust-ritual").minutes <= 2
    first = play(library, "daily-trust-ritual", first_time="yes")
    assert "how" in first.seen
    assert [(g.title, g.cadence, g.partner) for g in first.goals] == [
        ("Two-minute trust ritual", "daily", None)
    ]
    again = play(library, "daily-trust-ritual", first_time="no")
    assert "how" not in again.seen and again.goals == []
    assert {"intent", "thanks_for_intent", "thanks_back"} <= set(again.seen)


def test_slip_plan_names_the_team_and_a_monthly_review(library: Library) -> None:
    """The slip plan puts the named contact into the agreement and creates a monthly goal to
    look it over."""
    played = play(library, "if-a-slip-happens", team="my counsellor Dee, the same day")
    assert "safety" in played.seen
    assert "my counsellor Dee, the same day" in played.text_of("plan")
    assert "not a reason to punish" in played.text_of("plan")
    assert [(g.cadence, g.partner) for g in played.goals] == [("monthly", None)]


def test_supporting_without_policing_gives_the_partner_their_own_goal(library: Library) -> None:
    """The supporting partner (the listener) gets a weekly goal of their own support."""
    played = play(
        library,
        "supporting-without-policing",
        own_support=["family_group"],
        reward="a film night on Fridays",
    )
    assert "a film night on Fridays" in played.text_of("deal")
    assert [(g.cadence, g.partner) for g in played.goals] == [("weekly", "b")]


def test_questions_after_lies_stop_when_either_is_not_ready(library: Library) -> None:
    """If either partner is not ready, the exercise stops after saying so: no questions."""
    played = play(library, "questions-after-lies", ready=Each("yes", "not_today"))
    assert played.seen == ["intro", "ready", "show_ready", "not_today"]


def test_questions_after_lies_are_bounded(library: Library) -> None:
    """With both ready: limits first, then one to three questions (each answered aloud);
    a new disclosure is sent to a supported session."""
    one = play(library, "questions-after-lies", ready="yes", q2=SKIP, new_news="no")
    assert one.seen.index("limits") < one.seen.index("q1")
    assert "a1" in one.seen and not {"a2", "q3", "a3", "for_session"} & set(one.seen)
    three = play(
        library, "questions-after-lies", ready="yes", q2="Why?", q3="When?", new_news="yes"
    )
    assert {"a2", "a3", "for_session"} <= set(three.seen)


def test_session_bridge_before_and_after(library: Library) -> None:
    """Before a session it gathers what to bring; after one, what each heard and one thing to
    try this week, which becomes a one-off goal."""
    before = play(library, "before-and-after-a-session", timing="before")
    assert {"bring", "show_bring", "packet"} <= set(before.seen)
    assert "heard" not in before.seen and before.goals == []
    after = play(
        library,
        "before-and-after-a-session",
        timing="after",
        goals_check="change",
        **{"try": "a walk after dinner"},
    )
    assert {"heard", "show_heard", "change_note"} <= set(after.seen)
    assert [(g.title, g.cadence) for g in after.goals] == [
        ("Try this week: a walk after dinner", "weekly")
    ]


def test_money_agreement_is_time_limited(library: Library) -> None:
    """The money agreement names its time limit and the chosen steps, and becomes a weekly
    goal; debt help appears only when there are debts to face."""
    played = play(
        library,
        "money-after-addiction",
        debts="no",
        access=["weekly_look", "own_money"],
        how_long="two months",
    )
    assert "debts_note" not in played.seen
    words = played.text_of("deal")
    assert "two months" in words and "not a punishment" in words
    assert [g.cadence for g in played.goals] == ["weekly"]
    with_debts = play(library, "money-after-addiction", debts="unsure")
    assert {"debts_note", "first_step"} <= set(with_debts.seen)


def test_intimacy_answers_are_blind_until_revealed(library: Library) -> None:
    """Each partner's closeness answers stay hidden from the other until the reveal, and the
    agreement leaves either of them free to say no."""
    exercise = library.get("intimacy-in-early-recovery")
    engine = Engine.start(exercise, names=NAMES)
    engine.next()  # past the introduction
    engine.answer(["hands"], "a")
    assert engine.visible_answers("b").get("closeness", {}) == {}
    assert engine.visible_answers("a")["closeness"] == {"a": ["hands"]}
    played = play(library, "intimacy-in-early-recovery", closeness=Each(["hands"], ["little"]))
    assert "consent" in played.seen
    assert "not tonight" in played.text_of("deal")
    assert [g.cadence for g in played.goals] == ["2 per week"]


# --- fixes to exercises that were already in the library ---------------------------------------


def test_weekly_on_guard_answer_is_never_revealed_nor_scored(library: Library) -> None:
    """A high "on guard" answer is not shown side by side or counted in the scores: no reveal
    names it, the scale leaves it out, and every week points to the private safety check."""
    check_in = library.get("weekly-check-in")
    revealed = {n for step in check_in.steps if isinstance(step, RevealStep) for n in step.steps}
    assert "guard" not in revealed
    assert check_in.scale is not None and "guard" not in check_in.scale.steps
    played = play(library, "weekly-check-in", guard=Each(5, 1))
    assert "guard_note" in played.seen
    assert played.engine.visible_answers(None).get("guard", {}) == {}
    note = check_in.step("guard_note")
    assert "private safety check" in played.engine.render(note.text)
    assert "private-safety-check" in library.exercises


def test_recovery_check_in_has_a_kind_path_for_i_used(library: Library) -> None:
    """Saying "I used" leads to thanks, safety and who to tell in the team; "no" skips it."""
    used = play(library, "recovery-support-check-in", used="yes")
    assert {"used_first", "used_call", "used_partner"} <= set(used.seen)
    clean = play(library, "recovery-support-check-in", used="no")
    assert not {"used_first", "used_call"} & set(clean.seen)


def test_repair_asks_the_receiver_first_and_keeps_disclosures_for_a_session(
    library: Library,
) -> None:
    """The receiver is asked if they are ready today; "not today" ends it before anyone writes
    an apology; when ready, a note keeps new disclosures for a supported session first."""
    not_today = play(library, "repair-and-apology", ready="not_today")
    assert not_today.seen == ["intro", "ready", "not_today"] and not_today.goals == []
    ready = play(library, "repair-and-apology", ready="yes")
    assert ready.seen.index("no_news") < ready.seen.index("what")
    assert len(ready.goals) == 1


@pytest.mark.parametrize(
    ("depths", "deeper", "not_shown"),
    [
        (Each("light", "light"), set(), {"middle", "middle_a", "middle_b", "deep"}),
        (Each("deep", "light"), {"middle_a", "deep_a"}, {"middle", "middle_b", "deep"}),
        (Each("middle", "deep"), {"middle", "deep_b"}, {"deep", "deep_a", "middle_b"}),
        (Each("deep", "deep"), {"middle", "deep"}, {"middle_a", "deep_a", "deep_b"}),
    ],
)
def test_sharing_lets_each_partner_choose_their_own_depth(
    library: Library, depths: Each, deeper: set[str], not_shown: set[str]
) -> None:
    """A deeper round is shared when both chose it, and answered alone by whoever chose it
    when the other did not; nobody is taken deeper than they chose."""
    played = play(library, "sharing-a-little-more", depth=depths)
    assert deeper <= set(played.seen)
    assert not not_shown & set(played.seen)


@pytest.mark.parametrize(
    ("exercise_id", "words"),
    [
        ("listening-without-fixing", "outside"),
        ("safe-space", "therapist or sponsor"),
        ("our-story", "drinking or using"),
        ("forgiving-at-your-pace", "boundaries"),
    ],
)
def test_wording_fixes_are_in_place(library: Library, exercise_id: str, words: str) -> None:
    """Listening keeps to stress from outside, the privacy rule allows a therapist or sponsor,
    old memories tied to using can be stepped around, forgiving sits with boundaries."""
    played = play(library, exercise_id)
    shown = " ".join(
        played.engine.render(getattr(step, attr))
        for step in played.engine.exercise.steps
        for attr in ("text", "speaker_prompt")
        if getattr(step, attr, None) is not None
    )
    labels = " ".join(
        str(item.label)
        for step in played.engine.exercise.steps
        for item in getattr(step, "items", [])
    )
    assert words in shown + labels


def test_the_source_is_shown_where_people_read_about_an_exercise(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The library's detail pane says "Read more:" with the source, and `exercises show`
    prints it, so a couple (or their therapist) can look the approach up."""
    from workbook.cli import run
    from workbook.tui.screens.library import describe

    ritual = library.get("daily-trust-ritual")
    assert ritual.source is not None
    assert f"Read more: {ritual.source}" in describe(ritual, "en")
    assert run(["--home", str(tmp_path), "exercises", "show", "daily-trust-ritual"]) == 0
    assert f"source:    {ritual.source}" in capsys.readouterr().out
