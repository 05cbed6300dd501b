"""The evidence vault: attached files kept beside the store, so proof outlives the Downloads folder.

A file is kept under the SHA-256 of its bytes (`returns.json.evidence/<sha256>.jpg`, the folder
0700, each file 0600): the same photo attached twice is kept once, and a kept file is never
changed. It is written whole and fsynced before the store names it, so a crash leaves either no
item or an item whose file is complete. Only regular files are read: no symbolic link is
followed and nothing on /proc, /sys or /dev is touched (reading those can hang or leak).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from humanize import naturalsize

from tui.domain.model import AttachedFile, Case, EvidenceEntry
from tui.store.files import FILE_MODE, fsync_folder, make_private_folder

SPECIAL_FILE_SYSTEMS = ("/proc", "/sys", "/dev")
_LINK_ON_THE_WAY = "a symbolic link on the way, not followed"
_CHUNK = 1 << 20
# A kept copy keeps the original's extension, so the system viewer knows what it is.
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}")
_TEMPORARY_PREFIX = ".keeping-"


def file_size(size: int) -> str:
    """A size as a shopper reads it: "719 bytes", "17.6 kB", "2.1 MB"."""
    return f"{size:,} bytes" if size < 1000 else naturalsize(size)


class Refused(Exception):
    """A file that cannot be attached or packed; the message says why."""


def why_not_readable(path: Path) -> str:
    """Why `path` is not read as evidence ("" if it is a regular file); never follows a symlink,
    neither the file's nor a folder's on the way to it."""
    real = os.path.realpath(path)
    for special in SPECIAL_FILE_SYSTEMS:
        if real == special or real.startswith(special + "/"):
            return f"on the special file system {special}, not read"
    if _link_on_the_way(path):
        return _LINK_ON_THE_WAY
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return "not found"
    except PermissionError:
        return "no permission to read it"
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if stat.S_ISLNK(status.st_mode):
        return "a symbolic link, not followed"
    if stat.S_ISDIR(status.st_mode):
        return "a folder"
    if not stat.S_ISREG(status.st_mode):
        return "not a regular file (a device, pipe or socket)"
    return ""


def _link_on_the_way(path: Path) -> bool:
    """Whether a folder on the way to `path` is a symbolic link (resolving it changes it)."""
    return os.path.realpath(path.parent) != os.path.abspath(path.parent)


@contextlib.contextmanager
def open_regular(path: Path) -> Iterator[BinaryIO]:
    """`path` open for reading if it is a regular file reached without a symbolic link (checked
    again once open, so a swap in between is caught); `Refused` saying why not."""
    if reason := why_not_readable(path):
        raise Refused(reason)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        raise Refused(f"cannot be read ({error.strerror or error})") from None
    with os.fdopen(descriptor, "rb") as file:
        if _link_on_the_way(path):
            raise Refused(_LINK_ON_THE_WAY)
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise Refused("not a regular file (a device, pipe or socket)")
        yield file


def sha256_of(path: Path) -> str:
    """The SHA-256 of the regular file `path`; `Refused` if it cannot be read."""
    with open_regular(path) as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def original_path(path: str) -> Path:
    """Where a file recorded as `path` is, `~` expanded (left as typed for a `~user` unknown
    here)."""
    try:
        return Path(path).expanduser()
    except RuntimeError:
        return Path(path)


def capture_time(file: BinaryIO) -> datetime | None:
    """When a photo was taken: its EXIF DateTimeOriginal, at its OffsetTimeOriginal or else at
    this machine's offset; None for a file without one (or no image at all)."""
    # Pillow is imported here, not at start-up, which never needs it (22 ms).
    from PIL import ExifTags, Image

    try:
        file.seek(0)
        with Image.open(file) as image:
            exif = image.getexif().get_ifd(ExifTags.IFD.Exif)
    except Exception:  # Pillow's readers raise all kinds on odd bytes (a decompression bomb...)
        return None
    taken = str(exif.get(ExifTags.Base.DateTimeOriginal, "")).strip("\x00 ")
    offset = str(exif.get(ExifTags.Base.OffsetTimeOriginal, "")).strip("\x00 ")
    try:
        moment = datetime.strptime(taken, "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    if offset:
        with contextlib.suppress(ValueError):
            return datetime.fromisoformat(f"{moment.isoformat()}{offset}")
    return moment.astimezone()


class Vault:
    """The folder of kept evidence files beside one store."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        # False (`--no-keep`): nothing is copied in this session, whatever the settings say.
        self.copies = True

    @classmethod
    def beside(cls, store: Path) -> Vault:
        """The vault of the store file `store`: `returns.json.evidence/` next to it."""
        return cls(store.with_name(f"{store.name}.evidence"))

    def path_of(self, entry: EvidenceEntry) -> Path | None:
        """Where `entry`'s kept copy is, or None if it has none (or the vault lacks it)."""
        if entry.file is None or not entry.file.kept:
            return None
        kept = self.folder / f"{entry.file.sha256}{_suffix(entry.path)}"
        return kept if kept.is_file() else None

    def file_of(self, entry: EvidenceEntry) -> Path:
        """Where `entry`'s file is read from: the kept copy, else where it was attached from."""
        return self.path_of(entry) or original_path(entry.path)

    def keep(self, source: Path, *, limit: int, now: datetime, copy: bool = True) -> AttachedFile:
        """Attach the file `source`: its fingerprint, and with `copy` a whole copy in the vault.
        `Refused` (saying why) for anything but a regular file of at most `limit` bytes."""
        with open_regular(source) as file:
            size = os.fstat(file.fileno()).st_size
            if size > limit:
                raise Refused(
                    f"is {file_size(size)} ({size:,} bytes), over the limit of "
                    f"{file_size(limit)} ({limit:,} bytes)"
                )
            if copy:
                sha256 = self._copy(file, _suffix(str(source)))
            else:
                sha256 = hashlib.file_digest(file, "sha256").hexdigest()
            captured = capture_time(file)
        return AttachedFile(sha256, size, now, captured, kept=copy)

    def _copy(self, file: BinaryIO, suffix: str) -> str:
        """Copy `file` into the vault, whole and fsynced before it takes its name."""
        make_private_folder(self.folder)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=_TEMPORARY_PREFIX)
        try:
            hashing = hashlib.sha256()
            with os.fdopen(handle, "wb") as copy:
                while chunk := file.read(_CHUNK):
                    hashing.update(chunk)
                    copy.write(chunk)
                copy.flush()
                os.fsync(copy.fileno())
            os.chmod(temporary, FILE_MODE)
            sha256 = hashing.hexdigest()
            # Kept once: the same bytes already there stay, and the copy goes.
            os.replace(temporary, self.folder / f"{sha256}{suffix}")
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise
        fsync_folder(self.folder)
        return sha256

    def attach_named(
        self, case: Case, *, limit: int, now: datetime, copy: bool
    ) -> tuple[Case, list[str]]:
        """`case` with every file its evidence names but the vault lacks attached (as `keep`
        does), and what could not be, each as "path: why". A file attached before keeps what
        was recorded then: it is copied only if its bytes are still the ones attached."""
        entries, problems = [], []
        for entry in case.evidence:
            if entry.path and (entry.file is None or (copy and self.path_of(entry) is None)):
                try:
                    entry = self._attach_again(entry, limit=limit, now=now, copy=copy)
                except Refused as refused:
                    problems.append(f"{entry.path}: {refused}")
            entries.append(entry)
        return replace(case, evidence=tuple(entries)), problems

    def _attach_again(
        self, entry: EvidenceEntry, *, limit: int, now: datetime, copy: bool
    ) -> EvidenceEntry:
        source = original_path(entry.path)
        if entry.file is None:
            return replace(entry, file=self.keep(source, limit=limit, now=now, copy=copy))
        if sha256_of(source) != entry.file.sha256:
            raise Refused("changed since it was attached, so not kept")
        kept = self.keep(source, limit=limit, now=now, copy=copy)
        if kept.sha256 != entry.file.sha256:  # changed in between
            raise Refused("changed since it was attached, so not kept")
        return replace(entry, file=replace(entry.file, kept=kept.kept))

    def problem_with(self, entry: EvidenceEntry, hashing: bool = True) -> str:
        """What is wrong with `entry`'s file now ("" if nothing): a kept copy missing from the
        vault, or (only its path kept) the file gone or changed since it was attached; without
        `hashing`, a change is looked for in its size alone (at once, for a big video)."""
        if entry.file is None:
            return ""
        if entry.file.kept:
            return "" if self.path_of(entry) else "the kept copy is missing from the vault"
        path = original_path(entry.path)
        try:
            if hashing:
                same = sha256_of(path) == entry.file.sha256
            else:
                with open_regular(path) as file:
                    same = os.fstat(file.fileno()).st_size == entry.file.size
        except Refused as refused:
            return f"the file is {refused}" if str(refused) == "not found" else str(refused)
        return "" if same else "the file changed since it was attached"

    def summary(self) -> str:
        """What the vault holds, in words: "3 files, 2.1 MB", or "nothing yet"."""
        kept = self._kept()
        if not kept:
            return "nothing yet"
        size = sum(path.stat().st_size for path in kept)
        return f"{len(kept)} file{'s' if len(kept) > 1 else ''}, {file_size(size)}"

    def missing(self, cases: Iterable[Case]) -> list[tuple[Case, EvidenceEntry]]:
        """The items of `cases` whose kept copy the vault lacks."""
        return [
            (case, entry)
            for case in cases
            for entry in case.evidence
            if entry.file is not None and entry.file.kept and self.path_of(entry) is None
        ]

    def used_only_by(self, case: Case, others: Iterable[Case]) -> list[Path]:
        """The kept files of `case` that no case of `others` refers to."""
        used = {
            path for other in others for entry in other.evidence if (path := self.path_of(entry))
        }
        mine = {path for entry in case.evidence if (path := self.path_of(entry))}
        return sorted(mine - used)

    def remove_temporaries(self) -> None:
        """Delete half copies a crash left (no item names them)."""
        for leftover in self.folder.glob(f"{_TEMPORARY_PREFIX}*"):
            with contextlib.suppress(OSError):
                leftover.unlink()

    def _kept(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return [path for path in self.folder.iterdir() if not path.name.startswith(".")]


def _suffix(name: str) -> str:
    suffix = os.path.splitext(name)[1]
    return suffix.lower() if _SUFFIX.fullmatch(suffix) else ""
