"""Export the README screenshots (SVG) from the demo couple, with the app's own screenshot code.

    python docs/make_screenshots.py            # writes docs/screenshots/*.svg

The demo is built in a temporary folder by :func:`workbook.demo.build_demo` (dated to end
today, as ``workbook --demo`` does), the app is opened on it with the one factory at 100x32
through Textual's Pilot, and each screen is saved with ``App.save_screenshot``. Only demo data
ever appears. The app hides the "Screenshot" command from people on purpose (it would write a
private screen to a file); this script is the sanctioned way to make pictures, from demo data.

Screens: home, a joint exercise at its reveal (the demo's last session stops there), the
journal locked (passphrase prompt) and unlocked (Maya's entries), goals and progress, and the
weekly check-in's score trend.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent / "screenshots"
SIZE = (100, 32)


async def shoot(home: Path, out: Path) -> list[Path]:
    """Drive the app through the screens and save each one; return the files written."""
    from textual.widgets import OptionList

    from workbook.demo import DEMO_NOTE, DEMO_PASSPHRASE
    from workbook.tui.app import create_app
    from workbook.tui.screens.runner import RunnerScreen

    written: list[Path] = []
    app = create_app(home, demo_note=DEMO_NOTE)

    def save(name: str) -> None:
        written.append(Path(app.save_screenshot(filename=f"{name}.svg", path=str(out))))

    async with app.run_test(size=SIZE) as pilot:

        async def settle() -> None:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.pause()

        await settle()
        save("home")

        app.push_screen(RunnerScreen("our-story"))
        await settle()
        save("exercise-reveal")
        app.pop_screen()
        await settle()

        await pilot.press("j")
        await settle()
        partners = app.screen.query_one("#journal-partners", OptionList)
        partners.focus()
        partners.highlighted = 0
        await pilot.press("enter")
        await settle()
        save("journal-locked")
        app.screen.query_one("#passphrase").focus()
        await pilot.press(*DEMO_PASSPHRASE, "enter")
        await settle()
        save("journal-unlocked")
        app.lock_private()
        await settle()
        while len(app.screen_stack) > 2:
            app.pop_screen()
        await settle()

        await pilot.press("g")
        await settle()
        save("progress")
        goals = app.screen.query_one("#progress-list", OptionList)
        scale = next(
            i
            for i in range(goals.option_count)
            if goals.get_option_at_index(i).id == "scale:weekly-check-in"
        )
        goals.highlighted = scale
        await settle()
        save("progress-scores")
    return written


def main() -> int:
    """Build the demo in a temporary folder, take the screenshots, report the files."""
    from workbook.demo import build_demo
    from workbook.goals.schedule import local_today

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="workbook-shots-") as folder:
        home = Path(folder) / "home"
        build_demo(home, end=local_today())
        for path in asyncio.run(shoot(home, OUT)):
            print(path.relative_to(OUT.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
