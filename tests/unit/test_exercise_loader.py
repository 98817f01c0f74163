"""The library loader: validation errors at the right line:col with hints, reference checks,
sources and overrides, packs, programs, and that one bad file never stops the rest."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.errors import NotFoundError
from workbook.exercises import Problem, load_library, load_paths, load_programs
from workbook.exercises.loader import load_exercise_file

HEADER = """\
id: {id}
title: A small exercise
summary: Used by the tests.
category: {category}
minutes: 5
approach: Test approach
"""


def exercise_yaml(
    steps: str, *, id: str = "sample", category: str = "testing", extra: str = ""
) -> str:
    """A valid exercise header followed by ``steps`` (YAML lines under ``steps:``)."""
    body = textwrap.indent(textwrap.dedent(steps), "  ")
    return HEADER.format(id=id, category=category) + extra + "steps:\n" + body


def write(folder: Path, name: str, content: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(content)
    return path


def col_of(path: Path, line: int, needle: str, nth: int = 1) -> tuple[int, int]:
    """The 1-based position of the ``nth`` ``needle`` on ``line`` of the file."""
    text = path.read_text().splitlines()[line - 1]
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    return line, index + 1


def problems_of(path: Path) -> list[Problem]:
    exercise, problems, _ = load_exercise_file(path, guides=frozenset({"listening.md"}))
    assert (exercise is None) == any(p.severity == "error" for p in problems)
    return problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


READ = """\
  - id: hello
    kind: read
    text: Hello.
"""


def test_valid_file_loads(tmp_path: Path) -> None:
    """A well-formed exercise loads with no problems."""
    path = write(tmp_path, "ok.yaml", exercise_yaml(READ))
    exercise, problems, id_pos = load_exercise_file(path)
    assert problems == [] and exercise is not None and exercise.steps[0].id == "hello"
    assert id_pos == (1, 5)


def test_unknown_step_kind_hints_the_closest_kind_at_its_value(tmp_path: Path) -> None:
    """`kind: promt` is reported at the value with "did you mean 'prompt'"."""
    path = write(
        tmp_path, "x.yaml", exercise_yaml(READ + "  - id: q\n    kind: promt\n    text: Hi\n")
    )
    problem = only(problems_of(path))
    assert (problem.line, problem.col) == col_of(path, 12, "promt")
    assert "unknown step kind 'promt'; did you mean 'prompt'?" in problem.message
    assert str(problem) == f"{path}:12:11: {problem.message}"


def test_unknown_field_hints_a_field_of_that_step_kind(tmp_path: Path) -> None:
    """A misspelt field is reported at the key, with a hint drawn from that kind's fields."""
    steps = "  - id: c\n    kind: choice\n    options: [a, b]\n    selct: multiple\n"
    problem = only(problems_of(write(tmp_path, "x.yaml", exercise_yaml(steps))))
    assert (problem.line, problem.col) == (11, 5)
    assert "unknown field 'selct'; did you mean 'select'?" in problem.message
    assert problem.message.startswith("step 'c'")


def test_missing_field_is_reported_at_the_mapping_that_lacks_it(tmp_path: Path) -> None:
    """A prompt without text points at the step."""
    problem = only(
        problems_of(write(tmp_path, "x.yaml", exercise_yaml("  - id: q\n    kind: prompt\n")))
    )
    assert (problem.line, problem.col) == (8, 5)
    assert "missing required field 'text'" in problem.message


def test_bad_literal_lists_the_choices_and_hints(tmp_path: Path) -> None:
    """`who: eech` lists the allowed values and suggests 'each'."""
    steps = "  - id: q\n    kind: prompt\n    text: Hi\n    who: eech\n"
    problem = only(problems_of(write(tmp_path, "x.yaml", exercise_yaml(steps))))
    assert (problem.line, problem.col) == (11, 10)
    assert "did you mean 'each'?" in problem.message and "speaker" in problem.message


