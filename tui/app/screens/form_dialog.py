"""The one dialog every form is drawn in (see `tui.domain.form`): lines of text, pick lists and
boxes of several lines, each labelled in its own border.

Each field is one widget, its label the border's title and its error or note the border's
subtitle, so even the 31 fields of a case open at once. A field's parser is run as a Textual
`Validator`: an error shows as soon as a field the user typed in becomes wrong, and clears as
soon as it is right again; the fields still to fix are named, whole, at the top of the form.
The same keys work everywhere: ctrl+s saves, enter saves a short form (and moves on in a long
one), esc closes and asks first if anything was changed.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static, TextArea

from tui.app.screens.dialog import Dialog
from tui.app.screens.question import confirm
from tui.app.text import as_edited, editable, user_text
from tui.domain.form import Form, FormErrors, FormField


class FieldValidator(Validator):
    """A form field's own parser as a Textual validator: its `ValueError` is the failure."""

    def __init__(self, field: FormField) -> None:
        super().__init__()
        self.field = field

    def validate(self, value: str) -> ValidationResult:
        error = self.field.error(as_edited(value, self.field.value))
        return self.success() if error is None else self.failure(error)


def shape(form: Form) -> Hashable:
    """What a dialog drawn for `form` can show again: its fields' names and kinds."""
    kinds = tuple((field.name, field.choices, field.lines) for field in form.fields)
    return (kinds, form.columns, bool(form.note))


