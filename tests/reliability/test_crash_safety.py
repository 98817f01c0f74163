"""Crash safety: a writer killed with SIGKILL at random moments never costs an acknowledged write.

A child process writes through the real :class:`~workbook.store.Store` (adds, updates and
deletes mixed), announcing each operation on stdout before the call ("B ...") and
acknowledging it after the call returned ("K"). The parent kills it with SIGKILL after a
random delay, many times, and after every kill checks that the file opens and holds exactly
the acknowledged state (plus, at most, the one operation that was in flight).

The run is reproducible: set ``WORKBOOK_CRASH_SEED`` to the seed printed by a failing run.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from workbook import locations
from workbook.store import Record, Store
from workbook.store.atomic import TEMP_SUFFIX

KILLS_PER_MODE = 20
OPS_PER_CHILD = 400
MAX_KILL_DELAY = 0.25  # seconds after the child reported it is ready
PREFILL = 200

CHILD = r"""
import random, sys
from pathlib import Path
from workbook.store import Record, Store

class Item(Record):
    n: int
    text: str

def text(n):
    return ("note %d, written by the crash test; " % n) * 6

home, mode, seed, ops = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
store = Store.open(home, hold_lock=(mode == "tui"))
repo = store.repo(Item, "items")
live = [item.id for item in repo.all()]
print("ready", flush=True)
for n in range(ops):
    roll = rng.random()
    if roll < 0.5 or not live:
        item = Item(n=n, text=text(n))
        print("B add", item.id, n, flush=True)
        repo.add(item)
        live.append(item.id)
    elif roll < 0.8:
        item_id = rng.choice(live)
        print("B put", item_id, n, flush=True)
        repo.put(Item(id=item_id, n=n, text=text(n)))
    else:
        item_id = live.pop(rng.randrange(len(live)))
        print("B del", item_id, flush=True)
        repo.delete(item_id)
    print("K", flush=True)
store.close()
print("done", flush=True)
"""


class Item(Record):
    """The child's record type (same fields as in CHILD)."""

    n: int
    text: str


def text(n: int) -> str:
    """The text the child stores for operation number ``n``."""
    return f"note {n}, written by the crash test; " * 6


@dataclass
class Op:
    """One announced operation: kind ("add", "put", "del"), record id, operation number."""

    kind: str
    item_id: str
    n: int = -1


State = dict[str, int]


def apply(state: State, op: Op) -> State:
    """The state after ``op``."""
    new = dict(state)
    if op.kind == "del":
        new.pop(op.item_id, None)
    else:
        new[op.item_id] = op.n
    return new


def parse_output(out: str) -> tuple[list[Op], Op | None]:
    """Acknowledged operations in order, and the one announced but not acknowledged (if any)."""
    acked: list[Op] = []
    pending: Op | None = None
    for line in out.splitlines(keepends=True):
        if not line.endswith("\n"):
            break  # a torn last line is not an acknowledgement
        words = line.split()
        if words[:1] == ["B"]:
            pending = Op(words[1], words[2], int(words[3]) if len(words) > 3 else -1)
        elif words == ["K"]:
            assert pending is not None
            acked.append(pending)
            pending = None
    return acked, pending


def load_state(home: Path) -> State:
    """Open the store the way the next command would and read every record."""
    with Store.open(home) as store:
        items = store.repo(Item, "items").all()
    for item in items:
        assert item.text == text(item.n), f"record {item.id} holds text of another write"
    return {item.id: item.n for item in items}


def stale_temps(home: Path) -> list[Path]:
    """Temp files left beside the data file or in the backup folder."""
    found = list(home.glob(f".*{TEMP_SUFFIX}"))
    return found + list(locations.backup_dir(home).glob(f".*{TEMP_SUFFIX}"))


