"""Write the demo couple into a folder, to look at or to open with ``workbook --home FOLDER``.

    python data/make_demo.py /tmp/demo-workbook            # dated to end today
    python data/make_demo.py /tmp/demo-workbook --fixed    # the fixed dates the tests use

``workbook --demo`` does not need this: it builds the same demo on the fly (see
``workbook/demo.py`` for why no built data file is kept here). The demo is made only by the
workbook's own code; nothing in it is hand-written JSON. The folder is marked as a demo, so its
demo journal keys (unprotected: the passphrase is public) work there and nowhere else.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    from workbook.demo import DEMO_END, DEMO_PASSPHRASE, build_demo
    from workbook.errors import WorkbookError
    from workbook.goals.schedule import local_today

    parser = argparse.ArgumentParser(description="Build the demo couple into a folder.")
    parser.add_argument("folder", type=Path, help="An empty or new folder.")
    parser.add_argument("--fixed", action="store_true", help=f"End on {DEMO_END}, not today.")
    args = parser.parse_args(argv)
    try:
        result = build_demo(args.folder, end=DEMO_END if args.fixed else local_today())
    except WorkbookError as exc:
        print(exc.message, file=sys.stderr)
        return int(exc.exit_code)
    print(
        f"Built the demo in {result.home}: {result.sessions} sessions, {result.goals} goals, "
        f"{result.checkins} check-ins, {result.journal_entries} journal entries. "
        f"Journal passphrase for both partners: {DEMO_PASSPHRASE} (public, so the demo's "
        "journal keys are demo keys that protect nothing; see docs/privacy.md)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
