"""The safe YAML reader: what it refuses, and that every refusal has the right line and column."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.exercises import yamlsafe
from workbook.exercises.yamlsafe import YamlError, loads, locate


def refusal(source: str) -> YamlError:
    with pytest.raises(YamlError) as info:
        loads(source)
    return info.value


def test_plain_scalars_follow_yaml_1_2_so_no_and_times_stay_strings() -> None:
    """`no`, `yes`, `on` and `12:30` stay text; only true/false are booleans; numbers parse."""
    data, _ = loads("a: no\nb: yes\nc: on\nd: 12:30\ne: true\nf: 7\ng: 2.5\nh: ~\ni: '7'\n")
    assert data == {
        "a": "no",
        "b": "yes",
        "c": "on",
        "d": "12:30",
        "e": True,
        "f": 7,
        "g": 2.5,
        "h": None,
        "i": "7",
    }
    special, _ = loads("x: .inf\ny: -.inf\nz: .nan\nw: 0x1f\nv: 0o17\n")
    assert special["x"] == math.inf and special["y"] == -math.inf and math.isnan(special["z"])
    assert (special["w"], special["v"]) == (31, 15)


def test_duplicate_key_is_reported_at_the_second_key_naming_the_first_line() -> None:
    """PyYAML silently keeps the last duplicate; here the second one is an error."""
    error = refusal("id: one\ntitle: A\nid: two\n")
    assert (error.line, error.col) == (3, 1)
    assert "duplicate key 'id'" in error.message and "line 1" in error.message


def test_anchors_and_aliases_are_refused() -> None:
    """An alias bomb cannot get in: the first anchor is already an error, at its position."""
    error = refusal("a: &x [1, 2]\nb: *x\n")
    assert (error.line, error.col) == (1, 4) and "anchors" in error.message
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"
    assert "anchors" in refusal(bomb).message


def test_bare_alias_is_refused() -> None:
    """An alias without an anchor in this file is still an alias: refused."""
    error = refusal("a: 1\nb: *a\n")
    assert "aliases" in error.message and (error.line, error.col) == (2, 4)


@pytest.mark.parametrize(
    "source",
    ["a: !!python/object:os.system x\n", "a: !!str 3\n", "a: !custom x\n", "a: !!binary aGk=\n"],
)
def test_tags_are_refused(source: str) -> None:
    """No tag may choose how a value is built; the error names the tag."""
    error = refusal(source)
    assert "tags" in error.message and (error.line, error.col) == (1, 4)


def test_merge_keys_complex_keys_and_several_documents_are_refused() -> None:
    """Merge keys, non-scalar keys and multi-document files are each an error."""
    assert "merge keys" in refusal("<<: {a: 1}\n").message
    assert "keys must be plain" in refusal("? [a, b]\n: 1\n").message
    error = refusal("a: 1\n---\nb: 2\n")
    assert "one YAML document" in error.message and error.line == 2


def test_syntax_error_carries_line_and_column() -> None:
    """A parser error is reported where libyaml found it."""
    error = refusal("title: fine\nsteps:\n  - id: a\n   kind: read\n")
    assert error.line == 4


def test_empty_file_is_an_error() -> None:
    """An empty file is not silently an empty exercise."""
    assert "empty" in refusal("").message
    assert "empty" in refusal("# only a comment\n").message


def test_depth_limit() -> None:
    """Nesting past the limit is refused at the first too-deep node, as a YamlError."""
    deep = "[" * (yamlsafe.MAX_DEPTH + 5) + "]" * (yamlsafe.MAX_DEPTH + 5)
    error = refusal(deep)
    assert "deeper than" in error.message and error.col == yamlsafe.MAX_DEPTH + 1


def test_very_deep_nesting_never_escapes_as_recursion_error() -> None:
    """Thousands of levels (a RecursionError in plain PyYAML) become a YamlError."""
    deep = "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 3000)) + "  " * 3000 + "x\n"
    with pytest.raises(YamlError):
        loads(deep, max_depth=10_000)


def test_size_limit(tmp_path: Path) -> None:
    """Files above the limit are refused before parsing."""
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 2000 + "\n")
    with pytest.raises(YamlError) as info:
        yamlsafe.load(path, max_bytes=1024)
    assert "limit" in info.value.message


def test_invalid_utf8_reports_its_position(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 give a line and column, not a crash."""
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"title: ok\nsummary: caf\xe9\n")
    with pytest.raises(YamlError) as info:
        yamlsafe.load(path)
    assert (info.value.line, info.value.col) == (2, 13) and "UTF-8" in info.value.message


def test_locate_follows_a_pydantic_style_path() -> None:
    """locate() finds values, keys, list items, and the nearest parent for unknown parts."""
    data, node = loads("id: x\nsteps:\n  - id: a\n    kind: read\n  - id: b\n    kind: promt\n")
    assert data["steps"][1]["kind"] == "promt"
    assert locate(node, ("steps", 1, "kind")) == (6, 11)
    assert locate(node, ("steps", 1, "kind"), key=True) == (6, 5)
    assert locate(node, ("steps", 1, "prompt", "text")) == (5, 5)
    assert locate(node, ("steps", 0)) == (3, 5)
    assert locate(node, ()) == (1, 1)


