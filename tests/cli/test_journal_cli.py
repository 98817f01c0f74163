"""`workbook journal`: setup, add, list, export and passwd through the CLI's single exit point."""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import orjson
import pytest

from workbook import locations
from workbook.cli import run
from workbook.errors import ExitCode
from workbook.journal import crypto, vault
from workbook.journal.models import ENTRIES_TABLE
from workbook.store import Store

if TYPE_CHECKING:
    from conftest import PreparedKeys

PASSPHRASE = "tea on the balcony"
Cli = Callable[..., tuple[int, str, str]]
ADD = "journal add --partner Sam"
LIST = "journal list --partner Sam --passphrase-stdin"


@pytest.fixture
def sam_key(journal_keys: PreparedKeys) -> crypto.KeyMaterial:
    """Sam's real key, made once per test session (scrypt is slow)."""
    return journal_keys.material(PASSPHRASE)


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run `workbook --home tmp_path COMMAND EXTRA...` with the given stdin; give code, out, err.

    COMMAND is split on spaces; EXTRA arguments (paths) are passed as they are.
    """
    monkeypatch.setattr(vault, "WRONG_PASSPHRASE_DELAY", 0)

    def invoke(command: str, *extra: str, stdin: str = "") -> tuple[int, str, str]:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = run(["--home", str(tmp_path), *command.split(), *extra])
        out, err = capsys.readouterr()
        return code, out, err

    assert invoke("couple init --a Sam --b Alex")[0] == 0
    return invoke


@pytest.fixture
def with_key(tmp_path: Path, cli: Cli, sam_key: crypto.KeyMaterial) -> Path:
    """The couple plus Sam's prepared key (as `journal setup` stores it, without scrypt)."""
    with Store.open(tmp_path) as store:
        vault.store_key(store, "a", sam_key)
    return tmp_path


def entry_table(home: Path) -> object:
    return orjson.loads(locations.data_file(home).read_bytes()).get(ENTRIES_TABLE)


def test_setup_asks_twice_warns_and_refuses_a_second_key(tmp_path: Path, cli: Cli) -> None:
    """setup stores a wrapped key after two matching lines, warns it cannot be recovered."""
    code, _, err = cli(
        "journal setup --partner Sam --passphrase-stdin", stdin="one phrase here\nanother phrase\n"
    )
    assert code == ExitCode.USAGE
    assert "do not match" in err
    with Store.open(tmp_path) as store:
        assert vault.key_of(store, "a") is None

    code, _, err = cli(
        "journal setup --partner sam --passphrase-stdin", stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n"
    )
    assert code == 0, err
    assert "Nobody can recover it" in err
    assert "Key strength: scrypt work factor 2^" in err
    with Store.open(tmp_path) as store:
        key = vault.key_of(store, "a")
    assert key is not None and key.generation == 1
    assert PASSPHRASE not in locations.data_file(tmp_path).read_text()

    code, _, err = cli(
        "journal setup --partner Sam --passphrase-stdin", stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n"
    )
    assert code == ExitCode.USAGE
    assert "journal passwd" in err


def test_add_reads_title_tags_and_mood_from_stdin_and_list_shows_them(
    with_key: Path, cli: Cli
) -> None:
    """add takes everything from stdin without a passphrase; list prints date, title, tags."""
    code, _, err = cli(
        ADD, stdin="# Lake swim\ntags: summer, brave\nmood: proud\n\nCold but good.\n"
    )
    assert code == 0, err
    code, out, err = cli(LIST, stdin=f"{PASSPHRASE}\n")
    assert code == 0, err
    assert "Lake swim" in out and "[summer, brave]" in out
    with Store.open(with_key) as store, vault.unlocked(store, "a", PASSPHRASE, delay=0) as s:
        (item,) = s.entries()
    assert (item.payload.mood, item.payload.body) == ("proud", "Cold but good.")


