"""Where the workbook keeps things: every location is a function with an override.

The data folder is, in order of preference: an explicit ``home`` argument (the CLI's
``--home``), the ``WORKBOOK_HOME`` environment variable, or the platform's user data folder
(platformdirs). Tests always pass a temporary folder, so they never touch a real home.
Bundled exercises and content are found inside the installed package (a wheel puts them in
``workbook/_bundled``) or, in a source checkout, at the project's top level.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "couples-workbook"
ENV_HOME = "WORKBOOK_HOME"
DATA_FILE_NAME = "workbook.json"

_PACKAGE_DIR = Path(__file__).resolve().parent


def home_dir(home: Path | str | None = None) -> Path:
    """Return the data folder, without creating it."""
    if home is not None:
        return Path(home).expanduser().resolve()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs  # deferred: only needed when no override is given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_file(home: Path) -> Path:
    """The one TinyDB JSON file holding every record."""
    return home / DATA_FILE_NAME


def lock_file(home: Path) -> Path:
    """The lock that lets one process write at a time."""
    return home / "workbook.lock"


def lock_info_file(home: Path) -> Path:
    """Who holds the lock (pid, host, since), so a second process can say where."""
    return home / "workbook.lock.info"


def checked_file(home: Path) -> Path:
    """A note of the data file last found sound, so an unchanged file is not checked again."""
    return home / "workbook.checked"


def backup_dir(home: Path) -> Path:
    """Rotating daily backups and manual ones."""
    return home / "backups"


def user_exercises_dir(home: Path) -> Path:
    """The person's own exercise YAML files (a second library source)."""
    return home / "exercises"


def crash_dir(home: Path) -> Path:
    """Crash reports: exception type and frames only, never local variables or answer text."""
    return home / "crash-reports"


def _bundled(name: str) -> Path:
    installed = _PACKAGE_DIR / "_bundled" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def bundled_exercises_dir() -> Path:
    """The exercise library that ships with the workbook."""
    return _bundled("exercises")


def content_dir() -> Path:
    """Guides and programs that ship with the workbook."""
    return _bundled("content")


def guides_dir() -> Path:
    """Markdown guides referenced by exercises."""
    return content_dir() / "guides"


def programs_dir() -> Path:
    """Multi-week programs (YAML)."""
    return content_dir() / "programs"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed and make it readable by this OS user only."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path
