"""The open store as the app works with it, without any screen: one write path, undo and redo,
and the views the panes show.

Every edit, undo, redo, settings change and reload goes through `Workspace.apply` (or
`reload`), which stages the change in the store, keeps its inverse for undo, and brings the
rule book and the deadline index up to date. The Textual screens only ask the workspace for its
views and hand it changes, so all of this is unit-tested without a terminal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from tui.collector import collector_paused, freeze_long_lived
from tui.domain.clock import Clock, today
from tui.domain.deadline_index import DeadlineIndex
from tui.domain.deadlines import Deadline
from tui.domain.model import Case
from tui.domain.policy import RuleBook
from tui.domain.queries import Finder, Scope, SearchTexts, searchable_texts
from tui.domain.settings import Settings
from tui.domain.statistics import RefundsAwaited
from tui.store.case_store import CaseStore, Mark
from tui.store.policies import rule_book

# How many changes undo can take back.
UNDO_DEPTH = 50
# How many of the most urgent cases the store keeps named for the next start-up: more rows
# than any terminal shows at once.
FIRST_SCREEN = 200
# From this many cases on, a start-up draws the cases the store names most urgent first and
# works out everyone's deadlines off the keyboard thread (below it, that takes about a frame).
BACKGROUND_FROM = 2000
# The full pass checks between chunks of this many cases whether the app is closing.
_PASS_CHUNK = 2000


@dataclass(frozen=True, slots=True)
class Change:
    """One edit to the workspace: cases put (new or changed), cases removed, new settings.

    `description` says what it does in words ("ticked 'Unboxing video' on 8190..."), for the
    messages of undo and redo.
    """

    cases: tuple[Case, ...] = ()
    removed: tuple[str, ...] = ()
    settings: Settings | None = None
    description: str = "change"


@dataclass(frozen=True, slots=True, eq=False)
class Overview:
    """Every case's deadlines as of `today`: what the panes draw. A new one each time the
    deadlines change (never equal to another), so a pane bound to it redraws exactly then."""

    deadlines: DeadlineIndex
    today: date
    # While the start-up works out every case's deadlines: how many cases it is reading (the
    # deadlines are then those of the first screen's cases only). 0 once all are known.
    loading: int = 0
    # Currency -> money that refunds still to come will bring.
    awaiting: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, eq=False)
class Listing:
    """The returns list's content: the cases in view, in order, with their deadlines, the case
    to keep the cursor on, and what to say when there is nothing to show."""

    cases: list[Case]
    overview: Overview
    selected: str | None
    empty_message: str


@dataclass(frozen=True, slots=True, eq=False)
class CaseView:
    """The selected case (None: no case) as the detail panes show it: its deadlines, the rules
    they come from, and the moment they are shown at."""

    case: Case | None
    book: RuleBook
    deadlines: list[Deadline]
    now: datetime

    @property
    def today(self) -> date:
        return self.now.date()


@dataclass(frozen=True, slots=True)
class Loaded:
    """What the start-up's full pass works out off the keyboard thread: every case's deadlines
    and searchable text, and the money refunds will bring."""

    deadlines: DeadlineIndex
    texts: SearchTexts
    awaiting: RefundsAwaited


# The start-up's full pass (see `Workspace.start`): None when given up.
FullPass = Callable[[], "Loaded | None"]


@dataclass(eq=False)
class Loading:
    """A big store's start-up pass while it runs (`Workspace.start`): what the UI asks to say
    how far it is, and how to give it up."""

    # The cases to read and work out, and how many are worked out so far.
    total: int
    done: int = 0
    # Set once the workspace took the pass (`Workspace.finish`): every case is known.
    finished: bool = False
    stop: threading.Event = field(default_factory=threading.Event)


@dataclass(slots=True)
class _History:
    """The inverses of applied changes (undo) and of undone ones (redo)."""

    undo: list[Change] = field(default_factory=list)
    redo: list[Change] = field(default_factory=list)


class Workspace:
    """The store, the rule book, every case's deadlines, search, and undo/redo."""

    def __init__(self, store: CaseStore, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self.book = self._rule_book()
        self.deadlines = DeadlineIndex()
        self._finder = Finder()
        self._history = _History()
        self._scoped: tuple[tuple[int, Scope], list[Case]] = ((-1, Scope.ALL), [])
        # While the start-up's full pass runs: how far it is, and the ids of the cases whose
        # deadlines are known (the first screen's, and any changed since).
        self.loading: Loading | None = None
        self._first: list[str] | None = None
        # How far the deadlines have followed the store's changes.
        self._mark: Mark | None = None
        self._awaiting = RefundsAwaited()

    # ----- the one write path ----------------------------------------------------------------

    def apply(self, change: Change) -> None:
        """Make `change` (staged for the next flush), remembering how to take it back."""
        self._history.undo.append(self._make(change))
        del self._history.undo[:-UNDO_DEPTH]
        self._history.redo.clear()

    def undo(self) -> Change | None:
        """Take back the latest change; the change undone, or None when there is none."""
        return self._swap(self._history.undo, self._history.redo)

    def redo(self) -> Change | None:
        """Make again the latest undone change; the change redone, or None."""
        return self._swap(self._history.redo, self._history.undo)

    def _swap(self, source: list[Change], target: list[Change]) -> Change | None:
        if not source:
            return None
        inverse = source.pop()
        target.append(self._make(inverse))
        return inverse

    def _make(self, change: Change) -> Change:
        """Stage `change` in the store and return its inverse."""
        before = tuple(self.store.find(case.id) for case in change.cases)
        removed = tuple(self.store.find(case_id) for case_id in change.removed)
        inverse = Change(
            cases=tuple(case for case in (*before, *removed) if case is not None),
            removed=tuple(
                case.id for case, old in zip(change.cases, before, strict=True) if old is None
            ),
            settings=self.store.settings() if change.settings is not None else None,
            description=change.description,
        )
        if change.cases:
            self.store.stage(change.cases)
            if self._first is not None:
                self._first.extend(c.id for c in change.cases if c.id not in self._first)
        for case_id in change.removed:
            self.store.stage_delete(case_id)
        if change.settings is not None:
            self.store.stage_settings(change.settings)
            self.book = self._rule_book()
        return inverse

    def reload(self) -> None:
        """Take the store as it is on disk now; undo cannot reach past another program's edit."""
        self.store.reload()
        self.book = self._rule_book()
        self._history = _History()

    # ----- views -------------------------------------------------------------------------------

    @property
    def today(self) -> date:
        return today(self.clock)

    @property
    def now(self) -> datetime:
        return self.clock.now()

    def refresh(self) -> bool:
        """Work deadlines out again for changed cases; True if anything in them changed."""
        if self._first is not None:
            known = (self.store.find(case_id) for case_id in self._first)
            return self.deadlines.update(
                [case for case in known if case is not None], self.today, self.book
            )
        ids, self._mark = self.store.changes_since(self._mark)
        changed = None
        if ids is not None:  # only these cases changed: O(changed)
            found = [(case_id, self.store.find(case_id)) for case_id in ids]
            changed = self.deadlines.update_changed(
                [case for _, case in found if case is not None],
                [case_id for case_id, case in found if case is None],
                self.today,
                self.book,
            )
            for case_id, case in found:
                if case is None:
                    self._awaiting.remove(case_id)
                else:
                    self._awaiting.put(case)
        if changed is None:
            changed = self.deadlines.update(self.store.cases(), self.today, self.book)
            self._awaiting = RefundsAwaited(self.store.cases())
        if changed:
            self.store.note_urgency_order(self.deadlines.most_urgent_ids(FIRST_SCREEN))
        return changed

    # ----- start-up ----------------------------------------------------------------------------

    def start(self) -> FullPass | None:
        """Work out the deadlines the first screen needs.

        A big store names its most urgent cases (as of its last save): only theirs are worked
        out now, and the full pass is returned, to run off the keyboard thread (it reads the
        cases the store has not read yet, and shares nothing else with it); hand its index to
        `finish`. Otherwise every case's deadlines are
        worked out now and None is returned.
        """
        count = self.store.count()
        named = self.store.urgency_order()[:FIRST_SCREEN] if count >= BACKGROUND_FROM else []
        if not named:
            self.refresh()
            return None
        self._first = named
        loading = self.loading = Loading(count)
        _, self._mark = self.store.changes_since(None)  # `finish` follows changes from here
        self.refresh()
        day, book, store = self.today, self.book, self.store

        def full_pass() -> Loaded | None:
            # A sealed store has read only the first screen's cases so far.
            if not store.read_rest(loading.stop):
                return None
            cases = store.cases()
            index = DeadlineIndex()
            with collector_paused():
                for start in range(0, len(cases), _PASS_CHUNK):
                    if loading.stop.is_set():
                        return None  # the app is closing: nobody wants the rest
                    # A big store is worked out in chunks; the index sorts once, at the end.
                    index.gather(cases[start : start + _PASS_CHUNK], day, book)
                    loading.done = min(start + _PASS_CHUNK, len(cases))
                index.update(cases, day, book)
                loaded = Loaded(index, searchable_texts(cases), RefundsAwaited(cases))
                freeze_long_lived()
                return loaded

        return full_pass

    def stop_loading(self) -> None:
        """Give up the start-up's full pass (the app is closing): it ends within a chunk."""
        if self.loading is not None:
            self.loading.stop.set()

    def finish(self, loaded: Loaded) -> bool:
        """Take the start-up's full pass. True if the cases the store named were the most
        urgent, in order (the first screen showed the right rows); either way every case's
        deadlines are known from now on, and the panes show them."""
        shown = self.deadlines.most_urgent_ids(FIRST_SCREEN)
        if self.loading is not None:
            self.loading.finished = True
        self._first, self.loading = None, None
        self.deadlines = loaded.deadlines
        self._finder.prime(loaded.texts)
        self._awaiting = loaded.awaiting
        self._scoped = ((-1, Scope.ALL), [])  # its versions count from the start again
        self.refresh()  # the cases changed since the pass began, a new day or rule book
        self.store.note_urgency_order(self.deadlines.most_urgent_ids(FIRST_SCREEN))
        return self.deadlines.most_urgent_ids(len(shown)) == shown

    def overview(self) -> Overview:
        loading = self.loading.total if self.loading is not None else 0
        return Overview(self.deadlines, self.today, loading, self._awaiting.totals())

    def deadlines_of(self, case_id: str) -> list[Deadline]:
        """One case's deadlines as last worked out, earliest first."""
        return self.deadlines.of(case_id)

    def in_view(self, scope: Scope, query: str) -> list[Case]:
        """The cases `scope` lets through that match `query`, most urgent first."""
        return self._finder.matching(self._in_scope(scope), query)

    def most_urgent(self, query: str, limit: int) -> list[Case]:
        """At most `limit` cases whose text contains `query` (any scope), most urgent first."""
        return self._finder.matching(self._in_scope(Scope.ALL), query)[:limit]

    def _in_scope(self, scope: Scope) -> list[Case]:
        # Kept until the index or the scope changes: a keystroke in the filter reuses it.
        key = (self.deadlines.version, scope)
        if key != self._scoped[0]:
            if scope is Scope.ALL:
                cases = self.deadlines.by_urgency
            else:  # open cases sort before closed ones: a slice
                cases = self.deadlines.by_urgency_where(closed=scope is Scope.CLOSED)
            self._scoped = (key, cases)
        return self._scoped[1]

    def _rule_book(self) -> RuleBook:
        return rule_book(self.store.settings())
