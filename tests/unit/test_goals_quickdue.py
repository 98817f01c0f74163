"""The fast `workbook due` path: same answer as the store-backed command, and it steps aside
(returns None) for anything it is not sure about, so the full CLI reports problems."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from workbook import checked, locations
from workbook.cli import run
from workbook.couple import make_couple, save_couple
from workbook.goals import quickdue, repo
from workbook.store import Store, layout

START = date(2026, 2, 23)  # a Monday, a week before a month end in a non-leap year


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A workbook with goals of every cadence, check-ins, a pause, an edit and an ended goal."""
    with Store.open(tmp_path) as store, store.transaction():
        save_couple(store, make_couple("Ana", "Ben"))
        cadences = ["daily", "3/week", "mon,thu", "every 3 days", "weekly", "monthly"]
        made = [
            repo.add_goal(
                store,
                title=f"Goal {c}",
                cadence=c,
                partner=(None, "a", "b")[i % 3],
                start=START,
                today=START,
            )
            for i, c in enumerate(cadences)
        ]
        for offset in range(0, 20, 2):
            day = START + timedelta(days=offset)
            for goal in made:
                for who in goal.partners():
                    status = ("done", "partly", "skipped", "missed")[offset % 4]
                    repo.record_checkin(
                        store, goal.id, who, status, day=day, today=day, skip_reason="away"
                    )
        repo.pause_goal(store, made[0].id, today=START + timedelta(days=5))
        repo.resume_goal(store, made[0].id, today=START + timedelta(days=9))
        repo.edit_goal(store, made[1].id, cadence="2/week", today=START + timedelta(days=10))
        repo.achieve_goal(store, made[4].id, today=START + timedelta(days=12))
    return tmp_path


def full_output(home: Path, day: date, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert run(["--home", str(home), "due", "--date", day.isoformat()]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("offset", [0, 3, 5, 6, 8, 11, 13, 14, 19, 20, 21])
def test_fast_path_matches_full_command(
    home: Path, capsys: pytest.CaptureFixture[str], offset: int
) -> None:
    """On each date the fast path prints exactly what the store-backed command prints."""
    day = START + timedelta(days=offset)
    expected = full_output(home, day, capsys)
    assert quickdue.try_run(["--home", str(home), "due", "--date", day.isoformat()]) == 0
    assert capsys.readouterr().out == expected
    assert "nothing due" in expected or "·" in expected or "✓" in expected


@pytest.mark.parametrize(
    "argv",
    [
        ["due", "--help"],
        ["goals", "list"],
        ["due", "--date", "someday"],
        ["due", "--date"],
        ["--demo", "due"],
    ],
)
def test_fast_path_steps_aside_for_other_command_lines(home: Path, argv: list[str]) -> None:
    """Anything but `[--home DIR] due [--date D]` with a readable date goes to the full CLI."""
    assert quickdue.try_run(["--home", str(home), *argv]) is None


def test_fast_path_steps_aside_for_unusual_files(
    tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing, damaged, other-version or couple-less file is left to the full CLI, and so
    is a file changed since the store last checked it, until the full CLI has checked it."""
    assert quickdue.try_run(["--home", str(tmp_path / "missing"), "due"]) is None
    data = home / "workbook.json"
    original = data.read_bytes()
    data.write_bytes(original[: len(original) // 2])
    assert quickdue.try_run(["--home", str(home), "due"]) is None
    data.write_bytes(original.replace(b'"schema_version":2', b'"schema_version":99'))
    assert quickdue.try_run(["--home", str(home), "due"]) is None
    data.write_bytes(original)
    assert quickdue.try_run([f"--home={home}", "due"]) is None
    assert run(["--home", str(home), "due"]) == 0
    capsys.readouterr()
    assert quickdue.try_run([f"--home={home}", "due"]) == 0
    empty = tmp_path / "empty"
    with Store.open(empty) as store:
        repo.add_goal(store, title="Alone", cadence="daily")
    assert quickdue.try_run(["--home", str(empty), "due"]) is None


def test_entry_point_answers_due_without_heavy_imports(home: Path) -> None:
    """The console script answers `due` without importing Pydantic, Typer, Rich, Textual or the
    store itself (it reads the file's layout only)."""
    code = (
        "import sys\n"
        f"sys.argv = ['workbook', '--home', {str(home)!r}, 'due']\n"
        "from workbook.entry import main\n"
        "try:\n    main()\nexcept SystemExit as done:\n    rc = done.code\n"
        "heavy = [m for m in ('pydantic', 'typer', 'rich', 'textual', 'tinydb', 'dateutil', "
        "'workbook.store.db') "
        "if m in sys.modules]\n"
        "print('HEAVY', heavy, rc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "HEAVY [] 0" in done.stdout
    assert "Ana" in done.stdout and "Ben" in done.stdout


def test_fast_path_parses_only_the_tables_it_reads(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the note says the tables lie, the fast path parses _meta, the couple, the goals and
    the check-ins alone; with a note that does not say (written before the ranges existed) it
    parses the whole file, and the answer is the same."""
    parsed: list[layout.Span] = []
    real = layout.table_at

    def spy(data: bytes, span: layout.Span) -> object:
        parsed.append(span)
        return real(data, span)

    monkeypatch.setattr(layout, "table_at", spy)
    day = START + timedelta(days=6)
    argv = ["--home", str(home), "due", "--date", day.isoformat()]
    ident = checked.identity(locations.data_file(home).stat())
    note = checked.read(home, ident)
    assert note is not None
    assert note.tables is not None
    capsys.readouterr()
    assert quickdue.try_run(argv) == 0
    with_ranges = capsys.readouterr().out
    by_span = {span: name for name, span in note.tables.items()}
    assert sorted(by_span[span] for span in parsed) == sorted(quickdue.DUE_TABLES)
    checked.mark(home, ident, None)
    parsed.clear()
    assert quickdue.try_run(argv) == 0
    assert parsed == []
    assert capsys.readouterr().out == with_ranges == full_output(home, day, capsys)
