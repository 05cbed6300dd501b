"""A form as data: the fields a dialog asks for and how their text becomes a value.

Every dialog in the app is drawn from a `Form`, so the domain decides what is asked and how it
is checked, and the app only decides how it looks. A field's parser raises `ValueError` with a
message that completes the field's label ("When: is in the future"); a form's `finish` checks
rules across fields and raises `FormErrors` naming each field that breaks one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tui.domain.limits import text_problem


def stripped(raw: str) -> str:
    return raw.strip()


def required(raw: str) -> str:
    if not raw.strip():
        raise ValueError("is required")
    return raw.strip()


class FormErrors(ValueError):
    """Some fields could not be accepted; `errors` maps each field's name to what is wrong."""

    def __init__(self, errors: Mapping[str, str], labels: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(
            "; ".join(f"{labels.get(name, name)}: {message}" for name, message in errors.items())
        )


@dataclass(frozen=True, slots=True)
class FieldNote:
    """A remark about a field's text that does not stop saving (a doubtful check digit)."""

    text: str
    warning: bool = False


@dataclass(frozen=True, slots=True)
class Question:
    """What to ask before a form's answer is taken (a refund above the price, a case that
    already exists); answering no leaves the form open, as typed."""

    title: str
    text: str
    yes: str


@dataclass(frozen=True, slots=True)
class FormField:
    """One field a form asks for: its label, the text it starts with, and how it is parsed.

    With `choices` (value, label pairs) the field is a pick list; with `lines` above 1 it is a
    box of several lines. `note` remarks on acceptable text without refusing it.
    """

    name: str
    label: str
    value: str = ""
    parse: Callable[[str], Any] = stripped
    placeholder: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    lines: int = 1
    note: Callable[[str], FieldNote | None] | None = None

    def error(self, raw: str) -> str | None:
        """What is wrong with `raw` on its own, or None when the field accepts it."""
        try:
            self.parse(raw)
        except ValueError as error:
            return str(error)
        return None


@dataclass(frozen=True, slots=True)
class Form:
    """What a dialog asks for, and what its answers become.

    Without `finish`, the answer is each field's parsed value by name; `finish` turns the
    parsed values into the form's own answer and may refuse combinations with `FormErrors`.
    """

    title: str
    fields: tuple[FormField, ...]
    finish: Callable[[dict[str, Any]], Any] | None = None
    note: str = ""
    save_label: str = "Save"
    # Two columns suit a long form of short fields; enter then moves on rather than saving.
    columns: int = 1
    # The field the cursor starts in ("": the first).
    focus: str = ""
    # Given the answer, what to ask before taking it (None: nothing).
    confirm: Callable[[Any], Question | None] | None = None

    @property
    def enter_saves(self) -> bool:
        """Whether enter in a line of text saves the form (a short form of single lines) or
        moves on to the next field."""
        return self.columns == 1 and all(field.lines == 1 for field in self.fields)

    def parse(self, raw: Mapping[str, str]) -> Any:
        """The form's answer from each field's text, or `FormErrors` naming every bad field."""
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for field in self.fields:
            text = raw.get(field.name, field.value)
            try:
                if problem := text_problem(text):
                    raise ValueError(problem)
                values[field.name] = field.parse(text)
            except ValueError as error:
                errors[field.name] = str(error)
        if errors:
            raise FormErrors(errors, self.labels)
        return self.finish(values) if self.finish else values

    @property
    def labels(self) -> dict[str, str]:
        return {field.name: field.label for field in self.fields}
