"""The footer of keys rebuilds once for a burst of binding changes, and still follows them."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tui.app.widgets.key_footer import KeyFooter


class _CountedFooter(KeyFooter):
    """The footer of keys, counting its rebuilds."""

    rebuilds = 0

    async def recompose(self) -> None:
        self.rebuilds += 1
        await super().recompose()


class _Keys(App[None]):
    BINDINGS = [("x", "extra", "Extra key")]
    offered = False

    def compose(self) -> ComposeResult:
        yield _CountedFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.offered if action == "extra" else True

    def action_extra(self) -> None:
        """Offered only when `offered`."""


async def test_a_burst_of_binding_changes_rebuilds_the_footer_once() -> None:
    app = _Keys()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(_CountedFooter)
        footer.rebuilds = 0
        app.offered = True
        for _ in range(4):
            app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert footer.rebuilds == 1
        keys = [key.key for key in footer.query("FooterKey")]  # type: ignore[attr-defined]
        assert "x" in keys  # the rebuild shows the bindings as they are now


async def test_the_footer_follows_a_change_of_bindings() -> None:
    app = _Keys()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(KeyFooter)
        assert "x" not in [key.key for key in footer.query("FooterKey")]  # type: ignore[attr-defined]
        app.offered = True
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert "x" in [key.key for key in footer.query("FooterKey")]  # type: ignore[attr-defined]
