"""What the command line accepts as text: private words only from standard input, and bytes
that are not UTF-8 never lose a word or crash.

Every free-text input read from standard input is driven through the real CLI with a stdin
carrying bytes that are not UTF-8: the text is stored with U+FFFD in their place and a warning
says how many. Text on the command line holding such bytes is refused with exit 2 naming the
option, and nothing is stored. A private goal's skip reason on the command line is refused
before anything is stored.
"""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from workbook import locations
from workbook.cli import run
from workbook.errors import ExitCode
from workbook.goals import repo
from workbook.goals.models import Goal
from workbook.journal import vault
from workbook.store import Store

if TYPE_CHECKING:
    from conftest import PreparedKeys

PASSPHRASE = "tea on the balcony"
# Three bytes that are not UTF-8, on two lines.
RAW = b"Line \xff one\nLine two \xfe\xfd\n"
STORED = "Line \ufffd one\nLine two \ufffd\ufffd"

Cli = Callable[..., tuple[int, str, str]]


class Home:
    """A workbook with Ana and Ben, Ben's journal key, a shared goal and Ben's private goal."""

    def __init__(self, path: Path, walk: str, secret: str) -> None:
        self.path, self.walk, self.secret = path, walk, secret

    def data(self) -> bytes:
        return locations.data_file(self.path).read_bytes()


