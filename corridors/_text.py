"""Short, safe text for messages about untrusted values.

Every message that quotes a value from a file, a URL or a command line goes
through these helpers, so a huge, deeply nested or control-character-laden
value is shown cut to a readable, one-line length.
"""

from __future__ import annotations

import difflib
import re
import reprlib
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["describe", "display_safe", "hide_paths", "listed", "one_line", "short", "suggest", "suggest_ids"]

_LIMIT = 60
_MAX_SUGGESTIONS = 5
_CLOSE = 0.6

_REPR = reprlib.Repr()
_REPR.maxlevel = 3
_REPR.maxstring = 40
_REPR.maxother = 40

#: Bidirectional formatting characters: embeddings, overrides, isolates and the implicit marks.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI_RE = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")
_FSI, _PDI = "\u2068", "\u2069"
_QUOTED_PATH = re.compile(r"""(['"])((?:[A-Za-z]:)?[/\\~][^'"\n]*)\1""")


def short(value: Any, limit: int = _LIMIT) -> str:
    """A one-line ``repr`` of `value` cut to `limit` characters.

    Parameters
    ----------
    value
        Any value, possibly huge or deeply nested.
    limit
        Most characters returned.

    Returns
    -------
    str
        ``repr(value)``; a large container is summarised by :mod:`reprlib`
        first, so the full repr is never built.
    """
    if isinstance(value, list | tuple | dict | set | frozenset) and not _small(value):
        text = _REPR.repr(value)
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def describe(value: object) -> str:
    """Return a short, one-line, quoted representation of `value`.

    Parameters
    ----------
    value
        Any value found in the input (possibly hostile: huge or with control
        characters).

    Returns
    -------
    str
        ``repr(value)`` cut to a readable length; lists and objects are
        summarised (never repr'd whole, they may be huge or deeply nested).
    """
    if isinstance(value, str):
        text = repr(value[:_LIMIT])
        return text + "..." if len(value) > _LIMIT else text
    if isinstance(value, list | tuple):
        return f"a list of {len(value)} items"
    if isinstance(value, dict):
        return f"an object with {len(value)} members"
    return short(value)


def listed(values: Iterable[Any], limit: int = 5) -> str:
    """``['a', 'b', ...]`` with at most `limit` items shown, each cut short.

    Parameters
    ----------
    values
        The items.
    limit
        Most items shown; the total is given when more exist.

    Returns
    -------
    str
    """
    items = list(values)
    shown = ", ".join(short(v) for v in items[:limit])
    more = f", ... ({len(items):,} in all)" if len(items) > limit else ""
    return f"[{shown}{more}]"


def one_line(text: object) -> str:
    """`text` with its line breaks replaced by spaces."""
    return " ".join(str(text).splitlines())


def suggest(value: str, known: Iterable[str], names: Mapping[str, str] | None = None) -> str:
    """``"; did you mean 'a', 'b'?"`` for the closest of `known`, or ``""``.

    Parameters
    ----------
    value
        What the user wrote.
    known
        The valid values.
    names
        Optional display names, printed after each suggestion.

    Returns
    -------
    str
        A message tail (empty when nothing is close).
    """
    close = difflib.get_close_matches(value, list(known), n=3, cutoff=_CLOSE)
    if not close:
        return ""
    shown = [f"{c!r} ({names[c]})" if names and c in names else repr(c) for c in close]
    return f"; did you mean {', '.join(shown)}?"


def suggest_ids(query: str, names: Mapping[str, str], *, n: int = _MAX_SUGGESTIONS) -> list[str]:
    """Return the ids whose id or name best matches `query`.

    Parameters
    ----------
    query
        What the user typed.
    names
        Every known node, as id -> name.
    n
        Most suggestions returned.

    Returns
    -------
    list of str
        Node ids, best first: substring matches, then close matches
        (difflib, case-insensitive) on ids and on names.
    """
    needle = query.strip().casefold()
    keys: dict[str, list[str]] = {}
    for id_, name in names.items():
        for key in (str(id_).casefold(), str(name).casefold()):
            keys.setdefault(key, []).append(id_)
    found: list[str] = []
    if needle:
        containing = [key for key in keys if needle in key]
        containing.sort(key=lambda key: -difflib.SequenceMatcher(None, needle, key).ratio())
        for key in containing:
            found.extend(keys[key])
    for key in difflib.get_close_matches(needle, list(keys), n=n, cutoff=_CLOSE):
        found.extend(keys[key])
    return list(dict.fromkeys(found))[:n]


def _small(value: Any, budget: int = 50, depth: int = 4) -> bool:
    """Whether `value` is a container of at most `budget` items, nested at most `depth` deep."""
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, list | tuple | set | frozenset | dict):
            if level > depth:
                return False
            budget -= len(item)
            if budget < 0:
                return False
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
            if isinstance(item, dict):
                stack.extend((key, level + 1) for key in item)
    return True


def display_safe(text: object) -> str:
    """`text` as it may be shown beside the app's own words: it cannot reorder them.

    Every bidirectional formatting character (U+202A..U+202E embeddings and
    overrides, U+2066..U+2069 isolates, U+200E/U+200F/U+061C marks) is removed;
    text that still holds right-to-left letters (an Arabic or Persian name) is
    wrapped in an isolate (U+2068 FIRST STRONG ISOLATE ... U+2069 POP
    DIRECTIONAL ISOLATE), so it reads correctly and leaves the text around it
    in its own order.

    Parameters
    ----------
    text
        A name, file name, scenario name or URL value from a user or a file.

    Returns
    -------
    str
        The text without bidi controls, isolated when it is right-to-left.
    """
    clean = _BIDI_RE.sub("", str(text))
    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in clean):
        return f"{_FSI}{clean}{_PDI}"
    return clean


def hide_paths(text: object, folders: Iterable[object] = ()) -> str:
    """`text` without the folders of the server: a quoted absolute path keeps only its last part.

    Parameters
    ----------
    text
        A message (e.g. ``"instc.geojson: cannot read '/srv/app/geodata/instc.geojson': no such file"``).
    folders
        Folders also removed where they appear unquoted (with the separator after them).

    Returns
    -------
    str
        ``"instc.geojson: cannot read 'instc.geojson': no such file"``.
    """
    out = str(text)
    for folder in sorted({str(f).rstrip("/\\") for f in folders if str(f).strip("/\\")}, key=len, reverse=True):
        out = re.sub(re.escape(folder) + r"[/\\]?", "", out)

    def _last(match: re.Match[str]) -> str:
        quote, path = match.group(1), match.group(2)
        last = re.split(r"[/\\]", path.rstrip("/\\"))[-1] or "..."
        return quote + last + quote

    return _QUOTED_PATH.sub(_last, out)
