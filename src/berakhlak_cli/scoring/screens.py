"""Row screens: duplicate respondent ids and straight-lining.

Respondent ids are compared by a 64-bit hash, never stored as text, so personal ids (NIP) are
not kept in memory longer than a batch; with 4.3 million ids the chance of any collision is
about 5e-7.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.rubric import DuplicatePolicy
from berakhlak_cli.model.survey import EncodedColumn

Hashes = npt.NDArray[np.uint64]
Mask = npt.NDArray[np.bool_]
_NOT_ID = re.compile(r"[\W_]+")
_ASCII_NOT_ID = bytes(c for c in range(128) if not chr(c).isalnum())
"""The characters ``_NOT_ID`` removes, for ASCII text (spaces, punctuation, controls)."""
_SEP = "\x1f"
_RUN_LIMIT = 1 << 20
"""Ids (8 bytes each) a sorted run of seen ids grows to before it stops being merged."""
"""Joins a batch's ids so that they are normalised in one C call each (a stable code point:
NFKC never composes across it, so normalising the joined text equals normalising each id)."""
_INVISIBLE = (
    "\u00ad",
    *map(chr, range(0x200B, 0x2010)),
    *map(chr, range(0x2060, 0x2065)),
    "\ufeff",
)
"""Soft hyphen, zero-width and direction marks, word joiner, BOM: left over after NFKC."""
_BATCH_ASCII_NOT_ID = _ASCII_NOT_ID.replace(b"\x1f", b"")


def respondent_key(text: str) -> str:
    """The form of a respondent id that duplicates are compared on.

    NFKC (full-width digits become ASCII), then every character that is not a letter or digit
    removed (spaces, zero-width characters, controls, punctuation): ``19850510 200501 1 002``,
    ``1985.0510-2005…`` and a NIP with a zero-width space are the same id. Leading zeros are
    kept (``0071`` is not ``71``).
    """
    if text.isascii():
        return text.encode("ascii").translate(None, _ASCII_NOT_ID).decode("ascii")
    return _NOT_ID.sub("", unicodedata.normalize("NFKC", text))


def respondent_keys(ids: Sequence[str]) -> list[str]:
    """``respondent_key`` of every id, batch-wise: the duplicate screen is on the hot path.

    The ids are joined and normalised as one text, then split again: plain ASCII ids (nearly
    all) cost one ``bytes.translate`` for the whole batch; NFKC and the removal of invisible
    characters are a few C calls more. A batch that still holds other non-ASCII text, or an id
    holding the separator itself, is normalised id by id.
    """
    flat = "".join(ids)
    if flat.isascii() and flat.encode("ascii").isalnum():
        return list(ids)
    joined = original = _SEP.join(ids)
    if not joined.isascii():
        joined = unicodedata.normalize("NFKC", joined)
        for char in _INVISIBLE:
            if char in joined:
                joined = joined.replace(char, "")
        if not joined.isascii():
            return [respondent_key(t) for t in ids]
    data = joined.encode("ascii")
    kept = data.translate(None, _BATCH_ASCII_NOT_ID)
    if len(kept) == len(data) and joined is original:
        return list(ids)
    keys = kept.decode("ascii").split(_SEP)
    if len(keys) != len(ids):
        return [respondent_key(t) for t in ids]
    return keys


def id_hashes(column: EncodedColumn) -> tuple[Hashes, Mask]:
    """(hash per row, has-id mask); blank ids have no hash and are never duplicates.

    Python's string hash (SipHash, 64-bit) of ``respondent_key`` is used: it is stable within
    one run, which is all duplicate detection needs, and costs one C call per distinct id.
    """
    cats = [*respondent_keys(column.categories), ""]
    hashed = np.fromiter(map(hash, cats), dtype=np.int64, count=len(cats))
    blank = np.fromiter(map(operator.not_, cats), dtype=bool, count=len(cats))
    # NOTE: a null cell (code -1) reads the appended "" (blank: no id).
    idx = np.where(column.codes < 0, len(cats) - 1, column.codes)
    return hashed.view(np.uint64)[idx], ~blank[idx]


class DuplicateScreen:
    """Finds repeated respondent ids across batches.

    ``keep_first`` works in one pass. ``keep_last`` and ``reject`` need to know the future, so
    the caller first feeds every id through ``plan`` and then asks ``drop`` per batch.
    """

    def __init__(self, policy: DuplicatePolicy) -> None:
        self.policy = policy
        self._seen: list[Hashes] = []
        self._plan_hashes: list[Hashes] = []
        self._plan_rows: list[npt.NDArray[np.int64]] = []
        self._drop_rows: npt.NDArray[np.int64] | None = None
        self._closed = False

    @property
    def needs_plan(self) -> bool:
        """True when ids must be read in a first pass."""
        return self.policy != DuplicatePolicy.KEEP_FIRST

    def plan(self, first_row: int, column: EncodedColumn) -> None:
        """First pass: remember every (id hash, row)."""
        hashes, has_id = id_hashes(column)
        rows = np.arange(first_row, first_row + len(column), dtype=np.int64)
        self._plan_hashes.append(hashes[has_id])
        self._plan_rows.append(rows[has_id])

    def _planned_drops(self) -> npt.NDArray[np.int64]:
        if self._drop_rows is None:
            hashes = np.concatenate(self._plan_hashes or [np.zeros(0, np.uint64)])
            rows = np.concatenate(self._plan_rows or [np.zeros(0, np.int64)])
            order = np.lexsort((rows, hashes))
            h, r = hashes[order], rows[order]
            same_as_next = np.append(h[:-1] == h[1:], False) if len(h) else np.zeros(0, bool)
            same_as_prev = np.insert(h[1:] == h[:-1], 0, False) if len(h) else np.zeros(0, bool)
            if self.policy == DuplicatePolicy.KEEP_LAST:
                drop = same_as_next
            else:
                drop = same_as_next | same_as_prev
            self._drop_rows = np.sort(r[drop])
            self._plan_hashes, self._plan_rows = [], []
        return self._drop_rows

    def forget(self) -> None:
        """Drop the ids seen (8 bytes per respondent, 34 MiB at 4,3M rows): once the last batch
        is screened nothing reads them, and ``finish`` should not allocate on top of them."""
        self._seen, self._plan_hashes, self._plan_rows = [], [], []
        self._drop_rows = None
        self._closed = True

    def drop(self, first_row: int, column: EncodedColumn) -> Mask:
        """Rows of this batch to exclude as duplicates."""
        if self._closed:
            raise RuntimeError("duplicate screen used after forget(): the ids seen are gone")
        if self.needs_plan:
            rows = np.arange(first_row, first_row + len(column), dtype=np.int64)
            return np.isin(rows, self._planned_drops())
        hashes, has_id = id_hashes(column)
        ids = hashes[has_id]
        # One stable sort gives both the within-batch repeats (equal to the previous entry,
        # which is earlier in the file because the sort is stable) and a sorted run to merge.
        order = np.argsort(ids, kind="stable")
        ordered = ids[order]
        repeat = np.zeros(len(ids), dtype=bool)
        repeat[order[1:]] = ordered[1:] == ordered[:-1]
        # NOTE: the needles are searched in sorted order (``ordered``): numpy then narrows each
        # search from the previous hit and walks the run front to back, a fraction of the
        # cost of a million random probes.
        earlier = np.zeros(len(ids), dtype=bool)
        for run in self._seen:
            pos = np.searchsorted(run, ordered).clip(max=len(run) - 1)
            earlier |= run[pos] == ordered
        repeat[order] |= earlier
        dup = np.zeros(len(hashes), dtype=bool)
        dup[np.flatnonzero(has_id)] = repeat
        # NOTE: the ids seen are kept as sorted runs of decreasing length, a run merged into
        # the one before it once it is as long: each id is merged O(log batches) times, not
        # once per later batch, and a lookup searches O(log batches) runs. A run stops growing
        # at _RUN_LIMIT ids: merging two runs holds both and the result at once, which for
        # one run of every id seen was 24 bytes per respondent at the end of a national file
        # (102 MiB at 4,3M rows); capped, a merge holds at most ~20 MiB and a lookup searches
        # one more run per million ids (issue #16).
        if len(ordered):
            self._seen.append(ordered)
        while (
            len(self._seen) > 1
            and len(self._seen[-1]) >= len(self._seen[-2])
            and len(self._seen[-2]) < _RUN_LIMIT
        ):
            last = self._seen.pop()
            merged = np.concatenate([self._seen[-1], last])
            del last
            self._seen[-1] = merged  # the old run is freed before the sort's buffer is taken
            merged.sort(kind="stable")  # two sorted runs: timsort merges them in one pass
        return dup


def straight_lined(answers: npt.NDArray[np.float64], min_same: int | None = None) -> Mask:
    """Respondents (columns) who gave every item (rows) the same raw answer; needs 3+ items.

    With ``min_same`` k (``quality.straight_lining_min_same``): respondents of whom at least k
    answered items share one raw answer (the longest run of equal values after sorting each
    respondent's answers; unanswered cells never count)."""
    if min_same is None:
        if answers.shape[0] < 3:
            return np.zeros(answers.shape[1], dtype=bool)
        complete = ~np.isnan(answers).any(axis=0)
        same = (answers == answers[0]).all(axis=0)
        return np.asarray(complete & same, dtype=bool)
    return np.asarray(_longest_run(answers) >= min_same, dtype=bool)


def _longest_run(answers: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """Per column, the largest number of non-NaN entries sharing one value (0 if none)."""
    items, n = answers.shape
    if items == 0 or n == 0:
        return np.zeros(n, dtype=np.int64)
    ordered = np.sort(answers, axis=0)  # NaN sorts last
    present = ~np.isnan(ordered)
    run = present[0].astype(np.int64)
    best = run.copy()
    for i in range(1, items):
        same = present[i] & (ordered[i] == ordered[i - 1])
        run = np.where(same, run + 1, present[i].astype(np.int64))
        best = np.maximum(best, run)
    return np.asarray(best, dtype=np.int64)