def test_text_fields_accept_language_maps_and_explain_bad_ones(tmp_path: Path) -> None:
    """A number where text belongs gets one clear message; a bad language code points at it."""
    steps = "  - id: q\n    kind: prompt\n    title: 5\n    text: {en: Hi, English: Hi}\n"
    path = write(tmp_path, "x.yaml", exercise_yaml(steps))
    problems = problems_of(path)
    assert [(p.line, p.col) for p in problems] == [
        col_of(path, 10, "5"),
        col_of(path, 11, "English"),
    ]
    assert "expected text" in problems[0].message
    assert "'English' is not a language tag" in problems[1].message


@pytest.mark.parametrize(
    ("key", "says"),
    [
        ("fre", "write 'fr'"),
        ("EN", "write 'en'"),
        ("pt_BR", "write 'pt-BR'"),
        ("zz", "'zz' is not a language tag"),
        ("xx-YY", "'xx-YY' is not a language tag"),
    ],
)
def test_a_language_key_must_be_a_standard_language_tag(
    tmp_path: Path, key: str, says: str
) -> None:
    """A language key the runtime would never pick (unknown, or not in the standard form that
    text lookup matches exactly) is an error at the key, naming the form to write."""
    steps = f"  - id: q\n    kind: prompt\n    text: {{en: Hi, {key}: Salut}}\n"
    path = write(tmp_path, "x.yaml", exercise_yaml(steps))
    problem = only(problems_of(path))
    assert (problem.line, problem.col) == col_of(path, 10, key)
    assert says in problem.message


def test_regional_and_script_language_tags_load(tmp_path: Path) -> None:
    """Standard tags with a region or script, as the runtime's fallback reads them, are fine."""
    steps = "  - id: q\n    kind: prompt\n    text: {en: Hi, pt-BR: Oi, zh-Hant: x, fr: Salut}\n"
    assert problems_of(write(tmp_path, "x.yaml", exercise_yaml(steps))) == []


GOAL_AGREEMENT = """\
  - id: deal
    kind: agreement
    template: We talk.
    creates_goal: {{title: Talk, cadence: {cadence}}}
"""


def test_a_goal_cadence_is_read_by_the_goals_parser_at_validate_time(tmp_path: Path) -> None:
    """`cadence: fortnightly` (which the goals feature cannot read) is an error at the value,
    in the goals feature's own words with its examples, before any couple meets it."""
    path = write(tmp_path, "x.yaml", exercise_yaml(GOAL_AGREEMENT.format(cadence="fortnightly")))
    problem = only(problems_of(path))
    assert (problem.line, problem.col) == col_of(path, 11, "fortnightly")
    assert "I can't read the cadence 'fortnightly'" in problem.message
    assert "every 2 days" in problem.message


@pytest.mark.parametrize(
    "cadence", ["daily", "2 per week", "3x a week", "every 2 days", "weekdays"]
)
def test_every_cadence_the_goals_feature_reads_loads(tmp_path: Path, cadence: str) -> None:
    """Cadences in any form the goals feature reads are accepted."""
    path = write(tmp_path, "x.yaml", exercise_yaml(GOAL_AGREEMENT.format(cadence=cadence)))
    assert problems_of(path) == []


def test_bad_id_explains_the_pattern_in_words(tmp_path: Path) -> None:
    """An id with capitals says which characters are allowed."""
    problem = only(problems_of(write(tmp_path, "x.yaml", exercise_yaml(READ, id="My_Exercise"))))
    assert (problem.line, problem.col) == (1, 5) and "lower-case" in problem.message


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    """A list at the top is one problem, not a crash."""
    problem = only(problems_of(write(tmp_path, "x.yaml", "- a\n- b\n")))
    assert "mapping" in problem.message


def test_step_rules_inside_a_step_are_reported_at_that_step(tmp_path: Path) -> None:
    """`blind` without `who: each`, and a scale whose min is not below max, are errors."""
    steps = (
        "  - id: q\n    kind: prompt\n    text: Hi\n    blind: true\n"
        "  - id: s\n    kind: scale\n    min: 5\n    max: 5\n"
    )
    problems = problems_of(write(tmp_path, "x.yaml", exercise_yaml(steps)))
    assert [(p.line, p.col) for p in problems] == [(8, 5), (12, 5)]
    assert "needs 'who: each'" in problems[0].message and "below 'max'" in problems[1].message


