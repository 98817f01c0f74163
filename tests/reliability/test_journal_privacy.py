"""No journal text or passphrase ever reaches a file: data folder, backups, temp folder.

The CLI runs as real subprocesses (entries and passphrases through pipes, as a script would
feed them), then every file under the data folder, its backups, a private temp folder given
to the processes, and the system temp folder (files changed during the test) is searched for
the marker text and every passphrase used.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from workbook import locations

# ``python -m workbook``, asking age once per wrapping and answering a wrong passphrase at
# once: how often age is asked again, and the pause after a wrong passphrase, write nothing
# (both are tested in tests/unit), and each costs seconds of scrypt or sleep here.
CLI = """
from workbook.journal import crypto, vault
crypto.WRAP_ATTEMPTS = 1
vault.WRONG_PASSPHRASE_DELAY = 0
from workbook.cli import main
main()
"""


def workbook(
    home: Path, tmp: Path, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run the workbook CLI in a fresh process with its own TMPDIR."""
    env = {**os.environ, "TMPDIR": str(tmp), "WORKBOOK_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-c", CLI, "--home", str(home), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def files_under(folder: Path, changed_since: float | None = None) -> list[Path]:
    """Every regular file below ``folder`` (optionally only those changed since a moment)."""
    found = []
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            try:
                info = path.lstat()
            except OSError:
                continue
            if not path.is_file() or path.is_symlink():
                continue
            if changed_since is not None and info.st_mtime < changed_since:
                continue
            if info.st_size > 50_000_000:
                continue
            found.append(path)
    return found


def leaks(paths: list[Path], secrets: list[str]) -> list[str]:
    """``path: secret`` for every file holding a secret (UTF-8 or UTF-16, any case)."""
    found = []
    needles = [
        (s, form)
        for s in secrets
        for form in (s.encode(), s.encode("utf-16-le"), s.lower().encode())
    ]
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        for secret, needle in needles:
            if needle in data:
                found.append(f"{path}: {secret}")
    return found


def test_cli_journal_leaves_no_plaintext_in_any_file(tmp_path: Path) -> None:
    """Entries written, listed, exported to stdout, re-keyed and backed up leave no plaintext."""
    started = time.time() - 1
    home = tmp_path / "home"
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    marker = f"MARKER-{uuid.uuid4().hex}"
    first, second, third = (f"phrase-{uuid.uuid4().hex[:12]}" for _ in range(3))

    steps: list[tuple[str, str]] = [
        ("couple init --a Sam --b Alex", ""),
        ("journal setup --partner Sam --passphrase-stdin", f"{first}\n{first}\n"),
        ("journal add --partner Sam", f"# {marker} title\ntags: {marker}-tag\n{marker}\n"),
        ("journal list --partner Sam --passphrase-stdin", f"{first}\n"),
        ("journal export --partner Sam --format md --passphrase-stdin", f"{first}\n"),
        ("journal passwd --partner Sam --passphrase-stdin", f"{first}\n{second}\n{second}\n"),
        ("journal list --partner Sam --passphrase-stdin", "wrong passphrase!\n"),
        ("journal setup --partner Sam --new-key --yes --passphrase-stdin", f"{third}\n{third}\n"),
        ("journal add --partner Sam", f"# second {marker}\nmood: {marker}-mood\nmore {marker}\n"),
        ("backup", ""),
    ]
    outputs = []
    for command, stdin in steps:
        assert marker not in command  # private text never travels as an argument
        outputs.append(workbook(home, tmp, *command.split(), stdin=stdin))
    list_run, export_run, wrong_run = outputs[3], outputs[4], outputs[6]
    assert list_run.returncode == 0 and marker in list_run.stdout, list_run.stderr
    assert export_run.returncode == 0 and marker in export_run.stdout, export_run.stderr
    assert wrong_run.returncode == 6
    assert all(r.returncode == 0 for i, r in enumerate(outputs) if i != 6), [
        r.stderr for r in outputs
    ]

    secrets = [marker, first, second, third]
    data_files = files_under(home)
    assert locations.data_file(home) in data_files
    assert any(p.parent == locations.backup_dir(home) for p in data_files)
    assert leaks(data_files, secrets) == []
    assert leaks(files_under(tmp), secrets) == []
    system_tmp = Path(tempfile.gettempdir())
    assert leaks(files_under(system_tmp, changed_since=started), secrets) == []