YAML_PIECES = st.sampled_from(
    [
        "a",
        ":",
        " ",
        "\n",
        "  ",
        "- ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&x ",
        "*x",
        "!!str ",
        "!t ",
        '"',
        "'",
        "#",
        "|",
        ">",
        "---",
        "...",
        "? ",
        "<<: ",
        "1",
        "no",
        "\t",
        "%YAML 1.1\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(YAML_PIECES, max_size=40).map("".join))
def test_any_input_either_loads_or_raises_yaml_error(source: str) -> None:
    """Whatever the text, the reader returns data or a YamlError with a sane position."""
    try:
        loads(source, max_depth=8)
    except YamlError as error:
        assert error.line >= 1 and error.col >= 1 and error.message


COMMON_MISTAKES = [
    pytest.param(
        "id: x\nsteps:\n  - id: a\n    text: Remember this: no advice.\n",
        (4, 24),
        ["colon followed by a space", 'text: "Remember this: no advice."'],
        id="unquoted colon",
    ),
    pytest.param(
        "id: x\nsteps:\n\t- id: a\n",
        (3, 1),
        ["indented with a tab", "spaces"],
        id="tab indentation",
    ),
    pytest.param(
        "id: x\nsteps:\n  - id: a\n  \ttext: hi\n",
        (4, 3),
        ["indented with a tab"],
        id="tab after spaces",
    ),
    pytest.param(
        'id: x\ntitle: "Hello there\nsummary: s\nsteps:\n  - id: a\n',
        (2, 8),
        ['quote (") is never closed', 'closing "'],
        id="unclosed quote at the end of the file",
    ),
    pytest.param(
        'id: x\ntitle: "Hello\nsummary: "s"\nsteps: []\n',
        (2, 8),
        ['quote (") is never closed'],
        id="unclosed quote closed by a later one",
    ),
    pytest.param(
        "id: x\ntitle: 'Hello there\nsummary: s\n",
        (2, 8),
        ["quote (') is never closed"],
        id="unclosed single quote",
    ),
    pytest.param(
        "id: x\nsteps:\n  - id: a\n    options:\n      - {me} first\n      - b\n",
        (5, 9),
        ["starting with '{' is read as a mapping", '- "{me} first"'],
        id="unquoted braces in a list item",
    ),
    pytest.param(
        "id: x\ntext: {partner} speaks\n",
        (2, 7),
        ["read as a mapping", 'text: "{partner} speaks"'],
        id="unquoted braces in a value",
    ),
    pytest.param(
        "id: x\ntext: *important* thing\n",
        (2, 7),
        ["starting with '*'", 'text: "*important* thing"'],
        id="star",
    ),
    pytest.param(
        "id: x\ntext: *important thing\n", (2, 7), ["alias", "in quotes"], id="star alias"
    ),
    pytest.param("id: x\ntext: & co\n", (2, 7), ["starting with '&'", "quotes"], id="ampersand"),
    pytest.param("id: x\ntext: &co text\n", (2, 7), ["anchor", "in quotes"], id="anchor"),
    pytest.param("id: x\ntext: !wow\n", (2, 7), ["tag", "in quotes"], id="bang"),
    pytest.param("id: x\ntext: @home\n", (2, 7), ["starting with '@'", '"@home"'], id="at"),
    pytest.param("id: x\ntext: `code`\n", (2, 7), ["starting with '`'", '"`code`"'], id="tick"),
    pytest.param(
        "id: x\nsteps:\n  - id: a\n    kind: read\n   text: hi\n",
        (5, 4),
        ["not indented like the lines around it", "line up"],
        id="field less indented in a list item",
    ),
    pytest.param(
        "id: x\nsteps:\n  - id: a\n  kind: read\n",
        (4, 3),
        ["not indented like the lines around it"],
        id="field at the dash's level",
    ),
    pytest.param(
        "id: x\nsteps:\n  - id: a\n    kind: read\n      text: hi\n",
        (5, 7),
        ["not indented like the lines around it"],
        id="field indented under a plain value",
    ),
]


@pytest.mark.parametrize(("source", "where", "words"), COMMON_MISTAKES)
def test_common_yaml_mistakes_get_a_sentence_with_the_fix(
    source: str, where: tuple[int, int], words: list[str]
) -> None:
    """Each common mistake is named in plain words with its fix (often the corrected line),
    at the line where it is made (an unclosed quote where it opens), never parser jargon."""
    error = refusal(source)
    assert (error.line, error.col) == where, error.message
    for word in words:
        assert word in error.message
    for jargon in ("mapping values", "cannot start any token", "expected", "end of stream"):
        assert jargon not in error.message
