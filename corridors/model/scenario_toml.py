"""Scenario TOML: capped reading of text, bytes or a file; a nesting check before parsing; writing.

A scenario may come from a user (text typed into the app, an upload) or from
the operator (a file named on the command line). Every input is checked for
size before it is decoded (:mod:`corridors._untrusted`), and for nesting
depth before :mod:`tomllib` sees it (it recurses, and slows down on long
dotted keys). :func:`toml_dumps` writes scenarios back (``tomli_w``).
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import tomli_w

from corridors._errors import Problem, ValidationError
from corridors._text import describe
from corridors._untrusted import check_size, decode_utf8, read_capped

__all__ = [
    "MAX_SCENARIO_BYTES",
    "MAX_SCENARIO_DEPTH",
    "depth_problems",
    "parse_scenario_toml",
    "read_scenario_text",
    "toml_dumps",
    "type_name",
]

MAX_SCENARIO_BYTES = 100_000
"""Largest scenario text or file, in bytes (checked before decoding or parsing)."""
MAX_SCENARIO_DEPTH = 16
"""Most levels of nested tables/arrays (and parts of one dotted key) in a scenario."""

def read_scenario_text(text_or_path: Any, *, allow_path: bool = False) -> tuple[str, str]:
    """Return ``(text, source name)`` of scenario TOML: checked for size and decoded, never over the limit.

    Parameters
    ----------
    text_or_path
        TOML text; UTF-8 bytes; or a file given as a :class:`~pathlib.Path`
        (or another ``os.PathLike``).
    allow_path
        Also take a one-line string ending in ``.toml`` as the path of a file
        (only for the operator's own input).

    Returns
    -------
    tuple of (str, str)
        The text (without a byte-order mark) and the name used in problems.

    Raises
    ------
    ValidationError
        For an unreadable file, input over :data:`MAX_SCENARIO_BYTES` bytes,
        bytes that are not UTF-8, or a value of another type.
    """
    if isinstance(text_or_path, os.PathLike) or (
        allow_path
        and isinstance(text_or_path, str)
        and "\n" not in text_or_path
        and text_or_path.strip().endswith(".toml")
    ):
        return _read_file(Path(text_or_path))
    if isinstance(text_or_path, bytes | bytearray | memoryview):
        data = read_capped(text_or_path, limit=MAX_SCENARIO_BYTES, name="scenario", what="text")
        return decode_utf8(data, name="scenario", position=True), "scenario"
    if not isinstance(text_or_path, str):
        message = f"scenario TOML must be text, bytes or a file path, got {type_name(text_or_path)}"
        raise ValidationError([Problem("scenario", None, None, message)])
    # characters <= bytes: a quick first check before encoding
    check_size(len(text_or_path), limit=MAX_SCENARIO_BYTES, name="scenario", what="text")
    size = len(text_or_path.encode("utf-8", "surrogatepass"))
    check_size(size, limit=MAX_SCENARIO_BYTES, name="scenario", what="text")
    return text_or_path.removeprefix("\ufeff"), "scenario"


def parse_scenario_toml(text: str, source: str) -> dict[str, Any]:
    """Parse scenario TOML text, refusing nesting deeper than :data:`MAX_SCENARIO_DEPTH` first.

    Parameters
    ----------
    text
        The text (from :func:`read_scenario_text`).
    source
        Name used in problems.

    Returns
    -------
    dict
        The parsed tables (not yet validated).

    Raises
    ------
    ValidationError
        For nesting over the limit or invalid TOML.
    """
    problems = _toml_shape_problems(text, source)
    if problems:
        raise ValidationError(problems)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ValidationError([Problem(source, None, None, f"invalid TOML: {err}")]) from None
    except RecursionError:  # pragma: no cover - the shape check above prevents it
        message = f"invalid TOML: nested too deeply (limit {MAX_SCENARIO_DEPTH})"
        raise ValidationError([Problem(source, None, None, message)]) from None


def toml_dumps(data: Mapping[str, Any]) -> str:
    """Serialise nested mappings of strings, numbers, booleans and lists to TOML.

    None values are left out; tables come after the plain values of their
    parent (``tomli_w``).

    Parameters
    ----------
    data
        Nested mappings; leaves are str, int, float (finite), bool or lists
        of those.

    Returns
    -------
    str
        TOML text that :func:`tomllib.loads` reads back to `data`.

    Raises
    ------
    ValidationError
        For a non-finite number or a value TOML cannot hold.
    """
    try:
        return tomli_w.dumps(_without_none(data))
    except (TypeError, ValueError) as err:
        msg = f"cannot write to TOML: {err}"
        raise ValidationError(msg) from None


def depth_problems(data: dict[str, Any], source: str) -> tuple[list[Problem], dict[str, Any], set[str]]:
    """Return problems for values nested deeper than :data:`MAX_SCENARIO_DEPTH`, `data` without them, and their keys."""
    problems = []
    dropped = set()
    for key, value in data.items():
        depth = _depth(value, MAX_SCENARIO_DEPTH)
        if depth > MAX_SCENARIO_DEPTH:
            message = f"tables/arrays nested more than {MAX_SCENARIO_DEPTH} levels deep, over the limit"
            problems.append(Problem(source, None, str(key), message))
            dropped.add(str(key))
    if dropped:
        data = {k: v for k, v in data.items() if k not in dropped}
    return problems, data, dropped


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of mappings/lists in `value` (1 for a table of plain values), counted up to limit + 1."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, Mapping):
            children: Iterable[Any] = item.values()
        elif isinstance(item, list | tuple | set | frozenset):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


def type_name(value: Any) -> str:
    """Return ``"an int"``, ``"a list"``: the type of `value` for a problem."""
    name = type(value).__name__
    return f"{'an' if name[:1] in 'aeiou' else 'a'} {name}"


def _without_none(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_without_none(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        msg = f"cannot write a non-finite number {value!r} to TOML"
        raise ValidationError(msg)
    return value


def _read_file(path: Path) -> tuple[str, str]:
    name = describe(path.name).strip("'\"") if path.name else describe(str(path))
    data = read_capped(path, limit=MAX_SCENARIO_BYTES, name=name)
    return decode_utf8(data, name=name, position=True), name


def _toml_shape_problems(text: str, source: str) -> list[Problem]:
    """Nesting deeper than the limit, before tomllib sees it (it recurses, and slows down on long dotted keys).

    One linear pass: brackets of arrays and inline tables outside strings and
    comments, and the parts of each dotted key (in a key/value pair or a
    table header).
    """
    if text.count("[") + text.count("{") <= MAX_SCENARIO_DEPTH and text.count(".") < MAX_SCENARIO_DEPTH:
        return []
    depth, parts = _toml_shape(text)
    problems = []
    if depth > MAX_SCENARIO_DEPTH:
        message = f"arrays/inline tables nested {depth:,} levels deep, over the limit of {MAX_SCENARIO_DEPTH}"
        problems.append(Problem(source, None, None, message))
    if parts > MAX_SCENARIO_DEPTH:
        message = f"a dotted key of {parts:,} parts, over the limit of {MAX_SCENARIO_DEPTH}"
        problems.append(Problem(source, None, None, message))
    return problems


def _toml_shape(text: str) -> tuple[int, int]:
    """(deepest nesting of ``[``/``{`` values, most parts of one dotted key) in TOML text (approximate, linear)."""
    deepest = 0
    stack: list[str] = []
    key_mode = True  # reading a key (start of a line, after "{" or "," in an inline table, in a header)
    header = False  # in a table header "[a.b]" / "[[a.b]]"
    blank = True  # nothing but spaces so far on this line (outside any array)
    parts = most = 1
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in "\"'":
            triple = text.startswith(char * 3, i)
            quote = char * 3 if triple else char
            i += len(quote)
            while i < n:
                if char == '"' and text[i] == "\\":
                    i += 2
                    continue
                if text.startswith(quote, i):
                    i += len(quote)
                    break
                if not triple and text[i] == "\n":
                    break
                i += 1
            blank = False
            continue
        if char == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if char == "\n":
            if not stack:
                key_mode, header, blank, parts = True, False, True, 1
            i += 1
            continue
        if char in " \t\r":
            i += 1
            continue
        if char == "[" and not stack and (blank or (header and text[i - 1] == "[")):
            header = True
        elif char == "]" and header and not stack:
            key_mode, parts = False, 1
        elif key_mode and char == ".":
            parts += 1
            most = max(most, parts)
        elif key_mode and char == "=":
            key_mode, parts = False, 1
        elif char in "[{":
            stack.append(char)
            deepest = max(deepest, len(stack))
            key_mode, parts = char == "{", 1
        elif char in "]}":
            if stack:
                stack.pop()
            key_mode = False
        elif char == "," and stack and stack[-1] == "{":
            key_mode, parts = True, 1
        blank = False
        i += 1
    return deepest, most
