"""The bundled library: every shipped exercise, guide reference and program is sound.

These tests read the real files under ``exercises/`` and ``content/`` through the same loader
the app uses, so a broken file, a missing guide or a program naming a removed exercise fails
here before it reaches a couple. They check structure and promises (coverage of every area,
an approach on every exercise, safety notes where topics are raw), never wording.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook import locations
from workbook.exercises import Exercise, Library, load_library, load_programs
from workbook.exercises.models import AgreementStep, ScaleStep
from workbook.scoring import score

#: The library sections the product promises (folder names under ``exercises/``).
REQUIRED_CATEGORIES = frozenset(
    {
        "communication",
        "trust-intimacy",
        "journaling",
        "growth",
        "boundaries",
        "conflict",
        "check-ins",
    }
)
#: Tags that mark a topic as raw enough to need a safety note before starting.
RAW_TAGS = frozenset({"addiction", "broken-trust", "recovery", "cravings", "forgiveness"})
SCHEMA_LINE = "# yaml-language-server: $schema=../schema.json"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The library as the app loads it, with an empty person's home (bundled files only)."""
    return load_library(tmp_path_factory.mktemp("home"))


@pytest.fixture(scope="module")
def bundled_files() -> list[Path]:
    """Every exercise file shipped in the bundled library."""
    return sorted(locations.bundled_exercises_dir().glob("*/*.yaml"))


def test_every_bundled_exercise_loads_without_problems(
    library: Library, bundled_files: list[Path]
) -> None:
    """Each bundled file loads with no problem at all, not even a warning (so the library
    passes `validate --strict`), and each one becomes an exercise."""
    assert [str(p) for p in library.problems] == []
    assert [str(p) for p in library.warnings] == []
    assert len(library.exercises) == len(bundled_files)


def test_library_is_large_enough(library: Library) -> None:
    """The library ships at least 24 exercises, as the product promises."""
    assert len(library.exercises) >= 24


def test_every_promised_category_is_present(library: Library) -> None:
    """Every area the product promises has at least one exercise."""
    assert set(library.categories()) >= REQUIRED_CATEGORIES


def test_every_exercise_names_its_approach_and_a_source(library: Library) -> None:
    """Each exercise says which approach it draws on, in words, and a public source where
    that approach is described, so a couple (or their therapist) can read more."""
    missing = [e.id for e in library.exercises.values() if not e.approach.strip()]
    assert missing == []
    unsourced = [e.id for e in library.exercises.values() if not (e.source or "").strip()]
    assert unsourced == []


def test_files_sit_in_their_category_folder_and_point_at_the_schema(
    library: Library, bundled_files: list[Path]
) -> None:
    """A file is named after its id, lives in its category's folder and names the schema."""
    for path in bundled_files:
        exercise = library.entries[path.stem].exercise
        assert exercise.category == path.parent.name, path
        assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE, path


def test_every_guide_reference_resolves(library: Library) -> None:
    """Every guide an exercise offers exists among the bundled guides."""
    guides = {p.name for p in locations.guides_dir().glob("*.md")}
    dangling = [
        (e.id, guide)
        for e in library.exercises.values()
        for guide in e.guides
        if guide not in guides
    ]
    assert dangling == []


def test_guides_are_offered(library: Library) -> None:
    """At least eight guides ship, and every one of them is offered by some exercise."""
    guides = {p.name for p in locations.guides_dir().glob("*.md")}
    offered = {guide for e in library.exercises.values() for guide in e.guides}
    assert len(guides) >= 8
    assert guides <= offered


def test_every_program_references_existing_exercises(library: Library) -> None:
    """Each bundled program loads, names only exercises in the library, a few per week."""
    programs = load_programs(library)
    assert [str(p) for p in programs.problems] == []
    assert "six-weeks-together" in programs.programs
    six = programs.programs["six-weeks-together"]
    assert len(six.weeks) == 6
    for program in programs.programs.values():
        for week in program.weeks:
            assert 2 <= len(week.exercises) <= 4, (program.id, week.week)
            assert set(week.exercises) <= set(library.exercises)


