"""Match a survey file's headers to the rubric's items, as real form exports write them.

A header is reduced to a key (``header_key``): NFKC, case-folded, every punctuation mark or
symbol read as a space, whitespace collapsed; a leading question number (``1.``, ``1)``,
``Q1``, ``Q1.``, ``No. 1``) is also dropped for a second key. A header then matches an item

- **exactly** when a key equals the item's id/column, one of its ``aliases`` or its text
  (Bahasa Indonesia or English);
- **by containment** when it contains the behaviour label or the item text as whole words
  (Google Forms prefixes such as ``Pegawai di unit saya: Memahami dan memenuhi ...``);
- **by grid row** when it is a Forms grid header ``Question [row label]`` whose row label
  equals or contains one of those names or the behaviour label.

Exact matches are made first and their headers leave the pool. The loose rules (containment,
grid) apply only when the rubric's ``columns.header_matching`` is ``loose`` (the default) and
only to items with no exact header. The longer phrase decides: when a header contains two
items' phrases and one is part of the other (``Melaksanakan tugas`` inside ``Melaksanakan
tugas dengan kualitas terbaik``), and when an item is found in one header by its whole text
and in another only by its behaviour label. Each item must end with exactly one header and
each header with at most one item: anything else is an ``Ambiguity`` naming the candidates,
never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import StrEnum

from berakhlak_cli.model.personal_data import looks_personal, mask_header
from berakhlak_cli.model.rubric import HeaderMatching, Item, Rubric

_PUNCT = re.compile(r"[\W_]+")
_NUMBERING = re.compile(r"^(?:(?:no|nomor|q)\.?\s*)?\d{1,3}\s*(?:[.):\-]\s*|\s+)(?=\S)")
_Q_NUMBER = re.compile(r"^q\d{1,3}\s+(?=\S)")
_GRID = re.compile(r"^(?P<question>.*\S)\s*\[(?P<row>[^\[\]]+)\]\s*$", re.DOTALL)
_DATA_CELL = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|[-+]?\d{4,}|[-+]?\d+[.,]\d+")


class How(StrEnum):
    """How a header was matched to an item."""

    ID = "id"
    ALIAS = "alias"
    TEXT = "text"
    CONTAINS = "contains"
    GRID = "grid"

    @property
    def loose(self) -> bool:
        """True for the rules a strict rubric (``header_matching: exact``) turns off."""
        return self in (How.CONTAINS, How.GRID)


def header_key(text: str) -> str:
    """A header or name as compared: folded, punctuation as spaces, whitespace collapsed."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_PUNCT.sub(" ", folded).split())


def header_row_is_data(headers: list[str] | tuple[str, ...]) -> tuple[int, int] | None:
    """(data-like cells, non-blank cells) when the header row looks like a data row, else None.

    A cell looks like data when it is a date, a number of four or more digits or with a decimal
    part (item numbers ``1``, ``2`` are headers), holds personal data, or repeats
    another cell of the row (answers such as ``Setuju`` repeat; headers do not). A row is read
    as data when at least two of its cells are non-blank and at least half of them look like
    data: a file without its header row, whose first respondent's cells (a name, which cannot
    be detected, among them) must then not be quoted as headers.
    """
    cells = [" ".join(h.split()) for h in headers]
    cells = [c for c in cells if c]
    if len(cells) < 2:
        return None
    seen: dict[str, int] = defaultdict(int)
    for c in cells:
        seen[c.casefold()] += 1
    data = sum(
        1
        for c in cells
        if seen[c.casefold()] > 1 or _DATA_CELL.match(c) or looks_personal(c) is not None
    )
    return (data, len(cells)) if 2 * data >= len(cells) else None


def no_header_hint(found: tuple[int, int]) -> str:
    """The sentence that replaces a header listing when ``header_row_is_data`` found data."""
    return (
        f"The first row looks like data, not a header row ({found[0]} of {found[1]} cells are "
        "dates, numbers, personal data or repeated answers), so its cells are not listed; add "
        "the header row, or check that the file starts with it"
    )


def _unnumbered(text: str) -> str:
    """``header_key`` without a leading question number (``1.``, ``1)``, ``Q1``, ``No. 1``)."""
    folded = unicodedata.normalize("NFKC", text).casefold().strip()
    stripped = _NUMBERING.sub("", folded, count=1)
    return header_key(_Q_NUMBER.sub("", stripped, count=1))


def _keys(text: str) -> set[str]:
    return {k for k in (header_key(text), _unnumbered(text)) if k}


@dataclass(frozen=True)
class Match:
    """One item's header: its position in the header row and the rule that matched."""

    position: int
    how: How


@dataclass(frozen=True)
class Ambiguity:
    """An item with several headers, or a header claimed by several items."""

    message: str


@dataclass
class ItemMatching:
    """The outcome of matching: per item its header (if any), and any ambiguity found."""

    headers: tuple[str, ...]
    matches: dict[str, Match] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    ambiguities: list[Ambiguity] = field(default_factory=list)
    ambiguous_items: set[str] = field(default_factory=set)

    @property
    def complete(self) -> bool:
        """Every item has exactly one header and nothing is ambiguous."""
        return not self.missing and not self.ambiguities

    def counts(self) -> dict[How, int]:
        """How many items matched by each rule."""
        out: dict[How, int] = defaultdict(int)
        for m in self.matches.values():
            out[m.how] += 1
        return dict(out)


def exact_names(item: Item) -> list[tuple[str, How]]:
    """The names an item's header may equal, with the rule each one stands for."""
    names = [(item.column, How.ID), (item.id, How.ID)]
    names += [(a, How.ALIAS) for a in item.aliases]
    names += [(t, How.TEXT) for t in (item.text.id, item.text.en) if t]
    return names


