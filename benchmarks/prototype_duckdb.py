"""Prototype: the validated hot path of ``score`` in DuckDB, to compare engines (issue #16).

What it does, on a realistic-shape file with labels or numbers (benchmarks/generate.py):
parse every needed column as text with a row number, map each answer (label or 1-5) to a
point with a per-item CASE, bring back the rows that need a decision (an answer that is not
on the scale: its row, column and raw cell; a repeated NIP, keep-first), and aggregate the
clean rows per unit: respondents, and per value the sum and sum of squares of the
person-first value score (the mean of the answered items), which is what the CLI's
per-unit figures and intervals need. Cronbach's alpha, behaviours and suppression are left
out, so this is a lower bound for a DuckDB engine.

    python benchmarks/prototype_duckdb.py benchmarks/data/survey-real-1m.csv

It prints the wall and CPU seconds of the query and of ``import duckdb``; the same stages of
the pyarrow + numpy engine are the ``batches`` line of ``--stages`` in run.py's notes.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

T0 = time.perf_counter()
import duckdb  # noqa: E402

IMPORT_S = time.perf_counter() - T0

VALUES = ("bp", "ak", "ko", "ha", "lo", "ad", "kl")
ITEMS = tuple(f"{v}{k}" for v in VALUES for k in (1, 2, 3))
LIKERT = {
    "sangat tidak setuju": 1,
    "tidak setuju": 2,
    "netral": 3,
    "setuju": 4,
    "sangat setuju": 5,
}


def _point(item: str) -> str:
    whens = " ".join(f"WHEN '{label}' THEN {p}" for label, p in LIKERT.items())
    numbers = " ".join(f"WHEN '{p}' THEN {p}" for p in range(1, 6))
    return f"CASE lower(trim({item})) {whens} {numbers} END"


def query(path: Path) -> str:
    """Rows with a decision (bad cells, repeated ids) and the per-unit sums, in one script."""
    points = ",\n  ".join(f"{_point(i)} AS p_{i}, {i} AS raw_{i}" for i in ITEMS)
    values = ",\n  ".join(
        "list_avg([" + ", ".join(f"(p_{v}{k} - 1) * 25.0" for k in (1, 2, 3)) + f"]) AS {v}"
        for v in VALUES
    )
    sums = ",\n  ".join(
        f"sum({v}) AS s_{v}, sum({v} * {v}) AS q_{v}, count({v}) AS n_{v}" for v in VALUES
    )
    bad_cells = ", ".join(
        f"CASE WHEN p_{i} IS NULL AND coalesce(trim(raw_{i}), '') <> '' THEN raw_{i} END AS {i}"
        for i in ITEMS
    )
    return f"""
CREATE TEMP TABLE coded AS
SELECT row_number() OVER () + 1 AS row, unit_kerja, nip,
  {points}
FROM read_csv('{path}', header = true, all_varchar = true);
CREATE TEMP TABLE bad AS
SELECT row, item, raw FROM (
  UNPIVOT (SELECT row, {bad_cells} FROM coded)
  ON {", ".join(ITEMS)} INTO NAME item VALUE raw);
CREATE TEMP TABLE repeated AS
SELECT row FROM (SELECT row, row_number() OVER (PARTITION BY nip ORDER BY row) AS k FROM coded)
WHERE k > 1;
SELECT unit_kerja, count(*) AS respondents,
  {sums}
FROM (SELECT unit_kerja, {values} FROM coded WHERE row NOT IN (SELECT row FROM repeated))
GROUP BY unit_kerja;
"""


def main(argv: list[str] | None = None) -> int:
    """Run the prototype once and print its timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    con = duckdb.connect()
    before = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    statements = [s for s in query(args.file).split(";") if s.strip()]
    for statement in statements[:-1]:
        con.execute(statement)
    units = con.execute(statements[-1]).fetchall()
    bad = con.execute("SELECT count(*) FROM bad").fetchone()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(
        f"{args.file.name}: {len(units)} units, {bad[0] if bad else 0} bad cells; "
        f"query {wall:.2f} s wall, {cpu:.2f} s CPU; import duckdb {IMPORT_S:.2f} s; "
        f"peak RSS {after.ru_maxrss / 1024:.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
