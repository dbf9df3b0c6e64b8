"""Short, safe text for messages about untrusted values.

Every message that quotes a value from a file, a URL or a command line goes
through these helpers, so a huge, deeply nested or control-character-laden
value is shown cut to a readable, one-line length.
"""

from __future__ import annotations

import difflib
import reprlib
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["describe", "listed", "one_line", "short", "suggest", "suggest_ids"]

_LIMIT = 60
_MAX_SUGGESTIONS = 5
_CLOSE = 0.6

_REPR = reprlib.Repr()
_REPR.maxlevel = 3
_REPR.maxstring = 40
_REPR.maxother = 40


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
