"""Checks on the properties of one GeoJSON feature: present, of the right type, an allowed value.

:class:`Feature` wraps one feature's ``properties`` object; each accessor
(:meth:`~Feature.text`, :meth:`~Feature.number`, ...) returns the value when it
is good and otherwise records a problem under the feature's index, id and the
property's name, and returns None, so every problem of a file is found in one
pass. :class:`Budget` caps the work one file may cause.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from corridors._errors import Collector
from corridors._text import describe
from corridors.network import schema
from corridors.network.json_values import finite, json_type

__all__ = ["BIDI_CONTROLS", "Budget", "Feature", "missing_message"]

MAX_TYPO_CHECKS = 2_000
"""Distinct unknown property names checked for typos per file (difflib is slow)."""

_TYPO_CUTOFF = 0.8

BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""The Unicode bidirectional controls (ALM, LRM, RLM, the embeddings and overrides
U+202A-U+202E, the isolates U+2066-U+2069): a text property holding one is rejected,
since it would reorder the text an app shows around the value (a name, a source)."""

# Letters and symbols that draw nothing (Hangul fillers, the blank braille pattern).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


@dataclass
class Budget:
    """What one file may still use: positions, and typo checks.

    Attributes
    ----------
    max_positions, max_vertices, max_parts
        The file's limits (:data:`corridors.network.read.MAX_POSITIONS`, ...).
    used
        Positions read so far.
    typo_checks
        Typo checks left.
    typo_cache
        ``(known names, unknown name) -> the known name it is a typo of, or None``.
    """

    max_positions: int
    max_vertices: int
    max_parts: int
    used: int = 0
    typo_checks: int = MAX_TYPO_CHECKS
    typo_cache: dict[tuple[tuple[str, ...], str], str | None] = field(default_factory=dict)

    @property
    def exhausted(self) -> bool:
        """True once more than ``max_positions`` positions were read."""
        return self.used > self.max_positions


