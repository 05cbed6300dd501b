"""The new/edit case form: validates each field as it is typed and names what is wrong."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static

from tui.app.screens.dialog import Dialog
from tui.app.screens.field_box import FieldBox
from tui.app.text import as_edited, editable, user_text
from tui.domain.fields import FIELDS, InvalidFields, YesNo, field_error, parse_fields
from tui.domain.model import Category, Outcome, PaymentMethod, Reason
from tui.domain.tracking import check_tracking

_CHOICES: dict[str, type[StrEnum]] = {
    "payment_method": PaymentMethod,
    "reason": Reason,
    "category": Category,
    "outcome": Outcome,
    "free_return": YesNo,
}
_PLACEHOLDERS = {
    "order_number": "e.g. 8194736512093847",
    "amount": "e.g. 23.48",
    "ordered_on": "YYYY-MM-DD",
    "received_on": "YYYY-MM-DD",
    "shipped_on": "YYYY-MM-DD",
    "return_window_days": "blank: marketplace default",
}


class CaseForm(Dialog[dict[str, Any]]):
    """A dialog editing every field of a case; it returns the parsed values, or None."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True)]

    DEFAULT_CSS = """
    CaseForm #fields { layout: grid; grid-size: 2; grid-gutter: 0 1; height: auto; }
    CaseForm VerticalScroll { height: auto; max-height: 1fr; }
    CaseForm #summary { color: $error; text-style: bold; display: none; }
    """

    def __init__(self, title: str, values: dict[str, str], today: date) -> None:
        super().__init__()
        self.form_title = title
        self.initial = values
        self.today = today
        self._touched: set[str] = set()

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = user_text(self.form_title)
            dialog.border_subtitle = "ctrl+s save · esc cancel"
            yield Static(id="summary")
            with VerticalScroll(can_focus=False), Vertical(id="fields"):
                for name, spec in FIELDS.items():
                    yield FieldBox(name, spec.label, self._field(name))
            with Horizontal(id="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#order_number").focus()

    def _field(self, name: str) -> Widget:
        value = self.initial.get(name, "")
        if name in _CHOICES:
            options = [(member.label, member.value) for member in _CHOICES[name]]
            return Select(options, value=value, allow_blank=False, id=name)
        return Input(editable(value), placeholder=_PLACEHOLDERS.get(name, ""), id=name)

    def _values(self) -> dict[str, str]:
        values = {}
        for name in FIELDS:
            widget = self.query_one(f"#{name}")
            if isinstance(widget, Input):
                values[name] = as_edited(widget.value, self.initial.get(name, ""))
            elif isinstance(widget, Select):
                values[name] = str(widget.value)
        return values

    def _box(self, name: str) -> FieldBox:
        return self.query_one(f"#box-{name}", FieldBox)

    @on(Input.Changed)
    def _validate_as_typed(self, event: Input.Changed) -> None:
        name = event.input.id or ""
        if event.input.has_focus:
            self._touched.add(name)
        if name in self._touched:
            self._box(name).show_error(field_error(name, event.value, self.today))
            self._show_summary()
        if name == "tracking_number":
            # A wrong check digit earns a warning, never a refusal: the receipt says what it says.
            check = check_tracking(event.value)
            wrong = bool(check and check.check_digit_ok is False)
            note = (check.summary + ("; kept as typed" if wrong else "")) if check else ""
            self._box(name).show_note(note, warning=wrong)

    def _show_summary(self) -> None:
        """Name the fields still to fix at the top of the form, or nothing once all are right
        (a toast would outlive the problem)."""
        bad = [box.label for box in self.query(FieldBox) if box.has_class("-invalid")]
        summary = self.query_one("#summary", Static)
        count = len(bad)
        plural = "s" if count > 1 else ""
        text = f"{count} field{plural} to fix: " + ", ".join(bad) if bad else ""
        summary.update(user_text(text))
        summary.display = bool(bad)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        try:
            parsed = parse_fields(self._values(), self.today)
        except InvalidFields as invalid:
            for name in FIELDS:
                self._box(name).show_error(invalid.errors.get(name))
            first = next(iter(invalid.errors))
            self.query_one(f"#{first}").focus()
            self._show_summary()
            return
        self.dismiss(parsed)