@pytest.fixture
def wb(
    tmp_path: Path,
    journal_keys: PreparedKeys,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[Home, Cli]:
    """The home above and a runner: `invoke(*argv, stdin=b"...")` gives code, out and err.

    Standard input is a real byte stream under a strict UTF-8 text layer, as a terminal or a
    pipe gives it.
    """
    assert run(["--home", str(tmp_path), "couple", "init", "--a", "Ana", "--b", "Ben"]) == 0
    journal_keys.give(tmp_path, "b", PASSPHRASE)
    with Store.open(tmp_path) as store:
        walk = repo.add_goal(store, title="Walk", why="", cadence="daily", partner=None)
        secret = repo.add_goal(
            store, title="Quiet plan", why="", cadence="daily", partner="b", private=True
        )
    monkeypatch.setattr(vault, "WRONG_PASSPHRASE_DELAY", 0)

    def invoke(*argv: str, stdin: bytes = b"") -> tuple[int, str, str]:
        capsys.readouterr()
        stream = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8", errors="strict")
        monkeypatch.setattr(sys, "stdin", stream)
        code = run(["--home", str(tmp_path), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return Home(tmp_path, walk.id, secret.id), invoke


def _goal(home: Home, goal_id: str) -> Goal:
    with Store.open(home.path) as store:
        return repo.goals(store).require(goal_id, what="goal")


def _newest_goal(home: Home) -> Goal:
    with Store.open(home.path) as store:
        return max(repo.goals(store).all(), key=lambda g: g.created_at)


def _unsealed(home: Home, armored: str) -> dict[str, object]:
    with Store.open(home.path) as store, vault.unlock(store, "b", PASSPHRASE) as session:
        return vault.open_for(session, armored)


def _checkin(home: Home, goal_id: str) -> tuple[str | None, str | None, str | None]:
    with Store.open(home.path) as store:
        (found,) = repo.checkins_of(store, goal_id)
    return found.skip_reason, found.note, found.sealed


def _why_of_new_goal(home: Home) -> str:
    goal = _newest_goal(home)
    assert goal.title == "Tea together"
    return goal.why


def _private_new_goal(home: Home) -> str:
    goal = _newest_goal(home)
    assert goal.private and goal.encrypted is not None and goal.id != home.secret
    words = _unsealed(home, goal.encrypted)
    return f"{words['title']}\n{words['why']}"


def _note(home: Home) -> str:
    reason, note, _ = _checkin(home, home.walk)
    assert reason is None
    return str(note)


def _reason(home: Home) -> str:
    reason, note, _ = _checkin(home, home.walk)
    assert note is None
    return str(reason)


def _private_reason_and_note(home: Home) -> str:
    reason, note, sealed = _checkin(home, home.secret)
    assert reason == repo.PRIVATE_REASON and note is None and sealed is not None
    words = _unsealed(home, sealed)
    return f"{words['skip_reason']}\n{words['note']}"


def _journal_body(home: Home) -> str:
    with Store.open(home.path) as store, vault.unlock(store, "b", PASSPHRASE) as session:
        (entry,) = session.entries()
    return entry.payload.body


# Every free-text input read from standard input: argv (goal ids filled in), and what was kept.
STDIN_INPUTS: dict[str, tuple[tuple[str, ...], Callable[[Home], str]]] = {
    "goals add --why-stdin": (
        ("goals", "add", "Tea together", "--shared", "-c", "daily", "--why-stdin"),
        _why_of_new_goal,
    ),
    "goals add --private": (
        ("goals", "add", "-c", "daily", "--partner", "Ben", "--private"),
        _private_new_goal,
    ),
    "goals edit --why-stdin": (
        ("goals", "edit", "{walk}", "--why-stdin"),
        lambda home: _goal(home, home.walk).why,
    ),
    "checkin --note-stdin": (
        ("checkin", "{walk}", "--partner", "Ana", "--status", "done", "--note-stdin"),
        _note,
    ),
    "checkin --reason-stdin": (
        ("checkin", "{walk}", "--partner", "Ana", "--status", "skipped", "--reason-stdin"),
        _reason,
    ),
    "checkin private --reason-stdin --note-stdin": (
        (
            "checkin",
            "{secret}",
            "--partner",
            "Ben",
            "--status",
            "skipped",
            "--reason-stdin",
            "--note-stdin",
        ),
        _private_reason_and_note,
    ),
    "journal add": (("journal", "add", "--partner", "Ben"), _journal_body),
}


def _argv(home: Home, argv: tuple[str, ...]) -> list[str]:
    return [arg.format(walk=home.walk, secret=home.secret) for arg in argv]


@pytest.mark.parametrize("name", list(STDIN_INPUTS))
def test_stdin_bytes_that_are_not_utf8_are_kept_as_replacement_characters(
    wb: tuple[Home, Cli], name: str
) -> None:
    """Text on standard input with bytes that are not UTF-8 is saved (each such byte as U+FFFD)
    and a warning on standard error says how many bytes were replaced; never exit 70."""
    home, invoke = wb
    argv, stored = STDIN_INPUTS[name]
    code, _, err = invoke(*_argv(home, argv), stdin=RAW)
    assert code == 0, err
    assert stored(home) == STORED
    assert "Warning: 3 bytes" in err and "not UTF-8" in err


def test_clean_stdin_gives_no_warning(wb: tuple[Home, Cli]) -> None:
    """UTF-8 text (accents included) is stored as it is, with no warning."""
    home, invoke = wb
    code, _, err = invoke("goals", "edit", home.walk, "--why-stdin", stdin="Café ☕\n".encode())
    assert code == 0 and "Warning" not in err
    assert _goal(home, home.walk).why == "Café ☕"


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (("goals", "add", "Walk \udcff", "--shared", "-c", "daily"), "The title argument"),
        (("goals", "edit", "{walk}", "--title", "Run \udcff"), "--title"),
        (("goals", "edit", "{walk}", "--cadence", "weekly", "--reason", "r \udcff"), "--reason"),
        (("goals", "pause", "{walk}", "--reason", "r \udcff"), "--reason"),
        (
            ("checkin", "{walk}", "--partner", "Ana", "--status", "skipped", "--reason", "\udcff"),
            "--reason",
        ),
        (("couple", "init", "--a", "An\udcffa", "--b", "Ben", "--force"), "--a"),
        (("journal", "add", "--partner", "B\udcffen"), "--partner"),
    ],
)
def test_argv_bytes_that_are_not_utf8_are_refused_naming_the_option(
    wb: tuple[Home, Cli], argv: tuple[str, ...], named: str
) -> None:
    """Command-line text holding bytes that are not UTF-8 (lone surrogates in Python) is refused
    with exit 2, a sentence naming the option, and the data file unchanged."""
    home, invoke = wb
    before = home.data()
    code, _, err = invoke(*_argv(home, argv), stdin=b"Some words\n")
    assert code == ExitCode.USAGE
    assert named in err and "not UTF-8" in err
    assert home.data() == before


def test_a_private_goals_skip_reason_on_the_command_line_is_refused(
    wb: tuple[Home, Cli],
) -> None:
    """`checkin --reason WORDS` on a private goal exits 2 before anything is stored (the data
    file is byte for byte the same) and points to --reason-stdin; a shared goal still takes it."""
    home, invoke = wb
    before = home.data()
    code, _, err = invoke(
        "checkin", home.secret, "--partner", "Ben", "--status", "skipped", "--reason", "tired"
    )
    assert code == ExitCode.USAGE and "--reason-stdin" in err
    assert home.data() == before
    code, _, err = invoke(
        "checkin", home.walk, "--partner", "Ana", "--status", "skipped", "--reason", "rain"
    )
    assert code == 0, err
    assert _reason(home) == "rain"


def test_reason_given_twice_is_refused(wb: tuple[Home, Cli]) -> None:
    """--reason and --reason-stdin together are refused (exit 2) and nothing is stored."""
    home, invoke = wb
    before = home.data()
    code, _, err = invoke(
        "checkin",
        home.walk,
        "--partner",
        "Ana",
        "--status",
        "skipped",
        "--reason",
        "rain",
        "--reason-stdin",
        stdin=b"wind\n",
    )
    assert code == ExitCode.USAGE and "once" in err
    assert home.data() == before


def test_a_passphrase_that_is_not_utf8_is_refused_not_changed(wb: tuple[Home, Cli]) -> None:
    """A passphrase line with bytes that are not UTF-8 is refused with exit 2 and a sentence;
    it is never silently replaced (that would seal to a passphrase nobody typed)."""
    home, invoke = wb
    before = home.data()
    code, _, err = invoke(
        "journal",
        "passwd",
        "--partner",
        "Ben",
        "--passphrase-stdin",
        stdin=PASSPHRASE.encode() + b"\n" + b"new \xff phrase\nnew \xff phrase\n",
    )
    assert code == ExitCode.USAGE
    assert "passphrase holds bytes that are not UTF-8" in err
    assert home.data() == before


def test_packet_answers_that_are_not_utf8_are_a_sentence_not_a_crash(
    wb: tuple[Home, Cli], tmp_path: Path
) -> None:
    """An approval line with bytes that are not UTF-8 is asked about like any unclear answer
    (exit 2), and no file is written."""
    _, invoke = wb
    target = tmp_path / "packet.md"
    code, _, err = invoke(
        "export", "-o", str(target), "--packet", "--approvals-stdin", stdin=b"\xff\n"
    )
    assert code == ExitCode.USAGE and "y (yes) or n (no)" in err
    assert not target.exists()


def test_journal_export_follows_the_file_writing_rule(wb: tuple[Home, Cli], tmp_path: Path) -> None:
    """`journal export -o` in a missing folder exits 2 naming the folder, before asking for the
    passphrase; a folder at the path is refused; an existing file needs --force."""
    home, invoke = wb
    missing = tmp_path / "nowhere" / "journal.md"
    code, _, err = invoke(
        "journal", "export", "--partner", "Ben", "--passphrase-stdin", "-o", str(missing)
    )
    assert code == ExitCode.USAGE
    assert f"The folder {missing.parent} does not exist" in err
    folder = tmp_path / "a-folder.md"
    folder.mkdir()
    code, _, err = invoke(
        "journal",
        "export",
        "--partner",
        "Ben",
        "--passphrase-stdin",
        "-o",
        str(folder),
        "--force",
        stdin=f"{PASSPHRASE}\n".encode(),
    )
    assert code == ExitCode.USAGE and "is a folder, not a file" in err
    assert folder.is_dir()
    target = tmp_path / "journal.md"
    target.write_bytes(b"mine")
    args = ("journal", "export", "--partner", "Ben", "--passphrase-stdin", "-o", str(target))
    code, _, err = invoke(*args, stdin=f"{PASSPHRASE}\n".encode())
    assert code == ExitCode.USAGE and "--force" in err
    assert target.read_bytes() == b"mine"
    code, _, err = invoke(*args, "--force", stdin=f"{PASSPHRASE}\n".encode())
    assert code == 0, err
    assert target.read_bytes().startswith(b"#")
    assert home.data()


def test_the_installed_command_keeps_stdin_words_and_refuses_argv_bytes(tmp_path: Path) -> None:
    """Through a real process (the bytes as a shell passes them): a why piped with a byte that
    is not UTF-8 is saved with U+FFFD and a warning; a title with one is refused with exit 2."""
    base = [sys.executable, "-m", "workbook", "--home", str(tmp_path)]
    assert subprocess.run([*base, "couple", "init", "--a", "Ana", "--b", "Ben"]).returncode == 0
    added = subprocess.run(
        [*base, "goals", "add", "Walk", "--shared", "-c", "daily", "--why-stdin"],
        input=b"fresh air \xff\n",
        capture_output=True,
    )
    assert added.returncode == 0, added.stderr
    assert b"Warning: 1 byte" in added.stderr
    refused = subprocess.run(
        [*base, "goals", "add", b"Run \xff", "--shared", "-c", "daily"], capture_output=True
    )
    assert refused.returncode == ExitCode.USAGE
    assert b"The title argument holds bytes that are not UTF-8" in refused.stderr
    with Store.open(tmp_path) as store:
        (goal,) = repo.goals(store).all()
    assert (goal.title, goal.why) == ("Walk", "fresh air \ufffd")
