"""A form as data: the fields a dialog asks for and how each one's text becomes a value.

Dialogs in the app are drawn from these specs, so the domain decides what is asked and how it
is checked, and the app only decides how it looks. A parser raises `ValueError` with a message
that completes the field's label ("When: is in the future").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def stripped(raw: str) -> str:
    return raw.strip()


def required(raw: str) -> str:
    if not raw.strip():
        raise ValueError("is required")
    return raw.strip()


@dataclass(frozen=True, slots=True)
class FormField:
    """One field a form asks for: its label, the text it starts with, and how it is parsed.

    With `choices` (value, label pairs) the field is a pick list rather than free text.
    """

    name: str
    label: str
    value: str = ""
    parse: Callable[[str], Any] = stripped
    placeholder: str = ""
    choices: tuple[tuple[str, str], ...] = ()
