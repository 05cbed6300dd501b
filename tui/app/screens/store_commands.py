"""Commands about the store itself: settings that shape deadlines, and saving after a failure."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from textual import work

from tui.app.screens.choice_dialog import ChoiceDialog
from tui.app.screens.dashboard_state import DIALOGS, DashboardState
from tui.domain.fields import parse_country, parse_file_path, parse_store_window
from tui.domain.form import Form, FormField
from tui.domain.policy import supported_countries
from tui.domain.settings import Settings
from tui.printable import printable
from tui.store.case_store import SaveFailed, unsaved_rescue_copy
from tui.store.errors import StoreError
from tui.store.files import TargetRefused
from tui.workspace import Change


class StoreCommands(DashboardState):
    """Settings are saved in the store; the rule book and every deadline follow at once."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Retrying only makes sense (and only shows in the footer) while something is unsaved.
        if action == "retry_save":
            return self.store.unsaved
        # Restore is for an archived case, delete for one that is not.
        if action in ("restore_case", "delete_case"):
            case = self.selected_case
            return case is not None and case.archived == (action == "restore_case")
        return True

    def action_retry_save(self) -> None:
        if self.store.missing():
            self.save_back()
            return
        self.flush_soon("Saved")

    def save_back(self, then: Callable[[], None] | None = None) -> None:
        """Write everything in memory back to the store's path (after it went missing)."""

        async def write() -> None:
            try:
                await asyncio.to_thread(self.store.save_back)
            except (SaveFailed, StoreError) as error:
                self.notify(f"{error}", title="NOT SAVED", severity="error", markup=False)
            else:
                self._missing_asked = False
                self.notify(f"Saved back to {printable(str(self.store.path))}", markup=False)
                if then is not None:
                    then()
            self._show_store_state()

        self.run_worker(write(), group="flush")

    @work(group=DIALOGS)
    async def store_went_missing(self) -> None:
        """The file was moved or deleted under the app: keep everything, say so, offer to save."""
        self.store.unsaved = True
        self._show_store_state()
        if getattr(self, "_missing_asked", False):
            return
        self._missing_asked = True
        path = printable(str(self.store.path))
        message = (
            f"{path} was moved or deleted by another program while open. Everything is still "
            f"here ({len(self.store.cases())} cases), but not on disk: save it back to {path}, "
            "or save a copy elsewhere."
        )

        answer = await self._answer(
            ChoiceDialog(
                "Store moved or deleted",
                message,
                [("save_back", "Save it back"), ("save_copy", "Save a copy elsewhere")],
            )
        )
        if answer == "save_back":
            self.save_back()
        elif answer == "save_copy":
            self.action_save_copy()

    @work(group=DIALOGS)
    async def offer_unmatched(self) -> None:
        """Offer again the edits a journal holds that the store file (another version) lacks."""
        lacking = list(self.store.unmatched)
        if not lacking:
            return
        self.store.unmatched = []
        titles = "; ".join(printable(f"{case.item} ({case.order_number})") for case in lacking[:5])
        more = f" and {len(lacking) - 5} more" if len(lacking) > 5 else ""
        kept = (
            f" They are kept in {printable(str(self.store.set_aside))}."
            if self.store.set_aside
            else ""
        )
        verb = "is" if len(lacking) == 1 else "are"
        message = (
            f"Another program replaced {printable(self.store.path.name)}. {len(lacking)} of your "
            f"saved edits {verb} not in the new file: {titles}{more}. They were not applied to it."
            f"{kept} Applying them again puts your whole version of those cases in place of the "
            "file's, so any change the other program made to those cases is lost."
        )

        answer = await self._answer(
            ChoiceDialog(
                "Edits not in the new file",
                message,
                [("keep", "Keep the file as it is"), ("apply", "Apply mine over it")],
            )
        )
        if answer == "apply":
            again = Change(cases=tuple(lacking), description="edits applied again")
            self.workspace.apply(again)
            self.refresh_cases()
            self.flush_soon(f"Applied {len(lacking)} edit(s) again")

    @work(group=DIALOGS)
    async def action_save_copy(self, then: Callable[[], None] | None = None) -> None:
        field = FormField(
            "path",
            "Save a copy of the whole store to",
            parse=parse_file_path,
            placeholder="e.g. ~/returns-copy.json",
        )

        values = await self._fill(Form("Save a copy", (field,)))
        if values is None:
            return
        target = Path(values["path"]).expanduser()
        try:
            self.store.save_copy(target)
        except TargetRefused as error:
            self.notify(f"Not written: {printable(str(error))}", severity="error", markup=False)
            return
        self.notify(f"Copy saved to {printable(str(target))}", timeout=6, markup=False)
        if then is not None:
            then()

    def announce_rescue_copy(self) -> None:
        """Say where changes an earlier session could not save went, and how to get them back
        (a terminal closed under the app told only that terminal)."""
        if (rescued := unsaved_rescue_copy(self.store.path)) is None:
            return
        self.notify(
            f"Changes an earlier session could not save are in {printable(str(rescued))}: "
            f"`returns-tui restore --backup {printable(str(rescued))}` puts them back in place "
            "of the store (asking first, keeping the current file).",
            title="Unsaved changes kept aside",
            severity="warning",
            timeout=30,
            markup=False,
        )

    def check_for_outside_changes(self) -> None:
        """Reload the store if another program changed it (unless unsaved changes would be lost)."""
        if self.store.missing():
            self.store_went_missing()
            return
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

    @work(group=DIALOGS)
    async def action_store_window(self) -> None:
        if (case := self._selected_or_say()) is None:
            return
        settings = self.store.settings()
        current = settings.store_windows.get(case.store)
        field = FormField(
            "days",
            f"Return window of {printable(case.store) or 'this store'} (days)",
            "" if current is None else str(current),
            parse_store_window,
            "blank: the marketplace default",
        )
        values = await self._fill(Form("Store return window", (field,)))
        if values is None:
            return
        windows = {k: v for k, v in settings.store_windows.items() if k != case.store}
        if values["days"] is not None:
            windows[case.store] = values["days"]
        self._save_settings(replace(settings, store_windows=windows), "Store window saved")

    @work(group=DIALOGS)
    async def action_set_country(self) -> None:
        settings = self.store.settings()
        field = FormField(
            "country",
            "Country whose public holidays are not business days",
            settings.country,
            lambda raw: parse_country(raw, supported_countries()),
            "ISO code such as DE, US, GB; blank for weekends only",
        )

        values = await self._fill(Form("Public holidays", (field,)))
        if values is not None:
            country = values["country"]
            self._save_settings(
                replace(settings, country=country), f"Holidays: {country or 'none'}"
            )

    def remember_theme(self, theme: str) -> None:
        """Keep the theme in the settings (and so in undo) unless it is the one kept already."""
        settings = self.store.settings()
        if settings.theme != theme:
            self._save_settings(replace(settings, theme=theme), f"Theme: {theme}")

    def _save_settings(self, settings: Settings, done: str) -> None:
        self.workspace.apply(Change(settings=settings, description=done))
        self.app.set_keymap(dict(settings.keymap))
        self.flush_soon(done)
        self.refresh_cases()
