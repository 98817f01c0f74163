"""How fast does the TUI journal list hundreds of entries, against a ListView in the same run?

The journal screen lists entries in an ``OptionList`` because Textual's ``ListView`` costs a
widget per item (shared REFERENCE: ~1.5 ms per item). This script makes a temporary workbook
with N sealed entries, unlocks it once, then inside one headless app:

1. times ``JournalScreen.refresh_entries()`` (decrypt-cached session read + OptionList fill),
   the work done on opening the journal and on every search keystroke;
2. times filling a ``ListView`` with the same N labels (the baseline);

and prints the medians and the ratio journal / ListView (below 1.0: the journal list is
faster than a bare ListView holding the same lines).
Run: ``/work/venv/bin/python bench/journal_tui.py [--entries N] [--runs R]``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

PASSPHRASE = "bench passphrase words"


def make_workbook(home: Path, count: int) -> None:
    from workbook.couple import make_couple, save_couple
    from workbook.journal import vault
    from workbook.store import Store

    with Store.open(home) as store:
        save_couple(store, make_couple("Sam", "Alex"))
        vault.setup_key(store, "a", PASSPHRASE)
        with store.transaction():
            for i in range(count):
                body = f"Entry {i}: we walked by the river and talked about the week. " * 4
                vault.add_entry(store, "a", {"title": f"Day {i}", "body": body, "tags": ["calm"]})


async def measure(home: Path, runs: int) -> tuple[list[float], list[float], int]:
    from textual.widgets import Label, ListItem, ListView

    from workbook.journal import vault
    from workbook.tui.app import create_app
    from workbook.tui.screens.journal import JournalScreen

    app = create_app(home)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert app.store is not None
        session = vault.unlock(app.store, "a", PASSPHRASE, delay=0)
        screen = JournalScreen(session)
        await app.push_screen(screen)
        await pilot.pause()
        journal_times = []
        for _ in range(runs):
            start = time.perf_counter()
            screen.refresh_entries()
            await pilot.pause()
            journal_times.append(time.perf_counter() - start)
        labels = [str(o.prompt) for o in screen.query_one("#journal-entries").options]  # type: ignore[attr-defined]
        list_times = []
        for _ in range(runs):
            view = ListView()
            await screen.mount(view)
            start = time.perf_counter()
            await view.extend([ListItem(Label(text)) for text in labels])
            await pilot.pause()
            list_times.append(time.perf_counter() - start)
            await view.remove()
        session.close()
    return journal_times, list_times, len(labels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        make_workbook(home, args.entries)
        journal, baseline, shown = asyncio.run(measure(home, args.runs))
    j, b = statistics.median(journal), statistics.median(baseline)
    print(f"entries listed: {shown}")
    print(f"journal list refresh (OptionList): median {j * 1000:.1f} ms")
    print(f"ListView with the same lines:      median {b * 1000:.1f} ms")
    print(f"ratio journal / ListView: {j / b:.2f}")


if __name__ == "__main__":
    main()
