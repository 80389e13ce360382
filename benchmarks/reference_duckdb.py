"""Reference scoring in DuckDB: one SQL query, as a data engineer would write it.

Same arithmetic as reference_pandas.py and the CLI's person-first default (docs/method.md §2):
item score (x - 1) / 4 * 100; respondent value = mean of that value's answered items;
respondents with no answered item are excluded; unit value score = mean over respondents
having the value; unit index = mean of the unit's value scores; the institution row pools
all respondents (here the empty grouping set of the same query).

The CSV is read with explicit column types. For label files the items are read as VARCHAR
and mapped to 1-5 with a CASE expression per item, so the comparison with the CLI (which
maps labels too) is fair.
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

import duckdb

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
OTHER_COLUMNS = {
    "instansi": "VARCHAR",
    "unit_kerja": "VARCHAR",
    "jenis_asn": "VARCHAR",
    "nip": "VARCHAR",
}


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def is_label_file(path: Path) -> bool:
    """True when the first rows hold Likert labels rather than numbers."""
    with path.open(encoding="utf-8", newline="") as fh:
        head = list(itertools.islice(csv.reader(fh), 201))
    return any(cell in LIKERT for row in head[1:] for cell in row)


def header_columns(path: Path) -> list[str]:
    """The file's column names (the narrow and the realistic shape differ)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


def build_query(path: Path, labels: bool) -> str:
    """The one scoring query (per unit_kerja plus the pooled institution row)."""
    item_type = "VARCHAR" if labels else "TINYINT"
    names = header_columns(path) if path.exists() else [*OTHER_COLUMNS, *ITEMS]
    columns = {c: item_type if c in ITEMS else "VARCHAR" for c in names}
    columns_sql = ", ".join(f"{_sql_str(c)}: {_sql_str(t)}" for c, t in columns.items())
    if labels:
        whens = " ".join(f"WHEN {_sql_str(lab)} THEN {num}" for lab, num in LIKERT.items())
        numeric = {item: f"CASE {item} {whens} END" for item in ITEMS}
    else:
        numeric = {item: item for item in ITEMS}
    item_scores = ",\n    ".join(f"({numeric[i]} - 1) * 25.0 AS {i}" for i in ITEMS)

    # NOTE: list_avg skips NULLs, so this is the mean of the answered items (NULL if none).
    resp_values = ",\n    ".join(
        f"list_avg([{', '.join(items)}]) AS {vid}" for vid, items in VALUES.items()
    )
    any_answered = " OR ".join(f"{i} IS NOT NULL" for i in ITEMS)
    group_values = ",\n  ".join(f"avg({vid}) AS {vid}" for vid in VALUES)
    index = "list_avg([" + ", ".join(f"avg({vid})" for vid in VALUES) + "])"
    return f"""
WITH items AS (
  SELECT unit_kerja,
    {item_scores}
  FROM read_csv({_sql_str(str(path))}, header = true, auto_detect = false,
                columns = {{{columns_sql}}})
), respondents AS (
  SELECT unit_kerja,
    {resp_values}
  FROM items
  WHERE {any_answered}
)
SELECT unit_kerja, grouping(unit_kerja) = 1 AS is_institution,
  count(*) AS respondents,
  {group_values},
  {index} AS idx
FROM respondents
GROUP BY GROUPING SETS ((unit_kerja), ())
"""


def _clean(x: float | None) -> float | None:
    return None if x is None or math.isnan(x) else float(x)


def score_units(path: Path) -> dict[str, Any]:
    """Score ``path`` per unit_kerja and for the whole institution."""
    con = duckdb.connect()
    rows = con.execute(build_query(path, is_label_file(path))).fetchall()
    groups: dict[str, Any] = {}
    institution: dict[str, Any] = {}
    for unit, is_institution, respondents, *rest in rows:
        row = {
            "respondents": int(respondents),
            "values": {vid: _clean(v) for vid, v in zip(VALUES, rest[:-1], strict=True)},
            "index": _clean(rest[-1]),
        }
        if is_institution:
            institution = row
        else:
            groups[unit] = row
    return {"groups": dict(sorted(groups.items())), "institution": institution}


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
