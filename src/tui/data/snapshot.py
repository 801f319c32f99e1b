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

The body is derived from the model's dataclasses generically (fields and their type hints),
so a field added to the model flows through, and changes the schema digest.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from tui import __version__
from tui.data.fiscal import Period, PeriodError, parse_period
from tui.data.model import OBS_TABLE_COLUMNS, Dataset, Observation, ObsTable

FORMAT = 1  # bump when the file layout changes (the schema digest covers the model's fields)
MAX_DATA_BYTES = 16 << 20  # larger datasets are validated at every start, as before
MAX_SNAPSHOT_BYTES = 4 * MAX_DATA_BYTES
_MAX_HEADER = 1 << 20
# the modules whose code decides what a validated dataset is
_CODE = ("loader.py", "agreement.py", "model.py", "problems.py", "snapshot.py", "../fiscal.py")
# the observation table's columns that are not Observation fields
_EXTRA_COLUMNS: dict[str, Any] = {"raw": str, "conflict": bool, "rounding": bool}

State = Literal["used", "absent", "changed", "ignored", "off"]


@dataclass(frozen=True)
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


# -- the key -------------------------------------------------------------------------------


@cache
def code_digest() -> str:
    """pkit's version, the snapshot format, the model's fields and the validating code."""
    h = hashlib.sha256(f"pkit {__version__} snapshot {FORMAT}\n".encode())
    for cls in _record_classes():
        hints = _hints(cls)
        shape = [(f.name, repr(hints[f.name])) for f in fields(cls)]
        h.update(f"{cls.__name__}: {shape}\n".encode())
    h.update(repr(OBS_TABLE_COLUMNS).encode())
    here = Path(__file__).resolve().parent
    for name in _CODE:
        try:
            h.update((here / name).read_bytes())
        except OSError:  # no source next to the bytecode: the version alone must do
            h.update(f"{name} missing\n".encode())
    return h.hexdigest()


@cache
def _hints(cls: type) -> dict[str, Any]:
    """A dataclass's fields and their type hints, in field order."""
    hints = get_type_hints(cls)
    return {f.name: hints[f.name] for f in fields(cls)}


def _record_classes() -> list[type]:
    """Every dataclass a Dataset holds, found through the type hints."""
    seen: list[type] = []

    def visit(hint: Any) -> None:
        if isinstance(hint, type) and is_dataclass(hint):
            if hint in seen:
                return
            seen.append(hint)
            for f in fields(hint):
                visit(_hints(hint)[f.name])
        for arg in get_args(hint):
            visit(arg)

    visit(Dataset)
    visit(Observation)
    return seen


