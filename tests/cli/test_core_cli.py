"""The CLI front door: version, where, couple, backup and restore, exit codes, light imports.

Commands run through :func:`workbook.cli.run` (the single exit point) with ``--home`` set to a
temporary folder; assertions are on exit codes, printed sentences and the stored data.
Subprocess tests prove that ``--version``, ``where`` and the whole UI-free core never import
Textual.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workbook import __version__, locations
from workbook.cli import run
from workbook.couple import find_couple
from workbook.errors import ExitCode
from workbook.store import Store, backups


def cli(home: Path, *args: str) -> int:
    """Run one command against ``home``."""
    return run(["--home", str(home), *args])


def stored_names(home: Path) -> list[str] | None:
    """The partner names stored in ``home`` (None when no couple is set up)."""
    with Store.open(home) as store:
        couple = find_couple(store)
    return None if couple is None else [p.name for p in couple.partners]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """`workbook --version` prints the package version and exits 0."""
    assert run(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"workbook {__version__}"


def test_where_prints_locations_without_creating_anything(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workbook where` prints the data file, the backup folder and the exercise sources of
    the chosen home, and creates nothing there."""
    assert cli(home, "where") == 0
    out = capsys.readouterr().out
    assert str(locations.data_file(home)) in out
    assert str(locations.backup_dir(home)) in out
    assert str(locations.bundled_exercises_dir()) in out
    assert str(locations.user_exercises_dir(home)) in out
    assert not home.exists()


