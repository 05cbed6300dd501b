"""Every command the app offers, defined once.

Each `Command` feeds the key binding of the widget that owns it, the footer, the help screen
and (for the dashboard's own commands) the command palette, so the four never disagree. What a
dashboard command does lives in `tui.app.command_sets`. Every
binding has an id ("evidence.toggle", "dashboard.new_case") so its keys can be changed with a
keymap in the settings (Textual's `App.set_keymap`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True, slots=True)
class Command:
    """One action, the keys that run it and how it is described."""

    keys: str
    action: str
    title: str
    help: str
    show: bool = True
    key_display: str | None = None
    in_palette: bool = False

    def binding(self, group: str, action: str = "") -> Binding:
        """The key binding, running `action` (by default the command's own)."""
        return Binding(
            self.keys,
            action or self.action,
            self.title,
            show=self.show,
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


DASHBOARD = CommandGroup(
    "Everywhere",
    (
        Command("n", "new_case", "New", "Add a new return case", in_palette=True),
        Command("e", "edit_case", "Edit", "Edit the selected case", in_palette=True),
        Command(
            "s", "change_stage", "Stage", "Move the selected case to another stage", in_palette=True
        ),
        Command(
            "a",
            "add_event",
            "Event",
            "Add an event to the selected case's timeline",
            in_palette=True,
        ),
        Command(
            "slash",
            "search",
            "Search",
            "Filter the returns list as you type",
            key_display="/",
            in_palette=True,
        ),
        Command(
            "escape",
            "close_search",
            "Clear filter",
            "Clear the returns list's filter (shown while there is one)",
        ),
        Command(
            "f", "cycle_scope", "Active/closed", "Show active, closed or all cases", in_palette=True
        ),
        Command(
            "w",
            "store_window",
            "Store window",
            "Set the selected case's store's own return window",
            show=False,
            in_palette=True,
        ),
        Command(
            "H",
            "set_country",
            "Holidays",
            "Set the country whose public holidays are not business days",
            show=False,
            in_palette=True,
        ),
        Command(
            "ctrl+s",
            "retry_save",
            "Retry save",
            "Try again to write changes a failed save kept in memory",
            in_palette=True,
        ),
        Command(
            "m",
            "message",
            "Message",
            "Write a message to the seller from a template",
            in_palette=True,
        ),
        Command(
            "u",
            "undo",
            "Undo",
            "Take back the last change (ticks, stages, edits, deletes, settings)",
            in_palette=True,
        ),
        Command(
            "U",
            "redo",
            "Redo",
            "Make again the last change undone",
            show=False,
            in_palette=True,
        ),
        Command(
            "l",
            "copy_tracking_link",
            "Tracking link",
            "Copy the return parcel's tracking link",
            show=False,
            in_palette=True,
        ),
        Command(
            "L",
            "open_tracking_link",
            "Track parcel",
            "Open the return parcel's tracking page in the browser",
            show=False,
            in_palette=True,
        ),
        Command(
            "O",
            "open_order_page",
            "Order page",
            "Open the case's order page on the marketplace in the browser",
            show=False,
            in_palette=True,
        ),
        Command(
            "D",
            "delete_case",
            "Delete",
            "Delete the selected case (it is archived: R restores it)",
            show=False,
            in_palette=True,
        ),
        Command(
            "",
            "purge_case",
            "Delete for good",
            "Delete an archived case and the evidence files only it uses",
            show=False,
            in_palette=True,
        ),
        Command(
            "R",
            "restore_case",
            "Restore",
            "Bring the selected archived case back",
            show=False,
            in_palette=True,
        ),
        Command(
            "S",
            "statistics",
            "Statistics",
            "Money awaited and refunded, stores compared",
            show=False,
            in_palette=True,
        ),
        Command(
            "comma",
            "settings",
            "Settings",
            "Theme, holidays, default window, reminders, currency",
            key_display=",",
            show=False,
            in_palette=True,
        ),
        Command(
            "",
            "new_template",
            "New template",
            "Add a message template of your own",
            in_palette=True,
        ),
        Command(
            "",
            "save_copy",
            "Save a copy",
            "Save a copy of the whole store to another file",
            show=False,
            in_palette=True,
        ),
        Command("", "export_csv", "Export CSV", "Export every case as CSV", in_palette=True),
        Command(
            "", "export_json", "Export JSON", "Export the whole store as JSON", in_palette=True
        ),
        Command(
            "",
            "export_calendar",
            "Export calendar",
            "Export open deadlines as an iCalendar feed",
            in_palette=True,
        ),
        Command(
            "",
            "export_evidence_pack",
            "Evidence pack",
            "Write a Markdown evidence pack for the selected case",
            in_palette=True,
        ),
        Command("tab", "next_pane", "Next pane", "Move to the next pane", show=False),
        Command(
            "shift+tab", "previous_pane", "Previous pane", "Move to the previous pane", show=False
        ),
        Command("1", "show_pane('returns')", "Returns", "Go to the returns list", show=False),
        Command("2", "show_pane('timeline')", "Timeline", "Go to the timeline", show=False),
        Command(
            "3", "show_pane('evidence')", "Evidence", "Go to the evidence checklist", show=False
        ),
        Command(
            "4", "show_pane('deadlines')", "Deadlines", "Go to the deadline calendar", show=False
        ),
        Command(
            "question_mark", "help", "Help", "List every key", key_display="?", in_palette=True
        ),
        Command("q", "app.quit", "Quit", "Quit returns-tui"),
    ),
)

RETURNS = CommandGroup(
    "Returns list",
    (
        Command("j", "cursor_down", "Down", "Next case", show=False),
        Command("k", "cursor_up", "Up", "Previous case", show=False),
        Command(
            "enter",
            "screen.show_pane('timeline')",
            "Timeline",
            "Open the case's timeline",
            show=False,
        ),
    ),
)

TIMELINE = CommandGroup(
    "Timeline",
    (
        Command("enter", "edit_event", "Correct", "Correct the event's date, kind or text"),
        Command("x", "delete_event", "Delete event", "Delete the event (u brings it back)"),
        Command("j", "cursor_down", "Down", "Next event", show=False),
        Command("k", "cursor_up", "Up", "Previous event", show=False),
    ),
)

EVIDENCE = CommandGroup(
    "Evidence",
    (
        Command("space,enter", "toggle", "Tick", "Tick or untick the item", key_display="space"),
        Command("d", "details", "File/note", "Set the item's file path and note"),
        Command("plus", "add_item", "Add item", "Add an item of your own", key_display="+"),
        Command("r", "item('rename')", "Rename", "Rename an item of your own"),
        Command("x", "item('remove')", "Remove", "Remove an item of your own (u brings it back)"),
        Command("o", "item('open')", "Open file", "Open the item's file with the system viewer"),
        Command("j", "cursor_down", "Down", "Next item", show=False),
        Command("k", "cursor_up", "Up", "Previous item", show=False),
    ),
)

DEADLINES = CommandGroup(
    "Deadlines",
    (
        Command("left", "move_days(-1)", "Day", "Previous day", show=False),
        Command("right", "move_days(1)", "Day", "Next day", show=False),
        Command("up", "move_days(-7)", "Week", "Previous week", show=False),
        Command("down", "move_days(7)", "Week", "Next week", show=False),
        Command(
            "pageup,left_square_bracket",
            "move_months(-1)",
            "Month",
            "Previous month",
            key_display="PgUp/[",
        ),
        Command(
            "pagedown,right_square_bracket",
            "move_months(1)",
            "Month",
            "Next month",
            key_display="PgDn/]",
        ),
        Command("j", "next_deadline", "Next", "Next deadline", key_display="j/k"),
        Command("k", "previous_deadline", "Previous", "Previous deadline", show=False),
        Command("t", "go_today", "Today", "Back to today"),
        Command("x", "extend", "Extend", "Extend the highlighted deadline (agreed, holiday, ...)"),
        Command(
            "i",
            "show_source",
            "Source",
            "Where the highlighted deadline's number comes from, and how sure it is",
        ),
        Command(
            "v", "toggle_agenda_scope", "All/this", "Deadlines of all cases or the selected one"
        ),
        Command("enter", "open_deadline", "Open case", "Select the deadline's case"),
    ),
)

HELP_GROUPS = (DASHBOARD, RETURNS, TIMELINE, EVIDENCE, DEADLINES)

# Every binding id a keymap in the settings may name.
BINDING_IDS = frozenset(
    command.binding_id(group.key)
    for group in HELP_GROUPS
    for command in group.commands
    if command.keys
)