def _phrases(item: Item, label: str) -> list[str]:
    """Phrases whose presence in a header makes a loose match: behaviour label, item text."""
    found = [header_key(p) for p in (label, item.text.id, item.text.en or "") if p]
    return [p for p in dict.fromkeys(found) if p]


def _column_list(headers: tuple[str, ...], positions: list[int]) -> str:
    return ", ".join(f"{mask_header(headers[p])!r} (column {p + 1})" for p in sorted(positions))


def match_items(headers: list[str], rubric: Rubric) -> ItemMatching:
    """Match every rubric item to the header row (see the module docstring for the rules)."""
    out = ItemMatching(tuple(headers))
    header_keys = [_keys(h) for h in headers]
    by_key: dict[str, set[int]] = defaultdict(set)
    for pos, keys in enumerate(header_keys):
        for key in keys:
            by_key[key].add(pos)
    claimed: dict[int, list[str]] = defaultdict(list)
    unmatched: list[tuple[Item, str]] = []
    labels = {i.id: b.label.id for v in rubric.values for b in v.behaviours for i in b.items}
    for item in rubric.items:
        hits: dict[int, How] = {}
        for name, how in exact_names(item):
            for pos in by_key.get(header_key(name), ()):
                hits.setdefault(pos, how)
        if len(hits) > 1:
            cols = _column_list(out.headers, list(hits))
            out.ambiguities.append(
                Ambiguity(f"item {item.id!r} matches more than one column: {cols}")
            )
            out.ambiguous_items.add(item.id)
        elif hits:
            ((pos, how),) = hits.items()
            out.matches[item.id] = Match(pos, how)
            claimed[pos].append(item.id)
        else:
            unmatched.append((item, labels[item.id]))
    if unmatched and rubric.columns.header_matching == HeaderMatching.LOOSE:
        _loose(out, header_keys, unmatched, set(claimed), claimed)
    for pos, items in claimed.items():
        if len(items) > 1:
            names = ", ".join(repr(i) for i in items)
            out.ambiguities.append(
                Ambiguity(
                    f"column {mask_header(headers[pos])!r} (column {pos + 1}) matches items {names}"
                )
            )
    out.missing = [
        i.id for i in rubric.items if i.id not in out.matches and i.id not in out.ambiguous_items
    ]
    return out


def _loose(
    out: ItemMatching,
    header_keys: list[set[str]],
    unmatched: list[tuple[Item, str]],
    taken: set[int],
    claimed: dict[int, list[str]],
) -> None:
    """Containment and grid-row matches for the items with no exact header."""
    phrases = {item.id: _phrases(item, label) for item, label in unmatched}
    names = {item.id: {header_key(n) for n, _ in exact_names(item)} for item, _ in unmatched}
    per_header: dict[int, dict[str, tuple[How, str]]] = defaultdict(dict)
    for pos, header in enumerate(out.headers):
        if pos in taken:
            continue
        grid = _GRID.match(header)
        row_keys = _keys(grid.group("row")) if grid else set()
        for item, _ in unmatched:
            hit = _hit(header_keys[pos], row_keys, names[item.id], phrases[item.id])
            if hit is not None:
                per_header[pos][item.id] = hit
    candidates: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for pos, hits in per_header.items():
        for item_id in _longest(hits):
            candidates[item_id].append((pos, len(per_header[pos][item_id][1])))
    for item, _ in unmatched:
        # NOTE: a header holding the item's whole text beats one holding only its label.
        found = candidates.get(item.id, [])
        longest = max((n for _, n in found), default=0)
        positions = [pos for pos, n in found if n == longest]
        if len(positions) > 1:
            cols = _column_list(out.headers, positions)
            out.ambiguities.append(
                Ambiguity(f"item {item.id!r} matches more than one column loosely: {cols}")
            )
            out.ambiguous_items.add(item.id)
        elif positions:
            pos = positions[0]
            out.matches[item.id] = Match(pos, per_header[pos][item.id][0])
            claimed[pos].append(item.id)


def _hit(
    keys: set[str], row_keys: set[str], names: set[str], phrases: list[str]
) -> tuple[How, str] | None:
    """(rule, the longest phrase found) when a header matches an item loosely, else None.

    The longest phrase counts, so an item text that contains its behaviour label decides
    between two items of one behaviour.
    """
    if row_keys:
        found = [row for row in row_keys if row in names]
        found += [p for row in row_keys for p in phrases if f" {p} " in f" {row} "]
        how = How.GRID
    else:
        found = [p for key in keys for p in phrases if f" {p} " in f" {key} "]
        how = How.CONTAINS
    return (how, max(found, key=len)) if found else None


def _longest(hits: dict[str, tuple[How, str]]) -> list[str]:
    """Items whose phrase is not merely part of another item's phrase found in the same header."""
    found = [phrase for _, phrase in hits.values()]
    return [
        item
        for item, (_, phrase) in hits.items()
        if not any(phrase != other and f" {phrase} " in f" {other} " for other in found)
    ]


def closest_header(item: Item, label: str, headers: list[str]) -> tuple[str, float] | None:
    """The header most like the item's names, label or text, with its similarity (0-1).

    Similarity is difflib's ratio (2 * matching characters / total characters of the two
    keys), the best over the item's id, aliases, text and behaviour label.
    """
    targets = [header_key(n) for n, _ in exact_names(item)] + _phrases(item, label)
    best: tuple[str, float] | None = None
    for header in headers:
        key = _unnumbered(header) or header_key(header)
        if not key:
            continue
        score = max(SequenceMatcher(None, key, t).ratio() for t in targets if t)
        if best is None or score > best[1]:
            best = (header, score)
    return best