def test_duplicate_step_ids(tmp_path: Path) -> None:
    """A step id used twice is reported at the second one."""
    problem = only(problems_of(write(tmp_path, "x.yaml", exercise_yaml(READ + READ))))
    assert (problem.line, problem.col) == (11, 9) and "used twice" in problem.message


def test_reveal_must_name_earlier_steps(tmp_path: Path) -> None:
    """Revealing a later step or an unknown one is an error at that name, with a hint."""
    steps = """\
      - id: feel
        kind: prompt
        who: each
        blind: true
        text: How do you feel?
      - id: show
        kind: reveal
        steps: [feal, later]
      - id: later
        kind: prompt
        text: More?
    """
    found = problems_of(write(tmp_path, "x.yaml", exercise_yaml(steps)))
    problems = [p for p in found if p.severity == "error"]
    assert [(p.line, p.col) for p in problems] == [(15, 13), (15, 19)]
    assert "did you mean 'feel'" in problems[0].message
    assert "does not come before" in problems[1].message


def test_when_conditions_are_parsed_and_must_read_earlier_answers(tmp_path: Path) -> None:
    """Syntax errors point at the column inside the condition; names must be earlier answers."""
    steps = """\
      - id: feel
        kind: choice
        options: [calm, tense]
      - id: a
        kind: read
        text: Breathe.
        when: answers.feel = "tense"
      - id: b
        kind: read
        text: Later.
        when: answers.a == 1 or answers.fel == "x" or answers.c > 2
      - id: c
        kind: scale
    """
    path = write(tmp_path, "x.yaml", exercise_yaml(steps))
    problems = problems_of(path)
    messages = [p.message for p in problems]
    assert [(p.line, p.col) for p in problems] == [
        col_of(path, 14, "="),
        col_of(path, 18, "answers.a "),
        col_of(path, 18, "answers.fel "),
        col_of(path, 18, "answers.c "),
    ]
    assert "use '=='" in messages[0]
    assert "'answers.a'" in messages[1] and "read step" in messages[1]
    assert "did you mean 'feel'" in messages[2]
    assert "does not come before" in messages[3]


def test_placeholders_must_be_known_and_name_earlier_answers(tmp_path: Path) -> None:
    """Unknown placeholders, later answers and lone braces are reported in the text."""
    steps = """\
      - id: q
        kind: prompt
        text: "{me}, hi {partnr} and {answers.later}"
      - id: later
        kind: read
        text: "a { b"
    """
    path = write(tmp_path, "x.yaml", exercise_yaml(steps))
    problems = problems_of(path)
    assert [(p.line, p.col) for p in problems] == [
        col_of(path, 10, "{partnr}"),
        col_of(path, 10, "{answers.later}"),
        col_of(path, 13, "{"),
    ]
    assert "did you mean 'partner'" in problems[0].message
    assert "does not come before" in problems[1].message
    assert "lone '{'" in problems[2].message


def test_fill_blanks_must_all_appear_in_the_template(tmp_path: Path) -> None:
    """A blank the template never uses is reported; template blanks are valid placeholders."""
    steps = """\
      - id: f
        kind: fill
        template: "I feel {feeling} when {me} ..."
        blanks: [{id: feeling}, {id: need}]
    """
    problem = only(problems_of(write(tmp_path, "x.yaml", exercise_yaml(steps))))
    assert "blank 'need'" in problem.message and (problem.line, problem.col) == (11, 34)


def test_guides_must_exist(tmp_path: Path) -> None:
    """A guide that is not in the guides folder is an error with a hint."""
    path = write(tmp_path, "x.yaml", exercise_yaml(READ, extra="guides: [listenng.md]\n"))
    problem = only(problems_of(path))
    assert (problem.line, problem.col) == (
        7,
        10,
    ) and "did you mean 'listening.md'" in problem.message


