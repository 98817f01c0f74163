"""The console script's fast lines (`progress`, `goals list`, `export`) answer exactly as the
Typer CLI does, without importing Typer, and leave every unusual line to the CLI.

Each line of the tables runs both ways in this process: through :func:`workbook.quick.try_run`
(the fast line) and through :func:`workbook.cli.run` (the full CLI), on the demo couple, and
the two must print the same standard output and error and end with the same exit code (and,
for `export`, write the same file).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from workbook import quick
from workbook.cli import run
from workbook.demo import DEMO_END, build_demo
from workbook.export import collect
from workbook.store import Store

Outcome = tuple[int | None, str, str]
Runner = Callable[[list[str]], int | None]
MADE_AT = datetime(2026, 11, 27, 20, 15, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo couple: sessions, scored scales, goals of both kinds, private items."""
    home = tmp_path_factory.mktemp("quick-demo") / "home"
    build_demo(home, end=DEMO_END)
    return home


@pytest.fixture
def home(demo_home: Path, tmp_path: Path) -> Path:
    """A copy of the demo couple for one test (read-only commands still note a checked file)."""
    copy = tmp_path / "home"
    shutil.copytree(demo_home, copy)
    return copy


@pytest.fixture
def outcome(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[[Runner, list[str]], Outcome]:
    """Run a command line one way (``quick.try_run`` or ``run``); give (code, out, err)."""
    monkeypatch.setattr(collect, "now", lambda: MADE_AT)  # an export says when it was made

    def one(runner: Runner, argv: list[str]) -> Outcome:
        capsys.readouterr()
        code = runner(argv)
        out, err = capsys.readouterr()
        return code, out, err

    return one


@pytest.fixture
def both(
    outcome: Callable[[Runner, list[str]], Outcome],
) -> Callable[[list[str]], tuple[Outcome, Outcome]]:
    """Run a command line the fast way, then the full way; give the outcome of each."""
    return lambda argv: (outcome(quick.try_run, argv), outcome(run, argv))


def same_both_ways(
    both: Callable[[list[str]], tuple[Outcome, Outcome]], argv: list[str]
) -> Outcome:
    """Run ``argv`` both ways, assert the fast line took it and matched the CLI; give it."""
    fast, full = both(argv)
    assert fast[0] is not None, "the fast line left a plain line to the CLI"
    assert fast == full
    return fast


@pytest.mark.parametrize(
    "args",
    [
        ["progress"],
        ["progress", "--history"],
        ["progress", "--last", "3"],
        ["progress", "--last=1", "--history"],
        ["progress", "--history", "--last", "40"],
        ["progress", "--last", "012"],
        ["progress", "--last", "999999"],
        ["goals", "list"],
        ["goals", "list", "--format", "table"],
        ["goals", "list", "--format=json"],
    ],
)
def test_reading_commands_print_the_same_both_ways(
    home: Path, both: Callable[[list[str]], tuple[Outcome, Outcome]], args: list[str]
) -> None:
    """`progress` and `goals list`, with each option in each spelling, print byte for byte
    what the full CLI prints, with `--home DIR` or `--home=DIR` before the command."""
    code, out, err = same_both_ways(both, ["--home", str(home), *args])
    assert code == 0 and out and err == ""
    assert same_both_ways(both, [f"--home={home}", *args]) == (code, out, err)


def test_the_home_may_come_from_the_environment(
    home: Path,
    both: Callable[[list[str]], tuple[Outcome, Outcome]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without `--home`, both ways read the workbook WORKBOOK_HOME names."""
    monkeypatch.setenv("WORKBOOK_HOME", str(home))
    code, out, _ = same_both_ways(both, ["goals", "list"])
    assert code == 0 and "Ten minutes" not in out and "both" in out


def test_progress_shows_scores_and_changes(
    home: Path, both: Callable[[list[str]], tuple[Outcome, Outcome]]
) -> None:
    """With a goal changed, `progress --history` prints goal rows, a scale's scores and the
    changes the same both ways: every part of the command's output is compared."""
    from workbook.goals import repo

    with Store.open(home) as store:
        first = min(repo.goals(store).all(), key=lambda g: (g.private, g.created_at))
        repo.edit_goal(store, first.id, title="Walk after dinner", reason="a new route")
    _, out, _ = same_both_ways(both, ["--home", str(home), "progress", "--history"])
    assert "streak" in out and "scores, oldest to newest" in out and "Skips are excused" in out
    assert "Walk after dinner: changes" in out and "(a new route)" in out


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("report.md", []),
        ("report.html", ["--force"]),
        ("report.json", ["--format", "json"]),
        ("report.txt", ["-f", "md"]),
        ("report.htm", ["--format=html", "--force"]),
    ],
)
def test_export_writes_the_same_file_both_ways(
    home: Path,
    tmp_path: Path,
    outcome: Callable[[Runner, list[str]], Outcome],
    name: str,
    options: list[str],
) -> None:
    """`export` with `-o`/`--output`, `-f`/`--format` and `--force` says the same and writes
    the same bytes, in the same format, both ways."""
    fast_file, full_file = tmp_path / "fast" / name, tmp_path / "full" / name
    fast_file.parent.mkdir()
    full_file.parent.mkdir()
    argv = ["--home", str(home), "export", *options]
    fast = outcome(quick.try_run, [*argv, "-o", str(fast_file)])
    full = outcome(run, [*argv, "-o", str(full_file)])
    assert fast[0] == full[0] == 0
    assert fast[1].replace(str(fast_file), "FILE") == full[1].replace(str(full_file), "FILE")
    assert fast[2] == full[2] == ""
    assert "private items left out" in fast[1]
    assert fast_file.read_bytes() == full_file.read_bytes()
    again = [o for o in options if o != "--force"]
    replace = ["--home", str(home), "export", f"--output={fast_file}", "--force", *again]
    assert outcome(quick.try_run, replace)[0] == 0
    assert fast_file.read_bytes() == full_file.read_bytes()


@pytest.mark.parametrize(
    ("name", "options", "exists"),
    [
        ("report.md", [], True),  # replaced only with --force
        ("report.pdf", [], False),  # no format from the name
        ("report.md", ["--format", "json"], False),  # the name and the format disagree
        ("missing/report.md", [], False),  # no such folder
        ("folder", ["--format", "md", "--force"], False),  # a folder is no file
    ],
)
def test_export_refuses_the_same_way(
    home: Path,
    tmp_path: Path,
    both: Callable[[list[str]], tuple[Outcome, Outcome]],
    name: str,
    options: list[str],
    exists: bool,
) -> None:
    """A file that exists, a name with no format or the wrong one, a folder that does not
    exist or a folder as the target: the same sentence and exit code both ways, and an
    existing file is left as it was."""
    (tmp_path / "folder").mkdir()
    target = tmp_path / name
    if exists:
        target.write_text("keep me")
    code, out, err = same_both_ways(
        both, ["--home", str(home), "export", "-o", str(target), *options]
    )
    assert code == 2 and out == "" and err.endswith(".\n")
    if exists:
        assert target.read_text() == "keep me"


def test_a_missing_workbook_reads_the_same(
    tmp_path: Path, both: Callable[[list[str]], tuple[Outcome, Outcome]]
) -> None:
    """A home with no workbook gives the same sentence and exit code for each command, and
    nothing is made there."""
    missing = tmp_path / "nowhere"
    for args in (["progress"], ["goals", "list"], ["export", "-o", str(tmp_path / "r.md")]):
        code, out, err = same_both_ways(both, ["--home", str(missing), *args])
        assert code != 0 and out == "" and str(missing) in err
    assert not missing.exists() and not (tmp_path / "r.md").exists()


def test_a_damaged_file_reads_the_same(
    home: Path, both: Callable[[list[str]], tuple[Outcome, Outcome]]
) -> None:
    """A cut-off data file is reported with the same sentence and exit code both ways, for
    each command, and is left as it was."""
    data = home / "workbook.json"
    damaged = data.read_bytes()[:1000]
    data.write_bytes(damaged)
    for args in (["progress"], ["goals", "list"], ["export", "-o", str(home / "r.md")]):
        code, out, err = same_both_ways(both, ["--home", str(home), *args])
        assert code != 0 and out == "" and "workbook.json" in err
    assert data.read_bytes() == damaged


def test_a_workbook_open_elsewhere_reads_the_same(
    home: Path, both: Callable[[list[str]], tuple[Outcome, Outcome]]
) -> None:
    """While another window holds the workbook's lock, the reading commands still answer, the
    same both ways (they read without the lock)."""
    with Store.open(home, hold_lock=True, purpose="the workbook window"):
        for args in (["progress"], ["goals", "list", "--format", "json"]):
            code, out, err = same_both_ways(both, ["--home", str(home), *args])
            assert code == 0 and out and err == ""


@pytest.mark.parametrize(
    "args",
    [
        ["progress", "--help"],
        ["progress", "--last", "0"],
        ["progress", "--last", "x"],
        ["progress", "--last", "1_0"],
        ["progress", "--last", "+3"],
        ["progress", "--last", "1234567"],
        ["progress", "--last", "\u0663"],
        ["progress", "--last"],
        ["progress", "--last="],
        ["progress", "--last", "-1"],
        ["progress", "--last", "3", "--last", "4"],
        ["progress", "--history", "--history"],
        ["progress", "--history=yes"],
        ["progress", "--verbose"],
        ["progress", "extra"],
        ["progress", "--"],
        ["goals"],
        ["goals", "list", "--format", "yaml"],
        ["goals", "list", "--format", "JSON"],
        ["goals", "list", "-f", "json"],
        ["goals", "list", "--format"],
        ["goals", "list", "--help"],
        ["export"],
        ["export", "--force"],
        ["export", "-o"],
        ["export", "-o=r.md"],
        ["export", "-or.md"],
        ["export", "-o", "--force"],
        ["export", "-o", "r.md", "-o", "s.md"],
        ["export", "-o", "r.md", "--format", "pdf"],
        ["export", "-o", "r.md", "--include-private", "--partner", "Maya"],
        ["export", "-o", "r.md", "--passphrase-stdin"],
        ["export", "-o", "r.md", "--packet"],
        ["export", "-o", "r.md", "--packet", "--approvals-stdin"],
        ["export", "--help"],
        ["due"],
        ["where"],
    ],
)
def test_unusual_lines_go_to_the_full_cli(args: list[str]) -> None:
    """Help, unknown or repeated options, missing or bad values, the export options that ask
    for a passphrase or approvals, and other commands are left to the CLI, which explains or
    asks; so are root options other than one --home."""
    assert quick.parse(args) is None
    assert quick.parse(["--home", "h", *args]) is None


@pytest.mark.parametrize(
    "argv",
    [
        ["--demo", "progress"],
        ["--exercises", "pack", "progress"],
        ["--home", "a", "--home", "b", "progress"],
        ["--home=", "progress"],
        ["--home", "--demo", "progress"],
        ["--home", "progress"],
        ["--version"],
        ["--help"],
        [],
    ],
)
def test_unusual_root_options_go_to_the_full_cli(argv: list[str]) -> None:
    """Only `--home DIR` or `--home=DIR`, once, may come before a fast command."""
    assert quick.parse(argv) is None


def test_plain_lines_are_taken_with_their_options() -> None:
    """The plain forms are read as the CLI reads them."""
    found = quick.parse(["--home=h", "export", "-o", "r.md", "--force", "-f", "md"])
    assert found is not None
    home, command, given = found
    assert (home, command.words) == ("h", ("export",))
    assert given == quick.Given(frozenset({"--force"}), {"--output": "r.md", "--format": "md"})
    found = quick.parse(["progress", "--last", "012"])
    assert found is not None and found[2].values == {"--last": "012"}


# -- the console script, in a fresh process --------------------------------------------------

RUN_IN_CHILD = """
import sys
sys.argv = ["workbook", *sys.argv[1:]]
from workbook.entry import main
try:
    main()
except SystemExit as done:
    code = done.code
heavy = ("typer", "workbook.cli", "click", "textual", "filelock", "importlib.metadata")
loaded = [m for m in heavy if m in sys.modules]
print("PYDANTIC", "pydantic" in sys.modules, file=sys.stderr)
print("LOADED", loaded, code, file=sys.stderr)
"""


def console_script(*argv: str) -> subprocess.CompletedProcess[str]:
    """The console script's entry point in a fresh process; it reports what it imported."""
    return subprocess.run(
        [sys.executable, "-c", RUN_IN_CHILD, *argv],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ},
    )


