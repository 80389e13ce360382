"""Turn raw answer text into scale values, one distinct string at a time.

An answer is a scale label (matched after ``normalize``), a number on the scale (decimal comma
accepted: "4,0"), a missing-answer token, or invalid. Invalid answers are never coerced: the
cell is treated as unanswered and an ``Issue`` names its row, column and text.

Forms often write the number beside the label: "5 - Sangat Setuju", "5 (Sangat Setuju)",
"5. Sangat Setuju", "Sangat Setuju (5)". Such an answer is the point when the number and the
label name the same point of the rubric's scale; when they disagree ("2 - Sangat Setuju") it
stays invalid. The labels (and abbreviations such as "SS") come from the rubric's scale only.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.results import IssueCode
from berakhlak_cli.model.rubric import Scale
from berakhlak_cli.model.survey import EncodedColumn

OK = 0
_NUMBER_FIRST = re.compile(
    r"^(?P<n>\d+)\s*(?:[-\u2013\u2014:.=)]\s*|\(\s*(?=.*\)$)|\s)(?P<l>.*?)\)?$"
)
_NUMBER_LAST = re.compile(
    r"^(?P<l>.*?\S)\s*(?:\(\s*(?P<n>\d+)\s*\)|[-\u2013\u2014:=]\s*(?P<m>\d+))$"
)
_ISSUES = (None, IssueCode.UNKNOWN_LABEL, IssueCode.OUT_OF_RANGE, IssueCode.NOT_INTEGER)


@dataclass(frozen=True)
class Coded:
    """One column coded: values (NaN = unanswered or invalid) and per-row issue codes (0 = none)."""

    values: npt.NDArray[np.float64]
    problems: npt.NDArray[np.int8]


def issue_code(problem: int) -> IssueCode:
    """The ``IssueCode`` for a non-zero problem number returned in ``Coded.problems``."""
    code = _ISSUES[problem]
    if code is None:
        raise ValueError("problem 0 means no issue")
    return code


_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?", re.ASCII)


class AnswerCoder:
    """Codes answers for one scale; remembers every distinct string it has seen."""

    def __init__(self, scale: Scale, missing: tuple[str, ...]) -> None:
        self.scale = scale
        self._missing = {normalize(m) for m in missing}
        self._labels = {normalize(label): p.value for p in scale.points for label in p.labels}
        self.known = (*(label for p in scale.points for label in p.labels), *missing)
        """Every label and missing token, for telling a mistyped answer from free text."""
        self._cache: dict[str, tuple[float, int]] = {}

    def code_text(self, text: str) -> tuple[float, int]:
        """(value, problem) for one raw string; value is NaN when missing or invalid."""
        hit = self._cache.get(text)
        if hit is None:
            hit = self._cache[text] = self._decide(text)
        return hit

    def _decide(self, text: str) -> tuple[float, int]:
        key = normalize(text)
        if key in self._missing:
            return math.nan, OK
        if key in self._labels:
            return self._labels[key], OK
        if not _NUMBER.fullmatch(key):
            # NOTE: float() also takes "0_4" (as 4), "٤" and "４"; an answer is plain digits.
            return self._numbered_label(key)
        number = float(key.replace(",", "."))
        if not math.isfinite(number):
            return math.nan, 1
        if not self.scale.min <= number <= self.scale.max:
            return math.nan, 2
        if self.scale.integer_only and number != math.floor(number):
            return math.nan, 3
        return number, OK

    def _numbered_label(self, key: str) -> tuple[float, int]:
        """ "5 - sangat setuju" -> 5 when the number and the label name the same point."""
        for pattern in (_NUMBER_FIRST, _NUMBER_LAST):
            found = pattern.match(key)
            if found is None:
                continue
            number = float(found.group("n") or found.group("m"))
            label = normalize(found.group("l").strip(" ()"))
            if self._labels.get(label) == number:
                return number, OK
        return math.nan, 1

    def code(self, column: EncodedColumn) -> Coded:
        """Code a whole column: map each category once, then gather by row."""
        n_cat = len(column.categories)
        lut_v = np.empty(n_cat + 1, dtype=np.float64)
        lut_p = np.zeros(n_cat + 1, dtype=np.int8)
        for i, text in enumerate(column.categories):
            lut_v[i], lut_p[i] = self.code_text(text)
        missing_v, missing_p = self.code_text("")
        lut_v[n_cat], lut_p[n_cat] = missing_v, missing_p
        # NOTE: code -1 (null cell) indexes the last slot, which holds the empty-string coding.
        idx = np.where(column.codes < 0, n_cat, column.codes)
        return Coded(values=lut_v[idx], problems=lut_p[idx])
