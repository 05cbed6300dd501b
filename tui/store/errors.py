"""Errors the store reports, each naming the file and what is wrong with it."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """The store file cannot be used; the message names the file and the problem."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class StoreLocked(StoreError):
    """Another returns-tui already has this store open for writing."""


class StoreChangedOnDisk(StoreError):
    """Another program changed the file since it was read; it was not overwritten."""


class StoreMissing(StoreError):
    """The file was moved or deleted while open; everything is still in memory, nothing written."""


class SaveFailed(StoreError):
    """The change is kept in memory but could not be written (disk full, permission lost)."""

    @classmethod
    def writing(cls, path: Path, error: OSError) -> SaveFailed:
        return cls(path, f"could not be written ({error.strerror or error})")
