"""The layers point one way: the domain imports neither Textual nor TinyDB, and only the store
touches TinyDB."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

PACKAGE = Path(__file__).resolve().parents[2] / "tui"


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def modules_in(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("path", modules_in("domain"), ids=lambda path: path.name)
def test_domain_modules_import_neither_textual_nor_tinydb(path: Path) -> None:
    assert not imported_roots(path) & {"textual", "rich", "tinydb", "orjson", "filelock"}
    assert "tui.store" not in path.read_text()
    assert "tui.app" not in path.read_text()


def test_only_the_store_imports_tinydb() -> None:
    outside = [
        path.relative_to(PACKAGE)
        for path in PACKAGE.rglob("*.py")
        if "tinydb" in imported_roots(path) and "store" not in path.relative_to(PACKAGE).parts
    ]
    assert outside == []


@pytest.mark.parametrize("path", modules_in("store"), ids=lambda path: path.name)
def test_store_modules_never_import_textual(path: Path) -> None:
    assert not imported_roots(path) & {"textual", "rich"}
    assert "tui.app" not in path.read_text()


def test_importing_domain_and_store_loads_no_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, tui.domain, tui.store\n"
        "for package in (tui.domain, tui.store):\n"
        "    for info in pkgutil.iter_modules(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_import_linter_contracts_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    """The contracts in pyproject.toml's [tool.importlinter], checked by import-linter."""
    monkeypatch.chdir(PACKAGE.parent)
    assert lint_imports(config_filename="pyproject.toml", no_cache=True, no_logo=True) == 0
