"""A snapshot of the validated bundled dataset in the user's cache folder, read without pandas.

Validating data/ needs pandas, and importing pandas alone takes longer than the explorer's
first frame. Once the dataset has passed validation, its validated content is written here
as plain JSON, and the next start reads it back in a few milliseconds when nothing changed.

The file (``XDG_CACHE_HOME/pkit/data-<hash of the folder's path>.json``) is one header line
and one body line, both JSON. The header holds the key: the format, pkit's version, a
digest of the schema and of the code that validates (:func:`code_digest`), the SHA-256 of
every data file, and the SHA-256 and length of the body. A snapshot is used only when all
of them match what is on disk now, so it never shows figures from other files, and a
truncated or edited body fails its digest.

Safety: reading is ``json.loads`` and checks against the model's field types, never
``pickle``/``marshal``: a hostile file can only be invalid. It must be a regular file owned
by this user and writable by no one else (not a symlink). Anything wrong makes
:func:`load` answer "not used" with one line saying why, and the caller validates in full
and writes a new one. Writing is atomic (a temporary file, then ``os.replace``) in a folder
created 0700; a folder that cannot be written just means no snapshot.

The key is :mod:`tui.data.snapshot_key`, the body's encoding :mod:`tui.data.snapshot_codec`.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any, Literal

from tui import __version__
from tui.data.model import Dataset
from tui.data.record import record
from tui.data.snapshot_codec import decode as decode
from tui.data.snapshot_codec import encode as encode
from tui.data.snapshot_key import FORMAT, code_digest
from tui.data.snapshot_key import MAX_DATA_BYTES as MAX_DATA_BYTES
from tui.data.snapshot_key import data_digests as data_digests

MAX_SNAPSHOT_BYTES = 4 * MAX_DATA_BYTES
_MAX_HEADER = 1 << 20

State = Literal["used", "absent", "changed", "ignored", "off"]


@record
class Lookup:
    """What :func:`load` found: the dataset when ``state == "used"``, else why not."""

    state: State
    dataset: Dataset | None = None
    note: str = ""  # one line for the user when there is something to say


class Invalid(Exception):
    """The snapshot cannot be used; the message says why (one line)."""


def snapshot_path(root: Path) -> Path:
    from tui.locations import cache_dir

    where = hashlib.sha256(os.fsencode(os.path.realpath(root))).hexdigest()[:24]
    return cache_dir() / f"data-{where}.json"


# -- reading -------------------------------------------------------------------------------


def load(root: Path) -> Lookup:
    """The validated dataset in ``root`` from its snapshot, if one matches the files now."""
    path = snapshot_path(root)
    try:
        raw = _read(path)
    except (FileNotFoundError, NotADirectoryError):  # no snapshot, or no cache folder
        return Lookup("absent")
    except Invalid as exc:
        return _ignored(path, root, str(exc))
    except OSError as exc:
        return _ignored(path, root, f"cannot be read: {exc.strerror or exc}")
    try:
        header, body = _split(raw)
        files = header["files"]
        now = data_digests(root, files)
        if now is None:
            return Lookup("off")
        if now != files:
            note = f"{root}: data changed since the last start; validating in full"
            return Lookup("changed", note=note)
        if len(body) != header["size"] or hashlib.sha256(body).hexdigest() != header["body"]:
            raise Invalid("its content does not match its checksum (truncated or edited)")
        dataset = decode(json.loads(body), root)
        needed = {"manifest.toml", *dataset.manifest.files.values()}
        if not needed <= set(files):
            raise Invalid("it does not cover every file the manifest names")
    except Invalid as exc:
        return _ignored(path, root, str(exc))
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        return _ignored(path, root, f"not a valid snapshot ({type(exc).__name__}: {exc})"[:300])
    return Lookup("used", dataset)


def _ignored(path: Path, root: Path, why: str) -> Lookup:
    return Lookup(
        "ignored", note=f"ignored the data snapshot {path}: {why}; validating {root} in full"
    )


def _read(path: Path) -> bytes:
    """The file's bytes, if it is a plain file of ours that no one else can write."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
            raise
        if path.is_symlink():
            raise Invalid("it is a symbolic link") from None
        raise
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise Invalid("it is a folder")
        if not stat.S_ISREG(st.st_mode):
            raise Invalid("it is not a regular file")
        if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
            raise Invalid("it belongs to another user")
        if st.st_mode & 0o022:
            raise Invalid("others can write it")
        if st.st_size == 0:
            raise Invalid("it is empty")
        if st.st_size > MAX_SNAPSHOT_BYTES:
            raise Invalid(f"it is larger than {MAX_SNAPSHOT_BYTES >> 20} MiB")
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read(MAX_SNAPSHOT_BYTES + 1)
    finally:
        os.close(fd)


def _split(raw: bytes) -> tuple[dict[str, Any], bytes]:
    head, sep, body = raw.partition(b"\n")
    if not sep or len(head) > _MAX_HEADER:
        raise Invalid("it has no header line (truncated?)")
    header = json.loads(head)
    if not isinstance(header, dict) or header.get("pkit_snapshot") != FORMAT:
        raise Invalid("it is not a pkit data snapshot of this format")
    if header.get("code") != code_digest():
        version = header.get("version")
        raise Invalid(f"it was made by another pkit version or schema ({str(version)[:40]})")
    files = header.get("files")
    if not isinstance(files, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in files.items()
    ):
        raise Invalid("its list of data files is malformed")
    if not isinstance(header.get("size"), int) or not isinstance(header.get("body"), str):
        raise Invalid("its checksum is missing")
    return header, body.rstrip(b"\n")


# -- writing -------------------------------------------------------------------------------


def save(root: Path, dataset: Dataset, before: dict[str, str] | None) -> bool:
    """Write the snapshot of ``dataset``, validated from ``root`` whose files had the
    digests ``before`` when loading began; False (and nothing written) if anything fails.

    The digests are taken again now: a file changed while it was validated means no snapshot.
    """
    if before is None:
        return False
    now = data_digests(root, dataset.manifest.files.values())
    if now is None or any(now.get(name) != digest for name, digest in before.items()):
        return False
    if not all(now.get(n) for n in ("manifest.toml", *dataset.manifest.files.values())):
        return False
    try:
        body = json.dumps(encode(dataset), ensure_ascii=False, separators=(",", ":")).encode()
    except (TypeError, ValueError):
        return False
    if len(body) > MAX_SNAPSHOT_BYTES:
        return False
    header = {
        "pkit_snapshot": FORMAT,
        "version": __version__,
        "code": code_digest(),
        "files": now,
        "size": len(body),
        "body": hashlib.sha256(body).hexdigest(),
    }
    data = json.dumps(header, separators=(",", ":")).encode() + b"\n" + body + b"\n"
    try:
        _write_atomic(snapshot_path(root), data)
    except OSError:
        return False
    return True


def _write_atomic(path: Path, data: bytes) -> None:
    folder = path.parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def validate_and_keep(root: Path, keep: bool = True) -> Dataset:
    """Load and validate ``root`` in full (pandas); then, if ``keep``, write its snapshot."""
    from tui.data.load import load_dataset

    before = data_digests(root) if keep else None
    dataset = load_dataset(root)
    if keep:
        save(root, dataset, before)
    return dataset
