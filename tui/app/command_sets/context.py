"""What a command may use of the screen it runs on, and the base every command set shares.

A command set is a plain class: it asks through `Context.ask` and `Context.fill`, changes the
store through `CommandSet.apply` (the workspace stages the change and keeps its inverse for
undo; the screen redraws; the store's commands save it), and never reaches into a widget.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from tui.domain.fields import parse_file_path
from tui.domain.form import Form, FormField
from tui.domain.model import Case
from tui.store.files import TargetRefused
from tui.workspace import Change, Workspace

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel

    from tui.app.screens.dialog import Dialog

T = TypeVar("T")

# The worker group of commands waiting on a dialog's answer: such a worker lasts as long as
# the dialog is open, so whatever waits for work to finish (a test, a snapshot) leaves it be.
DIALOGS = "dialogs"


class Context(Protocol):
    """The dashboard as its commands see it."""

    workspace: Workspace

    @property
    def app(self) -> App[Any]: ...

    # Tell the shopper `text` in a toast as it is written (never markup, control characters
    # shown); `options`: notify's title and timeout.
    def say(self, text: str, severity: SeverityLevel = "information", **options: Any) -> None: ...

    @property
    def selected_case(self) -> Case | None: ...

    # The selected case, or None after saying that a case must be selected first.
    def selected_or_say(self) -> Case | None: ...

    # Open a dialog, or one asking for a form, and wait for its answer (None: cancelled).
    async def ask(self, dialog: Dialog[T]) -> T | None: ...
    async def fill(self, form: Form) -> Any: ...

    # True once every case is read and worked out, showing how far it is meanwhile (a big
    # store's start-up reads most cases after the first screen); False if given up.
    async def every_case(self, what: str) -> bool: ...

    # Run `flow` as a worker: in `DIALOGS`, a command that asks (keys typed before its dialog
    # is up are dropped); in another group, work that leaves the keyboard alone.
    def start(self, flow: Coroutine[Any, Any, None], *, group: str = DIALOGS) -> None: ...

    # Redraw every pane, with `case` selected (and the filter widened, with `reveal`, if it
    # would hide the case); show saving, saved or NOT SAVED; save, saying `done` once saved.
    def show(self, case: Case | None = None, *, reveal: bool = False) -> None: ...
    def show_store_state(self) -> None: ...
    def save(self, done: str = "") -> None: ...


class CommandSet:
    """Commands about one thing, run on the dashboard through its `Context`."""

    def __init__(self, context: Context) -> None:
        self.context = context

    @property
    def workspace(self) -> Workspace:
        return self.context.workspace

    def available(self, name: str) -> bool:
        """Whether command `name` can run now (the footer and palette offer it only then)."""
        return True

    def apply(
        self, change: Change, done: str, *, show: Case | None = None, reveal: bool = False
    ) -> None:
        """The one path a change takes: staged (undo keeps its inverse), shown (`show`
        selected), then saved; `done` is said once it is on disk."""
        self.workspace.apply(change)
        self.context.show(show, reveal=reveal)
        self.context.save(done)

    async def write_where_asked(
        self, title: str, label: str, write: Callable[[Path], object], *, suggested: str = ""
    ) -> Path | None:
        """Ask for a file and `write` it there; where that is refused (the store or one of its
        own files) say so and ask again, showing what was typed. None if cancelled."""
        typed = suggested
        while True:
            field = FormField("path", label, typed, parse_file_path, "e.g. ~/returns-copy.json")
            values = await self.context.fill(Form(title, (field,)))
            if values is None:
                return None
            target = Path(values["path"]).expanduser()
            try:
                write(target)
            except TargetRefused as error:
                self.context.say(f"Not written: {error}", "error")
                typed = values["path"]
                continue
            return target

    def commit(self, case: Case, done: str, *, reveal: bool = False, change: str = "") -> None:
        """Take a changed case: selected and shown at once, `done` said once it is on disk.

        With `reveal`, the filter and scope widen if they would hide the case (a new case must
        be seen); otherwise a case that leaves the view (say, closed) simply drops out of it.
        `change` names it for undo, if `done` does not ("ticked 'Unboxing video'").
        """
        if case == self.workspace.store.find(case.id):
            self.context.say("Nothing changed")
            return
        # "Undone: ticked 'Unboxing video' on 8190987654321098": the change and its case.
        what = change or done or "change"
        description = f"{what[0].lower()}{what[1:]} on {case.order_number}"
        self.apply(Change(cases=(case,), description=description), done, show=case, reveal=reveal)
