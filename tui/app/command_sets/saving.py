"""Saving: the only code that writes the store, and what the shopper is told when it cannot.

Every change reaches the disk through `Saving.save`, on a worker thread; a store moved away,
changed by another program or unwritable is met here, and so is quitting with changes that are
not on disk.
"""

from __future__ import annotations

import asyncio

from tui.app.command_sets.context import CommandSet
from tui.app.screens.question import Answer, QuestionDialog
from tui.printable import printable
from tui.store.backups import unsaved_rescue_copy
from tui.store.errors import SaveFailed, StoreChangedOnDisk, StoreError, StoreMissing
from tui.workspace import Change


class Saving(CommandSet):
    """Write changes, save back or elsewhere, reload another program's changes, quit safely."""

    # Set when the store went missing and the shopper was asked what to do about it.
    _missing_asked = False

    def available(self, name: str) -> bool:
        # Retrying only makes sense (and only shows in the footer) while something is unsaved.
        return self.workspace.store.unsaved if name == "retry_save" else True

    def save(self, done: str = "") -> None:
        """Write staged changes to disk without holding up the keyboard; then say `done`."""
        self.context.start(self._write(done), group="flush")

    def retry_save(self) -> None:
        back = self.workspace.store.missing()
        self.context.start(self._write("Saved", back=back), group="flush")

    async def _write(self, done: str, *, back: bool = False) -> bool:
        """Write the staged changes (with `back`, everything, to the store's path after the
        file went missing); True once they are on disk, else the shopper is told why not."""
        store = self.workspace.store
        self.context.show_store_state()
        try:
            await asyncio.to_thread(store.save_back if back else store.flush)
        except StoreMissing:
            self.went_missing()
        except StoreChangedOnDisk:
            # Not again for a file already refused as unreadable: NOT SAVED says it all.
            if store.changed_on_disk():
                self.reload("Your last change was not saved: make it again.")
        except StoreError as error:
            kept = (
                f"{error.problem}. Your change is kept here: ctrl+s tries again, or save a "
                "copy elsewhere from the command palette."
            )
            said = kept if isinstance(error, SaveFailed) else str(error)
            self.context.say(said, "error", title="NOT SAVED", timeout=10)
        else:
            if back:  # it may go missing again, and then is asked about again
                self._missing_asked = False
            if done:
                self.context.say(done, timeout=3)
            return True
        finally:
            self.context.show_store_state()
        return False

    async def save_copy(self) -> bool:
        """Ask where, then write the whole store there; True once it is written."""
        store = self.workspace.store
        target = await self.write_where_asked(
            "Save a copy", "Save a copy of the whole store to", store.save_copy
        )
        if target is None:
            return False
        self.context.say(f"Copy saved to {target}", timeout=6)
        return True

    def went_missing(self) -> None:
        """The file was moved or deleted under the app: keep everything, say so, offer to save."""
        self.workspace.store.unsaved = True
        self.context.show_store_state()
        if not self._missing_asked:
            self._missing_asked = True
            self.context.start(self._ask_where_to_save())

    async def _ask_where_to_save(self) -> None:
        store = self.workspace.store
        path = printable(str(store.path))
        message = (
            f"{path} was moved or deleted by another program while open. Everything is still "
            f"here ({store.count()} cases), but not on disk: save it back to {path}, or save "
            "a copy elsewhere."
        )
        answers = (
            Answer("save_back", "Save it back", variant="primary"),
            Answer("save_copy", "Save a copy elsewhere"),
        )
        answer = await self.context.ask(QuestionDialog("Store moved or deleted", message, answers))
        if answer == "save_back":
            await self._write(f"Saved back to {path}", back=True)
        elif answer == "save_copy":
            await self.save_copy()

    async def offer_unmatched(self) -> None:
        """Offer again the edits a journal holds that the store file (another version) lacks."""
        store = self.workspace.store
        lacking, store.unmatched = list(store.unmatched), []
        if not lacking:
            return
        titles = "; ".join(printable(f"{case.item} ({case.order_number})") for case in lacking[:5])
        more = f" and {len(lacking) - 5} more" if len(lacking) > 5 else ""
        kept = f" They are kept in {printable(str(store.set_aside))}." if store.set_aside else ""
        verb = "is" if len(lacking) == 1 else "are"
        message = (
            f"Another program replaced {printable(store.path.name)}. {len(lacking)} of your "
            f"saved edits {verb} not in the new file: {titles}{more}. They were not applied to it."
            f"{kept} Applying them again puts your whole version of those cases in place of the "
            "file's, so any change the other program made to those cases is lost."
        )
        answers = (
            Answer("keep", "Keep the file as it is", variant="primary"),
            Answer("apply", "Apply mine over it"),
        )
        dialog = QuestionDialog("Edits not in the new file", message, answers)
        if await self.context.ask(dialog) == "apply":
            again = Change(cases=tuple(lacking), description="edits applied again")
            self.apply(again, f"Applied {len(lacking)} edit(s) again")

    def announce_rescue_copy(self) -> None:
        """Say where changes an earlier session could not save went, and how to get them back
        (a terminal closed under the app told only that terminal)."""
        if (rescued := unsaved_rescue_copy(self.workspace.store.path)) is None:
            return
        self.context.say(
            f"Changes an earlier session could not save are in {rescued}: `returns-tui restore "
            f"--backup {rescued}` puts them back in place of the store (asking first, keeping "
            "the current file).",
            "warning",
            title="Unsaved changes kept aside",
            timeout=30,
        )

    def check_for_outside_changes(self) -> None:
        """Reload the store if another program changed it (unless unsaved changes would be lost)."""
        store = self.workspace.store
        if store.missing():
            self.went_missing()
        elif not store.changed_on_disk():
            return
        elif store.unsaved:
            self.context.say(
                "Another program changed the store while your changes are unsaved: save a copy "
                "elsewhere from the command palette before anything else.",
                "error",
                timeout=15,
            )
        else:
            self.reload()

    def reload(self, consequence: str = "") -> None:
        """Take the store as it is now on disk, after another program changed it."""
        try:
            self.workspace.reload()
        except StoreError as error:
            said = f"{error}. Not overwriting it; save a copy elsewhere from the command palette."
            self.context.say(said, "error", title="Store changed on disk", timeout=15)
            self.context.show_store_state()
            return
        self.context.show()
        self.context.start(self.offer_unmatched())
        self.context.say(
            f"Another program changed {self.workspace.store.path.name}; reloaded it. {consequence}",
            "warning",
            title="Store reloaded",
            timeout=8,
        )

    async def leave(self) -> None:
        """Quit; with changes not on disk, ask first (again after a try that fails) and offer
        to save a copy."""
        store = self.workspace.store
        message = (
            "Some changes are NOT SAVED: the store file could not be written. Save a copy "
            "of everything to another file, try saving again, or quit and lose them."
        )
        answers = (
            Answer("save_copy", "Save a copy", variant="primary"),
            Answer("retry", "Try saving again"),
            Answer("quit", "Quit without saving"),
        )
        while store.unsaved:
            dialog = QuestionDialog("Quit with unsaved changes?", message, answers)
            answer = await self.context.ask(dialog)
            if answer is None:
                return  # escape: stay
            if answer == "retry":
                await self._write("", back=store.missing())
            elif answer == "quit" or await self.save_copy():
                store.abandon_unsaved()  # lost as asked, or whole in the copy
                break
        self.context.app.exit()