def test_scale_items_must_name_declared_subscales(tmp_path: Path) -> None:
    """An item's subscale must be declared under the exercise's scale."""
    steps = """\
      - id: items
        kind: scale
        items:
          - {id: one, text: One., subscale: warmth}
    """
    scale = "scale:\n  name: Check\n  subscales: [{id: teamwork, title: Teamwork}]\n"
    problem = only(problems_of(write(tmp_path, "x.yaml", exercise_yaml(steps) + scale)))
    assert "subscale 'warmth'" in problem.message and problem.line == 11


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    """A broken file is reported; every good file still loads."""
    folder = tmp_path / "pack"
    write(folder, "a.yaml", exercise_yaml(READ, id="first"))
    write(folder, "b.yaml", "id: [unclosed\n")
    write(folder, "c.yaml", exercise_yaml(READ, id="third"))
    library = load_paths([folder])
    assert sorted(library.exercises) == ["first", "third"]
    assert [p.path.name for p in library.problems] == ["b.yaml"]
    assert library.files_read == 3


def test_sources_override_in_order_and_the_duplicate_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bundled, then the person's folder, then packs: the later wins and the problem says why."""
    bundled = tmp_path / "bundled"
    monkeypatch.setattr("workbook.locations.bundled_exercises_dir", lambda: bundled)
    write(bundled, "x.yaml", exercise_yaml(READ, id="shared", category="bundled"))
    home = tmp_path / "home"
    write(home / "exercises", "x.yaml", exercise_yaml(READ, id="shared", category="mine"))
    pack = tmp_path / "pack"
    write(
        pack,
        "pack.yaml",
        "name: Clinic pack\nversion: '1.0'\nauthor: A. Facilitator\nlicence: CC-BY-4.0\n",
    )
    write(pack, "x.yaml", exercise_yaml(READ, id="shared", category="pack"))
    library = load_library(home, [pack])
    assert library.exercises["shared"].category == "pack"
    assert library.entries["shared"].source.pack is not None
    assert library.entries["shared"].source.pack.name == "Clinic pack"
    messages = [p.message for p in library.problems]
    assert len(messages) == 2
    assert "your own exercises folder" in messages[0] and "the bundled library" in messages[0]
    assert "the pack 'Clinic pack'" in messages[1] and "this file wins" in messages[1]
    assert all((p.line, p.col) == (1, 5) for p in library.problems)

    only_bundled = load_library(None)
    assert only_bundled.exercises["shared"].category == "bundled" and not only_bundled.problems


def test_missing_extra_folder_and_bad_pack_file_are_problems(tmp_path: Path) -> None:
    """A pack folder that does not exist, or a pack.yaml with unknown fields, is reported."""
    pack = tmp_path / "pack"
    write(pack, "pack.yaml", "name: P\nversion: '1'\nauthor: A\nlicence: MIT\nlicense: MIT\n")
    library = load_paths([pack, tmp_path / "nowhere"])
    assert library.problems[0].message.startswith("unknown field 'license'")
    assert "no such file or folder" in library.problems[1].message


def test_categories_and_get(tmp_path: Path) -> None:
    """categories() groups by category; get() names a close id when one is missing."""
    folder = tmp_path / "lib"
    write(folder, "a.yaml", exercise_yaml(READ, id="listen-well", category="talk"))
    write(folder, "b.yaml", exercise_yaml(READ, id="calm-down", category="conflict"))
    library = load_paths([folder])
    assert {k: [e.id for e in v] for k, v in library.categories().items()} == {
        "conflict": ["calm-down"],
        "talk": ["listen-well"],
    }
    with pytest.raises(NotFoundError, match="listen-well"):
        library.get("listen-wel")


