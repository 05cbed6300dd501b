"""Command palette entries: the dashboard's commands, and a jump to any case by order number."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from tui.app.commands import DASHBOARD
from tui.app.presenters import case_title
from tui.app.screens.dashboard import Dashboard
from tui.printable import printable


class ReturnsCommands(Provider):
    """Offers the dashboard's commands and 'Jump to' each case in the palette."""

    def _entries(self) -> Iterator[tuple[str, str, partial]]:
        screen = self.screen
        if not isinstance(screen, Dashboard):
            return
        for command in DASHBOARD.commands:
            if command.in_palette:
                yield command.help, command.help, partial(screen.run_action, command.action)
        for case in screen.store.cases():
            name = printable(f"Jump to {case.order_number}: {case_title(case)}")
            yield name, f"Stage: {case.stage.label}", partial(screen.select_case, case.id)

    async def discover(self) -> Hits:
        for name, help_text, run in self._entries():
            yield DiscoveryHit(Content(name), run, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, _highlighted(matcher, name), run, text=name, help=help_text)


def _highlighted(matcher: Matcher, text: str) -> Content:
    """`text` with the matched letters styled, never parsed as markup.

    `Matcher.highlight` parses its candidate as markup, so a store named "[/]" would crash it.
    """
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
