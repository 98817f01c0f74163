"""Settings: the partners' names and colours, language, theme, the journal's idle lock and the
people the couple would call for help (shown on the time-out screen).

Everything is stored on the one :class:`~workbook.couple.Couple` record through
:func:`workbook.couple.save_couple`, so the CLI, the runner (partner colours) and the idle lock
read the same values. The workbook's own themes ("calm" and "high-contrast") live in
:mod:`workbook.tui.themes`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, Select, Static

from workbook.couple import CONTACT_KINDS, CONTACT_MAX
from workbook.errors import WorkbookError
from workbook.tui.bindings import screen_bindings
from workbook.tui.privacy import SharedScreen
from workbook.tui.themes import DEFAULT_THEME, HIGH_CONTRAST, apply_theme
from workbook.tui.widgets.footer import SafetyFooter

if TYPE_CHECKING:
    from workbook.couple import Couple
    from workbook.exercises import Library
    from workbook.tui.app import WorkbookApp

# Offered to people: the workbook's two plus Textual's plain light and dark.
THEME_CHOICES: tuple[tuple[str, str], ...] = (
    ("Calm (default)", DEFAULT_THEME),
    ("High contrast", HIGH_CONTRAST),
    ("Light", "textual-light"),
    ("Dark", "textual-dark"),
)

# Colours that read well on the themes above; red is left out on purpose (it reads as alarm).
COLOURS: tuple[tuple[str, str], ...] = (
    ("Cyan", "cyan"),
    ("Magenta", "magenta"),
    ("Green", "green"),
    ("Yellow", "yellow"),
    ("Blue", "dodger_blue1"),
    ("Orange", "orange1"),
    ("Violet", "medium_purple1"),
    ("White", "bright_white"),
)

LANGUAGE_NAMES = {
    "en": "English",
    "de": "Deutsch",
    "es": "Español",
    "fr": "Français",
    "it": "Italiano",
    "nl": "Nederlands",
    "pt": "Português",
    "pl": "Polski",
    "sv": "Svenska",
}

IDLE_MINUTES_MIN, IDLE_MINUTES_MAX = 1, 120


def library_languages(library: Library | None) -> list[str]:
    """Language codes the library's exercises are written in (English always included)."""
    codes = {"en"}
    if library is not None:
        for exercise in library.exercises.values():
            for value in (exercise.title, exercise.summary):
                if isinstance(value, dict):
                    codes.update(value)
    return sorted(codes, key=lambda c: (c != "en", c))


