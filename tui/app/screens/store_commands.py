"""Commands about the store itself: settings that shape deadlines, and saving after a failure."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from tui.app.screens.dashboard_state import DashboardState
from tui.app.screens.text_prompt import TextPrompt
from tui.domain.fields import parse_country, parse_file_path, parse_store_window
from tui.domain.form import FormField
from tui.domain.model import Case
from tui.domain.policy import supported_countries
from tui.domain.settings import Settings
from tui.printable import printable


class StoreCommands(DashboardState):
    """Settings are saved in the store; the rule book and every deadline follow at once."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Retrying only makes sense (and only shows in the footer) while something is unsaved.
        if action == "retry_save":
            return self.store.unsaved
        return True

    def action_retry_save(self) -> None:
        self.flush_soon("Saved")

    def action_save_copy(self) -> None:
        field = FormField(
            "path",
            "Save a copy of the whole store to",
            parse=parse_file_path,
            placeholder="e.g. ~/returns-copy.json",
        )

        def answered(values: dict[str, Any]) -> None:
            target = Path(values["path"]).expanduser()
            try:
                self.store.save_copy(target)
            except OSError as error:
                self.notify(
                    f"Could not write {target}: {error.strerror or error}",
                    severity="error",
                    markup=False,
                )
                return
            self.notify(f"Copy saved to {printable(str(target))}", timeout=6, markup=False)

        self._ask(TextPrompt("Save a copy", [field]), answered)

    def check_for_outside_changes(self) -> None:
        """Reload the store if another program changed it (unless unsaved changes would be lost)."""
        if not self.store.changed_on_disk():
            return
        if self.store.unsaved:
            self.notify(
                "Another program changed the store while your changes are unsaved: save a copy "
                "elsewhere from the command palette before anything else.",
                severity="error",
                timeout=15,
            )
            return
        self.reload_from_disk()

    def action_store_window(self) -> None:
        def ask(case: Case) -> None:
            settings = self.store.settings()
            current = settings.store_windows.get(case.store)
            field = FormField(
                "days",
                f"Return window of {printable(case.store) or 'this store'} (days)",
                "" if current is None else str(current),
                parse_store_window,
                "blank: the marketplace default",
            )

            def answered(values: dict[str, Any]) -> None:
                windows = {k: v for k, v in settings.store_windows.items() if k != case.store}
                if values["days"] is not None:
                    windows[case.store] = values["days"]
                self._save_settings(replace(settings, store_windows=windows), "Store window saved")

            self._ask(TextPrompt("Store return window", [field]), answered)

        self._with_case(ask)

    def action_set_country(self) -> None:
        settings = self.store.settings()
        field = FormField(
            "country",
            "Country whose public holidays are not business days",
            settings.country,
            lambda raw: parse_country(raw, supported_countries()),
            "ISO code such as DE, US, GB; blank for weekends only",
        )

        def answered(values: dict[str, Any]) -> None:
            country = values["country"]
            self._save_settings(
                replace(settings, country=country), f"Holidays: {country or 'none'}"
            )

        self._ask(TextPrompt("Public holidays", [field]), answered)

    def _save_settings(self, settings: Settings, done: str) -> None:
        self.store.stage_settings(settings)
        self.flush_soon(done)
        self.book = self._rule_book()
        self.refresh_cases()
        self.notify(done, timeout=3, markup=False)
