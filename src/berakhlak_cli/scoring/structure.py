"""The rubric's hierarchy, and the person-level scores built along it.

Formulas (issue #2, docs/method.md):

- item score        s = (x - z) / (max - z) * 100 with z = min (``conversion: min_max``, the
                    default) or z = 0 (``of_max``: x * 100 / max, the KEP/25/M.PAN/2/2004
                    IKM convention); reverse-keyed items use max + min - x
- behaviour score   b = sum(w_i s_i) / sum(w_i) over the items the respondent answered
- value score       v = sum(w_b b) / sum(w_b) over behaviours that have a score
- respondent index  r = sum(w_v v) / sum(w_v) over values that have a score
- pooled points     per value: sum(w_i s_i) and sum(w_i) over answered items (for the
                    "pooled" method: group value = total points / total weight)

Arrays are item-major (items x respondents): each item's answers are one contiguous vector,
and the items of a behaviour (and the behaviours of a value) are consecutive rows in rubric
order, so every level is a weighted sum of a few rows (a matrix-vector product) and no
Python loop ever runs over respondents.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.rubric import Conversion, Rubric

Matrix = npt.NDArray[np.float64]
Span = tuple[int, int]


@dataclass(frozen=True)
class Structure:
    """Per-item scale bounds and weights, and which consecutive rows form each level."""

    item_ids: tuple[str, ...]
    value_ids: tuple[str, ...]
    low: Matrix
    high: Matrix
    zero: Matrix
    """Per item, the answer that scores 0: the scale's min, or 0 under ``of_max``."""
    reverse: npt.NDArray[np.bool_]
    item_weight: Matrix
    behaviour_items: tuple[Span, ...]
    """For each behaviour, its items as a [start, end) row range."""
    behaviour_weight: Matrix
    value_behaviours: tuple[Span, ...]
    """For each value, its behaviours as a [start, end) row range."""
    value_items: tuple[Span, ...]
    """For each value, its items as a [start, end) row range (pooled method)."""
    value_weight: Matrix

    @classmethod
    def from_rubric(cls, rubric: Rubric) -> Structure:
        """Derive spans and weights in rubric order."""
        items = rubric.items
        behaviour_items: list[Span] = []
        value_behaviours: list[Span] = []
        value_items: list[Span] = []
        item_pos = behaviour_pos = 0
        for value in rubric.values:
            value_start_item, value_start_behaviour = item_pos, behaviour_pos
            for behaviour in value.behaviours:
                behaviour_items.append((item_pos, item_pos + len(behaviour.items)))
                item_pos += len(behaviour.items)
                behaviour_pos += 1
            value_behaviours.append((value_start_behaviour, behaviour_pos))
            value_items.append((value_start_item, item_pos))
        scales = [rubric.scales[item.scale] for item in items]
        return cls(
            item_ids=tuple(item.id for item in items),
            value_ids=tuple(v.id for v in rubric.values),
            low=np.array([s.min for s in scales], dtype=np.float64),
            high=np.array([s.max for s in scales], dtype=np.float64),
            zero=np.array(
                [s.min if s.conversion == Conversion.MIN_MAX else 0.0 for s in scales],
                dtype=np.float64,
            ),
            reverse=np.array([item.reverse for item in items], dtype=bool),
            item_weight=np.array([item.weight for item in items], dtype=np.float64),
            behaviour_items=tuple(behaviour_items),
            behaviour_weight=np.array(
                [b.weight for v in rubric.values for b in v.behaviours], dtype=np.float64
            ),
            value_behaviours=tuple(value_behaviours),
            value_items=tuple(value_items),
            value_weight=np.array([v.weight for v in rubric.values], dtype=np.float64),
        )


def item_scores(answers: Matrix, st: Structure, *, in_place: bool = False) -> Matrix:
    """0-100 item scores (items x respondents) from raw answers; NaN stays NaN.

    ``in_place=True`` overwrites ``answers`` with the scores (the same operations, so the same
    bits): a national batch's answers are tens of MiB that the caller no longer needs.
    """
    low, high, zero = st.low[:, None], st.high[:, None], st.zero[:, None]
    if in_place:
        for r in np.flatnonzero(st.reverse).tolist():
            np.subtract(high[r] + low[r], answers[r], out=answers[r])
        answers -= zero
        answers *= 100.0 / (high - zero)
        return answers
    if st.reverse.any():
        answers = np.where(st.reverse[:, None], high + low - answers, answers)
    out = answers - zero
    out *= 100.0 / (high - zero)
    return out


def keep_columns(scores: Matrix, keep: npt.NDArray[np.bool_]) -> Matrix:
    """``scores[:, keep]`` (rows x kept columns, C-contiguous), built in ``scores``' own
    buffer, which it overwrites.

    A batch's scores are tens of MiB: the kept columns are moved to the front of the buffer
    row by row (row j lands at j * kept, never past the start of row j + 1), so no second
    array of that size exists; with every column kept, ``scores`` itself is returned.
    """
    items, n = scores.shape
    m = int(np.count_nonzero(keep))
    if m == n:
        return scores
    if not scores.flags.c_contiguous:
        return scores[:, keep]
    flat = scores.reshape(-1)
    for j in range(items):
        flat[j * m : (j + 1) * m] = scores[j, keep]
    return flat[: items * m].reshape(items, m)


def weighted_rows(scores: Matrix, weights: Matrix) -> Matrix:
    """Weighted mean over rows of the non-NaN entries, per column; NaN where none is present."""
    if scores.shape[0] == 1:
        return np.array(scores[0], dtype=np.float64)
    present = ~np.isnan(scores)
    num = weights @ np.where(present, scores, 0.0)
    den = weights @ present.astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def behaviour_scores(scores: Matrix, st: Structure) -> Matrix:
    """Respondents' behaviour scores (behaviours x n): weighted mean of answered items."""
    behaviours = np.empty((len(st.behaviour_items), scores.shape[1]))
    for row, (a, b) in enumerate(st.behaviour_items):
        behaviours[row] = weighted_rows(scores[a:b], st.item_weight[a:b])
    return behaviours


def person_scores(
    scores: Matrix, st: Structure, behaviours: Matrix | None = None
) -> tuple[Matrix, Matrix]:
    """(value scores values x n, respondent index n) by the person-first method
    (``behaviours``: ``behaviour_scores(scores, st)`` when the caller already has them)."""
    n = scores.shape[1]
    if behaviours is None:
        behaviours = behaviour_scores(scores, st)
    values = np.empty((len(st.value_behaviours), n))
    for row, (a, b) in enumerate(st.value_behaviours):
        values[row] = weighted_rows(behaviours[a:b], st.behaviour_weight[a:b])
    return values, weighted_rows(values, st.value_weight)


def pooled_points(scores: Matrix, st: Structure) -> tuple[Matrix, Matrix]:
    """(points, weight), each values x n: sum(w s) and sum(w) over answered items of a value."""
    present = ~np.isnan(scores)
    filled = np.where(present, scores, 0.0)
    mask = present.astype(np.float64)
    points = np.stack([st.item_weight[a:b] @ filled[a:b] for a, b in st.value_items])
    weight = np.stack([st.item_weight[a:b] @ mask[a:b] for a, b in st.value_items])
    return points, weight
