"""Collect every validation problem, then raise once.

A :class:`Problem` names where the problem is (file, feature index, field)
and what it is. A :class:`Collector` gathers problems while a file is read;
:meth:`Collector.raise_if_any` raises one :class:`ValidationError` holding all
of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from corridors._errors import ValidationError

__all__ = ["MAX_PROBLEMS", "Collector", "Problem", "describe"]

MAX_PROBLEMS = 500
"""Most problems kept in one report; the rest are counted, not listed."""

_REPR_LIMIT = 60


@dataclass(frozen=True)
class Problem:
    """One problem in the input.

    Parameters
    ----------
    source
        File or upload name (``""`` when there is none).
    index
        0-based index of the feature in the FeatureCollection, or None for a
        problem about the whole file or the whole network.
    field
        The property (or ``"geometry"``) at fault, or None.
    message
        What is wrong, one line.
    feature_id
        The feature's id when it has a readable one; only used for printing.
    """

    source: str
    index: int | None
    field: str | None
    message: str
    feature_id: str | None = None

    def __str__(self) -> str:
        parts = [self.source] if self.source else []
        if self.index is not None:
            where = f"feature {self.index}"
            if self.feature_id is not None:
                where += f" (id {describe(self.feature_id)})"
            parts.append(where)
        if self.field is not None:
            parts.append(f"field {describe(self.field)}")
        parts.append(_one_line(self.message))
        return ": ".join(parts)


class Collector:
    """Gather problems for one source, then raise them together.

    Parameters
    ----------
    source
        Default ``source`` of the problems added.
    limit
        Most problems kept; more are only counted.
    """

    def __init__(self, source: str = "", *, limit: int = MAX_PROBLEMS) -> None:
        self.source = source
        self.limit = limit
        self.problems: list[Problem] = []
        self.dropped = 0

    def __len__(self) -> int:
        return len(self.problems) + self.dropped

    def __bool__(self) -> bool:
        return len(self) > 0

    def add(
        self,
        message: str,
        *,
        index: int | None = None,
        field: str | None = None,
        feature_id: str | None = None,
        source: str | None = None,
    ) -> None:
        """Record one problem.

        Parameters
        ----------
        message
            What is wrong.
        index, field, feature_id
            Where (see :class:`Problem`).
        source
            Overrides the collector's source.
        """
        problem = Problem(
            source=self.source if source is None else source,
            index=index,
            field=field,
            message=message,
            feature_id=feature_id,
        )
        self.extend([problem])

    def extend(self, problems: Iterable[Problem]) -> None:
        """Record problems found elsewhere (keeping the limit)."""
        for problem in problems:
            if len(self.problems) < self.limit:
                self.problems.append(problem)
            else:
                self.dropped += 1

    def merge(self, other: Collector) -> None:
        """Record every problem of `other`, including its dropped count."""
        self.extend(other.problems)
        self.dropped += other.dropped

    def report(self) -> list[Problem]:
        """Return the problems, with a last line counting the unlisted ones."""
        if not self.dropped:
            return list(self.problems)
        more = Problem(
            source=self.source,
            index=None,
            field=None,
            message=f"{self.dropped} more problems not listed",
        )
        return [*self.problems, more]

    def raise_if_any(self) -> None:
        """Raise :class:`ValidationError` with every problem, if any.

        Raises
        ------
        ValidationError
            When at least one problem was recorded.
        """
        if self:
            raise ValidationError(self.report())


def describe(value: object) -> str:
    """Return a short, one-line, quoted representation of `value`.

    Parameters
    ----------
    value
        Any value found in the input (possibly hostile: huge or with control
        characters).

    Returns
    -------
    text
        ``repr(value)`` cut to a readable length; lists and objects are
        summarised (never repr'd whole, they may be huge or deeply nested).
    """
    if isinstance(value, str):
        text = repr(value[:_REPR_LIMIT])
        return text + "..." if len(value) > _REPR_LIMIT else text
    if isinstance(value, list | tuple):
        return f"a list of {len(value)} items"
    if isinstance(value, dict):
        return f"an object with {len(value)} members"
    text = repr(value)
    return text if len(text) <= _REPR_LIMIT else text[: _REPR_LIMIT - 3] + "..."


def _one_line(text: str) -> str:
    return " ".join(str(text).splitlines())
