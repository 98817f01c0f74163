"""The branch walker behind `validate --walk`: reachability, render failures, generated answers."""

from __future__ import annotations

from typing import Any

from workbook.exercises.models import Exercise
from workbook.playthrough import candidates, walk


def exercise(*steps: dict[str, Any]) -> Exercise:
    return Exercise.model_validate(
        {
            "id": "walked",
            "title": "Walked",
            "summary": "For tests.",
            "category": "testing",
            "minutes": 5,
            "approach": "Testing",
            "steps": list(steps),
        }
    )


RATING = {"id": "rating", "kind": "scale", "who": "each", "min": 0, "max": 10}


def test_every_branch_is_played_and_reachable_steps_are_found() -> None:
    """Steps behind numeric, text and membership conditions are all reached."""
    report = walk(
        exercise(
            RATING,
            {"id": "low", "kind": "read", "text": "Low.", "when": "answers.rating < 3"},
            {"id": "exact", "kind": "read", "text": "Seven.", "when": "answers.rating == 7"},
            {
                "id": "mixed",
                "kind": "read",
                "text": "x",
                "when": "answers.rating.a != answers.rating.b",
            },
            {"id": "word", "kind": "prompt", "text": "Say it."},
            {"id": "said", "kind": "read", "text": "Yes.", "when": 'answers.word == "yes"'},
            {"id": "end", "kind": "read", "text": "End."},
        )
    )
    assert report.ok, report
    assert report.reached == {"rating", "low", "exact", "mixed", "word", "said", "end"}
    assert report.paths > 1 and not report.truncated


def test_contradictory_condition_is_unreachable() -> None:
    """A step whose condition no answer can satisfy is reported."""
    report = walk(
        exercise(
            RATING,
            {"id": "never", "kind": "read", "text": "x", "when": "answers.rating > 10"},
        )
    )
    assert report.unreachable == ["never"] and not report.ok


def test_render_failures_are_reported() -> None:
    """Text the loader would refuse (here built directly) is reported as a render failure."""
    report = walk(exercise({"id": "oops", "kind": "read", "text": "Hello {nobody}"}))
    assert "does not render" in report.failures["oops"]


def test_path_cap_stops_explosive_branching() -> None:
    """Many independent branch points stop at the cap instead of running for ages."""
    steps: list[dict[str, Any]] = []
    for n in range(12):
        steps.append({"id": f"c{n}", "kind": "choice", "options": ["x", "y", "z"]})
        steps.append({"id": f"r{n}", "kind": "read", "text": "r", "when": f'answers.c{n} == "x"'})
    report = walk(exercise(*steps), max_paths=50)
    assert report.truncated and report.paths == 50


def test_candidates_cover_options_ranges_and_skips() -> None:
    """Branching steps try every option, range ends and compared numbers, and skipping."""
    ex = exercise(
        {"id": "c", "kind": "choice", "options": ["x", "y"], "optional": True},
        {"id": "s", "kind": "scale", "min": 1, "max": 5},
    )
    assert candidates(ex.steps[0], []) == ["x", "y", None]
    assert candidates(ex.steps[0], None) == ["x"]
    assert candidates(ex.steps[1], [4]) == [1, 3, 4, 5]


def test_a_limited_multiple_choice_is_walked_within_its_limits() -> None:
    """Every option is tried inside a selection the step accepts (no empty or oversized one),
    so a branch on any option is reached and nothing is reported."""
    values = {
        "id": "values",
        "kind": "choice",
        "select": "multiple",
        "min_selected": 2,
        "max_selected": 3,
        "options": ["honesty", "kindness", "courage", "calm"],
    }
    calm = {"id": "calm_note", "kind": "read", "text": "x", "when": '"calm" in answers.values'}
    report = walk(exercise(values, calm))
    assert report.ok and "calm_note" in report.reached
    tried = candidates(exercise(values, calm).steps[0], ["calm"])
    assert all(2 <= len(v) <= 3 for v in tried)
    assert {o for v in tried for o in v} == {"honesty", "kindness", "courage", "calm"}