def test_recovery_program_runs_alongside_treatment(library: Library) -> None:
    """The program for couples alongside an outpatient program: about eight weeks, safety
    check and time-out plan in week 1, boundaries and the daily trust ritual by week 2, repair
    before rebuilding trust, at most two together sittings a week, each short, journaling
    scheduled, and a review of the check-in at the midpoint and at the end."""
    program = load_programs(library).programs["eight-weeks-alongside-treatment"]
    weeks = program.weeks
    assert 7 <= len(weeks) <= 9
    assert {"private-safety-check", "time-out-plan"} <= set(weeks[0].exercises)
    early = {e for week in weeks[:2] for e in week.exercises}
    assert {"recovery-boundaries", "daily-trust-ritual"} <= early
    order = [e for week in weeks for e in week.exercises]
    assert order.index("repair-and-apology") < order.index("rebuilding-trust")
    for week in weeks:
        together = [
            library.get(e)
            for e in week.exercises
            if library.get(e).mode == "together" and library.get(e).minutes > 2
        ]
        assert len(together) <= 2, week.week
        assert all(e.minutes <= 20 for e in together), week.week
    journaling = [
        w.week for w in weeks if any(library.get(e).mode == "private" for e in w.exercises)
    ]
    assert len(journaling) >= 4
    reviewed = [w.week for w in weeks if w.review is not None]
    assert reviewed == [len(weeks) // 2, len(weeks)]
    assert all(w.review.scale == "weekly-check-in" for w in weeks if w.review is not None)


def test_six_weeks_starts_with_a_time_out_and_repairs_before_trust(library: Library) -> None:
    """Six weeks together: the time-out plan comes first, repair before rebuilding trust, the
    last week is lighter than the ones before, and it ends with a review."""
    weeks = load_programs(library).programs["six-weeks-together"].weeks
    assert weeks[0].exercises[0] == "time-out-plan"
    order = [e for week in weeks for e in week.exercises]
    assert order.index("repair-and-apology") < order.index("rebuilding-trust")

    def minutes(week_index: int) -> int:
        return sum(library.get(e).minutes for e in weeks[week_index].exercises)

    assert minutes(-1) < min(minutes(i) for i in range(1, len(weeks) - 1))
    assert weeks[-1].review is not None


def test_raw_topics_carry_a_safety_note(library: Library) -> None:
    """Exercises about addiction, recovery or broken trust show a safety note first."""
    bare = [
        e.id
        for e in library.exercises.values()
        if RAW_TAGS.intersection(e.tags) and not e.safety_notes
    ]
    assert bare == []


def test_journaling_prompts_are_for_one_person(library: Library) -> None:
    """Journaling exercises are solo or private and each offers a prompt the journal can use."""
    journaling = library.categories()["journaling"]
    assert len(journaling) >= 3
    for exercise in journaling:
        assert exercise.mode in ("solo", "private"), exercise.id
        assert any(step.kind == "prompt" for step in exercise.steps), exercise.id


def _scored_items(exercise: Exercise) -> list[tuple[bool, str | None]]:
    return [
        (item.reverse, item.subscale)
        for step in exercise.steps
        if isinstance(step, ScaleStep)
        for item in step.items
    ]


def test_weekly_check_in_is_a_scored_scale_of_our_own_items(library: Library) -> None:
    """The weekly check-in scores its items, with subscales, a reverse item and a licence."""
    check_in = library.get("weekly-check-in")
    assert check_in.scale is not None
    items = _scored_items(check_in)
    assert len(items) >= 4
    assert any(reverse for reverse, _ in items)
    subscales = {s.id for s in check_in.scale.subscales}
    assert len(subscales) >= 2
    assert {subscale for _, subscale in items} <= subscales
    assert check_in.scale.licence
    assert any(step.kind == "reveal" for step in check_in.steps)


def test_together_exercises_use_blind_answers_and_reveals(library: Library) -> None:
    """Several together-exercises let each partner answer blind and then reveal both answers."""
    with_reveal = [
        e
        for e in library.exercises.values()
        if e.mode == "together"
        and any(s.blind for s in e.steps)
        and any(s.kind == "reveal" for s in e.steps)
    ]
    assert len(with_reveal) >= 5


def test_boundary_agreements_create_goals_with_a_cadence(library: Library) -> None:
    """Every boundaries exercise ends in an agreement that becomes a goal with a cadence."""
    for exercise in library.categories()["boundaries"]:
        goals = [
            step.creates_goal
            for step in exercise.steps
            if isinstance(step, AgreementStep) and step.creates_goal is not None
        ]
        assert goals, exercise.id
        assert all(goal.cadence for goal in goals), exercise.id


def _extreme_week(exercise: Exercise, *, best: bool) -> dict[str, dict[str, int]]:
    """Answers to every scored item at its most positive (or most negative) end."""
    answers: dict[str, dict[str, int]] = {}
    for step in exercise.steps:
        if isinstance(step, ScaleStep) and step.items:
            answers[step.id] = {}
            for item in step.items:
                lo, hi = step.item_range(item)
                high = best != item.reverse
                answers[step.id][item.id] = hi if high else lo
    return answers


def test_weekly_check_in_bands_run_from_hard_to_good(library: Library) -> None:
    """The best possible week lands in the top band and the hardest week in the lowest one."""
    check_in = library.get("weekly-check-in")
    assert check_in.scale is not None
    cutoffs = check_in.scale.cutoffs
    best = score(check_in, _extreme_week(check_in, best=True))
    worst = score(check_in, _extreme_week(check_in, best=False))
    assert best is not None and worst is not None
    assert best.band == cutoffs[-1].label
    assert worst.band == cutoffs[0].label


def test_sittings_are_short_and_the_long_ones_say_so(library: Library) -> None:
    """At most three exercises take longer than twenty minutes (one sitting for two tired
    people at night), and each of those tells the couple to set aside an evening."""
    long = [e for e in library.exercises.values() if e.minutes > 20]
    assert len(long) <= 3, sorted(e.id for e in long)
    for exercise in long:
        assert "set aside an evening" in str(exercise.summary).lower(), exercise.id


def test_a_split_exercise_names_its_parts(library: Library) -> None:
    """An exercise split into sittings keeps its id for part 1, and each part's title says
    which part of how many it is."""
    first = library.get("rebuilding-trust")
    second = library.get("rebuilding-trust-part-2")
    assert "part 1 of 2" in str(first.title) and "part 2 of 2" in str(second.title)
    assert any(s.kind == "agreement" for s in second.steps)