class Feature:
    """Checks one feature, recording problems under its index and id.

    Parameters
    ----------
    index : int
        The feature's position in the file.
    raw : dict
        The decoded feature.
    out : Collector
        Where problems go.
    budget : Budget
        The file's budget (shared by its features).
    """

    def __init__(self, index: int, raw: dict[str, Any], out: Collector, budget: Budget) -> None:
        self.index = index
        self.out = out
        self.budget = budget
        props = raw.get("properties")
        self.props: dict[str, Any] = props if isinstance(props, dict) else {}
        raw_id = self.props.get("id")
        self.id = raw_id if isinstance(raw_id, str) and schema.ID_PATTERN.fullmatch(raw_id) else None

    def problem(self, field_name: str | None, message: str) -> None:
        """Record a problem of this feature (`field_name`: the property, or None)."""
        self.out.add(message, index=self.index, field=field_name, feature_id=self.id)

    def text(
        self,
        name: str,
        *,
        required: bool,
        choices: Sequence[str] | None = None,
        what: str | None = None,
    ) -> str | None:
        """A text property: non-empty, not too long, no control characters, one of `choices`."""
        value = self.props.get(name)
        if value is None:
            if required:
                self.problem(name, missing_message(name, self.props))
            return None
        if not isinstance(value, str):
            self.problem(name, f"expected a string, got {json_type(value)}")
            return None
        problem = _text_problem(value)
        if problem is None and choices is not None and value not in choices:
            problem = _choice_problem(what or name, value, choices)
        if problem is not None:
            self.problem(name, problem)
            return None
        return value

    def identifier(self, name: str) -> str | None:
        """A required id property (:data:`corridors.network.schema.ID_PATTERN`)."""
        value = self.text(name, required=True)
        if value is not None and not schema.ID_PATTERN.fullmatch(value):
            self.problem(
                name,
                f"{describe(value)} is not a valid id: use letters, digits and '_.:-', "
                "no spaces, at most 80 characters",
            )
            return None
        return value

    def number(self, name: str) -> float | None:
        """An optional positive finite number."""
        value = self.props.get(name)
        if value is None:
            return None
        number = finite(value)
        if number is None or number <= 0:
            self.problem(name, f"expected a positive number, got {json_type(value)}")
            return None
        return number

    def integer(self, name: str, choices: Sequence[int]) -> int | None:
        """A required whole number, one of `choices`."""
        value = self.props.get(name)
        number = finite(value)
        if number is None or not number.is_integer() or int(number) not in choices:
            allowed = " or ".join(str(c) for c in choices)
            self.problem(name, f"expected {allowed}, got {json_type(value)}")
            return None
        return int(number)

    def boolean(self, name: str) -> bool | None:
        """An optional ``true``/``false``."""
        value = self.props.get(name)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.problem(name, f"expected true or false, got {json_type(value)}")
            return None
        return value

    def text_list(self, name: str, choices: Sequence[str], *, what: str) -> list[str] | None:
        """A required array of distinct values from `choices` (``[]`` for none)."""
        value = self.props.get(name)
        if value is None:
            self.problem(name, missing_message(name, self.props) + " (use [] for none)")
            return None
        if not isinstance(value, list):
            self.problem(name, f"expected an array of strings, got {json_type(value)}")
            return None
        good = True
        seen: set[str] = set()
        for position, item in enumerate(value):
            problem = None
            if not isinstance(item, str):
                problem = f"item {position} is {json_type(item)}, expected a string"
            elif item not in choices:
                problem = f"item {position}: " + _choice_problem(what, item, choices)
            elif item in seen:
                problem = f"item {position}: {describe(item)} is listed twice"
            if problem is not None:
                self.problem(name, problem)
                good = False
                if len(value) > len(choices) * 2:  # a hostile list: one problem is enough
                    self.problem(name, f"{len(value):,} items; there are only {len(choices)} {what}s")
                    break
            else:
                seen.add(item)
        return list(value) if good else None

    def typos(self, known: Sequence[str]) -> None:
        """Report unknown properties that are near-misses of `known` ones; ignore the others."""
        known = tuple(known)
        cache = self.budget.typo_cache
        for key in self.props:
            if key in known:
                continue
            if (known, key) not in cache:
                if self.budget.typo_checks <= 0:  # a hostile number of names: ignore the rest
                    continue
                self.budget.typo_checks -= 1
                close = difflib.get_close_matches(key, known, n=1, cutoff=_TYPO_CUTOFF)
                cache[known, key] = close[0] if close else None
            meant = cache[known, key]
            if meant is not None:
                self.problem(key, f"unknown property {describe(key)}; did you mean {meant!r}?")


def missing_message(name: str, props: dict[str, Any]) -> str:
    """``"missing required property 'x'"``, or ``"... is null"`` when it is there as null.

    Parameters
    ----------
    name : str
        The property.
    props : dict
        The feature's properties.

    Returns
    -------
    str
    """
    if name in props:
        return f"required property {name!r} is null"
    return f"missing required property {name!r}"


def _text_problem(value: str) -> str | None:
    if not value.strip():
        return "is empty"
    if len(value) > schema.MAX_TEXT_LENGTH:
        return f"is {len(value):,} characters long, over the limit of {schema.MAX_TEXT_LENGTH:,}"
    if any(unicodedata.category(char) in ("Cc", "Cs") for char in value):
        return f"{describe(value)} contains control characters"
    bidi = sorted({char for char in value if char in BIDI_CONTROLS})
    if bidi:
        named = ", ".join(f"U+{ord(char):04X} {unicodedata.name(char, 'bidi control')}" for char in bidi)
        return (
            f"contains a bidirectional control character ({named}), which can reverse the text "
            "shown around it: remove it"
        )
    if not any(_visible(char) for char in value):
        return f"{describe(value)} has no visible character (only spaces, marks or invisible format characters)"
    return None


def _visible(char: str) -> bool:
    """True for a character that draws something: a letter, digit, punctuation or symbol
    (not a space, control, format character, combining mark, or a blank letter like U+3164)."""
    return unicodedata.category(char)[0] in "LNPS" and char not in _BLANK_LETTERS


def _choice_problem(what: str, value: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown {what} {describe(value)} (expected one of: {', '.join(choices)}){hint}"
