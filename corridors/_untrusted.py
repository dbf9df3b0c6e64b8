"""Capped reading of every untrusted input: uploads, scenario files, links, the operator's files.

Each reader takes a byte limit and never reads more than one byte past it, so
a huge (or growing, or lying) file costs at most ``limit + 1`` bytes of memory.
Every failure is one :class:`~corridors._errors.ValidationError` whose problem
names the input and what is wrong with it: missing, not a regular file,
unreadable, over the limit, not UTF-8.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import IO, NoReturn

from corridors._errors import Problem, ValidationError

__all__ = ["Source", "check_size", "decode_utf8", "read_capped", "shown_name", "size_text"]

#: What an untrusted reader accepts: a path, the bytes themselves, or a binary file object.
Source = str | os.PathLike | bytes | bytearray | memoryview | IO[bytes]

_MAX_PATH_SHOWN = 120


def size_text(size: int) -> str:
    """``"5 MiB (5,242,880 bytes)"`` for a large size, ``"100,000 bytes"`` below 1 MiB."""
    if size >= 2**30:
        return f"{size / 2**30:.3g} GiB ({size:,} bytes)"
    if size >= 2**20:
        return f"{size / 2**20:.3g} MiB ({size:,} bytes)"
    return f"{size:,} bytes"


def shown_name(path: Path) -> str:
    """A path as printed in a problem: quoted, escaped and cut to a readable length."""
    text = repr(str(path))
    return text if len(text) <= _MAX_PATH_SHOWN else text[: _MAX_PATH_SHOWN - 4] + "...'"


def check_size(size: int | None, *, limit: int, name: str, what: str = "file") -> None:
    """Raise when `size` bytes is over `limit`.

    Parameters
    ----------
    size
        The size found (None: known only to be over the limit).
    limit
        The most bytes allowed.
    name
        The input's name, for the problem.
    what
        What the input is (``"file"``, ``"upload"``, ``"text"``).

    Raises
    ------
    ValidationError
        ``"<what> is N bytes, larger than the limit of L"``.
    """
    if size is None or size > limit:
        found = "" if size is None else f" {size:,} bytes,"
        _fail(name, f"{what} is{found} larger than the limit of {size_text(limit)}")


def read_capped(source: Source, *, limit: int, name: str, what: str = "upload") -> bytes:
    """Read at most `limit` bytes from a path, a bytes-like object or a binary file object.

    Parameters
    ----------
    source
        A path (``str`` or ``PathLike``), bytes, or an object with ``read``.
    limit
        The most bytes allowed; a larger input is refused before it is read
        whole (a file's size is checked first, then one byte past the limit is read).
    name
        The input's name, for the problem.
    what
        What bytes given directly are called in the problem (``"upload"``,
        ``"text"``).

    Returns
    -------
    bytes

    Raises
    ------
    ValidationError
        Naming the input and the reason it could not be read.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        size = source.nbytes if isinstance(source, memoryview) else len(source)
        check_size(size, limit=limit, name=name, what=what)  # before copying
        return bytes(source)
    if isinstance(source, str | os.PathLike):
        return _read_path(Path(source), limit=limit, name=name)
    read = getattr(source, "read", None)
    if not callable(read):
        _fail(name, f"cannot read {type(source).__name__}: give a path, bytes or text")
    try:
        data = read(limit + 1)
    except (OSError, ValueError) as err:
        _fail(name, f"cannot read upload: {err}")
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if not isinstance(data, bytes | bytearray):
        _fail(name, "cannot read upload: read() returned neither bytes nor text")
    check_size(None if len(data) == limit + 1 else len(data), limit=limit, name=name)
    return bytes(data)


def decode_utf8(data: bytes, *, name: str, position: bool = False) -> str:
    """Decode UTF-8 (a leading byte-order mark is dropped).

    Parameters
    ----------
    data
        The bytes.
    name
        The input's name, for the problem.
    position
        Word the problem as ``"not UTF-8 text (invalid byte at position 12)"``
        (the scenario readers' wording).

    Raises
    ------
    ValidationError
        ``"not UTF-8 text: byte 0xff at offset 12 cannot be decoded"``.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        if position:
            _fail(name, f"not UTF-8 text (invalid byte at position {err.start:,})")
        _fail(name, f"not UTF-8 text: byte {data[err.start]:#04x} at offset {err.start} cannot be decoded")


def _read_path(path: Path, *, limit: int, name: str) -> bytes:
    shown = shown_name(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            _fail(name, f"cannot read {shown}: not a regular file")
        check_size(info.st_size, limit=limit, name=name)
        with path.open("rb") as handle:
            data = handle.read(limit + 1)  # it may have grown since, or lie about its size
    except ValidationError:
        raise
    except (FileNotFoundError, NotADirectoryError):  # "a/b" where "a" is a file: no such file either
        _fail(name, f"cannot read {shown}: no such file")
    except (OSError, ValueError) as err:  # ValueError: e.g. an embedded NUL in the name
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        _fail(name, f"cannot read {shown}: {reason[:200]}")
    check_size(None if len(data) == limit + 1 else len(data), limit=limit, name=name)
    return data


def _fail(name: str, message: str) -> NoReturn:
    raise ValidationError([Problem(name, None, None, message)])
