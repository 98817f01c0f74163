"""One rule for every command that writes a file the person names: `export` and
`calendar export`.

An existing file is replaced only with --force; a folder, a pipe or a link is refused; the
format comes from the extension and an unknown one is refused naming --format; the file is
0600 whatever the umask; a missing folder is exit 2 for every command. A refusal writes
nothing and leaves what was there untouched.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbook.cli import run
from workbook.errors import ExitCode

COMMANDS = {
    "export": (("export",), ".md"),
    "calendar": (("calendar", "export"), ".ics"),
}


def wb(home: Path, *args: str) -> int:
    """Run one CLI command against ``home``."""
    return run(["--home", str(home), *args])


@pytest.fixture
def couple_home(home: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A home with a couple and one shared goal."""
    assert wb(home, "couple", "init", "--a", "Sam", "--b", "Alex") == 0
    assert wb(home, "goals", "add", "Walk after dinner", "--cadence", "daily", "--shared") == 0
    capsys.readouterr()
    return home


@pytest.fixture
def open_umask() -> Iterator[None]:
    """Run with umask 000, where a careless write makes a world-writable file."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def write(home: Path, command: str, target: Path, *extra: str) -> int:
    args, _ = COMMANDS[command]
    return wb(home, *args, "-o", str(target), *extra)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_an_existing_file_is_replaced_only_with_force(
    couple_home: Path,
    tmp_path: Path,
    command: str,
    capsys: pytest.CaptureFixture[str],
    open_umask: None,
) -> None:
    """Without --force an existing file is refused (exit 2, naming --force) and keeps its
    bytes; with --force it is replaced, and every written file is mode 0600 even under umask
    000."""
    target = tmp_path / f"out{COMMANDS[command][1]}"
    assert write(couple_home, command, target) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    target.write_bytes(b"mine")
    capsys.readouterr()
    assert write(couple_home, command, target) == ExitCode.USAGE
    assert "--force" in capsys.readouterr().err
    assert target.read_bytes() == b"mine"
    assert write(couple_home, command, target, "--force") == 0
    assert target.read_bytes() != b"mine"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("kind", ["folder", "pipe", "link"])
def test_only_regular_files_are_written(
    couple_home: Path,
    tmp_path: Path,
    command: str,
    kind: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A folder, a pipe or a link at the path is refused (exit 2) even with --force, and is
    still there afterwards, not replaced by a regular file."""
    target = tmp_path / f"thing{COMMANDS[command][1]}"
    if kind == "folder":
        target.mkdir()
    elif kind == "pipe":
        os.mkfifo(target)
    else:
        (tmp_path / "real.txt").write_bytes(b"linked")
        target.symlink_to(tmp_path / "real.txt")
    assert write(couple_home, command, target, "--force") == ExitCode.USAGE
    assert f"is a {kind}, not a file" in capsys.readouterr().err
    checks = {"folder": target.is_dir, "pipe": target.is_fifo, "link": target.is_symlink}
    assert checks[kind]()
    if kind == "link":
        assert (tmp_path / "real.txt").read_bytes() == b"linked"


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_missing_folder_is_exit_2_everywhere(
    couple_home: Path, tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file in a folder that does not exist exits 2 with a sentence naming the folder."""
    target = tmp_path / "nowhere" / f"out{COMMANDS[command][1]}"
    assert write(couple_home, command, target) == ExitCode.USAGE
    assert f"The folder {target.parent} does not exist" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("command", "name", "extra", "says"),
    [
        ("export", "report.pdf", (), "--format"),
        ("export", "report", (), "--format"),
        ("export", "report.html", ("--format", "md"), "--format md"),
        ("calendar", "schedule.txt", (), ".ics"),
    ],
)
def test_the_format_comes_from_the_extension(
    couple_home: Path,
    tmp_path: Path,
    command: str,
    name: str,
    extra: tuple[str, ...],
    says: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An extension the command cannot write, no extension, or one that contradicts
    --format is refused with exit 2 and a sentence naming the way out; nothing is written."""
    target = tmp_path / name
    assert write(couple_home, command, target, *extra) == ExitCode.USAGE
    assert says in capsys.readouterr().err
    assert not target.exists()


@pytest.mark.parametrize(
    ("name", "extra", "starts"),
    [
        ("report.html", (), b"<!DOCTYPE html>"),
        ("report.json", (), b"{"),
        ("report.md", (), b"# "),
        ("report.txt", ("--format", "json"), b"{"),
    ],
)
def test_export_writes_the_format_its_name_says(
    couple_home: Path, tmp_path: Path, name: str, extra: tuple[str, ...], starts: bytes
) -> None:
    """The extension chooses the format (HTML, JSON, Markdown); a name the workbook does not
    know is written in the format --format names."""
    target = tmp_path / name
    assert write(couple_home, "export", target, *extra) == 0
    assert target.read_bytes().lstrip().startswith(starts)
