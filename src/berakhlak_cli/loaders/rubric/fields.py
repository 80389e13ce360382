"""A checked view of one YAML mapping: typed getters that record problems instead of raising.

Every getter takes the key, records ``missing-key``/``wrong-type``/``unquoted-scalar`` problems
with the key's position, and returns a usable fallback so validation can go on and report
*all* problems at once (frictionless, pandera ``lazy=True``). ``finish()`` reports keys the
rubric format does not know, with a "did you mean" suggestion.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from berakhlak_cli.errors import Problem
from berakhlak_cli.loaders.rubric.yaml_source import Document

E = TypeVar("E", bound=StrEnum)

_MISSING = object()


class Collector:
    """Collects problems with positions looked up in the source document."""

    def __init__(self, doc: Document, *, reject_null: bool = False) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.reject_null = reject_null
        """Report an explicit ``null`` on a non-nullable key (rubric files; ``Fields.raw``)."""

    def add(self, code: str, message: str, path: str) -> None:
        """Record a problem at ``path``."""
        line, col = self.doc.mark(path)
        self.problems.append(Problem(code, message, path, line, col))

    def reported(self, path: str) -> bool:
        """True when a problem was already recorded at ``path``, or a YAML-level one (a refused
        alias or tag, whose node then reads as null) on its line."""
        line, _ = self.doc.mark(path)
        return any(
            p.path == path or (p.code.startswith("yaml-") and line and p.line == line)
            for p in self.problems
        )

    def describe(self, path: str, value: Any) -> str:
        """How a value was written, for messages (``No`` rather than ``False``)."""
        scalar = self.doc.scalars.get(path)
        return repr(scalar.text) if scalar else repr(value)

    def unquoted_hint(self, path: str, value: Any) -> str | None:
        """If YAML turned an unquoted word or number into a non-string, say how to fix it."""
        scalar = self.doc.scalars.get(path)
        if scalar is None or scalar.quoted or isinstance(value, str):
            return None
        return f'{scalar.text!r} was read as {_kind(value)}; quote it: "{scalar.text}"'

    def key_hint(self, path: str, key: Any) -> str:
        """Message for a mapping key YAML read as a boolean, number or null."""
        scalar = self.doc.scalars.get(path + "<key>")
        shown = scalar.text if scalar else str(key)
        return f'key {shown!r} was read as {_kind(key)}; quote it: "{shown}"'


def _kind(value: Any) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", type(None): "null"}.get(
        type(value), type(value).__name__
    )


class Fields:
    """Typed access to the mapping found at ``path``."""

    def __init__(self, col: Collector, data: Any, path: str, what: str) -> None:
        self.col = col
        self.path = path
        self.ok = isinstance(data, dict)
        if not self.ok and data is not None:
            col.add("wrong-type", f"{what} must be a mapping, got {type(data).__name__}", path)
        self.data: dict[Any, Any] = data if isinstance(data, dict) else {}
        self.used: set[str] = set()

    def at(self, key: str) -> str:
        """Path of ``key`` inside this mapping."""
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        """True when ``key`` is present."""
        return key in self.data

    def raw(self, key: str, required: bool = False, *, nullable: bool = False) -> Any:
        """The value under ``key`` (None when absent).

        An explicit ``null`` is a ``null-value`` problem unless ``nullable`` (the key's default
        is itself "nothing", e.g. an example's expected index): a null must never turn silently
        into a default such as a scale's max (issue #15)."""
        self.used.add(key)
        if key not in self.data:
            if required and self.ok:
                self.col.add("missing-key", f"required key {key!r} is missing", self.path)
            return None
        value = self.data[key]
        # NOTE: a node already rejected (a YAML alias or tag) reads as null; one problem is enough.
        path = self.at(key)
        if value is None and not nullable and self.col.reject_null and not self.col.reported(path):
            what = "required key" if required else "key"
            self.col.add(
                "null-value",
                f"{what} {key!r} is null; write a value"
                + ("" if required else " or leave the key out for its default"),
                path,
            )
        return value

    def text(
        self, key: str, default: str = "", required: bool = False, *, nullable: bool = False
    ) -> str:
        """A string; unquoted YAML booleans/numbers get a 'quote it' hint."""
        value = self.raw(key, required, nullable=nullable)
        if value is None:
            return default
        if isinstance(value, str):
            return value
        hint = self.col.unquoted_hint(self.at(key), value)
        self.col.add(
            "unquoted-scalar" if hint else "wrong-type",
            hint or f"{key!r} must be text, got {type(value).__name__}",
            self.at(key),
        )
        return str(value)

    def number(
        self,
        key: str,
        default: float,
        *,
        required: bool = False,
        positive: bool = False,
        nullable: bool = False,
    ) -> float:
        """A finite number (``positive``: > 0)."""
        value = self.raw(key, required, nullable=nullable)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.col.add(
                "wrong-type",
                f"{key!r} must be a number, got {self.col.describe(self.at(key), value)}",
                self.at(key),
            )
            return default
        code = "bad-weight" if "weight" in key else "bad-number"
        if not math.isfinite(value):
            self.col.add(code, f"{key!r} must be finite, got {value}", self.at(key))
            return default
        if positive and value <= 0:
            self.col.add(code, f"{key!r} must be greater than 0, got {value}", self.at(key))
            return default
        return float(value)

    def integer(
        self, key: str, default: int, *, minimum: int | None = None, nullable: bool = False
    ) -> int:
        """A whole number, optionally ``>= minimum``."""
        value = self.raw(key, nullable=nullable)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.col.add("wrong-type", f"{key!r} must be a whole number", self.at(key))
            return default
        if minimum is not None and value < minimum:
            self.col.add("bad-number", f"{key!r} must be at least {minimum}", self.at(key))
            return default
        return value

    def flag(self, key: str, default: bool) -> bool:
        """A boolean (true/false)."""
        value = self.raw(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.col.add("wrong-type", f"{key!r} must be true or false", self.at(key))
            return default
        return value

    def choice(self, key: str, enum: type[E], default: E) -> E:
        """One of an enum's values."""
        value = self.raw(key)
        if value is None:
            return default
        allowed = [e.value for e in enum]
        if value not in allowed:
            self.col.add(
                "bad-choice",
                f"{key!r} must be one of {', '.join(allowed)}; got {value!r}"
                + suggest(value, allowed),
                self.at(key),
            )
            return default
        return enum(value)

    def texts(self, key: str) -> tuple[str, ...]:
        """A list of strings (a single string is accepted as a one-element list)."""
        value = self.raw(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list):
            hint = self.col.unquoted_hint(self.at(key), value)
            self.col.add(
                "unquoted-scalar" if hint else "wrong-type",
                hint or f"{key!r} must be a list of text",
                self.at(key),
            )
            return (str(value),) if hint else ()
        out: list[str] = []
        for i, entry in enumerate(value):
            path = f"{self.at(key)}[{i}]"
            if isinstance(entry, str):
                out.append(entry)
                continue
            hint = self.col.unquoted_hint(path, entry)
            self.col.add("unquoted-scalar" if hint else "wrong-type", hint or "must be text", path)
            out.append(str(entry))
        return tuple(out)

    def items(self, key: str, required: bool = False) -> list[tuple[str, Any]]:
        """A list's entries with their paths (empty when absent or not a list)."""
        value = self.raw(key, required)
        if value is None:
            return []
        if not isinstance(value, list):
            self.col.add("wrong-type", f"{key!r} must be a list", self.at(key))
            return []
        if required and not value:
            self.col.add("empty-list", f"{key!r} must not be empty", self.at(key))
        return [(f"{self.at(key)}[{i}]", entry) for i, entry in enumerate(value)]

    def entries(self, key: str) -> list[tuple[str, str, Any]]:
        """A mapping's (key, path, value) entries."""
        value = self.raw(key)
        if value is None:
            return []
        if not isinstance(value, dict):
            self.col.add("wrong-type", f"{key!r} must be a mapping", self.at(key))
            return []
        out: list[tuple[str, str, Any]] = []
        for k, v in value.items():
            path = f"{self.at(key)}.{k}"
            if not isinstance(k, str):
                self.col.add("unquoted-scalar", self.col.key_hint(path, k), path)
            out.append((str(k), path, v))
        return out

    def sub(self, key: str, what: str, required: bool = False, *, nullable: bool = False) -> Fields:
        """The nested mapping under ``key``."""
        return Fields(self.col, self.raw(key, required, nullable=nullable), self.at(key), what)

    def finish(self, extra_ok: Callable[[str], bool] | None = None) -> None:
        """Report keys that the format does not define."""
        known = sorted(self.used)
        for key in self.data:
            skey = str(key)
            if skey in self.used or (extra_ok and extra_ok(skey)):
                continue
            if not isinstance(key, str):
                self.col.add(
                    "unquoted-scalar", self.col.key_hint(self.at(skey), key), self.at(skey)
                )
                continue
            self.col.add(
                "unknown-key", f"unknown key {skey!r}{suggest(skey, known)}", self.at(skey)
            )


def suggest(word: Any, candidates: list[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest candidate, or an empty string."""
    match = difflib.get_close_matches(str(word), candidates, n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""
