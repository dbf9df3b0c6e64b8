"""Where the command writes: standard output, standard error and ``-o FILE``, never with a traceback.

- Standard output and standard error replace the characters their encoding
  cannot hold (``PYTHONIOENCODING=ascii`` and a Cyrillic name: ``?``).
- Errors go to standard error only; when it is closed they are dropped,
  never written to standard output (which may be a CSV pipe).
- A closed standard output, a full disk (``> /dev/full``) or a reader that
  stopped (``| head``) ends the command with a message (a stopped reader:
  none, status 0), not a traceback; the descriptor is then pointed at
  ``/dev/null`` so Python's flush at exit does not fail again.
- ``-o FILE`` is written to a temporary file in the same folder and renamed
  over FILE (:func:`os.replace`): a write that fails leaves the old FILE as
  it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile

from corridors._errors import CorridorsError

__all__ = ["OutputError", "prepare", "silence", "write_error", "write_file", "write_stdout"]

_MAX_SHOWN = 100


class OutputError(CorridorsError):
    """The answer could not be written (standard output closed or failing, ``-o FILE`` not writable)."""


def prepare() -> None:
    """Make standard output and standard error replace what their encoding cannot hold."""
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(Exception):  # a stream that cannot be reconfigured keeps its own setting
                reconfigure(errors=errors)


def write_stdout(text: str) -> None:
    """Write `text` to standard output and flush it.

    Raises
    ------
    BrokenPipeError
        The reader stopped reading (the caller ends quietly).
    OutputError
        Standard output is closed or the write failed (e.g. the disk is full).
    """
    stream = sys.stdout
    if stream is None:
        msg = "standard output is closed: nothing was written (give -o FILE to write to a file)"
        raise OutputError(msg)
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as err:  # ValueError: "I/O operation on closed file"
        silence(1)
        msg = f"cannot write to standard output: {_reason(err)}"
        raise OutputError(msg) from None


def write_error(text: str) -> None:
    """Write `text` (one or more lines) to standard error; dropped when it is closed or fails, never sent elsewhere."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(text if text.endswith("\n") else text + "\n")
        stream.flush()
    except (OSError, ValueError):
        silence(2)


def silence(fd: int) -> None:
    """Point descriptor `fd` (1 or 2) at /dev/null, so Python's flush at exit cannot fail on it."""
    stream = sys.stdout if fd == 1 else sys.stderr
    try:
        if stream is None or stream.fileno() != fd:
            return
    except (OSError, ValueError, AttributeError):  # not a real file (e.g. captured by a test)
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(devnull, fd)
    except OSError:
        pass
    finally:
        os.close(devnull)


def write_file(path: str, text: str | bytes) -> None:
    """Write `text` as UTF-8 (or bytes as they are) to `path` atomically: the old file survives a failed write.

    A temporary file in the same folder is written, flushed to disk, given
    the old file's permissions (a new file: those ``open()`` would give) and
    renamed over `path`. A symbolic link keeps pointing where it did (the file
    it points to is replaced). A path that is not a regular file (``/dev/null``,
    a named pipe) is written directly.

    Raises
    ------
    OutputError
        ``cannot write 'out.csv': No space left on device`` (the name as given).
    """
    shown = repr(path) if len(path) <= _MAX_SHOWN else repr(path[: _MAX_SHOWN - 3] + "...")
    try:
        _write(path, text)
    except (OSError, ValueError) as err:  # ValueError: e.g. an embedded NUL in the name
        msg = f"cannot write {shown}: {_reason(err)}"
        raise OutputError(msg) from None


def _write(path: str, text: str | bytes) -> None:
    data = text.encode("utf-8") if isinstance(text, str) else text
    if not path:
        raise FileNotFoundError(2, "No such file or directory")
    target = os.path.realpath(path)
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(21, "Is a directory")
    if info is not None and not stat.S_ISREG(info.st_mode):  # a device or a pipe: nothing to keep
        with open(target, "wb") as handle:
            handle.write(data)
        return
    folder, name = os.path.split(target)
    fd, temporary = tempfile.mkstemp(prefix=f".{name[:80]}.", suffix=".tmp", dir=folder or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _reason(err: BaseException) -> str:
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    return str(err)[:200] or type(err).__name__
