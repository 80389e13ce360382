"""Parse YAML into plain data while remembering where every node came from.

PyYAML's ``safe_load`` silently keeps the last of two duplicate keys (yaml/pyyaml#165) and
expands aliases without limit (the "billion laughs" bomb). Rubrics need neither aliases nor
custom tags, so we compose the node graph ourselves and build plain Python data from it,
rejecting duplicates, aliases, non-standard tags and excessive depth with a position each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from berakhlak_cli.errors import Problem

# NOTE: libyaml's parser is ten times faster than the pure-Python one (20 ms against 210 ms
# for the shipped rubric); both give the same nodes and positions.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_ALIASES = 10

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass(frozen=True)
class Scalar:
    """How a scalar was written: its source text and whether it was quoted."""

    text: str
    quoted: bool


@dataclass
class Document:
    """Plain data plus, for each path, its 1-based (line, column) and scalar spelling."""

    data: Any
    marks: dict[str, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[str, Scalar] = field(default_factory=dict)

    def mark(self, path: str) -> tuple[int | None, int | None]:
        """Position of ``path``, or of its nearest ancestor that has one."""
        probe = path
        while True:
            if probe in self.marks:
                return self.marks[probe]
            if not probe:
                return (None, None)
            cut = max(probe.rfind("."), probe.rfind("["))
            probe = probe[:cut] if cut > 0 else ""


_UNREADABLE = object()
"""What ``_Builder.scalar`` returns for a scalar it reported as unreadable."""


class _Builder:
    def __init__(self) -> None:
        self.doc = Document(data=None)
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")
        self._seen: set[int] = set()

    def problem(self, code: str, message: str, path: str, node: yaml.Node) -> None:
        self.problems.append(
            Problem(code, message, path, node.start_mark.line + 1, node.start_mark.column + 1)
        )

    def build(self, node: yaml.Node, path: str, depth: int) -> Any:
        self.doc.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if depth > MAX_DEPTH:
            self.problem("too-deep", f"nesting deeper than {MAX_DEPTH} levels", path, node)
            return None
        # NOTE: an alias makes the composer hand back the *same* node object again; refusing
        # revisits is what defuses alias bombs. The problem itself is reported by ``_scan``,
        # which sees where the alias is written (a revisited node only knows its anchor's spot).
        if id(node) in self._seen:
            return None
        self._seen.add(id(node))
        if node.tag not in _STANDARD_TAGS:
            self.problem("yaml-tag", f"tag {node.tag!r} is not allowed", path, node)
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [
                self.build(child, f"{path}[{i}]", depth + 1) for i, child in enumerate(node.value)
            ]
        assert isinstance(node, yaml.ScalarNode)  # noqa: S101 - composer invariant, not input
        self.doc.scalars[path] = Scalar(str(node.value), node.style in ("'", '"', "|", ">"))
        value = self.scalar(node, path)
        return None if value is _UNREADABLE else value

    def scalar(self, node: yaml.Node, path: str) -> Any:
        """The scalar's value; one YAML resolves but Python cannot build is a problem.

        NOTE: an integer of more than 4 300 digits (``int``'s limit) or a date such as
        ``2024-13-45`` raises ValueError inside PyYAML's constructor.
        """
        try:
            return self._constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError) as exc:
            text = str(node.value)
            shown = repr(text) if len(text) <= 40 else repr(text[:37]) + "…"
            reason = str(exc).split(";")[0]
            self.problem("bad-number", f"{shown} cannot be read ({reason})", path, node)
            return _UNREADABLE

    def _mapping(self, node: yaml.MappingNode, path: str, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _STANDARD_TAGS:
                self.problem("yaml-key", "mapping keys must be plain scalars", path, key_node)
                continue
            key = self.scalar(key_node, path)
            if key is _UNREADABLE:
                continue
            key_path = f"{path}.{key}" if path else str(key)
            if key in out:
                self.problem(
                    "duplicate-key",
                    f"duplicate key {key!r} (YAML would silently keep the last one)",
                    key_path,
                    key_node,
                )
                continue
            if not isinstance(key, str):
                self.doc.scalars[key_path + "<key>"] = Scalar(str(key_node.value), False)
            out[key] = self.build(value_node, key_path, depth + 1)
            self.doc.marks[key_path] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
        return out


def parse_yaml(text: str) -> tuple[Document, list[Problem]]:
    """Parse ``text`` into a ``Document``; syntax/structure problems are returned, not raised."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return Document(None), [Problem("too-large", f"file is larger than {MAX_BYTES:,} bytes")]
    try:
        # NOTE: PyYAML composes nested nodes recursively, so 100k "[" would overflow the stack
        # (RecursionError) before our own depth check runs; the event stream is flat.
        scanned = _scan(text)
        if scanned and scanned[0].code == "too-deep":
            return Document(None), scanned
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        what = ", ".join(x for x in (exc.context, exc.problem) if x) or "invalid YAML"
        # NOTE: libyaml >= 0.2.5 (PyYAML 6.0.4 wheels) has its own nesting limit, and its
        # scanner runs ahead of our event-level check: the same problem, the same code.
        code = "too-deep" if "nesting depth" in what else "yaml-syntax"
        return Document(None), [Problem(code, what, "", line, col)]
    except yaml.YAMLError as exc:
        return Document(None), [Problem("yaml-syntax", str(exc).splitlines()[0])]
    if node is None:
        return Document(None), [Problem("empty", "the file is empty", "", 1, 1)]
    builder = _Builder()
    builder.doc.data = builder.build(node, "", 0)
    return builder.doc, scanned + builder.problems


def _scan(text: str) -> list[Problem]:
    """Problems visible in the flat event stream: ``too-deep`` (alone, at the first collection
    nested deeper than ``MAX_DEPTH``) or ``yaml-alias`` at each alias (the first ``MAX_ALIASES``,
    then a count)."""
    depth = 0
    aliases: list[Problem] = []
    extra = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line, col = _position(event.start_mark)
                message = f"nesting deeper than {MAX_DEPTH} levels"
                return [Problem("too-deep", message, "", line, col)]
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            if len(aliases) == MAX_ALIASES:
                extra += 1
                continue
            line, col = _position(event.start_mark)
            message = f"YAML aliases (*{event.anchor}) are not allowed in rubrics; write it out"
            aliases.append(Problem("yaml-alias", message, "", line, col))
    if extra:
        last = aliases[-1]
        more = f"{last.message} (and {extra} more aliases)"
        aliases[-1] = Problem(last.code, more, last.path, last.line, last.column)
    return aliases


def _position(mark: Any) -> tuple[int | None, int | None]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
