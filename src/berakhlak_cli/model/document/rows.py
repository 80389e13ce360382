"""A list of the results document made one row at a time (the groups, the gap report).

``to_document`` turns it into a plain list; the JSON writer (``render.json_out``) encodes and
writes each row as it is made, so a national run never holds every group's mapping, nor the
whole text, at once (issue #16).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")


@dataclass(frozen=True)
class Rows(Generic[Item]):
    """``[row(x) for x in items]``, each row made when it is reached."""

    row: Callable[[Item], dict[str, Any]]
    items: Sequence[Item]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return map(self.row, self.items)


def plain(value: Any) -> Any:
    """``value`` with a ``Rows`` turned into its list (anything else as it is)."""
    return list(value) if isinstance(value, Rows) else value
