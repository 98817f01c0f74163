"""Two processes on one workbook: writers are serialised and nothing acknowledged is lost.

Stock TinyDB loses half the acknowledged inserts, corrupts the file, or raises "Document with
ID ... already exists" when two long-lived instances write one file (shared REFERENCE). The
workbook's CLI mode locks per operation and re-reads inside the lock; TUI mode holds the lock
for its lifetime, and anyone else who wants to write is told where the workbook is open.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from workbook import locations
from workbook.cli import run
from workbook.couple import find_couple
from workbook.errors import ExitCode, StoreBusyError
from workbook.store import Record, Store, db

ADDS_PER_WRITER = 150
BUMPS_PER_WRITER = 50

WRITER = r"""
import sys
from pathlib import Path
from workbook.store import Record, Store

class Item(Record):
    writer: str
    n: int

class Counter(Record):
    value: int

home, tag, adds, bumps = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
store = Store.open(home)  # one long-lived instance in CLI mode, like a busy script
items = store.repo(Item, "items")
counters = store.repo(Counter, "counters")
print("ready", flush=True)
sys.stdin.readline()  # wait until both writers are ready
for n in range(adds):
    item = items.add(Item(writer=tag, n=n))
    print("A", item.id, flush=True)
    if n % (adds // bumps) == 0:
        with store.transaction():  # read-modify-write: lost updates would show in the total
            counter = counters.require("shared")
            counters.put(counter.model_copy(update={"value": counter.value + 1}))
        print("C", flush=True)
store.close()
print("done", flush=True)
"""

HOLDER = r"""
import sys
from pathlib import Path
from workbook.store import Store

store = Store.open(Path(sys.argv[1]), hold_lock=True)  # what the TUI does
print("ready", flush=True)
sys.stdin.readline()
store.close()
"""


class Item(Record):
    """A writer's record (same fields as in WRITER)."""

    writer: str
    n: int


class Counter(Record):
    """A shared counter both writers increment inside transactions."""

    value: int


def start(script: str, *args: str) -> subprocess.Popen[str]:
    """Start a child running ``script`` and wait until it says it is ready."""
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if line != "ready\n":
        proc.kill()
        pytest.fail(f"child did not start: {proc.communicate()[1]}")
    return proc


def release(proc: subprocess.Popen[str]) -> None:
    """Tell a ready child to go on (writers start writing, the holder closes the store)."""
    assert proc.stdin is not None
    proc.stdin.write("go\n")
    proc.stdin.flush()


def finish(proc: subprocess.Popen[str]) -> tuple[str, str]:
    """Wait for a released child; return (its stdout after 'ready', its stderr)."""
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    proc.stdin.close()
    out = proc.stdout.read()  # same buffered stream as the readline in start()
    err = proc.stderr.read()
    proc.wait(timeout=60)
    proc.stdout.close()
    proc.stderr.close()
    return out, err


def test_two_cli_writers_lose_nothing(home: Path) -> None:
    """Two processes, each with one long-lived CLI-mode store, add records and increment a
    shared counter at the same time: both finish without any error (no "already exists"),
    every acknowledged insert is in the file, the file is not corrupt, and no increment is
    lost."""
    with Store.open(home) as store:
        store.repo(Counter, "counters").put(Counter(id="shared", value=0))
    args = (str(home),)
    counts = (str(ADDS_PER_WRITER), str(BUMPS_PER_WRITER))
    writers = [start(WRITER, *args, tag, *counts) for tag in ("one", "two")]
    for proc in writers:  # release both at once so their writes interleave
        release(proc)
    results = [finish(proc) for proc in writers]

    acked: set[str] = set()
    bumps = 0
    for proc, (out, err) in zip(writers, results, strict=True):
        assert proc.returncode == 0, err
        assert err == "", err
        assert out.endswith("done\n")
        acked |= {line.split()[1] for line in out.splitlines() if line.startswith("A ")}
        bumps += sum(1 for line in out.splitlines() if line == "C")
    with Store.open(home) as store:  # the file loads: not corrupt
        stored = store.repo(Item, "items").all()
        counter = store.repo(Counter, "counters").require("shared")
    assert len(acked) == 2 * ADDS_PER_WRITER
    assert acked == {item.id for item in stored}
    assert {item.writer for item in stored} == {"one", "two"}
    assert counter.value == bumps


def test_second_tui_open_is_refused_saying_where(home: Path) -> None:
    """While one process holds the workbook open (TUI mode), another process asking for the
    same lock gets StoreBusyError naming the holder's process id and host; once the holder
    closes, it opens."""
    holder = start(HOLDER, str(home))
    try:
        with pytest.raises(StoreBusyError) as caught:
            Store.open(home, hold_lock=True)
        message = str(caught.value)
        assert f"process {holder.pid}" in message
        assert socket.gethostname() in message
        assert str(home) in message
    finally:
        release(holder)
        _, err = finish(holder)
    assert holder.returncode == 0, err
    Store.open(home, hold_lock=True).close()


def test_cli_write_while_tui_holds_lock_exits_3(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CLI command that writes while another process holds the TUI-mode lock exits with
    code 3 and a sentence saying the workbook is open elsewhere (and where), without changing
    the file; reading commands still work; after the holder closes, the write succeeds."""
    monkeypatch.setattr(db, "CLI_LOCK_TIMEOUT", 0.2)  # don't wait the full 5 s for the holder
    assert run(["--home", str(home), "couple", "init", "--a", "Ann", "--b", "Bo"]) == 0
    before = locations.data_file(home).read_bytes()
    capsys.readouterr()
    holder = start(HOLDER, str(home))
    try:
        code = run(["--home", str(home), "couple", "init", "--a", "Cy", "--b", "Di", "--force"])
        err = capsys.readouterr().err
        assert code == ExitCode.BUSY
        assert code == 3
        assert "open elsewhere" in err
        assert f"process {holder.pid}" in err
        assert "Traceback" not in err
        assert locations.data_file(home).read_bytes() == before
        assert run(["--home", str(home), "couple", "show"]) == 0
        assert "Ann" in capsys.readouterr().out
    finally:
        release(holder)
        finish(holder)
    assert run(["--home", str(home), "couple", "init", "--a", "Cy", "--b", "Di", "--force"]) == 0
    with Store.open(home) as store:
        couple = find_couple(store)
    assert couple is not None
    assert [p.name for p in couple.partners] == ["Cy", "Di"]
