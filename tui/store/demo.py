"""The `--demo` store: a throwaway copy of the bundled sample, moved to today's date."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

from tui.domain.time_shift import shift_case
from tui.store.case_store import CaseStore
from tui.store.files import FILE_MODE, make_private_folder
from tui.store.locations import bundled_demo_path
from tui.store.vault import Vault


def demo_copy(today: date) -> Path:
    """A private copy of the sample store, its dates shifted to be as of `today`, in a temporary
    folder removed when the process exits; the user's own store is never opened."""
    folder = Path(tempfile.mkdtemp(prefix="returns-tui-demo-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    copy = folder / "returns.json"
    shutil.copyfile(bundled_demo_path(), copy)
    # The sample's evidence files come with it, private as attaching keeps them.
    kept = Vault.beside(copy).folder
    make_private_folder(kept)
    for file in Vault.beside(bundled_demo_path()).folder.iterdir():
        shutil.copyfile(file, kept / file.name)
        os.chmod(kept / file.name, FILE_MODE)
    store = CaseStore.open(copy)
    try:
        written_on = store.demo_as_of()
        if written_on is not None and written_on != today:
            store.save_all(shift_case(case, today - written_on) for case in store.cases())
    finally:
        store.close()
    return copy
