"""Time small-group suppression on a file with very many units, one of them small (issue #18).

The file has ``--units`` units of ``--size`` respondents each, plus one unit of 2 respondents
(below the default anonymity floor of 5), so suppression must withhold the small unit and one
complement among all the others. Before issue #18 the complement search cost units², and
40 000 units took 89 s. Answers are numbers 1-5 from a seeded generator; there is no respondent
id (suppression, not the duplicate screen, is what is measured).

    python benchmarks/suppression_scale.py --units 40000 --size 5

prints the wall time of ``berakhlak score FILE --format json --output OUT`` (one run: this is
a scaling check, not a speed race; see README.md for the timed benchmarks).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ITEMS = [f"{v}{i}" for v in ("bp", "ak", "ko", "ha", "lo", "ad", "kl") for i in (1, 2, 3)]


def write_survey(path: Path, units: int, size: int, seed: int = 7) -> int:
    """Write the survey; return its number of data rows."""
    rng = np.random.default_rng(seed)
    rows = units * size + 2
    answers = rng.integers(1, 6, size=(rows, len(ITEMS)))
    names = [f"Unit {u:06d}" for u in range(units) for _ in range(size)]
    names += ["Unit Kecil", "Unit Kecil"]
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("unit_kerja," + ",".join(ITEMS) + "\n")
        for name, row in zip(names, answers.tolist(), strict=True):
            out.write(name + "," + ",".join(map(str, row)) + "\n")
    return rows


def main(argv: list[str] | None = None) -> int:
    """Generate the file in a temporary folder, score it once, print the wall time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=40_000)
    parser.add_argument("--size", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        survey = Path(tmp) / "survey.csv"
        rows = write_survey(survey, args.units, args.size)
        command = [sys.executable, "-m", "berakhlak_cli", "score", str(survey)]
        command += ["--format", "json", "--output", str(Path(tmp) / "out.json"), "-q"]
        start = time.perf_counter()
        subprocess.run(command, check=True)
        wall = time.perf_counter() - start
    print(f"{args.units + 1} units, {rows} rows: {wall:.1f} s wall")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
