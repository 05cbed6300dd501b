"""The seal: a note beside the store file saying that this version wrote it whole, exactly so.

A case this version wrote needs only decoding; any other must be checked (encoded again and
compared byte for byte: a third of opening 100,000 cases). So each whole write records in
`returns.json.seal` the file's digest, the layout it was written in (the cases' JSON schema and
the limits) and which rows were written as documents (holding unknown fields): a file matching
its seal, in this version's layout, has its other rows known exact; any doubt checks every row.
The digest is signed with a key in the user's data folder (`seal.key`), never beside the store:
a seal recomputed by hand after editing the file does not match, so the file is checked whole.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import secrets
from pathlib import Path

import msgspec

from tui.domain import limits
from tui.domain.model import Case
from tui.store import file_identity
from tui.store.files import write_atomically
from tui.store.locations import seal_key_path


class _Seal(msgspec.Struct, forbid_unknown_fields=True):
    digest: str
    layout: str
    documents: list[str]


_DECODER = msgspec.json.Decoder(_Seal)


def seal_path(store: Path) -> Path:
    return store.with_name(store.name + ".seal")


@functools.cache
def layout() -> str:
    """What a case's document looks like in this version, and the limits its values are in."""
    schema = msgspec.json.encode(msgspec.json.schema(Case))
    bounds = repr((limits.EARLIEST_DAY, limits.LATEST_DAY, limits.AMOUNT_LIMIT, limits.MAX_DAYS))
    return file_identity.digest(schema + bounds.encode())


_KEY_BYTES = 32


@functools.cache
def _key() -> bytes:
    """This user's seal key, made on first use; where none can be kept, one for this process
    alone (trusted by no later start-up: only work is lost)."""
    path = seal_key_path()
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        with os.fdopen(descriptor, "rb") as file:
            key = file.read(_KEY_BYTES + 1)
    except FileNotFoundError:
        key = secrets.token_bytes(_KEY_BYTES)
        with contextlib.suppress(OSError):
            write_atomically(path, key)
        return key
    except OSError:
        key = b""
    # Not one of ours: trust nothing with it.
    return key if len(key) == _KEY_BYTES else secrets.token_bytes(_KEY_BYTES)


def _signed(digest: str) -> str:
    return hmac.new(_key(), digest.encode(), hashlib.sha256).hexdigest()


def record(store: Path, digest: str, documents: list[str]) -> None:
    """Note that the file at `store`, whose digest is `digest`, was just written whole by this
    version, with the rows numbered `documents` written as documents."""
    seal = _Seal(digest=_signed(digest), layout=layout(), documents=documents)
    # A seal that cannot be written leaves an older one, which no longer matches the file.
    with contextlib.suppress(OSError):
        write_atomically(seal_path(store), msgspec.json.encode(seal))


def exact_rows_except(store: Path, digest: str) -> frozenset[str] | None:
    """If the file at `store` with this digest is sealed by this version: the numbers of the
    rows that were written as documents (every other row is exact). None otherwise."""
    try:
        descriptor = os.open(seal_path(store), os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        with os.fdopen(descriptor, "rb") as file:
            seal = _DECODER.decode(file.read())
    except (OSError, msgspec.DecodeError):
        return None
    if not digest or not hmac.compare_digest(seal.digest, _signed(digest)):
        return None
    if seal.layout != layout():
        return None
    return frozenset(seal.documents)
