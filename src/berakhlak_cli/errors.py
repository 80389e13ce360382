"""Exception hierarchy and exit codes.

A bad rubric (``RubricError``) is kept apart from bad input data (``SurveyError``,
``EvidenceError``, ``ResultsError``) and from a failure to write (``OutputError``).
Problems *inside* otherwise readable data are not exceptions: they are ``Issue`` values
(see ``model.results``) so that every input row is accounted for.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes, documented in the README."""

    OK = 0
    ISSUES = 1
    """Data issues were found and ``--strict`` was given, or ``rubric validate`` found problems."""
    BAD_INPUT = 2
    """Usage error, unreadable or invalid input file, broken rubric."""
    INTERNAL = 3
    """A bug: rerun with ``--debug`` and report it."""


@dataclass(frozen=True)
class Problem:
    """One problem in a rubric, with where it is.

    ``path`` is the key path inside the document (``values[2].behaviours[0].weight``);
    ``line``/``column`` are 1-based positions in the file when known.
    """

    code: str
    message: str
    path: str = ""
    line: int | None = None
    column: int | None = None

    def location(self, source: str) -> str:
        """Return ``file:line:col`` (or as much of it as is known)."""
        parts = [source]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def render(self, source: str) -> str:
        """One line: ``file:line:col: CODE message (at path)``."""
        where = f" (at {self.path})" if self.path else ""
        return f"{self.location(source)}: {self.code} {self.message}{where}"


class BerakhlakError(Exception):
    """Base of every error the CLI turns into a one-line message and exit code 2."""

    exit_code: ExitCode = ExitCode.BAD_INPUT


class RubricError(BerakhlakError):
    """The rubric cannot be used; carries *every* problem found, not just the first."""

    def __init__(self, source: str, problems: tuple[Problem, ...]) -> None:
        self.source = source
        self.problems = problems
        first = problems[0].render(source) if problems else f"{source}: invalid rubric"
        more = f" (+{len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(first + more)


class SurveyError(BerakhlakError):
    """The survey file cannot be read at all (not a per-row data issue)."""


class EvidenceError(BerakhlakError):
    """The evidence checklist cannot be read at all."""


class ResultsError(BerakhlakError):
    """A results file (scored JSON or published figures) cannot be read."""


class UnitsError(BerakhlakError):
    """The units file (names, headcounts) cannot be read."""


class OutputError(BerakhlakError):
    """An output cannot be written (or would overwrite an input)."""


def located(source: str, message: str, *, row: int | None = None, column: str | None = None) -> str:
    """Format ``file: row N: column 'x': message`` for one-line errors."""
    parts = [source]
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        parts.append(f"column {column!r}")
    return ": ".join(parts) + f": {message}"


class UsageError(BerakhlakError):
    """An option or environment variable has a value the CLI cannot use."""