@pytest.mark.parametrize(
    "args",
    [
        ["progress", "--history"],
        ["goals", "list"],
        ["goals", "list", "--format", "json"],
        ["export", "-o", "REPORT"],
    ],
)
def test_fast_lines_never_import_typer(home: Path, tmp_path: Path, args: list[str]) -> None:
    """Each fast line does its work in a fresh process without importing Typer, the CLI
    package, the lock or importlib.metadata (pydantic's plugin search)."""
    args = [str(tmp_path / "r.html") if a == "REPORT" else a for a in args]
    done = console_script("--home", str(home), *args)
    assert done.stderr.splitlines()[-1] == "LOADED [] 0", done.stderr
    assert done.stdout


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["progress"], ("streak", "scores, oldest to newest")),
        (["goals", "list"], ("how often", "Private goal")),
        (["goals", "list", "--format", "json"], ('"cadence_words"', '"agreement_text"')),
    ],
)
def test_goal_lines_read_a_sound_file_without_pydantic(
    home: Path, args: list[str], shown: tuple[str, ...]
) -> None:
    """Once the store has found the data file sound, `progress` and `goals list` print the
    goals (and scores) without importing Pydantic or any model, as they print them with it
    (the first open after the copy checks every record, and so needs the models)."""
    first = console_script("--home", str(home), *args)
    assert first.stderr.splitlines()[-2:] == ["PYDANTIC True", "LOADED [] 0"], first.stderr
    again = console_script("--home", str(home), *args)
    assert again.stderr.splitlines()[-2:] == ["PYDANTIC False", "LOADED [] 0"], again.stderr
    assert again.stdout == first.stdout
    assert all(words in again.stdout for words in shown), again.stdout


