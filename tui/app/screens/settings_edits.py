"""The commands that change how deadlines are worked out: store windows and holidays."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tui.app.screens.dashboard_state import DashboardState
from tui.app.screens.text_prompt import TextField, TextPrompt
from tui.domain.fields import parse_country, parse_store_window
from tui.domain.model import Case
from tui.domain.policy import Settings, supported_countries
from tui.printable import printable


class SettingsEdits(DashboardState):
    """Settings are saved in the store; the rule book and every deadline follow at once."""

    def action_store_window(self) -> None:
        def ask(case: Case) -> None:
            settings = self.store.settings()
            current = settings.store_windows.get(case.store)
            field = TextField(
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
        field = TextField(
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
        try:
            self.store.save_settings(settings)
        except OSError as error:
            self._save_failed(error)
            return
        self.book = self._rule_book()
        self.refresh_cases()
        self.notify(done, timeout=3, markup=False)
