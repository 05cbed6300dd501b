"""Under the evidence checklist: a preview of the highlighted item's picture and a caption.

`show_item` shows an item's file (the vault's copy where one is kept) with what proves it and
what argues against it (`item_caption`); `show` shows any file with any caption. The picture is
read and shrunk on a worker thread (`tui.app.picture`), so a 20-megapixel photo never holds up
a key, and only the newest file asked for is ever drawn: a picture that arrives after the
highlight has moved on is dropped. A file that is no picture, or cannot be read, shows why in
one dim line instead. Pictures are drawn as `tui.app.graphics` chose for this terminal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from textual import work
from textual.containers import Container, Vertical
from textual.content import Content
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from tui.app.graphics import PictureKind, picture_kind
from tui.domain.evidence import ChecklistItem, checklist, taken_too_early
from tui.domain.model import Case
from tui.store.vault import Vault, file_size

if TYPE_CHECKING:
    from tui.app.picture import Picture

# What the picture area is taken to be before it has been laid out (cells).
_UNLAID_BOX = (60, 20)
_WORKER_GROUP = "evidence-preview"

# A worker's answer: which request it answers, how pictures are drawn, and the picture, the
# reason there is none, or None if it gave up for a newer request.
_Answer = tuple[int, PictureKind | None, "Picture | str | None"]


def item_caption(case: Case, item: ChecklistItem, problem: str = "") -> list[Content]:
    """What the preview says under an item's picture: the file's name and size, when it was
    taken and attached, then each reason to doubt it (a photo taken before the parcel came,
    `problem`)."""
    entry, file = item.entry, item.entry.file
    name = Content(PurePath(entry.path).name)
    if file is None:
        return [name + Content(" · not kept: d keeps a copy").stylize("$text-muted")]
    times = [f"attached {file.attached_at.astimezone():%Y-%m-%d}"]
    if file.captured_at is not None:  # at the time where it was taken
        times.insert(0, f"taken {file.captured_at:%Y-%m-%d %H:%M}")
    kept = "" if file.kept else " · path only"
    lines = [
        name + Content(f" · {file_size(file.size)}{kept}").stylize("$text-muted"),
        Content(" · ".join(times)).stylize("$text-muted"),
    ]
    for doubt in (taken_too_early(case, item), problem):
        if doubt:
            lines.append(Content(f"⚠ {doubt[0].upper()}{doubt[1:]}").stylize("bold $warning"))
    return lines


def fit(size: tuple[int, int], cell: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    """The cells a picture of `size` pixels takes, with cells of `cell` pixels, shrunk (never
    grown) to fit in `box` cells, its shape kept."""
    columns, rows = math.ceil(size[0] / cell[0]), math.ceil(size[1] / cell[1])
    scale = min(1.0, box[0] / max(columns, 1), box[1] / max(rows, 1))
    return max(1, math.floor(columns * scale)), max(1, math.floor(rows * scale))


class EvidencePreview(Vertical):
    """The highlighted evidence item's picture (or why there is none) above its caption."""

    DEFAULT_CSS = """
    EvidencePreview {
        height: 45%;
        padding: 0 1;
        border-top: hkey $foreground 20%;
    }
    EvidencePreview #preview-picture {
        height: 1fr;
        display: none;
    }
    EvidencePreview #preview-note, EvidencePreview #preview-caption {
        height: auto;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    EvidencePreview #preview-note {
        color: $text-muted;
        text-style: italic;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._path: Path | None = None
        # The newest request: a worker's answer to an older one is dropped.
        self._request = 0
        self._shown: Picture | None = None
        self._kind: PictureKind | None = None
        self._picture: Widget | None = None
        self._caption_rows = 0

    def compose(self):  # type: ignore[no-untyped-def]
        yield Container(id="preview-picture")
        yield Static(id="preview-note", markup=False)
        yield Static(id="preview-caption", markup=False)

    @property
    def path(self) -> Path | None:
        """The file shown (or being read)."""
        return self._path

    @property
    def note(self) -> str:
        """The dim line said instead of a picture ("" while there is a picture or none asked)."""
        return str(self.query_one("#preview-note", Static).content)

    @property
    def picture(self) -> Picture | None:
        """The picture on screen, if any."""
        return self._shown

    def show_item(self, case: Case | None, key: str | None, vault: Vault) -> None:
        """Show item `key` of `case`: its file (the vault's copy where one is kept) and what is
        known of it. A case with no file at all leaves the whole pane to its checklist."""
        items = checklist(case) if case else []
        item = next((i for i in items if i.key == key), None)
        self.set_class(not any(i.entry.path for i in items), "-no-files")
        if case is None or item is None or not item.entry.path:
            said = "No file recorded for this item: d sets one"
            self.show(None, [Content.styled(said, "dim")] if item else [])
            return
        path, quick = vault.file_of(item.entry), vault.problem_with(item.entry, hashing=False)
        self.show(path, item_caption(case, item, quick))
        if not quick and item.entry.file is not None and not item.entry.file.kept:
            # Only its path is kept: a change of the same size takes hashing it, off the keys.
            self._check_file(case, item, path, vault)

    @work(thread=True, exclusive=True, group="evidence-check")
    def _check_file(self, case: Case, item: ChecklistItem, path: Path, vault: Vault) -> None:
        if problem := vault.problem_with(item.entry):
            caption = item_caption(case, item, problem)

            def warn() -> None:
                if self.path == path:  # still the file shown
                    self.show(path, caption)

            self.app.call_from_thread(warn)

    def show(self, path: Path | None, caption: Sequence[Content] = ()) -> None:
        """Show the picture in `path` (None: no file) with `caption` under it, one line each.
        The same file as the picture already shown is not read again."""
        self.query_one("#preview-caption", Static).update(Content("\n").join(caption))
        self._caption_rows = len(caption)
        if path is not None and path == self._path and self._shown is not None:
            return
        self._path = path
        self._request += 1
        self._clear()
        if path is None:
            return
        request, box = self._request, self._box()

        def work() -> _Answer:
            return self._read(request, path, box)

        self.run_worker(work, group=_WORKER_GROUP, exclusive=True, thread=True, exit_on_error=False)

    @staticmethod
    def _read(request: int, path: Path, box: tuple[int, int]) -> _Answer:
        """On the worker thread: how pictures are drawn, and the picture fitted to `box`."""
        worker = get_current_worker()
        try:
            # Pillow and textual-image load here, the first time, rather than at start-up.
            from tui.app import picture

            kind = picture_kind()
        except Exception:  # they cannot load: say so rather than end the app
            return request, None, "pictures cannot be drawn here"
        bound = (box[0] * kind.cell[0], box[1] * kind.cell[1])
        return request, kind, picture.load_picture(path, bound, lambda: worker.is_cancelled)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != _WORKER_GROUP or event.state is not WorkerState.SUCCESS:
            return
        request, kind, result = worker.result  # type: ignore[misc]
        if request != self._request or result is None:
            return  # the highlight has moved on since
        if isinstance(result, str):
            self._say(f"No preview: {result}")
        elif kind is not None:
            self._draw(kind, result)

    def _draw(self, kind: PictureKind, picture: Picture) -> None:
        if self._picture is None or self._kind is not kind:
            if self._picture is not None:
                self._picture.remove()
            self._picture = kind.widget()
            self.query_one("#preview-picture").mount(self._picture)
        self._kind, self._shown = kind, picture
        self._picture.image = picture.image  # type: ignore[attr-defined]
        self.query_one("#preview-picture").display = True
        self._size_picture()

    def _size_picture(self) -> None:
        if self._picture is None or self._shown is None or self._kind is None:
            return
        image = self._shown.image
        columns, rows = fit(image.size, self._kind.cell, self._box())
        self._picture.styles.width = columns
        self._picture.styles.height = rows

    def on_resize(self, event: Resize) -> None:
        self.call_after_refresh(self._size_picture)  # once the picture area has its new size

    def _clear(self) -> None:
        self._shown = None
        self.query_one("#preview-picture").display = False
        if self._picture is not None:
            self._picture.image = None  # type: ignore[attr-defined]
        self._say("")

    def _say(self, note: str) -> None:
        line = self.query_one("#preview-note", Static)
        line.update(Content(note))
        line.display = bool(note)

    def _box(self) -> tuple[int, int]:
        """The cells a picture may take: the preview but for the caption's lines."""
        width, height = self.content_size
        if width <= 0 or height <= 0:
            return _UNLAID_BOX
        return width, max(1, height - self._caption_rows)