def data_digests(root: Path, extra: Iterable[str] = ()) -> dict[str, str] | None:
    """SHA-256 of every regular file in ``root`` and of ``extra`` (paths relative to it).

    None when a file cannot be read or the files pass MAX_DATA_BYTES together: no snapshot.
    A name that is not a regular file gets the digest "" (a snapshot naming it is stale).
    """
    names: set[str] = set(extra)
    try:
        with os.scandir(root) as entries:
            names.update(e.name for e in entries if e.is_file())
    except OSError:
        return None
    out: dict[str, str] = {}
    total = 0
    for name in sorted(names):
        path = root / name
        try:
            st = path.stat()
        except (OSError, ValueError):
            out[name] = ""
            continue
        if not stat.S_ISREG(st.st_mode):
            out[name] = ""
            continue
        total += st.st_size
        if total > MAX_DATA_BYTES:
            return None
        try:
            out[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return None
    return out


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
    from tui.data.loader import load_dataset

    before = data_digests(root) if keep else None
    dataset = load_dataset(root)
    if keep:
        save(root, dataset, before)
    return dataset


# -- the generic encoding ------------------------------------------------------------------


def encode(dataset: Dataset) -> dict[str, Any]:
    """The dataset as JSON values (its folder is not kept: the reader knows it)."""
    out: dict[str, Any] = {}
    for f in fields(dataset):
        value = getattr(dataset, f.name)
        if f.name == "root":
            continue
        if f.name == "periods":
            out[f.name] = sorted(value)
        elif f.name == "table":
            out[f.name] = {name: list(col) for name, col in value.columns.items()}
        else:
            out[f.name] = _plain(value)
    return out


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError("only string keys are kept")
        return {k: _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"cannot keep a {type(value).__name__} in a snapshot")


def decode(doc: Any, root: Path) -> Dataset:
    """A Dataset from :func:`encode`'s output; ValueError/TypeError when anything is off."""
    if not isinstance(doc, dict):
        raise TypeError("the body is not an object")
    hints = _hints(Dataset)
    names = [f.name for f in fields(Dataset)]
    if set(doc) != set(names) - {"root"}:
        raise ValueError(f"fields {sorted(doc)} are not the dataset's")
    values: dict[str, Any] = {"root": root}
    for name in names:
        if name == "root":
            continue
        if name == "periods":
            values[name] = _periods(doc[name])
        elif name == "table":
            values[name] = _table(doc[name])
        else:
            values[name] = _value(doc[name], hints[name], name)
    return Dataset(**values)


def _periods(labels: Any) -> dict[str, Period]:
    if not isinstance(labels, list):
        raise TypeError("periods is not a list")
    out: dict[str, Period] = {}
    for label in labels:
        if not isinstance(label, str):
            raise TypeError("a period label is not a string")
        try:
            out[label] = parse_period(label)
        except PeriodError as exc:
            raise ValueError(str(exc)) from None
    return out


def _table(doc: Any) -> ObsTable:
    if not isinstance(doc, dict) or list(doc) != list(OBS_TABLE_COLUMNS):
        raise ValueError("the observation columns are not the model's")
    hints = _hints(Observation)
    lengths = {len(col) if isinstance(col, list) else -1 for col in doc.values()}
    if len(lengths) != 1 or -1 in lengths:
        raise ValueError("the observation columns differ in length")
    columns: dict[str, list[Any]] = {}
    for name in OBS_TABLE_COLUMNS:
        hint = _EXTRA_COLUMNS[name] if name in _EXTRA_COLUMNS else hints[name]
        if hint is Period:  # the table keeps period labels; Dataset.periods parses them
            hint = str
        columns[name] = _column(doc[name], hint, name)
    return ObsTable(columns)


_EXACT: dict[Any, Callable[[Any], bool]] = {
    str: lambda v: type(v) is str,
    bool: lambda v: type(v) is bool,
    int: lambda v: type(v) is int,
    float: lambda v: type(v) is float,
    float | None: lambda v: type(v) is float or v is None,
}


def _column(col: list[Any], hint: Any, where: str) -> list[Any]:
    check = _EXACT.get(hint)
    if check is not None and all(map(check, col)):
        return col
    return [_value(v, hint, where) for v in col]


def _value(value: Any, hint: Any, where: str) -> Any:
    """``value`` checked (and rebuilt) against the type hint ``hint``."""
    check = _EXACT.get(hint)
    if check is not None and check(value):  # the common case, quickly
        return value
    origin, args = get_origin(hint), get_args(hint)
    if hint is Any:
        if value is None or isinstance(value, (str, int, float)):
            return value
    elif hint is type(None):
        if value is None:
            return None
    elif origin in (Union, types.UnionType):
        for arg in args:
            try:
                return _value(value, arg, where)
            except (TypeError, ValueError):
                continue
    elif hint is bool:
        if type(value) is bool:
            return value
    elif hint is int:
        if type(value) is int:
            return value
    elif hint is float:
        if type(value) in (int, float):
            return float(value)
    elif hint is str:
        if type(value) is str:
            return value
    elif origin is Literal:
        if value in args:
            return value
    elif origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        if type(value) is list:
            return tuple(_value(v, args[0], where) for v in value)
    elif origin is list:
        if type(value) is list:
            return [_value(v, args[0], where) for v in value]
    elif origin is dict:
        if type(value) is dict and args[0] is str:
            return {k: _value(v, args[1], f"{where}.{k}") for k, v in value.items()}
    elif isinstance(hint, type) and is_dataclass(hint):
        if type(value) is dict:
            hints = _hints(hint)
            if value.keys() != hints.keys():
                raise ValueError(f"{where}: fields {sorted(value)} are not {hint.__name__}'s")
            return hint(**{k: _value(v, hints[k], f"{where}.{k}") for k, v in value.items()})
    else:
        raise TypeError(f"{where}: {hint!r} cannot be read from a snapshot")
    raise TypeError(f"{where}: {str(value)[:40]!r} is not a {hint!r}")
