"""Typed, path-aware access to a parsed document (plain data from ``json.loads``).

Every getter names the file and the key path when the document does not have the expected
shape (``hasil.json: key 'groups[3].index.rounded': expected a number, got "x"``). Unknown keys
are ignored by the readers built on it: fields are only ever added within a format version.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

from berakhlak_cli.errors import ResultsError
from berakhlak_cli.model.personal_data import mask_personal


class DocNode:
    """One node of the document with its key path, for one-line errors."""

    def __init__(self, data: Any, path: str, source: str) -> None:
        self.data = data
        self.path = path
        self.source = source

    def fail(self, message: str) -> ResultsError:
        """An error naming the file and this node's key path."""
        where = f"key {self.path!r}: " if self.path else ""
        return ResultsError(f"{self.source}: {where}{mask_personal(message)}")

    def _child(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        """True when this is a mapping with ``key``."""
        return isinstance(self.data, dict) and key in self.data

    def get(self, key: str) -> DocNode:
        """The child under ``key`` (an error when this is not a mapping or lacks it)."""
        if not isinstance(self.data, dict):
            raise self.fail(f"expected an object, got {_kind(self.data)}")
        if key not in self.data:
            raise DocNode(None, self._child(key), self.source).fail("missing")
        return DocNode(self.data[key], self._child(key), self.source)

    def items(self) -> Iterator[DocNode]:
        """The entries of a list."""
        if not isinstance(self.data, list):
            raise self.fail(f"expected a list, got {_kind(self.data)}")
        for i, entry in enumerate(self.data):
            yield DocNode(entry, f"{self.path}[{i}]", self.source)

    def entries(self) -> Iterator[tuple[str, DocNode]]:
        """The (key, child) pairs of an object."""
        if not isinstance(self.data, dict):
            raise self.fail(f"expected an object, got {_kind(self.data)}")
        for key, value in self.data.items():
            yield str(key), DocNode(value, self._child(str(key)), self.source)

    def mapping(self) -> Mapping[str, Any]:
        """The node as a plain mapping."""
        if not isinstance(self.data, dict):
            raise self.fail(f"expected an object, got {_kind(self.data)}")
        return self.data

    def text(self) -> str:
        """A string."""
        if not isinstance(self.data, str):
            raise self.fail(f"expected text, got {_kind(self.data)}")
        return self.data

    def optional_text(self) -> str | None:
        """A string or null."""
        return None if self.data is None else self.text()

    def number(self) -> float:
        """A finite number."""
        value = self.data
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"expected a number, got {_kind(value)}")
        if not math.isfinite(value):
            raise self.fail(f"expected a finite number, got {value}")
        return float(value)

    def integer(self) -> int:
        """A whole number."""
        if isinstance(self.data, bool) or not isinstance(self.data, int):
            raise self.fail(f"expected a whole number, got {_kind(self.data)}")
        return self.data

    def optional_integer(self) -> int | None:
        """A whole number or null."""
        return None if self.data is None else self.integer()

    def optional(self, key: str) -> DocNode | None:
        """The child under ``key`` unless it is absent or null."""
        if not self.has(key) or self.data[key] is None:
            return None
        return self.get(key)

    def optional_number(self, key: str) -> float | None:
        """The number under ``key``, None when absent or null."""
        child = self.optional(key)
        return None if child is None else child.number()

    def optional_int(self, key: str) -> int | None:
        """The whole number under ``key``, None when absent or null."""
        child = self.optional(key)
        return None if child is None else child.integer()

    def optional_str(self, key: str) -> str | None:
        """The text under ``key``, None when absent or null."""
        child = self.optional(key)
        return None if child is None else child.text()

    def boolean(self) -> bool:
        """true or false."""
        if not isinstance(self.data, bool):
            raise self.fail(f"expected true or false, got {_kind(self.data)}")
        return self.data

    def optional_bool(self, key: str) -> bool | None:
        """The true/false under ``key``, None when absent or null."""
        child = self.optional(key)
        return None if child is None else child.boolean()

    def texts(self, key: str) -> tuple[str, ...]:
        """The list of strings under ``key`` (empty when absent or null)."""
        child = self.optional(key)
        return () if child is None else tuple(t.text() for t in child.items())


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return repr(value[:40])
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