def test_a_line_left_to_the_cli_is_explained_by_it(home: Path) -> None:
    """A bad value goes to the full CLI, which names the option and exits 2."""
    done = console_script("--home", str(home), "progress", "--last", "0")
    assert "--last" in done.stderr and done.stderr.splitlines()[-1].startswith("LOADED ['typer'")
    assert done.stderr.splitlines()[-1].endswith(" 2")


ENTRY = (
    "import sys; sys.argv = ['workbook', *sys.argv[1:]]; from workbook.entry import main; main()"
)


def test_a_closed_pipe_ends_the_same_way(home: Path) -> None:
    """When whatever reads the output has gone (`workbook goals list | head`), the console
    script ends as the full CLI does: exit code 1, and not a word."""
    ended = []
    for entry in (["-c", ENTRY], ["-m", "workbook.cli"]):
        read_end, write_end = os.pipe()
        os.close(read_end)
        with os.fdopen(write_end, "w") as closed:
            done = subprocess.run(
                [sys.executable, *entry, "--home", str(home), "goals", "list"],
                stdout=closed,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
        ended.append((done.returncode, done.stderr))
    assert ended == [(1, ""), (1, "")]


def test_ctrl_c_ends_the_same_way(
    home: Path,
    both: Callable[[list[str]], tuple[Outcome, Outcome]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl+C while a command reads ends both ways with exit code 130 and the same words."""
    from workbook.cli import goals as cli_goals
    from workbook.goals import listing

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(listing, "list_goals", interrupted)
    monkeypatch.setattr(cli_goals, "list_goals", interrupted)
    fast, full = both(["--home", str(home), "goals", "list"])
    assert fast == full
    assert fast[0] == 130 and fast[1] == ""


def test_a_fast_line_reads_with_the_collector_paused_and_leaves_it_running(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A fast line only reads, prints and ends: the cycle collector is off while it works
    (even when it fails) and running again once it has returned."""
    import gc

    from workbook.goals import listing

    seen: list[bool] = []
    real = listing.list_goals

    def spy(*args: Any, **kwargs: Any) -> None:
        seen.append(gc.isenabled())
        real(*args, **kwargs)

    monkeypatch.setattr(listing, "list_goals", spy)
    assert gc.isenabled()
    assert quick.try_run(["--home", str(home), "goals", "list"]) == 0
    assert seen == [False] and gc.isenabled()
    assert quick.try_run(["--home", str(home / "missing"), "goals", "list"]) != 0
    assert seen == [False, False] and gc.isenabled()
    capsys.readouterr()


# What each command's fast line leaves to the CLI on purpose: the options that ask something.
LEFT_TO_THE_CLI = {
    ("progress",): set(),
    ("goals", "list"): set(),
    ("export",): {"--include-private", "--partner", "--passphrase-stdin", "--packet",
                  "--approvals-stdin"},
}  # fmt: skip


@pytest.mark.parametrize("command", quick.COMMANDS, ids=lambda c: " ".join(c.words))
def test_fast_options_are_the_commands_own(command: quick.Command) -> None:
    """Each fast line knows only its Typer command's options, each spelling naming the same
    option and of the same kind (a flag, or an option with a value), and leaves to the CLI only
    the options that ask for something."""
    import typer
    from typer.core import TyperGroup, TyperOption

    from workbook.cli import build_app

    found = typer.main.get_command(build_app(command.words[0]))
    for word in command.words:
        assert isinstance(found, TyperGroup)
        found = found.commands[word]
    options = [p for p in found.params if isinstance(p, TyperOption)]
    long_name = {spelling: max(p.opts, key=len) for p in options for spelling in p.opts}
    flags = {s for p in options if p.is_flag for s in p.opts}
    valued = {s for p in options if not p.is_flag for s in p.opts}
    assert command.flags <= flags
    assert set(command.spellings) <= valued
    assert all(long_name[s] == name for s, name in command.spellings.items())
    assert set(command.accepts) == set(command.spellings.values())
    taken = command.flags | set(command.spellings)
    left = {long_name[s] for s in flags | valued} - {long_name[s] for s in taken}
    assert left == LEFT_TO_THE_CLI[command.words]


def test_json_reaches_a_terminal_set_to_ascii_as_utf8(tmp_path: Path) -> None:
    """With standard output set to ASCII (a locale set wrong), `goals list --format json`
    still prints its UTF-8 bytes, the same both ways, instead of failing on "ë"."""
    from workbook.couple import make_couple, save_couple
    from workbook.goals import repo

    with Store.open(tmp_path) as store:
        save_couple(store, make_couple("Zoë", "Ben"))
        repo.add_goal(store, title="Café walk", cadence="daily", partner="a")
    printed = []
    for entry in (["-c", ENTRY], ["-m", "workbook.cli"]):
        done = subprocess.run(
            [sys.executable, *entry, "--home", str(tmp_path), "goals", "list", "--format", "json"],
            capture_output=True,
            check=False,
            env={**os.environ, "PYTHONIOENCODING": "ascii"},
        )
        printed.append((done.returncode, done.stdout, done.stderr))
    assert printed[0] == printed[1]
    assert printed[0][0] == 0 and '"partner_name": "Zoë"'.encode() in printed[0][1]


@pytest.mark.parametrize(
    "args", [["progress"], ["goals", "list"], ["goals", "list", "--format=json"]]
)
def test_a_workbook_without_a_couple_says_how_to_begin(
    tmp_path: Path, both: Callable[[list[str]], tuple[Outcome, Outcome]], args: list[str]
) -> None:
    """A data file with no couple in it yet: `progress` and `goals list` say so, and how to
    set one up, both ways, instead of printing an empty table."""
    home = tmp_path / "new"
    Store.open(home).close()
    code, out, err = same_both_ways(both, ["--home", str(home), *args])
    assert code != 0 and out == ""
    assert "No couple is set up in this workbook yet" in err and "couple init" in err
