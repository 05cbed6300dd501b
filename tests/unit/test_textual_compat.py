"""Textual's private parts that `tui.app.textual_compat` uses still have the shape it expects,
and no other module or test reaches for one.

Textual is pinned to the minor version these tests pass on (pyproject.toml); an upgrade that
renames or reshapes one of these fails here, naming the part, instead of in a user's terminal.
"""

from __future__ import annotations

import ast
import inspect
import queue
from pathlib import Path

import textual
from textual.app import App
from textual.drivers import _writer_thread, linux_driver
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Footer, OptionList

from tui.app import textual_compat

ROOT = Path(__file__).resolve().parents[2]
COMPAT_FILES = {ROOT / "tui/app/textual_compat.py", Path(__file__).resolve()}


def _parameters(function: object) -> list[str]:
    return list(inspect.signature(function).parameters)  # type: ignore[arg-type]


# ----- Each private part the compat module touches is still there ---------------------------


def test_the_writer_thread_is_still_a_thread_over_a_bounded_queue() -> None:
    writer_class = _writer_thread.WriterThread
    assert _parameters(writer_class.__init__) == ["self", "file"]
    assert _parameters(writer_class.write) == ["self", "text"]
    assert _parameters(writer_class.run) == ["self"]
    assert _parameters(writer_class.stop) == ["self"]
    writer = writer_class(None)  # type: ignore[arg-type]
    assert isinstance(writer._queue, queue.Queue)
    assert writer._queue.maxsize > 0


def test_the_linux_driver_still_makes_its_writer_from_its_module_name() -> None:
    # Replacing `linux_driver.WriterThread` reaches the driver only while it builds its writer
    # from that module-level name and keeps it in `_writer_thread`.
    assert linux_driver.WriterThread in (
        _writer_thread.WriterThread,
        textual_compat.BoundedWriterThread,
    )
    source = inspect.getsource(linux_driver.LinuxDriver)
    assert "self._writer_thread = WriterThread(self._file)" in source
    assert "self._writer_thread.stop()" in source


def test_the_writer_thread_still_blocks_on_a_dead_terminal() -> None:
    # The workaround is needed while Textual's writer puts and joins with no time limit; when
    # this fails, Textual bounds them itself and `BoundedWriterThread` can go.
    source = inspect.getsource(_writer_thread.WriterThread)
    assert "self._queue.put(text)" in source
    assert "self.join()" in source


def test_an_app_still_keeps_its_driver() -> None:
    assert hasattr(App(), "_driver")


def test_keys_still_pass_through_the_apps_on_event() -> None:
    assert _parameters(App.on_event) == ["self", "event"]
    assert inspect.iscoroutinefunction(App.on_event)


def test_the_footer_still_rebuilds_through_bindings_changed() -> None:
    assert _parameters(Footer.bindings_changed) == ["self", "screen"]
    assert "bindings_changed" in inspect.getsource(Footer.on_mount)


