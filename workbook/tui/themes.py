"""The workbook's own Textual themes, and applying the couple's choice.

"calm" (the default) and "high-contrast" (pure black and white with bright accents, for low
vision or a washed-out screen). Kept apart from the settings screen because the app applies
the couple's theme before its first frame, which must not wait for the settings screen's
imports (the couple model and Pydantic; bench/startup.py).
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.theme import Theme

DEFAULT_THEME = "calm"
HIGH_CONTRAST = "high-contrast"

THEMES: tuple[Theme, ...] = (
    Theme(
        name=DEFAULT_THEME,
        primary="#6C9BD2",
        secondary="#8FBCBB",
        accent="#C3A6D8",
        foreground="#E5E9F0",
        background="#1E2229",
        surface="#252A33",
        panel="#2E3440",
        success="#A3BE8C",
        warning="#EBCB8B",
        error="#D08770",
        dark=True,
    ),
    Theme(
        name=HIGH_CONTRAST,
        primary="#FFFF00",
        secondary="#00FFFF",
        accent="#FFFFFF",
        foreground="#FFFFFF",
        background="#000000",
        surface="#000000",
        panel="#000000",
        boost="#FFFFFF",
        success="#00FF00",
        warning="#FFFF00",
        error="#FF8080",
        dark=True,
        variables={
            "text-muted": "#FFFFFF",
            "border": "#FFFFFF",
            "footer-key-foreground": "#FFFF00",
        },
    ),
)


def register_themes(app: App[Any]) -> None:
    """Make the workbook's themes known to the app (safe to call more than once)."""
    for theme in THEMES:
        if theme.name not in app.available_themes:
            app.register_theme(theme)


def apply_theme(app: App[Any], name: str) -> None:
    """Switch to ``name``, falling back to the calm theme for a name this app does not know."""
    register_themes(app)
    app.theme = name if name in app.available_themes else DEFAULT_THEME
