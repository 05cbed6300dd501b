"""The settings form: theme, holidays country, default seller window, reminders, currency,
your name, stores' own windows and the shopper's own keys; its answer is the new `Settings`."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from typing import Any

from tui.domain.fields import (
    parse_country,
    parse_lead_times,
    parse_megabytes,
    parse_store_window,
)
from tui.domain.form import Form, FormField
from tui.domain.limits import MAX_DAYS
from tui.domain.money import check_currency
from tui.domain.policy import supported_countries
from tui.domain.settings import (
    Settings,
    keymap_text,
    parse_keymap,
    parse_store_windows,
    store_windows_text,
)


def settings_form(
    settings: Settings, themes: Collection[str], bindings: frozenset[str], kept: str = ""
) -> Form:
    """The form for `settings`, offering `themes` and a keymap over the app's `bindings`;
    `kept` says how much the evidence vault holds."""
    # A theme that is no longer installed shows (and saves) as the default.
    theme = settings.theme if settings.theme in themes else ""
    window = "" if settings.default_window_days is None else str(settings.default_window_days)
    fields = (
        FormField(
            "theme",
            "Theme",
            theme,
            choices=(("", "Default"), *((theme, theme) for theme in themes)),
        ),
        FormField(
            "country",
            "Country for public holidays (ISO code, blank for weekends only)",
            settings.country,
            lambda raw: parse_country(raw, supported_countries()),
        ),
        FormField(
            "default_window_days",
            "Default seller window in days (blank: the marketplace's)",
            window,
            parse_store_window,
        ),
        FormField(
            "lead_times",
            "Calendar reminders, days before each deadline",
            ", ".join(str(days) for days in settings.lead_times),
            parse_lead_times,
        ),
        FormField("currency", "Default currency", settings.currency, check_currency),
        FormField("name", "Your name, signing messages ({buyer})", settings.name),
        FormField(
            "store_windows",
            "Stores' own return windows, one per line: days, a space, the store",
            store_windows_text(settings.store_windows),
            lambda text: parse_store_windows(text, MAX_DAYS),
            lines=4,
        ),
        FormField(
            "keep_files",
            "Attached files",
            "yes" if settings.keep_files else "",
            bool,
            choices=(("yes", "Keep a copy beside the store"), ("", "Record only the path")),
        ),
        FormField(
            "largest_file_mb",
            "Largest file to attach, in MB",
            str(settings.largest_file_mb),
            parse_megabytes,
        ),
        FormField(
            "keymap",
            "Your own keys, one per line: binding = keys (? shows each binding's name)",
            keymap_text(settings.keymap),
            lambda text: parse_keymap(text, bindings),
            lines=4,
        ),
    )

    def changed(values: Mapping[str, Any]) -> Settings:
        return replace(settings, **values)

    note = "Delete a store's line to remove its window."
    if kept:
        note += f" Evidence files kept: {kept}."
    return Form("Settings", fields, finish=changed, note=note)
