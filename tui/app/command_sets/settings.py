"""Settings kept in the store: the form, store windows, holidays, templates and the theme.

A settings change goes the way a case's does (undo takes it back); the rule book and every
deadline follow at once.
"""

from __future__ import annotations

from dataclasses import replace

from tui.app.command_sets.context import CommandSet
from tui.app.commands import BINDING_IDS
from tui.domain.fields import parse_country, parse_store_window
from tui.domain.form import Form, FormField
from tui.domain.policy import supported_countries
from tui.domain.settings import Settings
from tui.domain.settings_form import settings_form
from tui.domain.templates import template_form
from tui.printable import printable
from tui.workspace import Change


class SettingsCommands(CommandSet):
    """Change the settings; the keymap and theme take effect at once."""

    async def settings(self) -> None:
        app = self.context.app
        vault = self.workspace.store.vault
        kept = vault.summary() + ("" if vault.copies else "; none copied this session (--no-keep)")
        form = settings_form(self.current, sorted(app.available_themes), BINDING_IDS, kept)
        if (settings := await self.context.fill(form)) is not None:
            self._save(settings, "Settings saved")
            if settings.theme and settings.theme != app.theme:
                app.theme = settings.theme

    async def store_window(self) -> None:
        if (case := self.context.selected_or_say()) is None:
            return
        settings = self.current
        current = settings.store_windows.get(case.store)
        field = FormField(
            "days",
            f"Return window of {printable(case.store) or 'this store'} (days)",
            "" if current is None else str(current),
            parse_store_window,
            "blank: the marketplace default",
        )
        values = await self.context.fill(Form("Store return window", (field,)))
        if values is None:
            return
        windows = {k: v for k, v in settings.store_windows.items() if k != case.store}
        if values["days"] is not None:
            windows[case.store] = values["days"]
        self._save(replace(settings, store_windows=windows), "Store window saved")

    async def set_country(self) -> None:
        settings = self.current
        field = FormField(
            "country",
            "Country whose public holidays are not business days",
            settings.country,
            lambda raw: parse_country(raw, supported_countries()),
            "ISO code such as DE, US, GB; blank for weekends only",
        )
        values = await self.context.fill(Form("Public holidays", (field,)))
        if values is not None:
            country = values["country"]
            self._save(replace(settings, country=country), f"Holidays: {country or 'none'}")

    async def new_template(self) -> None:
        text = "Hello {store},\n\nAbout order {order_number} ({item}): \n\nThank you"
        if (template := await self.context.fill(template_form(text))) is not None:
            settings = self.current
            self._save(
                replace(settings, templates=(*settings.templates, template)),
                f"Template saved: {template.name}",
            )

    def remember_theme(self, theme: str) -> None:
        """Keep the theme in the settings (and so in undo) unless it is the one kept already."""
        if self.current.theme != theme:
            self._save(replace(self.current, theme=theme), f"Theme: {theme}")

    @property
    def current(self) -> Settings:
        return self.workspace.store.settings()

    def _save(self, settings: Settings, done: str) -> None:
        self.context.app.set_keymap(dict(settings.keymap))
        self.apply(Change(settings=settings, description=done), done)