class FormDialog(Dialog[Any]):
    """Asks for a `Form`'s fields; returns the form's answer, or None when closed unsaved."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True)]

    DEFAULT_CSS = """
    FormDialog #summary { color: $error; text-style: bold; display: none; }
    FormDialog #summary.-shown { display: block; }
    FormDialog .form-note { color: $text-muted; }
    FormDialog #fields { height: auto; }
    FormDialog #fields.-columns { layout: grid; grid-size: 2; grid-gutter: 0 1; }
    FormDialog VerticalScroll { height: auto; max-height: 1fr; }
    /* The buttons stay in sight when the fields need scrolling (a long form at 80x24). */
    FormDialog #buttons { dock: bottom; }
    FormDialog .form-field, FormDialog .form-field > SelectCurrent {
        border-title-color: $text;
        border-subtitle-color: $text-muted;
    }
    FormDialog .form-field.-warning, FormDialog .form-field.-warning > SelectCurrent {
        border-subtitle-color: $warning;
    }
    FormDialog .form-field.-invalid { border-subtitle-color: $error; }
    """

    def __init__(self, form: Form) -> None:
        super().__init__()
        self.form = form
        self._errors: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        """The form's fields, empty: `fill` puts the form's text in them."""
        with Vertical(id="dialog"):
            yield Static(id="summary")
            if self.form.note:
                yield Static(classes="form-note")
            fields = Vertical(id="fields", classes="-columns" if self.form.columns > 1 else "")
            with VerticalScroll(can_focus=False), fields:
                yield from (self._widget(field) for field in self.form.fields)
            with Horizontal(id="buttons"):
                yield Button("", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.fill(self.form)

    def fill(self, form: Form) -> None:
        """Ask for `form` in this dialog, drawn for a form of the same `shape`: set each field's
        text and start afresh (drawing the fields costs far more than this, so a dialog is kept
        and filled again: see `FormDialogs`)."""
        assert shape(form) == shape(self.form), "a dialog is filled only with its own shape"
        self.form = form
        dialog = self.query_one("#dialog")
        dialog.border_title = user_text(form.title)
        save = form.save_label.lower()
        enter = f"enter {save} · " if form.enter_saves else ""
        dialog.border_subtitle = f"{enter}ctrl+s {save} · esc cancel"
        if form.note:
            self.query_one(".form-note", Static).update(user_text(form.note, multiline=True))
        self.query_one("#save", Button).label = form.save_label
        self._errors.clear()
        self._show_summary()
        for field in form.fields:
            widget = self.query_one(f"#{field.name}")
            widget.remove_class("-invalid", "-valid")
            if isinstance(widget, Select):
                with widget.prevent(Select.Changed):
                    widget.value = field.value
                # A pick list draws its border on the part showing the choice.
                widget = widget.query_one("SelectCurrent")
            elif isinstance(widget, TextArea):
                with widget.prevent(TextArea.Changed):
                    widget.load_text(field.value)
            else:
                assert isinstance(widget, Input)
                widget.placeholder = field.placeholder
                with widget.prevent(Input.Changed):
                    widget.value = editable(field.value)
                widget.validators = [FieldValidator(field)]
                # The cursor at the end, the text shown from its beginning; a field selects its
                # text when it gets the focus.
                widget.cursor_position = len(widget.value)
                widget.scroll_to(x=0, animate=False, immediate=True)
            widget.border_title = user_text(field.label)
            self._show_note(field)
        self.query_one(VerticalScroll).scroll_home(animate=False)
        first = self.query_one(f"#{self.form.focus or self.form.fields[0].name}")
        first.focus()
        if isinstance(first, Input):
            # Selected as a field is on focus, so typing replaces it: the screen may have
            # focused it already, and focusing it again does not select it.
            first.select_all()

    @staticmethod
    def _widget(field: FormField) -> Widget:
        widget: Widget
        if field.choices:
            options = [(label, value) for value, label in field.choices]
            widget = Select(options, allow_blank=False, id=field.name)
        elif field.lines > 1:
            widget = TextArea(id=field.name, soft_wrap=True)
            widget.styles.height = field.lines + 2
        else:
            widget = Input(id=field.name, validate_on=())
        widget.add_class("form-field")
        return widget

    def _raw(self, field: FormField) -> str:
        widget = self.query_one(f"#{field.name}")
        if isinstance(widget, Select):
            return str(widget.value)
        if isinstance(widget, TextArea):
            return widget.text
        assert isinstance(widget, Input)
        return as_edited(widget.value, field.value)

    def _field(self, name: str) -> FormField:
        return next(field for field in self.form.fields if field.name == name)

    @property
    def changed(self) -> bool:
        """Whether any field differs from what the form started with."""
        return any(self._raw(field) != field.value for field in self.form.fields)

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _check_as_typed(self, event: Input.Changed | TextArea.Changed) -> None:
        widget = event.input if isinstance(event, Input.Changed) else event.text_area
        if not widget.has_focus or widget.id is None:
            return  # filled in by the form itself, not typed
        field = self._field(widget.id)
        self._show_error(field, field.error(self._raw(field)))
        self._show_summary()

    def _show_error(self, field: FormField, error: str | None) -> None:
        if error is None:
            self._errors.pop(field.name, None)
        else:
            self._errors[field.name] = error
        widget = self.query_one(f"#{field.name}")
        if isinstance(widget, Input):
            widget.validate(widget.value)
        widget.set_class(error is not None, "-invalid")
        self._show_note(field)

    def _show_note(self, field: FormField) -> None:
        """The field's error in its border, else its note (say, the carrier a number suits)."""
        widget = self.query_one(f"#{field.name}")
        if field.choices:
            widget = widget.query_one("SelectCurrent")
        error = self._errors.get(field.name)
        note = None if error is not None or field.note is None else field.note(self._raw(field))
        widget.set_class(note is not None and note.warning, "-warning")
        subtitle = error if error is not None else note.text if note is not None else ""
        widget.border_subtitle = user_text(subtitle)

    def _show_summary(self) -> None:
        """Every field still to fix, with what is wrong, at the top of the form: a field's own
        border may be too narrow for the whole message, and a toast would outlive it."""
        summary = self.query_one("#summary", Static)
        lines = [f"{self._field(name).label}: {error}" for name, error in self._errors.items()]
        summary.update(user_text("\n".join(lines), multiline=True))
        summary.set_class(bool(lines), "-shown")

    @on(Input.Submitted)
    def _submitted(self) -> None:
        if self.form.enter_saves:
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        raw = {field.name: self._raw(field) for field in self.form.fields}
        try:
            answer = self.form.parse(raw)
        except FormErrors as invalid:
            for field in self.form.fields:
                self._show_error(field, invalid.errors.get(field.name))
            self._show_summary()
            self.query_one(f"#{next(iter(invalid.errors))}").focus()
            return
        question = self.form.confirm(answer) if self.form.confirm else None
        if question is None:
            self.dismiss(answer)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(answer)

        self.app.push_screen(confirm(question.title, question.text, question.yes), answered)

    def action_cancel(self) -> None:
        """Close without saving; typed text is thrown away only once the user says so."""
        if not self.changed:
            self.dismiss(None)
            return

        def discard(answer: bool | None) -> None:
            if answer:
                self.dismiss(None)

        question = "Close the form and throw away what you typed?"
        self.app.push_screen(confirm("Unsaved changes", question, "Throw away"), discard)


class FormDialogs:
    """The form dialogs drawn so far, kept to be refilled: opening a form then costs only
    filling in its fields, not drawing them (a case form opens several times faster)."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._drawn: dict[Hashable, FormDialog] = {}

    def dialog_for(self, form: Form) -> FormDialog:
        """A dialog asking for `form`: a kept one refilled, else a new one, kept."""
        key = shape(form)
        dialog = self._drawn.get(key)
        if dialog is not None and dialog not in self._app.screen_stack:
            dialog.fill(form)
            return dialog
        dialog = FormDialog(form)
        if key not in self._drawn:
            # Installed screens stay mounted when closed, ready to be filled again.
            self._app.install_screen(dialog, f"form-{len(self._drawn)}")
            self._drawn[key] = dialog
        return dialog
