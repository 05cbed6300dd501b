"""Every command the app offers, defined once.

Each `Command` feeds the key binding of the widget that owns it, the footer, the help screen
and (for the dashboard's own commands) the command palette, so the four never disagree. What a
dashboard command does lives in `tui.app.command_sets`. Every binding has an id
("evidence.toggle", "dashboard.new_case") so its keys can be changed with a keymap in the
settings (Textual's `App.set_keymap`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Flag, auto

from textual.binding import Binding


class Shown(Flag):
    """Where a command is offered besides the help screen, which lists every command."""

    HELP_ONLY = 0
    FOOTER = auto()
    PALETTE = auto()


HELP_ONLY, FOOTER, PALETTE = Shown.HELP_ONLY, Shown.FOOTER, Shown.PALETTE


@dataclass(frozen=True, slots=True)
class Command:
    """One action, the keys that run it (none: it is in the palette only), where it is offered
    and how it is described."""

    keys: str
    action: str
    title: str
    shown: Shown
    help: str
    key_display: str | None = None

    @property
    def in_palette(self) -> bool:
        return PALETTE in self.shown

    def binding(self, group: str, action: str = "") -> Binding:
        """The key binding, running `action` (by default the command's own)."""
        return Binding(
            self.keys,
            action or self.action,
            self.title,
            show=FOOTER in self.shown,
            key_display=self.key_display,
            id=self.binding_id(group),
        )

    def binding_id(self, group: str) -> str:
        """The id a keymap names this command's binding by, e.g. 'deadlines.move_months_1' and
        'deadlines.move_months_minus_1' (a minus is kept, or both would share one id)."""
        action = self.action.lower().replace("-", "minus_")
        return f"{group}.{re.sub(r'[^a-z0-9]+', '_', action).strip('_')}"


def _own_action(command: Command) -> str:
    return command.action


@dataclass(frozen=True, slots=True)
class CommandGroup:
    """The commands one part of the app owns, shown under one heading in the help."""

    name: str
    commands: tuple[Command, ...]

    @property
    def key(self) -> str:
        """The group's part of its bindings' ids: 'returns list' -> 'returns_list'."""
        return self.name.lower().replace(" ", "_")

    def bindings(self, runs: Callable[[Command], str] = _own_action) -> list[Binding]:
        """Key bindings for the commands that have keys (some are in the palette only), each
        running the action `runs` gives."""
        return [
            command.binding(self.key, runs(command)) for command in self.commands if command.keys
        ]


# A table reads best as one: a command a line, its help on the next where the line is full.
# fmt: off
DASHBOARD = CommandGroup("Everywhere", (
    Command("n", "new_case", "New", FOOTER | PALETTE, "Add a new return case"),
    Command("e", "edit_case", "Edit", FOOTER | PALETTE, "Edit the selected case"),
    Command("s", "change_stage", "Stage", FOOTER | PALETTE,
            "Move the selected case to another stage"),
    Command("a", "add_event", "Event", FOOTER | PALETTE,
            "Add an event to the selected case's timeline"),
    Command("slash", "search", "Search", FOOTER | PALETTE,
            "Filter the returns list as you type", key_display="/"),
    Command("escape", "close_search", "Clear filter", FOOTER,
            "Clear the returns list's filter (shown while there is one)"),
    Command("f", "cycle_scope", "Active/closed", FOOTER | PALETTE,
            "Show active, closed or all cases"),
    Command("w", "store_window", "Store window", PALETTE,
            "Set the selected case's store's own return window"),
    Command("H", "set_country", "Holidays", PALETTE,
            "Set the country whose public holidays are not business days"),
    Command("ctrl+s", "retry_save", "Retry save", FOOTER | PALETTE,
            "Try again to write changes a failed save kept in memory"),
    Command("m", "message", "Message", FOOTER | PALETTE,
            "Write a message to the seller from a template"),
    Command("u", "undo", "Undo", FOOTER | PALETTE,
            "Take back the last change (ticks, stages, edits, deletes, settings)"),
    Command("U", "redo", "Redo", PALETTE, "Make again the last change undone"),
    Command("l", "copy_tracking_link", "Tracking link", PALETTE,
            "Copy the return parcel's tracking link"),
    Command("L", "open_tracking_link", "Track parcel", PALETTE,
            "Open the return parcel's tracking page in the browser"),
    Command("O", "open_order_page", "Order page", PALETTE,
            "Open the case's order page on the marketplace in the browser"),
    Command("D", "delete_case", "Delete", PALETTE,
            "Delete the selected case (it is archived: R restores it)"),
    Command("", "purge_case", "Delete for good", PALETTE,
            "Delete an archived case and the evidence files only it uses"),
    Command("R", "restore_case", "Restore", PALETTE, "Bring the selected archived case back"),
    Command("S", "statistics", "Statistics", PALETTE,
            "Money awaited and refunded, stores compared"),
    Command("comma", "settings", "Settings", PALETTE,
            "Theme, holidays, default window, reminders, currency", key_display=","),
    Command("", "new_template", "New template", PALETTE,
            "Add a message template of your own"),
    Command("", "save_copy", "Save a copy", PALETTE,
            "Save a copy of the whole store to another file"),
    Command("", "export_csv", "Export CSV", PALETTE, "Export every case as CSV"),
    Command("", "export_json", "Export JSON", PALETTE, "Export the whole store as JSON"),
    Command("", "export_calendar", "Export calendar", PALETTE,
            "Export open deadlines as an iCalendar feed"),
    Command("", "export_evidence_pack", "Evidence pack", PALETTE,
            "Write a Markdown evidence pack for the selected case"),
    Command("tab", "next_pane", "Next pane", HELP_ONLY, "Move to the next pane"),
    Command("shift+tab", "previous_pane", "Previous pane", HELP_ONLY, "Move to the previous pane"),
    Command("1", "show_pane('returns')", "Returns", HELP_ONLY, "Go to the returns list"),
    Command("2", "show_pane('timeline')", "Timeline", HELP_ONLY, "Go to the timeline"),
    Command("3", "show_pane('evidence')", "Evidence", HELP_ONLY, "Go to the evidence checklist"),
    Command("4", "show_pane('deadlines')", "Deadlines", HELP_ONLY, "Go to the deadline calendar"),
    Command("question_mark", "help", "Help", FOOTER | PALETTE, "List every key", key_display="?"),
    Command("q", "app.quit", "Quit", FOOTER, "Quit returns-tui"),
))

RETURNS = CommandGroup("Returns list", (
    Command("j", "cursor_down", "Down", HELP_ONLY, "Next case"),
    Command("k", "cursor_up", "Up", HELP_ONLY, "Previous case"),
    Command("enter", "screen.show_pane('timeline')", "Timeline", HELP_ONLY,
            "Open the case's timeline"),
))

TIMELINE = CommandGroup("Timeline", (
    Command("enter", "edit_event", "Correct", FOOTER, "Correct the event's date, kind or text"),
    Command("x", "delete_event", "Delete event", FOOTER, "Delete the event (u brings it back)"),
    Command("j", "cursor_down", "Down", HELP_ONLY, "Next event"),
    Command("k", "cursor_up", "Up", HELP_ONLY, "Previous event"),
))

EVIDENCE = CommandGroup("Evidence", (
    Command("space,enter", "toggle", "Tick", FOOTER, "Tick or untick the item",
            key_display="space"),
    Command("d", "details", "File/note", FOOTER, "Set the item's file path and note"),
    Command("plus", "add_item", "Add item", FOOTER, "Add an item of your own", key_display="+"),
    Command("r", "item('rename')", "Rename", FOOTER, "Rename an item of your own"),
    Command("x", "item('remove')", "Remove", FOOTER,
            "Remove an item of your own (u brings it back)"),
    Command("o", "item('open')", "Open file", FOOTER,
            "Open the item's file with the system viewer"),
    Command("j", "cursor_down", "Down", HELP_ONLY, "Next item"),
    Command("k", "cursor_up", "Up", HELP_ONLY, "Previous item"),
))

DEADLINES = CommandGroup("Deadlines", (
    Command("left", "move_days(-1)", "Day", HELP_ONLY, "Previous day"),
    Command("right", "move_days(1)", "Day", HELP_ONLY, "Next day"),
    Command("up", "move_days(-7)", "Week", HELP_ONLY, "Previous week"),
    Command("down", "move_days(7)", "Week", HELP_ONLY, "Next week"),
    Command("pageup,left_square_bracket", "move_months(-1)", "Month", FOOTER,
            "Previous month", key_display="PgUp/["),
    Command("pagedown,right_square_bracket", "move_months(1)", "Month", FOOTER,
            "Next month", key_display="PgDn/]"),
    Command("j", "next_deadline", "Next", FOOTER, "Next deadline", key_display="j/k"),
    Command("k", "previous_deadline", "Previous", HELP_ONLY, "Previous deadline"),
    Command("t", "go_today", "Today", FOOTER, "Back to today"),
    Command("x", "extend", "Extend", FOOTER,
            "Extend the highlighted deadline (agreed, holiday, ...)"),
    Command("i", "show_source", "Source", FOOTER,
            "Where the highlighted deadline's number comes from, and how sure it is"),
    Command("v", "toggle_agenda_scope", "All/this", FOOTER,
            "Deadlines of all cases or the selected one"),
    Command("enter", "open_deadline", "Open case", FOOTER, "Select the deadline's case"),
))
# fmt: on

HELP_GROUPS = (DASHBOARD, RETURNS, TIMELINE, EVIDENCE, DEADLINES)

# Every binding id a keymap in the settings may name.
BINDING_IDS = frozenset(
    command.binding_id(group.key)
    for group in HELP_GROUPS
    for command in group.commands
    if command.keys
)