class SettingsScreen(SharedScreen, Screen[None]):
    """Edit the couple's settings; Ctrl+S stores them."""

    BINDINGS = screen_bindings("settings.save", "back", "help")

    @property
    def wb(self) -> WorkbookApp:
        from workbook.tui.app import workbook_app

        return workbook_app(self)

    def couple(self) -> Couple:
        couple = self.wb.couple
        if couple is None:
            raise WorkbookError("Set up the two of you first.")
        return couple

    def compose(self) -> ComposeResult:
        couple = self.couple()
        languages = library_languages(self.wb.library)
        if couple.language not in languages:
            languages.append(couple.language)
        known_colours = [value for _label, value in COLOURS]
        yield Header()
        with VerticalScroll(id="settings"):
            for partner in couple.partners:
                colours = list(COLOURS)
                if partner.colour not in known_colours:
                    colours.append((partner.colour.replace("_", " ").title(), partner.colour))
                with Horizontal(classes="settings-row"):
                    yield Label(f"Partner {partner.key.upper()}", classes="settings-label")
                    yield Input(partner.name, id=f"name-{partner.key}")
                    yield Select(
                        colours,
                        value=partner.colour,
                        allow_blank=False,
                        id=f"colour-{partner.key}",
                    )
            with Horizontal(classes="settings-row"):
                yield Label("Language", classes="settings-label")
                yield Select(
                    [(LANGUAGE_NAMES.get(code, code), code) for code in languages],
                    value=couple.language,
                    allow_blank=False,
                    id="language",
                )
            with Horizontal(classes="settings-row"):
                yield Label("Theme", classes="settings-label")
                theme_values = [value for _label, value in THEME_CHOICES]
                theme = couple.theme if couple.theme in theme_values else DEFAULT_THEME
                yield Select(list(THEME_CHOICES), value=theme, allow_blank=False, id="theme")
            with Horizontal(classes="settings-row"):
                yield Label("Lock the journal after", classes="settings-label")
                yield Input(
                    str(couple.idle_lock_minutes), id="idle-minutes", type="integer", max_length=3
                )
                yield Label("minutes without activity", classes="settings-unit")
            yield Static(
                "Who would you call for help? Shown on the time-out screen (Ctrl+T) and with "
                "the guide on getting help. Both of you can see these.",
                classes="settings-note",
            )
            stored = {contact.kind: contact.detail for contact in couple.help_contacts}
            for kind, label in CONTACT_KINDS.items():
                with Horizontal(classes="settings-row"):
                    yield Label(label, classes="settings-label")
                    yield Input(
                        stored.get(kind, ""),
                        placeholder="name and number",
                        id=f"contact-{kind}",
                        max_length=CONTACT_MAX,
                        classes="settings-contact",
                    )
        # Below the scrolling fields, so Save is in view at any window size.
        with Horizontal(id="settings-actions"):
            yield Button("Save (Ctrl+S)", id="save-settings", variant="primary")
            yield Static("", id="settings-error", classes="error")
        yield SafetyFooter()

    def on_mount(self) -> None:
        self.title = "Settings"
        self.query_one("#name-a", Input).focus()

    def _value(self, selector: str) -> str:
        value = self.query_one(selector, Select).value
        return value if isinstance(value, str) else ""

    def updated_couple(self) -> Couple:
        """The couple with the values on screen; a :class:`WorkbookError` when one is wrong."""
        from workbook.couple import Partner, help_contacts, make_couple

        couple = self.couple()
        names = make_couple(
            self.query_one("#name-a", Input).value, self.query_one("#name-b", Input).value
        )  # validates the names the same way onboarding does
        colours = {key: self._value(f"#colour-{key}") for key in ("a", "b")}
        if colours["a"] == colours["b"]:
            raise WorkbookError(
                "Please pick two different colours, so it is always clear whose turn it is."
            )
        raw_minutes = self.query_one("#idle-minutes", Input).value.strip()
        try:
            minutes = int(raw_minutes)
        except ValueError:
            minutes = 0
        if not IDLE_MINUTES_MIN <= minutes <= IDLE_MINUTES_MAX:
            raise WorkbookError(
                f"The idle lock needs a whole number of minutes from {IDLE_MINUTES_MIN} "
                f"to {IDLE_MINUTES_MAX}."
            )
        partners = [
            Partner(key=p.key, name=p.name, colour=colours[p.key] or "cyan") for p in names.partners
        ]
        contacts = help_contacts(
            {kind: self.query_one(f"#contact-{kind}", Input).value for kind in CONTACT_KINDS}
        )
        return couple.model_copy(
            update={
                "partners": partners,
                "language": self._value("#language") or couple.language,
                "theme": self._value("#theme") or DEFAULT_THEME,
                "idle_lock_minutes": minutes,
                "help_contacts": contacts,
            }
        )

    @on(Button.Pressed, "#save-settings")
    def action_save(self) -> None:
        from workbook.couple import save_couple

        error = self.query_one("#settings-error", Static)
        store = self.wb.store
        try:
            if store is None:
                raise WorkbookError("The workbook's data is not open.")
            saved = save_couple(store, self.updated_couple())
        except WorkbookError as exc:
            error.update(exc.message)
            self.notify(exc.message, severity="error", title="Not saved")
            return
        error.update("")
        self.wb.couple = saved
        apply_theme(self.app, saved.theme)
        self.notify("Settings saved.")

    def action_go_back(self) -> None:
        self.dismiss(None)
