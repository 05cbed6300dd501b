"""The settings form: theme, holidays country, default seller window, reminders, currency."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Select, TextArea

from tui.app.commands import BINDING_IDS
from tui.app.screens.dialog import Dialog
from tui.app.screens.field_box import FieldBox
from tui.domain.fields import field_error, parse_country, parse_lead_times
from tui.domain.limits import MAX_DAYS
from tui.domain.policy import supported_countries
from tui.domain.settings import (
    Settings,
    keymap_text,
    parse_keymap,
    parse_store_windows,
    store_windows_text,
)


class SettingsForm(Dialog[Settings]):
    """Edit the settings kept in the store; ctrl+s saves, escape keeps them as they were."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True)]

    DEFAULT_CSS = """
    SettingsForm TextArea { height: 4; }
    """

    def __init__(self, settings: Settings, themes: list[str]) -> None:
        super().__init__()
        self.settings = settings
        self.themes = themes

    def compose(self) -> ComposeResult:
        settings = self.settings
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Settings"
            dialog.border_subtitle = "ctrl+s save · esc cancel"
            themes = [(theme, theme) for theme in self.themes]
            yield FieldBox(
                "theme",
                "Theme",
                Select(themes, value=settings.theme or Select.NULL, prompt="Default", id="theme"),
            )
            yield FieldBox(
                "country",
                "Country for public holidays (ISO code, blank for weekends only)",
                Input(settings.country, id="country"),
            )
            window = (
                "" if settings.default_window_days is None else str(settings.default_window_days)
            )
            yield FieldBox(
                "window",
                "Default seller window in days (blank: the marketplace's)",
                Input(window, id="window"),
            )
            lead_times = ", ".join(str(days) for days in settings.lead_times)
            yield FieldBox(
                "lead_times",
                "Calendar reminders, days before each deadline",
                Input(lead_times, id="lead_times"),
            )
            yield FieldBox("currency", "Default currency", Input(settings.currency, id="currency"))
            yield FieldBox(
                "store_windows",
                "Stores' own return windows, one per line: days, a space, the store "
                "(delete a line to remove it)",
                TextArea(store_windows_text(settings.store_windows), id="store_windows"),
            )
            yield FieldBox(
                "keymap",
                "Your own keys, one per line: binding = keys (? shows each binding's name)",
                TextArea(keymap_text(settings.keymap), id="keymap"),
            )
            with Horizontal(id="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        values = {
            name: self.query_one(f"#{name}", Input).value
            for name in ("country", "window", "lead_times", "currency")
        }
        errors: dict[str, str] = {}
        parsed: dict[str, object] = {}
        for name, parse in (
            ("country", lambda raw: parse_country(raw, supported_countries())),
            ("lead_times", parse_lead_times),
        ):
            try:
                parsed[name] = parse(values[name])
            except ValueError as error:
                errors[name] = str(error)
        for name, field in (("window", "return_window_days"), ("currency", "currency")):
            if message := field_error(field, values[name], date.min):
                errors[name] = message
        for name, parse_text in (
            ("store_windows", lambda text: parse_store_windows(text, MAX_DAYS)),
            ("keymap", lambda text: parse_keymap(text, BINDING_IDS)),
        ):
            try:
                parsed[name] = parse_text(self.query_one(f"#{name}", TextArea).text)
            except ValueError as error:
                errors[name] = str(error)
        for name in ("country", "window", "lead_times", "currency", "store_windows", "keymap"):
            self.query_one(f"#box-{name}", FieldBox).show_error(errors.get(name))
        if errors:
            return
        theme = self.query_one("#theme", Select).value
        self.dismiss(
            replace(
                self.settings,
                theme="" if theme is Select.NULL else str(theme),
                country=str(parsed["country"]),
                default_window_days=int(values["window"]) if values["window"].strip() else None,
                lead_times=tuple(parsed["lead_times"]),  # type: ignore[arg-type]
                currency=values["currency"].strip().upper(),
                store_windows=parsed["store_windows"],  # type: ignore[arg-type]
                keymap=parsed["keymap"],  # type: ignore[arg-type]
            )
        )