def test_add_refuses_an_empty_entry_and_a_partner_without_a_key(with_key: Path, cli: Cli) -> None:
    """An empty entry stores nothing; a partner without a key is told to run setup."""
    assert cli(ADD, stdin="\n\n")[0] == ExitCode.USAGE
    code, _, err = cli("journal add --partner Alex", stdin="hello\n")
    assert code == ExitCode.NOT_FOUND
    assert "journal setup --partner Alex" in err
    assert not entry_table(with_key)


def test_wrong_passphrase_is_denied_and_changes_nothing(with_key: Path, cli: Cli) -> None:
    """list with a wrong passphrase exits with DENIED, says so, and leaves the file as it was."""
    cli(ADD, stdin="# kept\nbody\n")
    before = locations.data_file(with_key).read_bytes()
    code, out, err = cli(LIST, stdin="not my phrase\n")
    assert code == ExitCode.DENIED
    assert "not right" in err and "kept" not in out
    assert locations.data_file(with_key).read_bytes() == before


def test_export_writes_a_private_markdown_file(with_key: Path, cli: Cli) -> None:
    """export -o writes Markdown readable by the owner only and refuses to overwrite."""
    cli(ADD, stdin="# First\nOne.\n")
    cli(ADD, stdin="# Second\ntags: x\nTwo.\n")
    target = with_key / "out" / "journal.md"
    target.parent.mkdir()
    args = ("journal export --partner Sam --format md --passphrase-stdin",)
    code, _, err = cli(*args, "-o", str(target), stdin=f"{PASSPHRASE}\n")
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text()
    assert text.index("First") < text.index("Second")
    assert "Tags: x" in text
    assert sorted(p.name for p in target.parent.iterdir()) == ["journal.md"]
    assert cli(*args, "-o", str(target), stdin=f"{PASSPHRASE}\n")[0] == ExitCode.USAGE
    code, out, _ = cli(*args, stdin=f"{PASSPHRASE}\n")
    assert code == 0 and out == text


def test_passwd_rewraps_only_the_key(with_key: Path, cli: Cli) -> None:
    """passwd reads current, new, confirm; entries stay byte-identical; old phrase stops working."""
    cli(ADD, stdin="# Before\nstill readable\n")
    entries_before = entry_table(with_key)
    new = "a different evening"
    code, _, err = cli(
        "journal passwd --partner Sam --passphrase-stdin", stdin=f"{PASSPHRASE}\n{new}\n{new}\n"
    )
    assert code == 0, err
    assert entry_table(with_key) == entries_before
    assert cli(LIST, stdin=f"{PASSPHRASE}\n")[0] == ExitCode.DENIED
    code, out, _ = cli(LIST, stdin=f"{new}\n")
    assert code == 0 and "Before" in out


def test_passwd_with_a_wrong_current_passphrase_changes_nothing(with_key: Path, cli: Cli) -> None:
    """passwd with a wrong current passphrase is denied and the data file is unchanged."""
    before = locations.data_file(with_key).read_bytes()
    code, _, err = cli(
        "journal passwd --partner Sam --passphrase-stdin",
        stdin="wrong wrong wrong\nnew phrase one\nnew phrase one\n",
    )
    assert code == ExitCode.DENIED and "Nothing was changed" in err
    assert locations.data_file(with_key).read_bytes() == before


def test_new_key_leaves_old_entries_sealed(with_key: Path, cli: Cli) -> None:
    """setup --new-key needs confirmation; afterwards old entries are reported as sealed."""
    cli(ADD, stdin="# Old\nfrom the old key\n")
    fresh = "remembered this one"
    args = ("journal setup --partner Sam --new-key --passphrase-stdin",)
    assert cli(*args, stdin=f"{fresh}\n{fresh}\n")[0] == ExitCode.USAGE
    code, _, err = cli(*args, "--yes", stdin=f"{fresh}\n{fresh}\n")
    assert code == 0, err
    assert "stay in the workbook, sealed" in err
    cli(ADD, stdin="# New\nfrom the new key\n")
    code, out, err = cli(LIST, stdin=f"{fresh}\n")
    assert code == 0
    assert "New" in out and "Old" not in out
    assert "1 older entry stays sealed" in err