def test_a_step_for_one_partner_answering_differently_is_reached_both_ways_round() -> None:
    """A step shown only when partner a answered one way and b another is reached, whichever
    of the two gave which answer (the walker tries a differing pair in both orders)."""
    depth = {"id": "depth", "kind": "choice", "who": "each", "options": ["light", "deep"]}
    only_a = {
        "id": "only_a",
        "kind": "read",
        "text": "x",
        "when": 'answers.depth.a == "deep" and answers.depth.b == "light"',
    }
    only_b = {
        "id": "only_b",
        "kind": "read",
        "text": "x",
        "when": 'answers.depth.b == "deep" and answers.depth.a == "light"',
    }
    report = walk(exercise(depth, only_a, only_b))
    assert report.ok, report


def test_the_exercise_format_never_imports_what_runs_it() -> None:
    """Importing every module of workbook.exercises (in a fresh interpreter) loads neither the
    engine nor the playthrough, sessions or the TUI: the format knows nothing that runs it."""
    import subprocess
    import sys

    code = (
        "import importlib, pkgutil, sys, workbook.exercises as pkg\n"
        "for info in pkgutil.iter_modules(pkg.__path__, 'workbook.exercises.'):\n"
        "    importlib.import_module(info.name)\n"
        "runners = ('workbook.engine', 'workbook.playthrough', 'workbook.sessions', 'textual')\n"
        "print(sorted(m for m in sys.modules if m.startswith(runners)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_every_language_and_both_partners_are_played() -> None:
    """A placeholder broken only in the French text is found, because the walk plays each
    language the file has, each with either partner starting."""
    report = walk(
        exercise(
            {"id": "hello", "kind": "read", "text": {"en": "Hi {me}", "fr": "Salut {nobody}"}},
        )
    )
    assert sorted(report.plays) == [("a", "en"), ("a", "fr"), ("b", "en"), ("b", "fr")]
    assert "does not render" in report.failures["hello"]


def test_a_solo_exercise_is_played_as_each_partner() -> None:
    """A solo exercise is played with each partner as its author."""
    solo = exercise({"id": "note", "kind": "prompt", "text": "Write."}).model_copy(
        update={"mode": "solo"}
    )
    report = walk(solo)
    assert report.ok and [p for p, _ in report.plays] == ["a", "b"]


def test_a_goal_the_goals_feature_would_change_is_reported() -> None:
    """The walk hands each confirmed agreement's goal to the goals feature's own check: a
    cadence it cannot read (here forced past the loader) is reported at the agreement."""
    from workbook.exercises.models import AgreementStep, GoalTemplate

    made = exercise({"id": "deal", "kind": "agreement", "template": "We agree."})
    step = made.steps[0]
    assert isinstance(step, AgreementStep)
    goal = GoalTemplate.model_construct(title="Talk", cadence="fortnightly", note=None)
    broken = made.model_copy(update={"steps": [step.model_copy(update={"creates_goal": goal})]})
    report = walk(broken)
    assert "'fortnightly'" in report.failures["deal"]
    assert "goal cannot be made as written" in report.failures["deal"]


def test_a_goal_made_as_written_and_a_scored_scale_pass() -> None:
    """A goal with a readable cadence and a non-empty title, and a scored scale, walk clean."""
    scored = Exercise.model_validate(
        {
            "id": "scored",
            "title": "Scored",
            "summary": "For tests.",
            "category": "testing",
            "minutes": 5,
            "approach": "Testing",
            "steps": [
                {
                    "id": "how",
                    "kind": "scale",
                    "who": "each",
                    "min": 1,
                    "max": 5,
                    "items": [{"id": "close", "text": "Close"}, {"id": "calm", "text": "Calm"}],
                },
                {
                    "id": "deal",
                    "kind": "agreement",
                    "template": "We agree.",
                    "creates_goal": {"title": "Talk", "cadence": "3x a week"},
                },
            ],
            "scale": {"name": "Closeness", "cutoffs": [{"min": 0, "label": "Low"}]},
        }
    )
    report = walk(scored)
    assert report.ok, report.failures
