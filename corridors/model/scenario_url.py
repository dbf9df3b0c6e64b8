"""Scenarios in a link: a :class:`~corridors.model.scenario.Scenario` as compact URL-safe text, and back.

A custom scenario travels inside a shared link, so a viewer in a fresh
browser (or after a server restart) sees the same result. The text is
``s1.`` followed by the base64url (no padding) of the zlib-compressed
canonical JSON of :meth:`Scenario.to_dict` (defaults and an empty
description left out, keys sorted, no spaces)::

    >>> from corridors.model.scenario import Scenario
    >>> from corridors.model.scenario_url import decode_scenario, encode_scenario
    >>> s = Scenario(name="suez-slow", closed_chokepoints=["bab-el-mandeb"], speed_factor={"sea": 0.9})
    >>> text = encode_scenario(s)
    >>> text.startswith("s1.") and len(text) < 120
    True
    >>> decode_scenario(text) == s
    True

A link is untrusted: :func:`decode_scenario` checks the text as an uploaded
scenario file is checked, with the same limits. The text's length is capped
(:data:`MAX_SCENARIO_URL_CHARS`) before it is decoded; decompression stops
one byte past :data:`~corridors.model.scenario_toml.MAX_SCENARIO_BYTES` (a
decompression bomb costs at most that much memory); the JSON must be one
object of plain values (no ``NaN``, no repeated key), nested no deeper than
:data:`~corridors.model.scenario_toml.MAX_SCENARIO_DEPTH`; and the scenario
is built by :meth:`Scenario.from_dict`, which lists every invalid field at
once. Every failure is one :class:`~corridors._errors.ValidationError`.
Node and leg ids are checked against a network by the caller
(:meth:`Scenario.check`), as for an upload.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from typing import Any, NoReturn

from corridors._errors import Problem, ValidationError
from corridors._text import describe
from corridors.model.scenario import Scenario
from corridors.model.scenario_toml import MAX_SCENARIO_BYTES, MAX_SCENARIO_DEPTH

__all__ = ["MAX_SCENARIO_URL_CHARS", "PREFIX", "SOURCE", "decode_scenario", "encode_scenario", "scenario_json"]

PREFIX = "s1."
"""Marks the format (version 1: zlib-compressed canonical JSON, base64url)."""

MAX_SCENARIO_URL_CHARS = 16_000
"""Longest encoded scenario read from a link (checked before anything is decoded)."""

SOURCE = "scenario in the link"
"""The source named in the problems."""

_BASE64URL = re.compile(r"[A-Za-z0-9_-]*")


def scenario_json(scenario: Scenario) -> bytes:
    """The canonical JSON of a scenario: :meth:`Scenario.to_dict` minus an empty description, keys sorted, compact.

    Parameters
    ----------
    scenario : Scenario
        The scenario.

    Returns
    -------
    bytes
        UTF-8 JSON; the same scenario always gives the same bytes.
    """
    data = scenario.to_dict()
    if not data.get("description"):
        data.pop("description", None)
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def encode_scenario(scenario: Scenario) -> str:
    """A scenario as compact URL-safe text (``s1.`` + base64url of zlib-compressed canonical JSON).

    Parameters
    ----------
    scenario : Scenario
        The scenario (already valid).

    Returns
    -------
    str
        Letters, digits, ``-``, ``_`` after the ``s1.`` prefix; read back by
        :func:`decode_scenario`.
    """
    packed = zlib.compress(scenario_json(scenario), 9)
    return PREFIX + base64.urlsafe_b64encode(packed).rstrip(b"=").decode("ascii")


def decode_scenario(text: object, *, source: str = SOURCE) -> Scenario:
    """Read a scenario from a link's text, checked as an uploaded scenario file is.

    Parameters
    ----------
    text : object
        The text from the URL (untrusted: anything).
    source : str
        The name used in the problems.

    Returns
    -------
    Scenario

    Raises
    ------
    ValidationError
        For text that is not a string, over :data:`MAX_SCENARIO_URL_CHARS`,
        without the ``s1.`` prefix, not base64url, not zlib data (or cut
        short), expanding past ``MAX_SCENARIO_BYTES``, not UTF-8, not a JSON
        object, nested too deeply, with ``NaN``/``Infinity`` or a repeated
        key; or for any invalid field of the scenario (every one listed).
    """
    if not isinstance(text, str):
        _fail(source, f"expected text, got type {type(text).__name__}")
    text = text.strip()
    if len(text) > MAX_SCENARIO_URL_CHARS:
        _fail(source, f"text is {len(text):,} characters, over the limit of {MAX_SCENARIO_URL_CHARS:,} (MAX_SCENARIO_URL_CHARS)")
    if not text.startswith(PREFIX):
        _fail(source, f"not a scenario of this app's links (it should start with {PREFIX!r}): {describe(text[:40])}")
    body = text[len(PREFIX) :]
    if not body or not _BASE64URL.fullmatch(body) or len(body) % 4 == 1:
        _fail(source, "not base64url text (letters, digits, '-' and '_'): the link was cut or changed")
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        _fail(source, "not base64url text: the link was cut or changed")
    raw = _inflate(packed, source)
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        _fail(source, f"not UTF-8 text (invalid byte at position {err.start:,})")
    data = _json_object(decoded, source)
    return Scenario.from_dict(data, source=source)


def _inflate(packed: bytes, source: str) -> bytes:
    """zlib data inflated to at most ``MAX_SCENARIO_BYTES`` (one byte more is the sign of a bomb)."""
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(packed, MAX_SCENARIO_BYTES + 1)
    except zlib.error as err:
        _fail(source, f"not compressed scenario data ({err}): the link was cut or changed")
    if len(raw) > MAX_SCENARIO_BYTES or inflater.unconsumed_tail:
        _fail(source, f"expands to more than the limit of {MAX_SCENARIO_BYTES:,} bytes (MAX_SCENARIO_BYTES), as a scenario file may not")
    if not inflater.eof:
        _fail(source, "compressed data cut short: the link was cut or changed")
    if inflater.unused_data:
        _fail(source, f"{len(inflater.unused_data):,} bytes after the compressed data: the link was changed")
    return raw


def _json_object(text: str, source: str) -> dict[str, Any]:
    """One JSON object, nested at most ``MAX_SCENARIO_DEPTH`` deep, no NaN or Infinity, no repeated key."""
    depth = _depth(text)
    if depth > MAX_SCENARIO_DEPTH:
        _fail(source, f"nested {depth} levels deep, over the limit of {MAX_SCENARIO_DEPTH} (MAX_SCENARIO_DEPTH)")

    def constant(name: str) -> NoReturn:
        _fail(source, f"{name} is not a number a scenario may hold")

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in items]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            _fail(source, f"key {describe(repeated[0])} given twice")
        return dict(items)

    try:
        data = json.loads(text, parse_constant=constant, object_pairs_hook=pairs)
    except json.JSONDecodeError as err:
        _fail(source, f"invalid JSON ({err.msg} at position {err.pos:,})")
    except RecursionError:  # pragma: no cover - the depth check above prevents it
        _fail(source, f"nested too deeply (limit {MAX_SCENARIO_DEPTH})")
    if not isinstance(data, dict):
        _fail(source, f"a scenario must be a table (a JSON object), got {type(data).__name__}")
    return data


def _depth(text: str) -> int:
    """Deepest nesting of ``[``/``{`` outside strings (a linear scan, before the recursive parser)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _fail(source: str, message: str) -> NoReturn:
    raise ValidationError([Problem(source, None, None, message)])
