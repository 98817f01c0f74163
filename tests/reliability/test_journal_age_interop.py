"""The journal's files are standard age: the real ``age`` tool opens them, and we open its files.

These tests follow ``docs/privacy.md`` step by step (its extraction script is taken from the
page itself), so the recovery instructions cannot drift from the code. ``age`` asks for
passphrases on the terminal only, so it is driven through a pseudo-terminal (``pty``).
In CI (``CI`` set) a missing ``age`` binary is a failure, never a silent skip.
"""

from __future__ import annotations

import contextlib
import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

from workbook.couple import make_couple, save_couple
from workbook.journal import crypto, vault
from workbook.journal.models import JournalEntry, JournalKey
from workbook.store import Store

PRIVACY_DOC = Path(__file__).resolve().parents[2] / "docs" / "privacy.md"
PASSPHRASE = "walnut lighthouse evening"

# About age's passphrase mode itself: every wrapping is opened by age (see conftest).
pytestmark = pytest.mark.real_scrypt


def age_tool(name: str = "age") -> str:
    """Path of the ``age`` (or ``age-keygen``) binary; fail in CI, skip elsewhere."""
    path = shutil.which(name)
    if path is None:
        message = f"the `{name}` binary is not installed (apt-get install age)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must run the age interoperability checks")
        pytest.skip(message)
    return path


def with_passphrase(argv: list[str], passphrase: str, cwd: Path) -> tuple[int, str]:
    """Run ``argv`` on a pseudo-terminal, typing ``passphrase`` at every passphrase prompt."""
    try:
        pid, fd = pty.fork()
    except OSError as exc:
        pytest.skip(f"no pseudo-terminal available here ({exc})")
    if pid == 0:  # the child: become the age command
        try:
            os.chdir(cwd)
            os.execv(argv[0], argv)
        finally:
            os._exit(127)
    output = b""
    answered = 0
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 120)
            if not ready:
                os.kill(pid, 9)
                pytest.fail("age did not finish within two minutes")
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
            while output.lower().count(b"passphrase") > answered:
                answered += 1
                with contextlib.suppress(OSError):
                    os.write(fd, passphrase.encode() + b"\n")
    finally:
        os.close(fd)
        _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.decode(errors="replace")


def recovery_script() -> str:
    """The extraction script exactly as ``docs/privacy.md`` shows it."""
    text = PRIVACY_DOC.read_text(encoding="utf-8")
    after = text.split("<!-- recovery-script -->", 1)[1]
    match = re.search(r"```python\n(.*?)\n\s*```", after, re.S)
    assert match, "docs/privacy.md lost its recovery script"
    return textwrap.dedent(match.group(1))


@pytest.fixture
def journal_home(tmp_path: Path) -> tuple[Path, str]:
    """A workbook where Sam has a journal key and one entry holding a unique marker."""
    marker = f"MARKER-{uuid.uuid4().hex}"
    home = tmp_path / "home"
    with Store.open(home) as store:
        save_couple(store, make_couple("Sam", "Alex"))
        vault.setup_key(store, "a", PASSPHRASE)
        vault.add_entry(store, "a", {"title": "by the sea", "body": marker, "tags": ["t"]})
    return home, marker


def stored(home: Path) -> tuple[JournalKey, JournalEntry]:
    """Sam's key record and the one entry, as the workbook stored them."""
    with Store.open(home) as store:
        (entry,) = vault.entries(store).all()
        return vault.require_key(store, "a"), entry


def test_docs_recovery_with_the_age_tool_opens_an_entry(
    journal_home: tuple[Path, str], tmp_path: Path
) -> None:
    """Following docs/privacy.md: extract, `age -d` the key with the passphrase, `age -d -i`."""
    age = age_tool()
    home, marker = journal_home
    work = tmp_path / "journal-recovery"
    work.mkdir()
    (work / "extract_journal.py").write_text(recovery_script(), encoding="utf-8")
    subprocess.run(
        [sys.executable, "extract_journal.py", str(home / "workbook.json"), "Sam"],
        cwd=work,
        check=True,
        capture_output=True,
    )
    code, shown = with_passphrase(
        [age, "-d", "-o", "identity-1.txt", "key-gen-1.age"], PASSPHRASE, work
    )
    assert code == 0, shown
    assert (work / "identity-1.txt").read_text().startswith("AGE-SECRET-KEY-1")
    (entry_file,) = (work / "gen-1").glob("*.age")
    opened = subprocess.run(
        [age, "-d", "-i", "identity-1.txt", str(entry_file)],
        cwd=work,
        check=True,
        capture_output=True,
    )
    payload = json.loads(opened.stdout)
    assert payload["body"] == marker and payload["title"] == "by the sea"


def test_age_rejects_a_wrong_passphrase_for_the_wrapped_key(
    journal_home: tuple[Path, str], tmp_path: Path
) -> None:
    """The wrapped key is age's passphrase format: `age -d` refuses a wrong passphrase."""
    age = age_tool()
    home, _ = journal_home
    key, _entry = stored(home)
    (tmp_path / "key.age").write_text(key.wrapped_identity, encoding="ascii")
    code, shown = with_passphrase([age, "-d", "key.age"], "not the passphrase", tmp_path)
    assert code != 0
    assert "AGE-SECRET-KEY" not in shown


def test_age_opens_an_entry_given_the_identity_unwrapped_by_the_workbook(
    journal_home: tuple[Path, str], tmp_path: Path
) -> None:
    """The X25519 part alone (no terminal needed): `age -d -i` opens a stored entry."""
    from pyrage import passphrase

    age = age_tool()
    home, marker = journal_home
    key, entry = stored(home)
    identity = passphrase.decrypt(key.wrapped_identity.encode(), PASSPHRASE)
    (tmp_path / "identity.txt").write_bytes(identity)
    (tmp_path / "entry.age").write_text(entry.ciphertext, encoding="ascii")
    opened = subprocess.run(
        [age, "-d", "-i", "identity.txt", "entry.age"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    assert json.loads(opened.stdout)["body"] == marker


def test_workbook_unwraps_a_key_wrapped_by_the_age_tool(tmp_path: Path) -> None:
    """A key made by `age-keygen` and wrapped by `age -p -a` unwraps with the workbook's code."""
    age, keygen = age_tool(), age_tool("age-keygen")
    subprocess.run([keygen, "-o", "identity.txt"], cwd=tmp_path, check=True, capture_output=True)
    recipient = subprocess.run(
        [keygen, "-y", "identity.txt"], cwd=tmp_path, check=True, capture_output=True, text=True
    ).stdout.strip()
    code, shown = with_passphrase(
        [age, "-p", "-a", "-o", "wrapped.age", "identity.txt"], PASSPHRASE, tmp_path
    )
    assert code == 0, shown
    wrapped = (tmp_path / "wrapped.age").read_text(encoding="ascii")
    assert crypto.unwrap(wrapped, PASSPHRASE).recipient == recipient
