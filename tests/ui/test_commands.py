"""Every command's action exists where its binding will look for it (a key that does nothing
is the easiest bug to miss)."""

from __future__ import annotations

import pytest
from textual.app import App

from tui.app.command_sets import owner_of, runs
from tui.app.commands import (
    DASHBOARD,
    DEADLINES,
    EVIDENCE,
    HELP_GROUPS,
    RETURNS,
    TIMELINE,
    Command,
)
from tui.app.screens.dashboard import Dashboard
from tui.app.widgets.case_list import CaseList
from tui.app.widgets.deadlines_pane import DeadlinesPane
from tui.app.widgets.evidence_list import EvidenceList
from tui.app.widgets.timeline_view import TimelineView

OWNERS = {
    DASHBOARD: Dashboard,
    RETURNS: CaseList,
    TIMELINE: TimelineView,
    EVIDENCE: EvidenceList,
    DEADLINES: DeadlinesPane,
}
CASES = [(group, command) for group in OWNERS for command in group.commands]


@pytest.mark.parametrize(
    ("group", "command"), CASES, ids=[f"{g.name}: {c.action}" for g, c in CASES]
)
def test_the_action_exists(group: object, command: Command) -> None:
    bound = runs(command) if group is DASHBOARD else command.action
    namespace, _, action = bound.rpartition(".")
    owner = {"app": App, "screen": Dashboard, "": OWNERS[group]}[namespace]  # type: ignore[index]
    assert hasattr(owner, "action_" + action.split("(")[0])
    if action.startswith("run("):  # a command set carries it out
        assert owner_of(command.action) is not None


def test_every_binding_id_names_one_command() -> None:
    # Left and right (move_days(-1) and move_days(1)) once shared an id: rebinding one broke both.
    ids = [
        command.binding_id(group.key)
        for group in HELP_GROUPS
        for command in group.commands
        if command.keys
    ]
    assert len(ids) == len(set(ids))
    assert {"deadlines.move_days_1", "deadlines.move_days_minus_1"} <= set(ids)
