"""Reference scoring in plain pandas: what a competent analyst would write by hand.

The arithmetic is the CLI's person-first default (docs/method.md §2), grouped by unit_kerja:

- item score s = (x - 1) / 4 * 100 on the 1-5 scale (blank -> missing);
- a respondent with no answered item is excluded (the CLI's "blank-respondent");
- respondent value = mean of that value's answered items (one item per behaviour, weight 1);
- unit value score = mean over the unit's respondents who have that value;
- unit index = mean of the unit's value scores (those that exist);
- the institution row pools all respondents with the same formulas.

Label files ("Sangat Tidak Setuju" ... "Sangat Setuju") are mapped to 1-5 first.

Writes {"groups": {unit: {"respondents", "values": {value_id: raw}, "index"}},
"institution": {...}}; missing scores are null.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import math
import sys
from pathlib import Path
from typing import Any

import pandas as pd

VALUES = {
    "berorientasi_pelayanan": ["bp1", "bp2", "bp3"],
    "akuntabel": ["ak1", "ak2", "ak3"],
    "kompeten": ["ko1", "ko2", "ko3"],
    "harmonis": ["ha1", "ha2", "ha3"],
    "loyal": ["lo1", "lo2", "lo3"],
    "adaptif": ["ad1", "ad2", "ad3"],
    "kolaboratif": ["kl1", "kl2", "kl3"],
}
ITEMS = [item for items in VALUES.values() for item in items]
LIKERT = {
    "Sangat Tidak Setuju": 1,
    "Tidak Setuju": 2,
    "Netral": 3,
    "Setuju": 4,
    "Sangat Setuju": 5,
}


def is_label_file(path: Path) -> bool:
    """True when the first rows hold Likert labels rather than numbers."""
    with path.open(encoding="utf-8", newline="") as fh:
        head = list(itertools.islice(csv.reader(fh), 201))
    return any(cell in LIKERT for row in head[1:] for cell in row)


def read_items(path: Path) -> pd.DataFrame:
    """unit_kerja plus the 21 items as numbers 1-5 (NaN = blank)."""
    if is_label_file(path):
        cats = dict.fromkeys(ITEMS, "category")
        df = pd.read_csv(path, usecols=["unit_kerja", *ITEMS], dtype={"unit_kerja": str, **cats})
        # NOTE: Series.map on a categorical maps each distinct label once.
        for item in ITEMS:
            df[item] = df[item].map(LIKERT).astype("float64")
        return df
    dtypes = {"unit_kerja": str, **dict.fromkeys(ITEMS, "float64")}
    return pd.read_csv(path, usecols=["unit_kerja", *ITEMS], dtype=dtypes)


def respondent_values(df: pd.DataFrame) -> pd.DataFrame:
    """One row per scored respondent: unit_kerja and the 7 value scores (0-100)."""
    scores = (df[ITEMS] - 1) / 4 * 100
    answered = scores.notna().any(axis=1)
    out = pd.DataFrame({vid: scores[items].mean(axis=1) for vid, items in VALUES.items()})
    out.insert(0, "unit_kerja", df["unit_kerja"])
    return out[answered]


def _clean(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


def _row(respondents: int, values: pd.Series) -> dict[str, Any]:
    index = values.mean()  # skips missing value scores
    return {
        "respondents": int(respondents),
        "values": {vid: _clean(values[vid]) for vid in VALUES},
        "index": _clean(index),
    }


def score_units(path: Path) -> dict[str, Any]:
    """Score ``path`` per unit_kerja and for the whole institution."""
    resp = respondent_values(read_items(path))
    by_unit = resp.groupby("unit_kerja", sort=True)
    means = by_unit[list(VALUES)].mean()
    counts = by_unit.size()
    groups = {unit: _row(counts[unit], means.loc[unit]) for unit in means.index}
    institution = _row(len(resp), resp[list(VALUES)].mean())
    return {"groups": groups, "institution": institution}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)
    args.out.write_text(json.dumps(score_units(args.file)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
