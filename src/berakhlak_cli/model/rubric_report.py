"""The outcome of validating one rubric file (``rubric validate``), as loaders build it and
renderers show it."""

from __future__ import annotations

from dataclasses import dataclass

from berakhlak_cli.errors import Problem
from berakhlak_cli.model.rubric import Rubric


@dataclass(frozen=True)
class RubricReport:
    """One file's problems in file order, and the rubric when it is valid."""

    source: str
    problems: tuple[Problem, ...]
    rubric: Rubric | None = None
    examples: int = 0
    """How many embedded examples were scored."""

    @property
    def valid(self) -> bool:
        """True when no problem was found."""
        return not self.problems
