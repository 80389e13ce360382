"""Peak memory on hostile inputs (issue 18): an issue in every row, and workbook bombs.

Memory must not grow with the number of data issues or with what a workbook claims to hold.
This script writes an "all-issues" CSV (every row has an unknown label in three items and
every seventh row has no unit), scores it with and without ``--issues`` at two sizes, and
scores the workbook-bomb files of the bad-input corpus; it prints a Markdown table with wall
time, peak RSS (from the child's own rusage) and exit code, and writes it into the
``hostile`` section of benchmarks/RESULTS.md. Flat memory means the peak RSS at 1M rows is
about the peak at 100k rows. Nothing here is a timed unit test.

    python benchmarks/hostile.py --sizes 100k,1m
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from pathlib import Path

from generate import parse_rows
from run import cli_environment, machine_info, run_measured, write_section

HERE = Path(__file__).resolve().parent
BOMBS = HERE.parent / "tests" / "assets" / "surveys"
BOMB_FILES = (
    "survey.bomb-far-cell.xlsx",
    "survey.bomb-shared-string.xlsx",
    "survey.bomb-shared-text.xlsx",
    "survey.bomb-repeated-row.ods",
    "survey.stray-blank-cell-row-1048576.xlsx",
)
ITEMS = [f"{v}{i}" for v in ("bp", "ak", "ko", "ha", "lo", "ad", "kl") for i in (1, 2, 3)]
BAD = {"ak2": "Setju", "ko1": "Stuju", "lo3": "7"}


def all_issues(path: Path, rows: int) -> Path:
    """Write ``rows`` rows, each with 3 invalid answers; every 7th has no unit (4 issues)."""
    if path.exists():
        return path
    answers = ["Setuju" if j % 2 else "4" for j in range(21)]
    for item, text in BAD.items():
        answers[ITEMS.index(item)] = text
    tail = ",".join(answers)
    with path.open("w", encoding="utf-8") as fh:
        fh.write("nip,unit_kerja," + ",".join(ITEMS) + "\n")
        block = []
        for r in range(rows):
            unit = "" if r % 7 == 0 else f"Biro {r % 50:02d}"
            block.append(f"{r:018d},{unit},{tail}\n")
            if len(block) == 10_000:
                fh.write("".join(block))
                block = []
        fh.write("".join(block))
    return path


def main(argv: list[str] | None = None) -> int:
    """Run every case once (the machine may be shared: one run each keeps it short)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k,1m")
    parser.add_argument("--data-dir", type=Path, default=HERE / "data")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    env, where = cli_environment()
    spec = importlib.util.find_spec("berakhlak_cli")
    if spec is not None and spec.origin:
        where = str(Path(spec.origin).parent)
    args.data_dir.mkdir(exist_ok=True)
    lines = [
        "| Input | Rows | Issues file | Wall s | Peak RSS MiB | Exit |",
        "|---|---:|---|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        out, listing = Path(tmp) / "out.json", Path(tmp) / "issues.csv"
        base = [sys.executable, "-m", "berakhlak_cli", "score", "-q", "-f", "json", "-o", str(out)]
        for size in args.sizes.split(","):
            data = all_issues(args.data_dir / f"all-issues-{size}.csv", parse_rows(size))
            for extra in ([], ["--issues", str(listing)]):
                m = run_measured([*base[:4], str(data), *base[4:], *extra], env)
                written = f"yes ({listing.stat().st_size >> 20} MiB)" if extra else "no"
                lines.append(
                    f"| all-issues | {size} | {written} | {m.wall:.1f} | {m.rss_mib:.0f} "
                    f"| {m.returncode} |"
                )
                listing.unlink(missing_ok=True)
        for name in BOMB_FILES:
            m = run_measured([*base[:4], str(BOMBS / name), *base[4:]], env)
            lines.append(f"| {name} | | no | {m.wall:.1f} | {m.rss_mib:.0f} | {m.returncode} |")
    body = "\n".join(
        [
            "## Hostile inputs (issue 18): memory flat in issues and workbook bombs",
            "",
            *machine_info(),
            f"- berakhlak-cli from: {where}; one run per case (`python benchmarks/hostile.py`)",
            "",
            *lines,
        ]
    )
    print(body)
    write_section(args.results, "hostile", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
