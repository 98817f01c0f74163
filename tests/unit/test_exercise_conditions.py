"""The `when:` condition language: what it accepts, how it evaluates, and how it fails safely."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook.exercises.conditions import ConditionError, Each, parse

# Answers by their dotted path, as the engine hands them to a condition.
AnswerTable = dict[tuple[str, ...], Any]

ANSWERS: AnswerTable = {
    ("feel",): "tense",
    ("rating",): 7,
    ("topics",): ["money", "chores"],
    ("note",): "",
    ("both_feel",): Each(("calm", "sad")),
    ("fill", "feeling"): "hurt",
}


def holds(source: str, answers: AnswerTable | None = None) -> bool:
    table = ANSWERS if answers is None else answers
    return parse(source).evaluate(lambda parts: table.get(parts))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('answers.feel == "tense"', True),
        ("answers.feel != 'tense'", False),
        ("answers.rating >= 7", True),
        ("answers.rating > 7", False),
        ("answers.rating < 7.5", True),
        ('"money" in answers.topics', True),
        ('"sex" not in answers.topics', True),
        ('answers.feel in ["sad", "tense"]', True),
        ("not answers.note", True),
        ("answers.missing", False),
        ("not answers.missing", True),
        ("answers.missing == none", True),
        ('answers.rating > 3 and (answers.feel == "calm" or "chores" in answers.topics)', True),
        ('not answers.rating > 3 or answers.feel == "x"', False),
        ("answers.feel == true", False),
        ("answers.rating == '7'", False),
        ("answers.feel > 3", False),
        ('"ten" in answers.rating', False),
        ('answers.fill.feeling == "hurt"', True),
    ],
)
def test_evaluation(source: str, expected: bool) -> None:
    """Comparisons, membership, boolean logic and parentheses evaluate as documented."""
    assert holds(source) is expected


def test_each_partner_values_match_if_either_does() -> None:
    """On a step both partners answered, a test is true when it is true for either of them."""
    assert holds('answers.both_feel == "sad"')
    assert holds('answers.both_feel == "calm"')
    assert not holds('answers.both_feel == "tense"')
    assert holds('answers.both_feel != "calm"')  # Sam's answer is not calm


@pytest.mark.parametrize(
    ("source", "answer", "expected"),
    [
        ("answers.flag == true", True, True),
        ("answers.flag == 1", True, False),
        ("answers.flag != 1", True, True),
        ("answers.flag == true", 1, False),
        ("answers.flag == false", 0, False),
        ("answers.flag == 0", False, False),
        ("answers.flag in [1, 2]", True, False),
        ("true == 1", None, False),
        ("false == 0", None, False),
        ("true == true", None, True),
    ],
)
def test_a_boolean_never_equals_a_number(source: str, answer: Any, expected: bool) -> None:
    """`true` and `false` are not the numbers 1 and 0 (as they are in Python): a ticked box
    does not match a rating of 1, in `==`, `!=` or `in`."""
    assert holds(source, {("flag",): answer}) is expected


@pytest.mark.parametrize(
    ("source", "col", "words"),
    [
        ('answers.feel = "x"', 14, "use '=='"),
        ('answers.feel == "x', 17, "never closed"),
        ("feel == 1", 1, "unknown name 'feel'"),
        ("answers.rating >", 17, "expected a value"),
        ("answers. == 2", 10, "expected a step id"),
        ("answers", 8, "expected '.<step id>'"),
        ("(answers.a == 1", 16, "expected ')'"),
        ("answers.a == 1 answers.b", 16, "expected 'and', 'or'"),
        ("answers.a @ 1", 11, "unexpected character '@'"),
        ("[1, 2", 6, "expected ',' or ']'"),
        ("", 1, "empty"),
    ],
)
def test_parse_errors_carry_a_column(source: str, col: int, words: str) -> None:
    """Every syntax error says what was expected and at which 1-based column."""
    with pytest.raises(ConditionError) as info:
        parse(source)
    assert info.value.col == col and words in info.value.message


def test_nesting_and_length_are_limited() -> None:
    """Absurdly nested or long conditions are refused with a ConditionError."""
    with pytest.raises(ConditionError, match="nested too deeply"):
        parse("(" * 100 + "1" + ")" * 100)
    with pytest.raises(ConditionError, match="longer than"):
        parse("answers.a == 1 or " * 100 + "true")


def test_paths_and_literals_are_listed_for_checks_and_walks() -> None:
    """A condition lists what it reads (with columns) and the values it compares with."""
    condition = parse('answers.feel == "tense" or answers.rating in [1, 2]')
    assert [(p.parts, p.col) for p in condition.paths()] == [(("feel",), 1), (("rating",), 28)]
    assert condition.literals() == ["tense", 1, 2]


def test_never_evaluates_python() -> None:
    """Python syntax that would run code is simply not part of the language."""
    for source in ("__import__('os').system('true')", "lambda: 1", "answers.a(1)"):
        with pytest.raises(ConditionError):
            parse(source)
    # attribute-looking parts are only ever handed to the lookup as names
    seen: list[tuple[str, ...]] = []
    parse("answers.feel.__class__ == 'str'").evaluate(lambda parts: seen.append(parts))
    assert seen == [("feel", "__class__")]


@given(st.text(max_size=60))
def test_any_text_either_parses_or_raises_condition_error(source: str) -> None:
    """Arbitrary text never crashes the parser with anything but a ConditionError."""
    try:
        condition = parse(source)
    except ConditionError as exc:
        assert 1 <= exc.col <= len(source) + 1
    else:
        condition.evaluate(lambda parts: None)


@given(st.integers(-1000, 1000), st.integers(-1000, 1000))
def test_numeric_comparisons_agree_with_arithmetic(answer: int, literal: int) -> None:
    """Every comparison operator on numbers behaves as ordinary arithmetic comparison."""
    table: AnswerTable = {("n",): answer}
    assert holds(f"answers.n < {literal}", table) is (answer < literal)
    assert holds(f"answers.n <= {literal}", table) is (answer <= literal)
    assert holds(f"answers.n > {literal}", table) is (answer > literal)
    assert holds(f"answers.n >= {literal}", table) is (answer >= literal)
    assert holds(f"answers.n == {literal}", table) is (answer == literal)
    assert holds(f"answers.n != {literal}", table) is (answer != literal)


@given(st.booleans(), st.booleans(), st.booleans())
def test_boolean_logic_follows_usual_precedence(x: bool, y: bool, z: bool) -> None:
    """`not` binds tighter than `and`, which binds tighter than `or`."""
    table: AnswerTable = {("x",): x, ("y",): y, ("z",): z}
    assert holds("answers.x or answers.y and not answers.z", table) is (x or (y and not z))
    assert holds("(answers.x or answers.y) and answers.z", table) is ((x or y) and z)