def test_couple_init_and_show(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`couple init` stores the two partners (keys a and b) and greets them; `couple show`
    prints them with their colours."""
    assert cli(home, "couple", "init", "--a", "Sam", "--b", "  Alex  ") == 0
    assert "Welcome, Sam and Alex." in capsys.readouterr().out
    assert stored_names(home) == ["Sam", "Alex"]
    assert cli(home, "couple", "show") == 0
    assert capsys.readouterr().out.splitlines() == ["a: Sam (cyan)", "b: Alex (magenta)"]


@pytest.mark.parametrize(("a", "b"), [("Sam", "Sam"), ("Sam", "sAM"), ("Sam", " Sam ")])
def test_couple_init_refuses_same_names(
    home: Path, a: str, b: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two partners with the same name (ignoring case and spaces) are refused with exit code 2
    and a sentence; nothing is stored."""
    assert cli(home, "couple", "init", "--a", a, "--b", b) == ExitCode.USAGE
    assert "different names" in capsys.readouterr().err
    assert stored_names(home) is None


def test_couple_init_refuses_empty_name(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An empty (or blank) name is refused with exit code 2 and nothing is stored."""
    assert cli(home, "couple", "init", "--a", "   ", "--b", "Alex") == ExitCode.USAGE
    assert "needs a name" in capsys.readouterr().err
    assert stored_names(home) is None


def test_couple_init_twice_needs_force(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A second `couple init` is refused (exit 2, naming the current couple and --force) and
    changes nothing; with --force it renames the partners and keeps the same couple record
    and colours."""
    assert cli(home, "couple", "init", "--a", "Sam", "--b", "Alex") == 0
    with Store.open(home) as store:
        first = find_couple(store)
    assert first is not None
    capsys.readouterr()
    assert cli(home, "couple", "init", "--a", "Robin", "--b", "Kai") == ExitCode.USAGE
    err = capsys.readouterr().err
    assert "Sam and Alex" in err
    assert "--force" in err
    assert stored_names(home) == ["Sam", "Alex"]

    assert cli(home, "couple", "init", "--a", "Robin", "--b", "Kai", "--force") == 0
    with Store.open(home) as store:
        renamed = find_couple(store)
    assert renamed is not None
    assert renamed.id == first.id
    assert [(p.key, p.name, p.colour) for p in renamed.partners] == [
        ("a", "Robin", "cyan"),
        ("b", "Kai", "magenta"),
    ]


def test_couple_show_without_couple(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`couple show` before any set-up exits 5 and tells the person how to set the couple up."""
    assert cli(home, "couple", "show") == ExitCode.NOT_FOUND
    assert "workbook couple init" in capsys.readouterr().err


def test_backup_copies_the_data_file(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`workbook backup` copies the current data file into the backup folder and says where;
    `restore --list` then lists it."""
    assert cli(home, "couple", "init", "--a", "Sam", "--b", "Alex") == 0
    capsys.readouterr()
    assert cli(home, "backup") == 0
    out = capsys.readouterr().out
    saved = backups.list_backups(home)
    assert len(saved) == 1
    assert f"Backed up to {saved[0]}" in out
    assert saved[0].read_bytes() == locations.data_file(home).read_bytes()
    assert cli(home, "restore", "--list") == 0
    assert capsys.readouterr().out.splitlines() == [str(saved[0])]


def test_backup_with_nothing_to_back_up(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`workbook backup` in an empty home exits 5 with a sentence, creating no backup."""
    assert cli(home, "backup") == ExitCode.NOT_FOUND
    assert "nothing to back up" in capsys.readouterr().err
    assert backups.list_backups(home) == []


def test_restore_list_and_latest_without_backups(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no backups, `restore --list` says so (exit 0), `restore --latest` exits 5, and
    `restore` with neither a file nor --latest exits 2 explaining what to pass."""
    assert cli(home, "restore", "--list") == 0
    assert "There are no backups yet." in capsys.readouterr().out
    assert cli(home, "restore", "--latest") == ExitCode.NOT_FOUND
    assert "no backups" in capsys.readouterr().err
    assert cli(home, "restore") == ExitCode.USAGE
    assert "--latest" in capsys.readouterr().err


def test_restore_latest_after_damage(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """After the data file is damaged, commands exit 4 with a message naming the file and the
    newest backup (no traceback), backups are refused; `restore --latest` brings the backup
    back, keeps the damaged file aside, and commands work again."""
    assert cli(home, "couple", "init", "--a", "Sam", "--b", "Alex") == 0
    assert cli(home, "backup") == 0
    newest = backups.newest_backup(home)
    capsys.readouterr()
    locations.data_file(home).write_bytes(b'{"couple": {"1": {"id"')

    assert cli(home, "couple", "show") == ExitCode.DAMAGED
    assert int(ExitCode.DAMAGED) == 4
    err = capsys.readouterr().err
    assert str(locations.data_file(home)) in err
    assert str(newest) in err
    assert "workbook restore --latest" in err
    assert "Traceback" not in err
    assert cli(home, "backup") == ExitCode.DAMAGED
    assert backups.list_backups(home) == [newest]
    capsys.readouterr()

    assert cli(home, "restore", "--latest") == 0
    out = capsys.readouterr().out
    assert f"Restored {newest}" in out
    aside = list(home.glob(f"{locations.DATA_FILE_NAME}.replaced-*"))
    assert len(aside) == 1
    assert aside[0].read_bytes() == b'{"couple": {"1": {"id"'
    assert cli(home, "couple", "show") == 0
    assert "a: Sam (cyan)" in capsys.readouterr().out


def test_unknown_option_is_a_usage_error(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown option exits 2 with the usage message, not a traceback."""
    assert cli(home, "couple", "init", "--c", "Sam") == ExitCode.USAGE
    assert "Traceback" not in capsys.readouterr().err


# -- Textual stays out of the core -----------------------------------------------------------


def run_python(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter (home set to ``tmp_path``)."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )


@pytest.mark.parametrize("argv", [["--version"], ["where"]], ids=["version", "where"])
def test_light_commands_do_not_import_textual(tmp_path: Path, argv: list[str]) -> None:
    """`workbook --version` and `workbook where` run without importing Textual."""
    full = ["--home", str(tmp_path / "home"), *argv]
    proc = run_python(
        f"""
        import sys
        from workbook.cli import run
        code = run({full!r})
        assert code == 0, code
        assert "textual" not in sys.modules, "textual was imported"
        """,
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert "workbook" in proc.stdout


def test_core_modules_do_not_import_textual(tmp_path: Path) -> None:
    """Importing every module of the package except workbook.tui.* (walking the package
    folders with pkgutil) leaves Textual out of sys.modules. ``__main__`` modules are skipped
    because importing them runs the CLI."""
    proc = run_python(
        """
        import importlib, pkgutil, sys
        import workbook

        imported = []

        def walk(path, prefix):
            for info in pkgutil.iter_modules(path, prefix):
                name = info.name
                if name == "workbook.tui" or name.startswith("workbook.tui."):
                    continue
                if name.rsplit(".", 1)[-1] == "__main__":
                    continue
                module = importlib.import_module(name)
                imported.append(name)
                if info.ispkg:
                    walk(module.__path__, name + ".")

        walk(workbook.__path__, "workbook.")
        loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
        assert not loaded, f"textual imported: {loaded[:5]}"
        print("\\n".join(imported))
        """,
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    imported = set(proc.stdout.split())
    for core in (
        "workbook.store",
        "workbook.store.db",
        "workbook.couple",
        "workbook.cli",
        "workbook.cli.core",
        "workbook.locations",
    ):
        assert core in imported