def test_programs_check_their_exercises(tmp_path: Path) -> None:
    """A program naming an exercise that does not exist is reported at that name."""
    folder = tmp_path / "lib"
    write(folder, "a.yaml", exercise_yaml(READ, id="listen-well"))
    library = load_paths([folder])
    programs = tmp_path / "programs"
    write(
        programs,
        "p.yaml",
        "id: six-weeks\ntitle: Six weeks\nsummary: S\nweeks:\n"
        "  - week: 1\n    title: One\n    exercises: [listen-well, listen-wel]\n",
    )
    result = load_programs(library, programs)
    assert not result.programs
    problem = only(result.problems)
    assert (problem.line, problem.col) == col_of(
        programs / "p.yaml", 7, "listen-wel]"
    ) and "did you mean 'listen-well'" in problem.message
    write(
        programs,
        "p.yaml",
        "id: six-weeks\ntitle: T\nsummary: S\nweeks:\n"
        "  - week: 2\n    title: x\n    exercises: [listen-well]\n",
    )
    assert "numbered 1, 2, 3" in only(load_programs(library, programs).problems).message


STEP_POOL: list[dict[str, object]] = [
    {"id": "r", "kind": "read", "text": "Hello."},
    {"id": "p", "kind": "prompt", "text": "Why?", "who": "each"},
    {"id": "c", "kind": "choice", "options": ["x", "y"], "select": "single"},
    {"id": "t", "kind": "timer", "seconds": 60, "pausable": True},
    {"id": "k", "kind": "checklist", "items": ["a", "b"]},
]


@settings(max_examples=60, deadline=None)
@given(
    order=st.permutations(range(len(STEP_POOL))),
    target=st.integers(0, len(STEP_POOL) - 1),
    flow=st.booleans(),
)
def test_unknown_field_position_is_exact_for_any_layout(
    tmp_path_factory: pytest.TempPathFactory, order: list[int], target: int, flow: bool
) -> None:
    """Whatever the step order and YAML style, a stray key is reported at that key."""
    steps = [dict(STEP_POOL[i]) for i in order]
    steps[target]["stray_key"] = 1
    document = yaml.safe_dump(
        {**yaml.safe_load(HEADER.format(id="gen", category="testing")), "steps": steps},
        default_flow_style=flow,
        sort_keys=False,
        width=10_000,
    )
    path = tmp_path_factory.mktemp("gen") / "gen.yaml"
    path.write_text(document)
    problem = only(problems_of(path))
    line_text = document.splitlines()[problem.line - 1]
    assert line_text[problem.col - 1 :].startswith("stray_key")
    assert problem.message.startswith(f"step '{steps[target]['id']}': unknown field 'stray_key'")


CHOICE = """\
  - id: values
    kind: choice
    select: {select}
{limits}
    options: [a, b, c]
"""


def value_position(path: Path, key: str) -> tuple[int, int]:
    """The 1-based position of the value of the first ``key:`` line in the file."""
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if line.strip().startswith(f"{key}:"):
            return number, line.index(f"{key}:") + len(key) + 3
    raise AssertionError(key)


@pytest.mark.parametrize(
    ("select", "limits", "at", "words"),
    [
        ("multiple", {"max_selected": 4}, "max_selected", "4 is more than the 3 options"),
        ("multiple", {"max_selected": 0}, "max_selected", "greater than or equal to 1"),
        ("single", {"max_selected": 2}, "max_selected", "needs 'select: multiple'"),
        ("single", {"min_selected": 0}, "min_selected", "needs 'select: multiple'"),
        (
            "multiple",
            {"max_selected": 2, "min_selected": 3},
            "min_selected",
            "3 is more than 'max_selected' (2)",
        ),
    ],
)
def test_a_bad_selection_limit_is_reported_at_its_value(
    tmp_path: Path, select: str, limits: dict[str, int], at: str, words: str
) -> None:
    """max_selected above the number of options (or below 1), a limit on a single choice and
    min_selected above max_selected are each reported at the offending number."""
    lines = "\n".join(f"    {key}: {value}" for key, value in limits.items())
    path = write(tmp_path, "x.yaml", exercise_yaml(CHOICE.format(select=select, limits=lines)))
    problem = only(problems_of(path))
    assert (problem.line, problem.col) == value_position(path, at)
    assert problem.message.startswith(f"step 'values': {at}: ") and words in problem.message


AGREEMENT = """\
  - id: deal
    kind: agreement
    template: We will rest on Sundays.
    creates_goal:
      title: Rest on Sundays
      cadence: weekly
      owner: {owner}
"""


