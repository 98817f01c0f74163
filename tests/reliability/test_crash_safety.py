"""Crash safety: a writer killed with SIGKILL at random moments never costs an acknowledged write.

A child process writes through the real :class:`~workbook.store.Store` (adds, updates and
deletes mixed), announcing each operation on stdout before the call ("B ...") and
acknowledging it after the call returned ("K"). The parent kills it with SIGKILL after a
random delay, many times, and after every kill checks that the file opens and holds exactly
the acknowledged state (plus, at most, the one operation that was in flight). Each child is
forked from one process that imported the store once, so a kill costs no Python start-up.

The run is reproducible: set ``WORKBOOK_CRASH_SEED`` to the seed printed by a failing run.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
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
import os, random, sys, traceback
from pathlib import Path
from workbook.store import Record, Store

class Item(Record):
    n: int
    text: str

def text(n):
    return ("note %d, written by the crash test; " % n) * 6

def write(home, mode, seed, ops):
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

# Each writer is a child forked from this process, which has imported the store once: a line
# on stdin starts one; the child's lines go to stdout, then this process adds the end marker
# and the child's exit code once the child is gone.
for line in sys.stdin:
    home, mode, seed, ops = line.rstrip("\n").split("\t")
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            print("pid", os.getpid(), flush=True)
            write(Path(home), mode, int(seed), int(ops))
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    status = os.waitpid(pid, 0)[1]
    print("\x1eexit ", os.waitstatus_to_exitcode(status), sep="", flush=True)
"""
END = "\x1eexit "
"""What the writer server writes after a child's last output (which may be a torn line)."""


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


class Writers:
    """A process that imports the store once and forks a fresh writer child on request
    (starting Python and importing the store for each of the many kills took most of the
    test's time). The children are real processes writing through the real Store, killed
    with SIGKILL; their stderr goes to a file shown when one fails."""

    def __init__(self, folder: Path) -> None:
        self.errors = folder / "writers-stderr.txt"
        with self.errors.open("w") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", CHILD],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
            )

    def close(self) -> None:
        """End the server (it stops at the end of its input)."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()

    def run_and_kill(self, home: Path, mode: str, rng: random.Random) -> tuple[str, int]:
        """Start a writer child, SIGKILL it after a random delay; return its stdout (after
        "ready") and its exit code."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        seed = rng.randrange(2**32)
        self.proc.stdin.write(f"{home}\t{mode}\t{seed}\t{OPS_PER_CHILD}\n")
        self.proc.stdin.flush()
        first = self.proc.stdout.readline()
        assert first.startswith("pid "), f"the writer did not start:\n{self.errors.read_text()}"
        pid = int(first.split()[1])
        ready = self.proc.stdout.readline()
        if ready != "ready\n":
            pytest.fail(
                f"the child could not open the store after a kill:\n{self.errors.read_text()}"
            )
        time.sleep(rng.uniform(0, MAX_KILL_DELAY))  # the random moment of the crash
        os.kill(pid, signal.SIGKILL)
        lines: list[str] = []
        while END not in (line := self.proc.stdout.readline()):
            assert line, f"the writer server ended:\n{self.errors.read_text()}"
            lines.append(line)
        torn, code = line.split(END)
        code_value = int(code)
        assert code_value in (-signal.SIGKILL, 0), f"the child failed:\n{self.errors.read_text()}"
        return "".join(lines) + torn, code_value


@pytest.fixture(scope="module")
def seed() -> int:
    """The run's seed (from WORKBOOK_CRASH_SEED, or fresh), printed so a failure can be replayed."""
    value = int(os.environ.get("WORKBOOK_CRASH_SEED") or random.SystemRandom().randrange(2**32))
    print(f"\ncrash-safety seed: {value} (replay with WORKBOOK_CRASH_SEED={value})")
    return value


@pytest.fixture
def writers(tmp_path: Path) -> Iterator[Writers]:
    """The writer server for one test, ended after it."""
    server = Writers(tmp_path)
    yield server
    server.close()


@pytest.mark.parametrize("mode", ["cli", "tui"])
def test_sigkill_never_loses_an_acknowledged_write(
    home: Path, mode: str, seed: int, writers: Writers
) -> None:
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
        out, _ = writers.run_and_kill(home, mode, rng)
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