async def test_an_option_list_still_maps_its_lines_to_options() -> None:
    for name in ("_lines", "_heights", "_index_to_line"):
        assert isinstance(getattr(OptionList, name), property), name

    class Listed(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield OptionList("one", "two\nlines", "three")

    app = Listed()
    async with app.run_test(size=(30, 10)):
        options = app.query_one(OptionList)
        assert list(textual_compat.option_at_lines(options)) == [(0, 0), (1, 0), (1, 1), (2, 0)]
        assert textual_compat.option_first_line(options, 2) == 3
        assert textual_compat.option_height(options, 1) == 2


def test_the_test_helpers_private_parts_are_still_there() -> None:
    assert _parameters(Pilot._wait_for_screen) == ["self", "timeout"]
    assert _parameters(Screen._on_timer_update) == ["self"]
    assert "self._compositor" in inspect.getsource(Screen.__init__)
    from textual._compositor import Compositor

    assert _parameters(Compositor.render_strips) == ["self", "size"]


# ----- ...and the compat module does what it says with them ----------------------------------


async def test_keys_are_dropped_while_the_gate_is_closed() -> None:
    class Gated(textual_compat.KeyGateApp[None]):
        BINDINGS = [("x", "count", "Count")]
        closed = False
        counted = 0

        def keys_closed(self) -> bool:
            return self.closed

        def action_count(self) -> None:
            self.counted += 1

    app = Gated()
    async with app.run_test() as pilot:
        app.closed = True
        await pilot.press("x")
        assert app.counted == 0
        app.closed = False
        await pilot.press("x")
        assert app.counted == 1


async def test_the_screen_reads_as_text_once_settled() -> None:
    from textual.widgets import Static

    class Hello(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Static("hello there")

    app = Hello()
    async with app.run_test(size=(30, 3)) as pilot:
        await textual_compat.wait_for_screen(pilot)
        textual_compat.render_now(app.screen)
        lines = textual_compat.screen_lines(app.screen)
    assert lines[0].startswith("hello there")
    assert [len(line) for line in lines] == [30] * 3


def test_the_bounded_writer_is_installed_by_the_app() -> None:
    import tui.app.returns_app  # noqa: F401  (installs it on import)

    assert linux_driver.WriterThread is textual_compat.BoundedWriterThread


# ----- No other module or test reaches for a private part of Textual ------------------------


def _textual_private_names() -> set[str]:
    """Every underscore name Textual defines: its functions, classes and attributes."""
    names: set[str] = set()
    for path in Path(textual.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
    return {name for name in names if name.startswith("_") and not name.startswith("__")}


def _own_names(trees: list[ast.AST]) -> set[str]:
    """Every name the project defines itself (a method, a class, an attribute it sets)."""
    names: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return names


def _textual_names_imported(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "textual":
            names.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "textual":
                    names.add((alias.asname or alias.name).split(".")[0])
    return names


def _other_modules_imported(tree: ast.AST) -> set[str]:
    """The names of modules other than Textual's that `tree` imports whole (`os` of `os._exit`)."""
    return {
        (alias.asname or alias.name).split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.name.split(".")[0] != "textual"
    }


def _private_uses(path: Path, tree: ast.AST, private: set[str]) -> list[str]:
    found = []
    textual_names = _textual_names_imported(tree)
    other_modules = _other_modules_imported(tree)

    def where(node: ast.AST) -> str:
        return f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"

    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "textual":
            parts = [*node.module.split("."), *(alias.name for alias in node.names)]  # type: ignore[union-attr]
            if any(part.startswith("_") for part in parts):
                found.append(f"{where(node)} imports a private module or name of Textual")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("textual.") and "._" in alias.name:
                    found.append(f"{where(node)} imports {alias.name}")
        elif isinstance(node, ast.Attribute) and node.attr in private:
            if isinstance(node.value, ast.Name) and node.value.id in other_modules:
                continue
            found.append(f"{where(node)} uses Textual's {node.attr}")
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id in textual_names
                ):
                    found.append(f"{where(node)} replaces {target.value.id}.{target.attr}")
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "setattr":
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Name) and first.id in textual_names:
                found.append(f"{where(node)} replaces an attribute of {first.id}")
            if isinstance(first, ast.Constant) and str(first.value).startswith("textual."):
                found.append(f"{where(node)} replaces {first.value}")
    return found


def test_no_module_or_test_but_the_compat_module_uses_textuals_private_parts() -> None:
    paths = [
        path
        for folder in ("tui", "tests")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.resolve() not in COMPAT_FILES and "__snapshots__" not in path.parts
    ]
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in paths}
    # A private name the project defines itself is its own, even where Textual has one alike.
    private = _textual_private_names() - _own_names(list(trees.values()))
    found = [use for path, tree in trees.items() for use in _private_uses(path, tree, private)]
    assert found == [], "\n".join(found)


def test_the_scan_finds_each_kind_of_private_use() -> None:
    source = (
        "from textual.drivers import _writer_thread\n"
        "from textual.drivers import linux_driver\n"
        "from textual.widgets import Footer\n"
        "import os\n"
        "os._exit(0)\n"
        "app._driver\n"
        "linux_driver.WriterThread = object\n"
        "monkeypatch.setattr(Footer, 'recompose', None)\n"
    )
    found = _private_uses(ROOT / "example.py", ast.parse(source), {"_driver", "_exit"})
    assert len(found) == 4, found