@pytest.mark.parametrize(
    ("mode", "owner", "words"),
    [
        ("together", "me", "'owner: me' is the author of a solo or private exercise"),
        ("solo", "a", "in a solo exercise the goal is its author's"),
        ("private", "speaker", "in a private exercise the goal is its author's"),
    ],
)
def test_a_goal_owner_that_does_not_fit_the_mode_is_reported_at_the_owner(
    tmp_path: Path, mode: str, owner: str, words: str
) -> None:
    """`owner: me` needs one author; a solo or private goal cannot name a partner. The problem
    sits at the owner's value, not at the top of the file."""
    text = exercise_yaml(AGREEMENT.format(owner=owner), extra=f"mode: {mode}\n")
    path = write(tmp_path, "x.yaml", text)
    problem = only(problems_of(path))
    assert (problem.line, problem.col) == value_position(path, "owner")
    assert words in problem.message


@pytest.mark.parametrize(
    ("mode", "owner"),
    [("together", "a"), ("together", "listener"), ("solo", "me"), ("private", "shared")],
)
def test_a_goal_owner_that_fits_the_mode_loads(tmp_path: Path, mode: str, owner: str) -> None:
    """Each owner its mode allows loads, and the owner is kept on the goal template."""
    text = exercise_yaml(AGREEMENT.format(owner=owner), extra=f"mode: {mode}\n")
    exercise, problems, _ = load_exercise_file(write(tmp_path, "x.yaml", text))
    assert problems == [] and exercise is not None
    step = exercise.step("deal")
    assert step.kind == "agreement" and step.creates_goal is not None
    assert step.creates_goal.owner == owner


def test_a_solo_rule_is_reported_at_the_step_field_that_breaks_it(tmp_path: Path) -> None:
    """`who` in a solo exercise is reported at that `who`, not at the file's first line."""
    steps = "  - id: q\n    kind: prompt\n    who: each\n    text: Hi\n"
    path = write(tmp_path, "x.yaml", exercise_yaml(steps, extra="mode: solo\n"))
    problem = only(problems_of(path))
    assert (problem.line, problem.col) == value_position(path, "who")
    assert "one person does every step" in problem.message


def test_one_run_reports_every_problem_as_far_as_the_yaml_parses(tmp_path: Path) -> None:
    """A missing top-level field, a bad mode rule and a bad step do not hide the step-level
    problems: a duplicate id, a reveal of a missing step, an unsafe `when`, an unknown
    placeholder, a scale naming a missing step and a missing guide all come out together,
    while references to a step that is itself invalid are not reported twice."""
    content = """\
id: layered
summary: No title above.
category: testing
mode: solo
minutes: 5
approach: Test approach
guides: [nowhere.md]
steps:
  - id: feel
    kind: prompt
    text: How do you feel?
    who: each
  - id: feel
    kind: read
    text: Hello {partnr}.
  - id: broken
    kind: choice
    options: [only]
  - id: after
    kind: read
    text: "{answers.broken}"
    when: answers.feel == "ok" and __import__
  - id: show
    kind: reveal
    steps: [missing, broken]
scale:
  name: Scored
  steps: [nothing]
"""
    path = write(tmp_path, "x.yaml", content)
    problems = problems_of(path)
    messages = "\n".join(str(p) for p in problems)
    expected = [
        (1, "missing required field 'title'"),
        (7, "guide 'nowhere.md' not found"),
        (12, "one person does every step"),
        (13, "step id 'feel' is used twice"),
        (15, "unknown placeholder '{partnr}'"),
        (18, "at least 2 items"),
        (22, "in 'when'"),
        (25, "reveals step 'missing'"),
        (28, "scale: 'nothing' is not a scale step"),
    ]
    for line, words in expected:
        assert any(p.line == line and words in p.message for p in problems), (words, messages)
    assert "broken" not in messages.replace("step 'broken'", ""), messages


OPTIONS = """\
  - id: feel
    kind: choice
    who: each
    options: [calm, tense, sad]
  - id: topics
    kind: checklist
    items: [money, chores]
  - id: later
    kind: read
    text: x
    when: {when}
"""


