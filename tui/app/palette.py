"""Command palette entries: the dashboard's commands, and a jump to any case by order number."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.actions import parse
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import FuzzySearch, Matcher

from tui.app.command_sets import runs
from tui.app.commands import DASHBOARD
from tui.app.screens.dashboard import Dashboard
from tui.printable import printable

# How many cases the palette offers to jump to: before typing, and per search.
_DISCOVERED_CASES = 15
_FOUND_CASES = 40

Entry = tuple[str, str, partial]

# Finds which letters of a name the query matched, as `Matcher` does (not case-sensitive).
_FUZZY = FuzzySearch()


class ReturnsCommands(Provider):
    """Offers the dashboard's commands and 'Jump to' cases in the palette.

    Cases are found the way the `/` filter finds them (text anywhere in the order number, item,
    store or tracking number), most urgent first and only a few at a time, so the palette opens
    and answers at once with 10,000 cases.
    """

    def _dashboard(self) -> Dashboard | None:
        return self.screen if isinstance(self.screen, Dashboard) else None

    def _commands(self, screen: Dashboard) -> Iterator[Entry]:
        # Each command once, by its title, and only when it can run now.
        for command in DASHBOARD.commands:
            _, action, parameters = parse(runs(command))
            if command.in_palette and screen.check_action(action, parameters):
                yield command.title, command.help, partial(screen.run_action, runs(command))

    def _jumps(self, screen: Dashboard, query: str, limit: int) -> Iterator[Entry]:
        for case in screen.most_urgent(query, limit):
            archived = " (archived)" if case.archived else ""
            name = printable(f"Jump to {case.order_number}: {case.item}{archived}")
            yield name, f"Stage: {case.stage.label}", partial(screen.select_case, case.id)

    async def discover(self) -> Hits:
        if (screen := self._dashboard()) is None:
            return
        entries = [*self._commands(screen), *self._jumps(screen, "", _DISCOVERED_CASES)]
        for name, help_text, run in entries:
            yield DiscoveryHit(Content(name), run, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        if (screen := self._dashboard()) is None:
            return
        matcher = self.matcher(query)
        entries = [*self._commands(screen), *self._jumps(screen, query, _FOUND_CASES)]
        for name, help_text, run in entries:
            # A command is found by its title or by what its help says it does.
            score = matcher.match(name)
            shown = _highlighted(matcher, name) if score > 0 else Content(name)
            score = max(score, matcher.match(help_text) * 0.9)
            if score > 0:
                yield Hit(score, shown, run, text=name, help=help_text)


def _highlighted(matcher: Matcher, text: str) -> Content:
    """`text` with the matched letters styled, never parsed as markup.

    `Matcher.highlight` parses its candidate as markup, so a store named "[/]" would crash it.
    """
    content = Content(text)
    _, offsets = _FUZZY.match(matcher.query, text)
    for offset in offsets:
        content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