def run_and_kill(home: Path, mode: str, rng: random.Random) -> tuple[str, int]:
    """Start a child writer, SIGKILL it after a random delay; return its stdout and exit code."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            CHILD,
            str(home),
            mode,
            str(rng.randrange(2**32)),
            str(OPS_PER_CHILD),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    if first != "ready\n":
        _, err = proc.communicate(timeout=30)
        pytest.fail(f"the child could not open the store after a kill:\n{err}")
    time.sleep(rng.uniform(0, MAX_KILL_DELAY))  # the random moment of the crash
    proc.send_signal(signal.SIGKILL)
    # Read through the same buffered stream as readline above (communicate would skip what
    # that stream already buffered); the child is dead, so both reads end.
    out = proc.stdout.read()
    err = proc.stderr.read() if proc.stderr else ""
    proc.wait(timeout=30)
    proc.stdout.close()
    if proc.stderr:
        proc.stderr.close()
    assert proc.returncode in (-signal.SIGKILL, 0), f"the child failed:\n{err}"
    return out, proc.returncode


@pytest.fixture(scope="module")
def seed() -> int:
    """The run's seed (from WORKBOOK_CRASH_SEED, or fresh), printed so a failure can be replayed."""
    value = int(os.environ.get("WORKBOOK_CRASH_SEED") or random.SystemRandom().randrange(2**32))
    print(f"\ncrash-safety seed: {value} (replay with WORKBOOK_CRASH_SEED={value})")
    return value


@pytest.mark.parametrize("mode", ["cli", "tui"])
def test_sigkill_never_loses_an_acknowledged_write(home: Path, mode: str, seed: int) -> None:
    """After each of many SIGKILLs at random moments, the file opens with every acknowledged
    add and update present, every acknowledged delete absent, and nothing else changed except
    possibly the one operation in flight; stale temp files are gone after the next open.
    Checked both for CLI mode (lock per write) and TUI mode (lock held for the lifetime)."""
    rng = random.Random(f"{seed}-{mode}")
    with Store.open(home) as store, store.transaction():
        repo = store.repo(Item, "items")
        for n in range(PREFILL):
            repo.add(Item(n=-1 - n, text=text(-1 - n)))
    state = load_state(home)
    total_acked = 0
    in_flight_landed = 0
    torn_writes = 0
    for kill in range(KILLS_PER_MODE):
        out, _ = run_and_kill(home, mode, rng)
        acked, pending = parse_output(out)
        total_acked += len(acked)
        for op in acked:
            state = apply(state, op)
        torn_writes += bool(stale_temps(home))
        context = f"seed {seed}, mode {mode}, kill {kill}, after {len(acked)} acknowledged writes"
        actual = load_state(home)  # the next open: must load, and cleans stale temp files
        assert not stale_temps(home), f"stale temp files after the next open ({context})"
        if pending is not None and actual == apply(state, pending):
            in_flight_landed += 1
            state = actual
        assert actual == state, f"acknowledged writes lost or changed ({context})"
    print(
        f"{mode}: {KILLS_PER_MODE} kills, {total_acked} acknowledged writes, "
        f"{in_flight_landed} in-flight writes landed before the kill, "
        f"{torn_writes} kills left a half-written temp file"
    )
    assert total_acked > KILLS_PER_MODE, "the children barely wrote anything before the kills"


def test_stale_temp_of_a_killed_writer_is_cleaned_at_next_open(home: Path) -> None:
    """A temp file left by a writer killed mid-write (data file or backup) is removed by the
    next open, and the data file is untouched by it."""
    with Store.open(home) as store:
        store.repo(Item, "items").add(Item(n=1, text=text(1)))
    before = locations.data_file(home).read_bytes()
    torn = home / f".{locations.DATA_FILE_NAME}.0123456789ab{TEMP_SUFFIX}"
    torn.write_bytes(before[: len(before) // 2])
    locations.ensure_private_dir(locations.backup_dir(home))
    torn_backup = locations.backup_dir(home) / f".workbook-daily-2026-01-01.json.ab{TEMP_SUFFIX}"
    torn_backup.write_bytes(b"{")
    assert list(load_state(home).values()) == [1]
    assert not stale_temps(home)
    assert locations.data_file(home).read_bytes() == before