@pytest.mark.parametrize(
    ("when", "value", "hint"),
    [
        ('answers.feel == "tens"', '"tens"', "did you mean 'tense'?"),
        ('"tens" != answers.feel.a', '"tens"', "did you mean 'tense'?"),
        ('answers.feel in ["calm", "happy"]', '"happy"', ""),
        ('"mony" in answers.topics', '"mony"', "did you mean 'money'?"),
        ("answers.feel == 3", "3", ""),
    ],
)
def test_a_when_comparing_with_a_value_that_is_not_an_option_is_an_error(
    tmp_path: Path, when: str, value: str, hint: str
) -> None:
    """A condition that tests a choice or checklist answer against a value that is not among
    the step's options can never match: an error at the answer it reads, naming the options."""
    path = write(tmp_path, "x.yaml", exercise_yaml(OPTIONS.format(when=f"'{when}'")))
    problem = only(problems_of(path))
    assert problem.severity == "error" and problem.line == 18
    assert f"{value} is not an option of step" in problem.message and hint in problem.message
    assert "options are" in problem.message


@pytest.mark.parametrize(
    "when",
    [
        'answers.feel == "tense" and "money" in answers.topics',
        'answers.feel.b in ["calm", "sad"] or answers.feel != none',
        '"a" in answers.feel',
    ],
)
def test_a_when_comparing_with_real_options_loads(tmp_path: Path, when: str) -> None:
    """Comparisons with the step's own option values (or none) are fine."""
    path = write(tmp_path, "x.yaml", exercise_yaml(OPTIONS.format(when=f"'{when}'")))
    assert problems_of(path) == []


def test_a_blind_step_never_revealed_is_a_warning_that_still_loads(tmp_path: Path) -> None:
    """A blind step that no reveal names is a warning at its `blind` key, and the exercise
    still loads (warnings do not keep a file out of the library)."""
    steps = "  - id: wish\n    kind: prompt\n    who: each\n    blind: true\n    text: Hi\n"
    path = write(tmp_path, "x.yaml", exercise_yaml(steps))
    exercise, problems, _ = load_exercise_file(path)
    assert exercise is not None
    problem = only(problems)
    assert problem.severity == "warning" and (problem.line, problem.col) == (11, 5)
    assert str(problem).endswith("warning: " + problem.message)
    library = load_paths([path])
    assert library.problems == [] and len(library.warnings) == 1 and library.exercises


def test_never_revealed_says_a_hidden_answer_is_meant(tmp_path: Path) -> None:
    """`never_revealed: true` on a blind step silences the warning; without `blind` it is an
    error at its own key; and a reveal naming such a step is an error at that name."""
    blind = "  - id: wish\n    kind: prompt\n    who: each\n    blind: true\n    text: Hi\n"
    meant = blind + "    never_revealed: true\n"
    path = write(tmp_path, "meant.yaml", exercise_yaml(meant))
    assert problems_of(path) == []
    unblind = meant.replace("    blind: true\n", "")
    problem = only(problems_of(write(tmp_path, "unblind.yaml", exercise_yaml(unblind))))
    assert problem.severity == "error" and (problem.line, problem.col) == (12, 21)
    assert "'never_revealed: true' needs 'blind: true'" in problem.message
    revealing = meant + "  - id: show\n    kind: reveal\n    steps: [wish]\n"
    problem = only(problems_of(write(tmp_path, "revealing.yaml", exercise_yaml(revealing))))
    assert problem.severity == "error" and (problem.line, problem.col) == (16, 13)
    assert "reveals step 'wish', which says 'never_revealed: true'" in problem.message


def test_a_list_field_given_one_value_says_how_to_write_a_list(tmp_path: Path) -> None:
    """`tags: calm` (one word where a list belongs) says what a YAML list looks like."""
    path = write(tmp_path, "x.yaml", exercise_yaml(READ, extra="tags: calm\n"))
    problem = only(problems_of(path))
    assert (problem.line, problem.col) == (7, 7)
    assert problem.message == "tags: expected a list: one item per line, each starting with '- '"