def test_a_crash_while_entries_are_open_prints_no_private_text(
    with_key: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected error during list gives a short message; no entry text or passphrase leaks.

    The simulated bug puts the decrypted body and the passphrase into its exception message,
    the worst case: neither may reach stdout, stderr or the crash report.
    """
    marker = "MARKER-crash-7f3a"
    cli(ADD, stdin=f"# {marker}\n{marker} body\n")
    original = vault.JournalSession.overview

    def exploding(self: vault.JournalSession) -> tuple[list[vault.OpenEntry], int]:
        items, _ = original(self)
        raise RuntimeError(f"bug while showing {items[0].payload.body} with {PASSPHRASE}")

    monkeypatch.setattr(vault.JournalSession, "overview", exploding)
    code, out, err = cli(LIST, stdin=f"{PASSPHRASE}\n")
    assert code == ExitCode.INTERNAL
    assert "Traceback" not in err
    for leaked in (marker, PASSPHRASE):
        assert leaked not in out and leaked not in err
    reports = list(locations.crash_dir(with_key).iterdir())
    assert reports
    for report in reports:
        text = report.read_text()
        assert marker not in text and PASSPHRASE not in text
    assert os.stat(reports[0]).st_mode & 0o077 == 0


NOTICE = "A new journal key was started for Sam"


def test_a_new_key_is_announced_at_add_and_list_until_confirmed(with_key: Path, cli: Cli) -> None:
    """After `setup --new-key --yes`, add and list warn Sam; the old passphrase still lists the
    old entries (saying a newer key exists); `confirm` with the new passphrase stores the
    confirmation and the warnings stop."""
    cli(ADD, stdin="# Old words\nfrom before\n")
    fresh = "somebody else's phrase"
    code, _, err = cli(
        "journal setup --partner Sam --new-key --yes --passphrase-stdin",
        stdin=f"{fresh}\n{fresh}\n",
    )
    assert code == 0, err
    assert "until confirming it" in err
    with Store.open(with_key) as store:
        key = vault.require_key(store, "a")
        assert (key.generation, key.replaces, key.confirmed) == (2, 1, None)

    code, out, err = cli(ADD, stdin="# Next\nwritten after\n")
    assert code == 0 and NOTICE in err and "journal confirm --partner Sam" in err
    assert "key number 2" in out

    code, out, err = cli(LIST, stdin=f"{PASSPHRASE}\n")
    assert code == 0, err
    assert "Old words" in out and "Next" not in out
    assert NOTICE in err and "opens Sam's key number 1, not the newest" in err
    assert "1 entry stays sealed with another key." in err

    code, _, err = cli("journal confirm --partner Sam --passphrase-stdin", stdin=f"{PASSPHRASE}\n")
    assert code == ExitCode.DENIED
    with Store.open(with_key) as store:
        assert vault.require_key(store, "a").confirmed is None

    code, out, err = cli("journal confirm --partner Sam --passphrase-stdin", stdin=f"{fresh}\n")
    assert code == 0, err
    assert "Confirmed" in out
    with Store.open(with_key) as store:
        assert vault.require_key(store, "a").confirmed is not None
    code, _, err = cli(ADD, stdin="# Later\nquiet now\n")
    assert code == 0 and NOTICE not in err


def test_status_shows_each_keys_strength_and_an_unconfirmed_replacement(
    with_key: Path, cli: Cli, sam_key: crypto.KeyMaterial, journal_keys: PreparedKeys
) -> None:
    """`journal status` needs no passphrase and names each key's scrypt work factor."""
    code, out, err = cli("journal status")
    assert code == 0, err
    log_n = crypto.work_factor(sam_key.wrapped_identity)
    assert "Sam: key number 1" in out and f"scrypt work factor 2^{log_n}" in out
    assert "Alex: no journal passphrase yet." in out
    with Store.open(with_key) as store:
        journal_keys.install(store, "a", "a second phrase here", new_key=True)
    code, out, _ = cli("journal status --partner Sam")
    assert code == 0 and "key number 2" in out and NOTICE in out and "Alex" not in out
