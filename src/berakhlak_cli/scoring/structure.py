"""The rubric's hierarchy as weight matrices, and the person-level scores built with them.

Formulas (issue #2, docs/method.md):

- item score        s = (x - min) / (max - min) * 100; reverse-keyed items use max + min - x
- behaviour score   b = sum(w_i s_i) / sum(w_i) over the items the respondent answered
- value score       v = sum(w_b b) / sum(w_b) over behaviours that have a score
- respondent index  r = sum(w_v v) / sum(w_v) over values that have a score
- pooled points     per value: sum(w_i s_i) and sum(w_i) over answered items (for the
                    "pooled" method: group value = total points / total weight)

Every step is a masked matrix product, so a batch of n respondents costs a few (n x 21)
operations and no Python loop over rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.rubric import Rubric

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Structure:
    """Weight matrices derived once from a rubric."""

    item_ids: tuple[str, ...]
    value_ids: tuple[str, ...]
    low: Matrix
    high: Matrix
    reverse: npt.NDArray[np.bool_]
    item_weight: Matrix
    item_behaviour: Matrix
    """(items x behaviours) item weights where the item belongs to the behaviour, else 0."""
    behaviour_value: Matrix
    """(behaviours x values) behaviour weights where the behaviour belongs to the value."""
    item_value: Matrix
    """(items x values) item weights where the item belongs to the value (pooled method)."""
    value_weight: Matrix

    @classmethod
    def from_rubric(cls, rubric: Rubric) -> Structure:
        """Build the matrices in rubric order."""
        items = rubric.items
        behaviours = [b for v in rubric.values for b in v.behaviours]
        item_behaviour = np.zeros((len(items), len(behaviours)))
        behaviour_value = np.zeros((len(behaviours), len(rubric.values)))
        item_value = np.zeros((len(items), len(rubric.values)))
        i = b = 0
        for v_idx, value in enumerate(rubric.values):
            for behaviour in value.behaviours:
                behaviour_value[b, v_idx] = behaviour.weight
                for item in behaviour.items:
                    item_behaviour[i, b] = item.weight
                    item_value[i, v_idx] = item.weight
                    i += 1
                b += 1
        scales = [rubric.scales[item.scale] for item in items]
        return cls(
            item_ids=tuple(item.id for item in items),
            value_ids=tuple(v.id for v in rubric.values),
            low=np.array([s.min for s in scales], dtype=np.float64),
            high=np.array([s.max for s in scales], dtype=np.float64),
            reverse=np.array([item.reverse for item in items], dtype=bool),
            item_weight=np.array([item.weight for item in items], dtype=np.float64),
            item_behaviour=item_behaviour,
            behaviour_value=behaviour_value,
            item_value=item_value,
            value_weight=np.array([v.weight for v in rubric.values], dtype=np.float64),
        )


def item_scores(answers: Matrix, st: Structure) -> Matrix:
    """0-100 item scores from raw answers (NaN stays NaN)."""
    keyed = np.where(st.reverse, st.high + st.low - answers, answers)
    return (keyed - st.low) / (st.high - st.low) * 100.0


def masked_mean(scores: Matrix, weights: Matrix) -> Matrix:
    """Weighted mean of the non-NaN columns of ``scores`` into each output column.

    ``weights`` is (inputs x outputs); an output with no non-NaN input is NaN.
    """
    present = ~np.isnan(scores)
    num = np.where(present, scores, 0.0) @ weights
    den = present.astype(np.float64) @ weights
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def person_scores(scores: Matrix, st: Structure) -> tuple[Matrix, Matrix]:
    """(value scores n x V, respondent index n) by the person-first method."""
    behaviours = masked_mean(scores, st.item_behaviour)
    values = masked_mean(behaviours, st.behaviour_value)
    index = masked_mean(values, st.value_weight[:, None])[:, 0]
    return values, index


def pooled_points(scores: Matrix, st: Structure) -> tuple[Matrix, Matrix]:
    """(points n x V, weight n x V): sum(w s) and sum(w) over answered items of each value."""
    present = ~np.isnan(scores)
    return np.where(present, scores, 0.0) @ st.item_value, present.astype(
        np.float64
    ) @ st.item_value
