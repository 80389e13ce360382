"""Write an editable copy of a rubric's YAML text, with a survey's headers added to ``aliases``.

The copy keeps the base file's text (comments, order, quoting) and changes only: the
``$schema`` comment (pointed at ``rubric.schema.json`` beside the copy), a comment block at the
top (where the copy came from, the headers no item took, the items still without a column),
and each matched item's ``aliases`` (extended on its line, or added under the item's ``id``).
The result is parsed again; a copy that would not validate is never returned.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from berakhlak_cli.errors import Problem, RubricError
from berakhlak_cli.loaders.rubric.load import read_rubric
from berakhlak_cli.loaders.rubric.yaml_source import Document
from berakhlak_cli.model.rubric import Rubric

SCHEMA_FILE = "rubric.schema.json"
SCHEMA_LINE = f"# yaml-language-server: $schema={SCHEMA_FILE}"


def _item_paths(rubric: Rubric) -> dict[str, str]:
    """Item id -> its path in the document (``values[0].behaviours[1].items[0]``)."""
    out = {}
    for v, value in enumerate(rubric.values):
        for b, behaviour in enumerate(value.behaviours):
            for i, item in enumerate(behaviour.items):
                out[item.id] = f"values[{v}].behaviours[{b}].items[{i}]"
    return out


def _flow(names: Sequence[str]) -> str:
    # NOTE: a JSON string is a valid YAML double-quoted scalar, whatever the header holds.
    return "[" + ", ".join(json.dumps(n, ensure_ascii=False) for n in names) + "]"


def _one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ")


def _add_aliases(
    lines: list[str],
    doc: Document,
    rubric: Rubric,
    additions: Mapping[str, Sequence[str]],
    source: str,
) -> None:
    """Edit ``lines`` in place, last item first so earlier line numbers stay valid."""
    paths = _item_paths(rubric)
    items = {i.id: i for i in rubric.items}
    edits = []
    for item_id, headers in additions.items():
        if headers:
            edits.append((doc.marks[paths[item_id] + ".id"][0], item_id, headers))
    for line_no, item_id, headers in sorted(edits, reverse=True):
        path = paths[item_id]
        names = [*items[item_id].aliases, *headers]
        key = doc.marks.get(path + ".aliases")
        elements = [
            doc.marks.get(f"{path}.aliases[{k}]") for k in range(len(items[item_id].aliases))
        ]
        if key is None:
            indent = " " * (doc.marks[path + ".id"][1] - 1)
            lines.insert(line_no, f"{indent}aliases: {_flow(names)}")
            continue
        row = key[0] - 1
        if all(e is not None and e[0] == key[0] for e in elements) and lines[row].rstrip().endswith(
            "]"
        ):
            lines[row] = lines[row][: key[1] - 1] + f"aliases: {_flow(names)}"
            continue
        last = max((e for e in elements if e is not None), default=None)
        if last is None:
            problem = Problem(
                "layout", f"cannot extend the aliases of {item_id!r}; add them by hand"
            )
            raise RubricError(source, (problem,))
        indent = " " * max(last[1] - 3, 0)
        for offset, header in enumerate(headers, start=1):
            lines.insert(
                last[0] - 1 + offset, f"{indent}- {json.dumps(header, ensure_ascii=False)}"
            )


def rubric_copy(
    raw: bytes,
    source: str,
    *,
    additions: Mapping[str, Sequence[str]] | None = None,
    comments: Sequence[str] = (),
) -> str:
    """The rubric at ``raw`` as editable text: aliases added, comment block on top."""
    parsed = read_rubric(raw)
    if parsed.rubric is None or parsed.document is None:
        raise RubricError(source, parsed.problems)
    lines = raw.decode("utf-8-sig").splitlines()
    _add_aliases(lines, parsed.document, parsed.rubric, additions or {}, source)
    while lines and lines[0].startswith("# yaml-language-server:"):
        lines.pop(0)
    block = [SCHEMA_LINE, "#"]
    block += [f"# {_one_line(c)}".rstrip() for c in comments]
    if comments and not (lines and lines[0].strip() == "#"):
        block.append("#")
    text = "\n".join([*block, *lines]) + "\n"
    check = read_rubric(text.encode("utf-8"))
    if check.rubric is None:
        raise RubricError(source, check.problems)
    return text
