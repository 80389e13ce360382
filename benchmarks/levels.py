"""Levels at national scale (issue #17): instansi -> unit_kerja in one streaming run.

    python benchmarks/levels.py --rows 4.3m [--keep DIR]

Generates the synthetic national file of ``benchmarks/generate.py`` (540 instansi, about
5 400 units, log-normal sizes), a units file with a ``level`` column (each unit's headcount
is its expected respondents over a drawn response rate, the instansi's the sum of its units),
then runs ``score --level instansi --level unit_kerja --units ... --format json`` once in a
child process and prints its wall time and peak RSS (``resource.getrusage`` of the child).
``--no-units`` scores without headcounts (every unit stays in its instansi, so complementary
suppression has the most to do); ``--baseline`` also runs plain ``score`` (by unit) for
comparison on the same machine at the same time.
One run, not a median: the numbers are indicative, and on a shared machine they move with the
load (say so when quoting them).
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import main as generate_main  # noqa: E402
from generate import parse_rows  # noqa: E402


def write_units(survey: Path, out: Path) -> tuple[int, int]:
    """A levels units file for ``survey``: headcount = respondents / 0.8, rounded up."""
    units: Counter[tuple[str, str]] = Counter()
    with survey.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        for row in reader:
            units[(row[0], row[1])] += 1
    instansi: Counter[str] = Counter()
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["level", "instansi", "unit_kerja", "headcount"])
        for (inst, unit), n in sorted(units.items()):
            head = -(-n * 5 // 4)
            instansi[inst] += head
            writer.writerow(["unit_kerja", inst, unit, head])
        for inst, head in sorted(instansi.items()):
            writer.writerow(["instansi", inst, "", head])
    return len(instansi), len(units)


def main(argv: list[str] | None = None) -> int:
    """Generate, score once with levels, print time and peak RSS (one run; on a shared
    machine the numbers move with the load)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="4.3m", type=parse_rows)
    parser.add_argument("--keep", type=Path, help="folder for the generated files (kept)")
    parser.add_argument("--no-units", action="store_true", help="score without headcounts")
    parser.add_argument("--baseline", action="store_true", help="also time plain score")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="levels-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    survey, units, out = folder / "survey.csv", folder / "units.csv", folder / "results.json"
    if not survey.exists():
        generate_main(["--rows", str(args.rows), "--out", str(survey)])
    n_inst, n_units = write_units(survey, units)
    base = [sys.executable, "-m", "berakhlak_cli", "score", str(survey), "-q"]
    base += ["-o", str(out), "--generated-at", "2026-01-01T00:00:00Z"]
    cmd = [*base, "--level", "instansi", "--level", "unit_kerja"]
    cmd += [] if args.no_units else ["--units", str(units)]
    print(f"rows {args.rows:,}  instansi {n_inst}  units {n_units}")
    code = _timed("levels", cmd)
    if args.baseline:
        code = code or _timed("plain score", base)
    return code


def _timed(name: str, cmd: list[str]) -> int:
    """Run ``cmd`` once; print wall time and its peak RSS (the largest child so far)."""
    start = time.perf_counter()
    done = subprocess.run(cmd, env=os.environ.copy(), check=False)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{name}: exit {done.returncode}  wall {wall:.1f} s  peak RSS {peak:.0f} MiB")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
