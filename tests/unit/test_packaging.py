"""How returns-tui ships: one version, written once; a licence file that says what pyproject
declares; the index's metadata; lower bounds that .ci/minimum-versions really installs; and a
committed manual page that is what `returns-tui man` prints.

The built wheel itself (its data, its manual page, the app running from it) is checked by
.ci/package, which builds and installs it."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PROJECT = PYPROJECT["project"]


def test_the_version_is_written_once_in_the_package() -> None:
    assert "version" not in PROJECT
    assert "version" in PROJECT["dynamic"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "tui/__init__.py"


def test_version_flag_says_the_installed_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tui", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == f"returns-tui {importlib.metadata.version('returns-tui')}"


def test_the_licence_file_is_the_mit_licence_pyproject_declares() -> None:
    text = (ROOT / "LICENSE").read_text()
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2026 the returns-tui developers" in text
    assert "Permission is hereby granted, free of charge, to any person obtaining a copy" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in text


def test_the_index_is_told_what_returns_tui_is() -> None:
    classifiers = PROJECT["classifiers"]
    assert "Environment :: Console" in classifiers
    assert "Programming Language :: Python :: 3.11" in classifiers
    assert any(classifier.startswith("Topic :: ") for classifier in classifiers)
    # The licence is the SPDX expression alone: an index refuses it declared twice (PEP 639).
    assert not any(classifier.startswith("License :: ") for classifier in classifiers)
    assert PROJECT["keywords"]
    assert PROJECT["authors"] == [{"name": "the returns-tui developers"}]


def _lower_bound(requirement: Requirement) -> Version:
    (bound,) = (spec.version for spec in requirement.specifier if spec.operator == ">=")
    return Version(bound)


def test_each_lower_bound_is_pinned_in_the_minimum_versions_file() -> None:
    pinned = {}
    for line in (ROOT / ".ci" / "minimum-versions.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pinned[name] = Version(version)
    bounds = {
        (requirement := Requirement(line)).name: _lower_bound(requirement)
        for line in PROJECT["dependencies"]
    }
    assert pinned == bounds


def _man_page_module():
    spec = importlib.util.spec_from_file_location("man_page", ROOT / ".ci" / "man_page.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_manual_page_is_what_returns_tui_man_prints() -> None:
    man_page = _man_page_module()
    committed = man_page.PAGE.read_text()
    assert committed == man_page.generate(), "run .venv/bin/python .ci/man_page.py"
    assert str(Path.home()) not in committed
    assert str(ROOT) not in committed


def test_the_wheel_installs_the_manual_page_where_man_looks() -> None:
    wheel = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["shared-data"] == {"data/man/returns-tui.1": "share/man/man1/returns-tui.1"}
