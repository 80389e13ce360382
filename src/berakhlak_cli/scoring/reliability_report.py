"""Accumulate item scores during scoring and report reliability per value and overall.

Alpha per value uses that value's items; the instrument alpha uses all items. Item-rest
correlations are listwise within each value (for the default rubric a value has 3 items). A
negative item-rest correlation becomes a ``negative-item-correlation`` data issue: a likely
reverse-keying mistake in the rubric; nothing is flipped automatically.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.results import Issue, IssueCode, ItemFit, ScaleReliability
from berakhlak_cli.model.rubric import Rubric
from berakhlak_cli.scoring.reliability import (
    ItemMoments,
    Missing,
    cronbach_alpha,
    item_rest,
    reverse_keying_warnings,
)

INSTRUMENT = "instrument"
SHIFT = 50.0
"""Scores are centred on the middle of 0-100 before summing, for numerical stability."""


_LEVELS = np.arange(-SHIFT - 1, SHIFT + 1)
"""Centred whole-number scores by pattern code: code c stands for c - 51 (0 = missing)."""


def _whole_codes(
    centred: npt.NDArray[np.float64], present: npt.NDArray[np.bool_]
) -> npt.NDArray[np.uint8] | None:
    """Pattern codes (``_LEVELS``, 0..101: one byte each) of centred scores, or None unless
    all are whole numbers in -50..50."""
    shifted = centred + (SHIFT + 1)
    codes = shifted.astype(np.int64)
    if not codes.size or not np.array_equal(codes, shifted):
        return None
    if int(codes.min()) < 1 or int(codes.max()) > len(_LEVELS) - 1:
        return None
    codes[~present] = 0
    return codes.astype(np.uint8)


def _centred(
    scores: npt.NDArray[np.float64], present: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float64]:
    """Scores minus ``SHIFT``, 0 where unanswered (``ItemMoments.add_centred``'s input)."""
    return np.where(present, scores - SHIFT, 0.0)


class ReliabilityAccumulator:
    """One ``ItemMoments`` per value plus one for the whole instrument."""

    def __init__(self, rubric: Rubric) -> None:
        self.rubric = rubric
        ids = [i.id for i in rubric.items]
        self._columns: dict[str, list[int]] = {
            v.id: [ids.index(i.id) for i in v.items] for v in rubric.values
        }
        self._columns[INSTRUMENT] = list(range(len(ids)))
        # NOTE: the whole instrument keeps listwise sums only: its pairwise sums would be three
        # more 21 x 21 products per batch, the largest cost of scoring at national scale.
        self._moments = {
            scale: ItemMoments([ids[c] for c in cols], SHIFT, pairwise=scale != INSTRUMENT)
            for scale, cols in self._columns.items()
        }
        self._slices = {
            scale: slice(cols[0], cols[-1] + 1) if cols else slice(0, 0)
            for scale, cols in self._columns.items()
        }

    def add(self, scores: npt.NDArray[np.float64], *, overwrite: bool = False) -> None:
        """Add the 0-100 item scores of scored respondents (items x rows, NaN = unanswered);
        ``overwrite=True`` lets the instrument's sums use ``scores``' buffer (the caller is done
        with it).

        Scores that are whole numbers between 0 and 100 (a 1-5 scale gives 0, 25, ..., 100)
        enter each value's moments as answer-pattern counts (``ItemMoments.add_patterns``,
        the same bits); any other score takes the general path.
        """
        present = ~np.isnan(scores)
        # NOTE: centred scores and codes are made value by value, a few rows at a time: for
        # the whole batch each is tens of MiB (issue #16). Whether every score is a whole
        # number stays one decision for the batch, as the same bits require.
        codes: dict[str, npt.NDArray[np.uint8]] = {}
        for scale, rows in self._slices.items():
            if scale == INSTRUMENT or rows.start == rows.stop:
                continue
            found = _whole_codes(_centred(scores[rows], present[rows]), present[rows])
            if found is None:
                codes = {}
                break
            codes[scale] = found
        for scale, rows in self._slices.items():
            moments = self._moments[scale]
            if scale in codes and 1 <= len(moments.items) <= 3:
                moments.add_patterns(codes.pop(scale), _LEVELS)
            elif scale != INSTRUMENT:
                moments.add_centred(_centred(scores[rows], present[rows]), present[rows])
        # NOTE: the instrument (every item, listwise sums only) comes last: it may overwrite.
        rows = self._slices[INSTRUMENT]
        self._moments[INSTRUMENT].add_listwise(
            scores[rows], present[rows], overwrite=overwrite and rows == slice(0, len(scores))
        )

    def finish(
        self, headers: Mapping[str, str]
    ) -> tuple[tuple[ScaleReliability, ...], list[Issue]]:
        """Reliability per value (rubric order) then the instrument, and reverse-keying issues."""
        out: list[ScaleReliability] = []
        issues: list[Issue] = []
        for scale, moments in self._moments.items():
            stats = moments.finish()
            listwise = cronbach_alpha(stats, Missing.LISTWISE)
            pairwise = cronbach_alpha(stats, Missing.PAIRWISE) if scale != INSTRUMENT else None
            rests = item_rest(stats, Missing.LISTWISE) if scale != INSTRUMENT else ()
            out.append(
                ScaleReliability(
                    scale=scale,
                    items=len(stats.items),
                    alpha=listwise.value,
                    alpha_pairwise=pairwise.value if pairwise else None,
                    complete=stats.complete,
                    fits=tuple(
                        ItemFit(r.item, r.rest_correlation, r.alpha_if_deleted) for r in rests
                    ),
                    reason=listwise.detail if listwise.value is None else "",
                )
            )
            for warning in reverse_keying_warnings(rests):
                issues.append(
                    Issue(
                        IssueCode.NEGATIVE_ITEM_CORRELATION,
                        warning.message,
                        column=headers.get(warning.item, warning.item),
                        source="reliability",
                    )
                )
        return tuple(out), issues
