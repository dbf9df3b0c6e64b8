"""The errors raised by the corridors package, and the problems they report.

Every exception the library raises on purpose derives from
:class:`CorridorsError`, so callers (the CLI, the app) can catch one class and
show ``str(err)``, which is always a complete, readable message. Each error
class also subclasses the builtin it refines (``ValueError``, ``LookupError``).

A :class:`Problem` names where a problem is (file, feature index, field) and
what it is. A :class:`Collector` gathers problems while an input is read;
:meth:`Collector.raise_if_any` raises one :class:`ValidationError` holding all
of them, so every problem is reported at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from corridors._text import describe, one_line, short, suggest_ids

__all__ = [
    "MAX_PROBLEMS",
    "Collector",
    "CorridorsError",
    "LimitError",
    "Problem",
    "UnknownNodeError",
    "ValidationError",
]

MAX_PROBLEMS = 500
"""Most problems kept in one report; the rest are counted, not listed."""

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
        parts.append(one_line(self.message))
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


class CorridorsError(Exception):
    """Base class of every error raised on purpose by corridors."""


class ValidationError(CorridorsError, ValueError):
    """Input data broke one or more rules.

    Parameters
    ----------
    problems
        The problems found (:class:`Problem`), or a
        single message for a problem that has no file or feature.

    Attributes
    ----------
    problems
        Every problem found, in the order found.

    Notes
    -----
    ``str(err)`` has one line per problem.
    """

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(source="", index=None, field=None, message=problems)]
        self.problems: list[Problem] = list(problems)
        super().__init__(self.problems)

    def __str__(self) -> str:
        if not self.problems:
            return "validation failed"
        return "\n".join(str(problem) for problem in self.problems)

    def __repr__(self) -> str:
        return f"ValidationError({len(self.problems)} problems)"


class UnknownNodeError(CorridorsError, LookupError):
    """A node id or name that is not in the network.

    Parameters
    ----------
    node_id
        The id or name that was asked for.
    suggestions
        Ids of the closest existing nodes, best first.
    names
        Optional mapping id -> name, used only to print the suggestions.

    Attributes
    ----------
    node_id
        The id or name that was asked for.
    suggestions
        Ids of the closest existing nodes, best first.
    """

    def __init__(
        self,
        node_id: object,
        suggestions: Sequence[str] = (),
        *,
        names: Mapping[str, str] | None = None,
    ) -> None:
        self.node_id = node_id
        self.suggestions = list(suggestions)
        self._names = dict(names or {})
        super().__init__(node_id)

    @classmethod
    def from_candidates(cls, node_id: object, names: Mapping[str, str]) -> UnknownNodeError:
        """Build the error, suggesting the closest ids and names.

        Parameters
        ----------
        node_id
            The unknown id or name.
        names
            Every known node, as id -> name.

        Returns
        -------
        error
            With ``suggestions`` filled from ``names``.
        """
        suggestions = suggest_ids(str(node_id), names)
        wanted = {id_: names[id_] for id_ in suggestions}
        return cls(node_id, suggestions, names=wanted)

    def __str__(self) -> str:
        message = f"unknown node {short(self.node_id)}"
        if not self.suggestions:
            return message + "; no node has a similar id or name"
        shown = ", ".join(self._label(id_) for id_ in self.suggestions)
        return f"{message}; did you mean {shown}?"

    def _label(self, node_id: str) -> str:
        name = self._names.get(node_id)
        return f"{node_id!r} ({name})" if name else repr(node_id)


class LimitError(CorridorsError, ValueError):
    """A protective limit (size, count, iterations) was hit."""
