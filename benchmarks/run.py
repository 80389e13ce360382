"""Time ``berakhlak score`` against plain-pandas and DuckDB references (issue #7).

For each size the runner generates the data file if it is missing (generate.py), reads it
once so every tool starts from a warm page cache, then runs each tool ``--runs`` times as a
separate whole process, interleaved round by round (cli, pandas, duckdb; the order rotates).
Per child it records wall time (perf_counter around spawn..reap), CPU time (user + sys) and
peak RSS, both from the child's own ``rusage`` returned by ``os.wait4`` in a small launcher
process (see ``_LAUNCHER``: a child exec'd from the runner itself would inherit its peak).
It reports medians of wall and CPU, the largest peak RSS, the ratio to DuckDB's median wall,
and whether the outputs agree (abs tol 1e-6 on every group's respondents, value scores and
index).

Results go to stdout and to benchmarks/RESULTS.md (one section per answer format, so a
``--labels`` run does not erase the numeric one). Targets are judged by hand from this
table; nothing here is a timed unit test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

TOL = 1e-6
TOOLS: tuple[str, ...] = ("berakhlak", "duckdb", "parse-floor", "read-floor")
"""Tools timed by default; ``--pandas`` adds the pandas reference (slow on a shared machine),
``--no-floors`` drops the two floors (floors.py: pyarrow's parse alone, the loader alone)."""
FLOORS = ("parse-floor", "read-floor")
TIMEOUT_S = 1800


@dataclass
class Measure:
    """One child process: wall and CPU seconds, peak RSS in MiB, exit code, stderr."""

    wall: float
    cpu: float
    rss_mib: float
    returncode: int
    stderr: str


@dataclass
class ToolResult:
    """All runs of one tool on one file."""

    runs: list[Measure] = field(default_factory=list)
    output: Path | None = None
    failure: str | None = None


_LAUNCHER = r"""
import json, os, subprocess, sys, threading, time
cmd, timeout = json.loads(sys.argv[1]), float(sys.argv[2])
t0 = time.perf_counter()
proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
timer = threading.Timer(timeout, proc.kill)
timer.start()
try:
    _, status, usage = os.wait4(proc.pid, 0)
finally:
    timer.cancel()
wall = time.perf_counter() - t0
print(json.dumps([wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
                  os.waitstatus_to_exitcode(status)]))
"""
"""Runs one command and prints its wall, CPU, peak RSS (KiB) and exit code as JSON.

Why a launcher: Linux carries the exec'ing process's RSS high-water mark into the new
program's ``ru_maxrss`` (exec keeps the larger of the two). A child started straight from
this runner, which holds generated data and decoded outputs, would report the runner's peak
instead of its own. The launcher is a small fresh process, so the command it forks reports
only itself."""


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> Measure:
    """Run ``cmd`` to completion through ``_LAUNCHER``; rusage is the command's own."""
    with tempfile.TemporaryFile() as err:
        launcher = [sys.executable, "-S", "-c", _LAUNCHER, json.dumps(cmd), str(TIMEOUT_S)]
        done = subprocess.run(launcher, stdout=subprocess.PIPE, stderr=err, env=env, check=False)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    if done.returncode != 0 or not done.stdout.strip():
        return Measure(0.0, 0.0, 0.0, done.returncode or 1, stderr)
    wall, cpu, rss_kib, returncode = json.loads(done.stdout)
    return Measure(
        wall=wall,
        cpu=cpu,
        rss_mib=rss_kib / 1024,  # Linux reports KiB
        returncode=returncode,
        stderr=stderr,
    )


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return "no message"
    # A Python traceback's useful line is the last one.
    return lines[-1] if lines[0].startswith("Traceback") else lines[0]


def cli_environment() -> tuple[dict[str, str] | None, str]:
    """Environment for the CLI child and a note on which code it runs.

    The source tree next to this script comes first: an installed package may be another
    checkout's code, and the benchmark measures this one.
    """
    src = REPO / "src"
    if (src / "berakhlak_cli").is_dir():
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
        return env, f"source tree {src}"
    if importlib.util.find_spec("berakhlak_cli") is not None:
        return None, "installed package"
    return None, "not found"


def command(tool: str, data: Path, out: Path) -> list[str]:
    """The command line timed for ``tool``."""
    if tool == "berakhlak":
        return [
            sys.executable,
            "-m",
            "berakhlak_cli",
            "score",
            str(data),
            "--format",
            "json",
            "--output",
            str(out),
        ]
    if tool in FLOORS:
        mode = tool.removesuffix("-floor")
        return [sys.executable, str(HERE / "floors.py"), mode, str(data), "--out", str(out)]
    script = HERE / f"reference_{tool}.py"
    return [sys.executable, str(script), str(data), "--out", str(out)]


# --- agreement -------------------------------------------------------------------------


def normalise_cli(doc: dict[str, Any]) -> dict[str, Any]:
    """The CLI's JSON (format_version 1) in the references' shape, plus withheld flags."""

    def row(g: dict[str, Any]) -> dict[str, Any]:
        values = g.get("values") or {}
        index = g.get("index")
        withheld = g.get("withheld") is not None
        return {
            "respondents": g.get("respondents"),
            "values": {vid: (v or {}).get("raw") for vid, v in values.items()},
            "index": None if index is None else index.get("raw"),
            "withheld": withheld,
        }

    groups = {
        g["key"]["unit_kerja"]: row(g)
        for g in doc["groups"]
        if g.get("level", "unit") == "unit" and "unit_kerja" in g.get("key", {})
    }
    return {"groups": groups, "institution": row(doc["institution"])}


def _num_equal(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=0.0, abs_tol=TOL)


def compare(test: dict[str, Any], ref: dict[str, Any]) -> tuple[list[str], int]:
    """Mismatches of ``test`` against ``ref``, and how many groups ``test`` withheld."""
    problems: list[str] = []
    withheld = 0
    rows = [(u, test["groups"].get(u), r) for u, r in ref["groups"].items()]
    rows += [("(institution)", test["institution"], ref["institution"])]
    # NOTE: the CLI lists a unit whose every row was blank, with 0 respondents; the
    # references group scored respondents only, so such a unit is absent there. Not a mismatch.
    extra = sorted(
        u for u in set(test["groups"]) - set(ref["groups"]) if test["groups"][u]["respondents"]
    )
    problems += [f"{u}: not in the reference" for u in extra]
    for unit, got, want in rows:
        if got is None:
            problems.append(f"{unit}: missing")
            continue
        if got.get("respondents") is not None and got["respondents"] != want["respondents"]:
            problems.append(f"{unit}: respondents {got['respondents']} != {want['respondents']}")
        if got.get("withheld"):
            withheld += unit != "(institution)"
            continue
        for vid, w in want["values"].items():
            if not _num_equal(got["values"].get(vid), w):
                problems.append(f"{unit}: {vid} {got['values'].get(vid)} != {w}")
        if not _num_equal(got["index"], want["index"]):
            problems.append(f"{unit}: index {got['index']} != {want['index']}")
    return problems, withheld


# --- report ----------------------------------------------------------------------------


def machine_info() -> list[str]:
    """CPU model, cores, RAM and library versions, as Markdown bullet lines."""
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_kib = 0
    with open("/proc/meminfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    versions = {"python": platform.python_version()}
    for mod in ("numpy", "pandas", "pyarrow", "duckdb", "berakhlak_cli"):
        try:
            versions[mod] = __import__(mod).__version__
        except Exception:
            versions[mod] = "absent"
    try:
        commit = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "none"
    return [
        f"- CPU: {cpu}; cores: {os.cpu_count()}; RAM: {mem_kib / 2**20:.1f} GiB; "
        f"{platform.system()} {platform.release()}",
        "- " + ", ".join(f"{k} {v}" for k, v in versions.items()),
        f"- repository commit: {commit}",
    ]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table_rows(size: str, results: dict[str, ToolResult], agree: dict[str, str]) -> list[str]:
    """Markdown rows for one file size."""
    base = results["duckdb"]
    base_wall = statistics.median(m.wall for m in base.runs) if base.failure is None else None
    out = []
    for tool in TOOLS:
        res = results[tool]
        if res.failure is not None:
            out.append(f"| {size} | {tool} | {_cell('failed: ' + res.failure)} | — | — | — | — |")
            continue
        wall = statistics.median(m.wall for m in res.runs)
        cpu = statistics.median(m.cpu for m in res.runs)
        rss = max(m.rss_mib for m in res.runs)
        ratio = f"{wall / base_wall:.2f}x" if base_wall else "—"
        out.append(
            f"| {size} | {tool} | {wall:.2f} | {cpu:.2f} | {rss:.0f} | {ratio} | "
            f"{_cell(agree.get(tool, '—'))} |"
        )
    return out


def target_lines(size: str, results: dict[str, ToolResult]) -> list[str]:
    """Issue #16 targets for the CLI at this size: met, not met, or not measured."""
    cli, base = results["berakhlak"], results["duckdb"]
    if cli.failure is not None:
        return [f"- {size}: CLI targets not measured (the CLI failed)"]
    wall = statistics.median(m.wall for m in cli.runs)
    rss = max(m.rss_mib for m in cli.runs)
    lines = []
    limit = 1.5 if size.split()[0] == "100k" else 1.0
    base_wall = math.nan
    if base.failure is None:
        base_wall = _median_wall(base)
        cpu_ratio = statistics.median(m.cpu for m in cli.runs) / statistics.median(
            m.cpu for m in base.runs
        )
        ratio = wall / base_wall
        lines.append(
            f"- {size}: {ratio:.2f}x DuckDB wall (target <= {limit}x): "
            f"{'met' if ratio <= limit else 'NOT met'}; CPU time {cpu_ratio:.2f}x DuckDB's"
        )
    lines.append(
        f"- {size}: peak RSS {rss:.0f} MiB (target <= 300 MiB): "
        f"{'met' if rss <= 300 else 'NOT met'}"
    )
    floors = [
        f"{tool.removesuffix('-floor')} alone {_median_wall(results[tool]) / base_wall:.2f}x"
        for tool in TOOLS
        if tool in FLOORS and results[tool].failure is None and base.failure is None
    ]
    if floors:
        lines.append(f"- {size}: floors, as DuckDB wall: {', '.join(floors)}")
    return lines


def _median_wall(res: ToolResult) -> float:
    return statistics.median(m.wall for m in res.runs)


IMPORTS = "import numpy, pyarrow, pyarrow.csv, pyarrow.compute"
"""What every ``score`` needs before it reads a row (the interval quantiles add scipy.special)."""


def startup_lines(runs: int, cli_env: dict[str, str] | None, workdir: Path) -> list[str]:
    """``--help`` and the 531-row example, alternated, medians of ``runs`` (issue #16)."""
    example = REPO / "examples" / "kalteng" / "survei-2024.csv"
    cases = {
        "berakhlak --help": [sys.executable, "-m", "berakhlak_cli", "--help"],
        "score of the 531-row example (json)": command("berakhlak", example, workdir / "ex.json"),
        "floor: the interpreter alone": [sys.executable, "-c", "pass"],
        "floor: imports numpy, pyarrow (csv, compute)": [sys.executable, "-c", IMPORTS],
        "floor: those and scipy.special": [sys.executable, "-c", IMPORTS + ", scipy.special"],
    }
    targets = {"berakhlak --help": 0.15, "score of the 531-row example (json)": 0.4}
    measured: dict[str, list[Measure]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, cmd in cases.items():
            measured[name].append(run_measured(cmd, cli_env))
    lines = ["| start-up case | wall s (median) | CPU s | target |", "|---|---|---|---|"]
    for name, ms in measured.items():
        wall = statistics.median(m.wall for m in ms)
        cpu = statistics.median(m.cpu for m in ms)
        if name not in targets:
            lines.append(f"| {name} | {wall:.3f} | {cpu:.3f} | (floor under the example) |")
            continue
        verdict = "met" if wall <= targets[name] else "NOT met"
        lines.append(f"| {name} | {wall:.3f} | {cpu:.3f} | <= {targets[name]} s: {verdict} |")
    return lines


def write_section(path: Path, mode: str, body: str) -> None:
    """Replace this mode's section of RESULTS.md, keeping the other mode's."""
    begin, end = f"<!-- begin:{mode} -->", f"<!-- end:{mode} -->"
    header = (
        "# Benchmark results\n\n"
        "Written by `python benchmarks/run.py`; see benchmarks/README.md for the method.\n"
    )
    text = path.read_text(encoding="utf-8") if path.exists() else header
    block = f"{begin}\n{body.rstrip()}\n{end}"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


# --- main ------------------------------------------------------------------------------


def data_file(
    data_dir: Path,
    size: str,
    labels: bool,
    seed: int,
    *,
    realistic: bool = False,
    all_issues: bool = False,
) -> Path:
    """The data file for ``size``, generated when missing.

    ``realistic``: a Forms export's columns (timestamp, NIP, name, unit, type, role, 21
    answers); ``all_issues``: the same rows with Likert labels and an unknown label in every
    row (``generate.py --typo``).
    """
    suffix = "-labels" if labels and not all_issues else ""
    shape = "survey-real" if realistic or all_issues else "survey"
    kind = "-all-issues" if all_issues else ""
    seed_part = "" if seed == generate.DEFAULT_SEED else f"-seed{seed}"
    path = data_dir / f"{shape}-{size}{suffix}{kind}{seed_part}.csv"
    if not path.exists():
        t0 = time.perf_counter()
        generate.generate(
            path,
            generate.parse_rows(size),
            labels=labels or all_issues,
            seed=seed,
            realistic=realistic or all_issues,
            typo=all_issues,
        )
        print(f"generated {path} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return path


def _warm(path: Path) -> None:
    with path.open("rb") as fh:
        while fh.read(1 << 24):
            pass


def bench_size(
    data: Path, runs: int, workdir: Path, cli_env: dict[str, str] | None
) -> dict[str, ToolResult]:
    """Run every tool ``runs`` times on ``data``; a failing tool is not retried."""
    _warm(data)
    results = {tool: ToolResult() for tool in TOOLS}
    for r in range(runs):
        k = r % len(TOOLS)
        order = TOOLS[k:] + TOOLS[:k]
        for tool in order:
            res = results[tool]
            if res.failure is not None:
                continue
            out = workdir / f"{data.stem}.{tool}.run{r + 1}.json"
            ours = tool == "berakhlak" or tool in FLOORS
            m = run_measured(command(tool, data, out), cli_env if ours else None)
            if m.returncode != 0 or not out.exists():
                reason = _first_line(m.stderr) if m.returncode != 0 else "no output written"
                res.failure = f"{reason} (exit {m.returncode}, run {r + 1})"
                continue
            res.runs.append(m)
            res.output = out
            print(
                f"  {data.name} run {r + 1} {tool}: {m.wall:.2f} s wall, {m.cpu:.2f} s CPU, "
                f"{m.rss_mib:.0f} MiB",
                file=sys.stderr,
            )
    return results


def agreement(results: dict[str, ToolResult]) -> tuple[dict[str, str], list[str]]:
    """The agree? cell per tool (against DuckDB) and notes."""
    cells: dict[str, str] = {"duckdb": "baseline"}
    notes: list[str] = []
    base = results["duckdb"]
    if base.output is None or base.failure is not None:
        return {}, ["DuckDB failed: nothing to compare against"]
    ref = json.loads(base.output.read_text(encoding="utf-8"))
    for tool in (t for t in TOOLS if t != "duckdb"):
        res = results[tool]
        if res.output is None or res.failure is not None:
            continue
        doc = json.loads(res.output.read_text(encoding="utf-8"))
        if tool in FLOORS:
            cells[tool] = f"floor: {doc['rows']} rows read, nothing scored"
            continue
        try:
            test = normalise_cli(doc) if tool == "berakhlak" else doc
        except (KeyError, TypeError, AttributeError) as exc:
            cells[tool] = f"no: unreadable JSON ({exc!r})"
            continue
        problems, withheld = compare(test, ref)
        verdict = "yes" if not problems else f"no: {len(problems)} mismatches"
        if tool == "berakhlak":
            published = len(ref["groups"]) - withheld
            empty = len(set(test["groups"]) - set(ref["groups"]))
            verdict += f" ({published} groups compared, {withheld} withheld)"
            notes.append(
                f"berakhlak withheld {withheld} of {len(ref['groups'])} units "
                f"(anonymity; their scores were not compared) and listed {empty} more "
                "units whose every row was blank (0 respondents)"
            )
        cells[tool] = verdict
        notes += [f"{tool}: {p}" for p in problems[:5]]
    return cells, notes


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    global TOOLS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k,1m", help="comma-separated, e.g. 100k,1m,4.3m")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--labels", action="store_true", help="Likert labels instead of 1-5")
    parser.add_argument(
        "--narrow",
        action="store_true",
        help="the issue #7 shape (instansi, unit, type, NIP, answers) instead of a Forms export",
    )
    parser.add_argument(
        "--no-all-issues", action="store_true", help="skip the file with an issue in every row"
    )
    parser.add_argument("--pandas", action="store_true", help="time the pandas reference too")
    parser.add_argument("--no-floors", action="store_true", help="skip the parse/read floors")
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--data-dir", type=Path, default=HERE / "data")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    if args.pandas:
        TOOLS = ("berakhlak", "pandas", "duckdb", *FLOORS)
    if args.no_floors:
        TOOLS = tuple(tool for tool in TOOLS if tool not in FLOORS)
    sizes = [s.strip().lower() for s in args.sizes.split(",") if s.strip()]
    realistic = not args.narrow
    mode = ("realistic" if realistic else "") + ("-labels" if args.labels else "")
    mode = mode.strip("-") or "numeric"
    cli_env, cli_note = cli_environment()

    rows = [
        "| rows | tool | wall s (median) | CPU s | peak RSS MiB | ratio to DuckDB wall | agree? |",
        "|---|---|---|---|---|---|---|",
    ]
    notes: list[str] = []
    targets: list[str] = []
    files: list[tuple[str, bool]] = []
    for size in sizes:
        files.append((size, False))
        if realistic and not args.no_all_issues:
            files.append((size, True))
    with tempfile.TemporaryDirectory(prefix="berakhlak-bench-") as tmp:
        for size, all_issues in files:
            label = f"{size} all-issues" if all_issues else size
            data = data_file(
                args.data_dir,
                size,
                args.labels,
                args.seed,
                realistic=realistic,
                all_issues=all_issues,
            )
            print(f"{label}: {data} ({data.stat().st_size / 2**20:.0f} MiB)", file=sys.stderr)
            load_before = os.getloadavg()[0]
            results = bench_size(data, args.runs, Path(tmp), cli_env)
            notes.append(
                f"{label}: 1-minute load average {load_before:.2f} before, "
                f"{os.getloadavg()[0]:.2f} after (above ~0.2 means other work shared the cores)"
            )
            cells, size_notes = agreement(results)
            rows += table_rows(label, results, cells)
            notes += [f"{label}: {n}" for n in size_notes]
            targets += target_lines(label, results)
        startup = startup_lines(max(args.runs, 5), cli_env, Path(tmp))

    today = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    answers = "Likert labels" if args.labels else "numbers 1-5"
    shape = (
        "a Forms export (Timestamp, nip, nama, unit_kerja, jenis_asn, jabatan, 21 answers); "
        "'all-issues': the same shape with labels and an unknown label in every row"
        if realistic
        else "instansi, unit_kerja, jenis_asn, nip, 21 answers"
    )
    body = "\n".join(
        [
            f"## {'Realistic shape' if realistic else 'Narrow shape'}, answers as {answers}",
            "",
            f"Measured {today}; {args.runs} runs per tool and size, alternating (median wall "
            "and CPU, largest peak RSS); warm page cache; seed " + str(args.seed) + ".",
            f"Columns: {shape}.",
            "",
            *machine_info(),
            f"- berakhlak CLI: `python -m berakhlak_cli` from the {cli_note}",
            "",
            *rows,
            "",
            "Issue #16 targets (CLI):",
            "",
            *(targets or ["- none measured"]),
            "",
            *startup,
            "",
            "Notes:",
            "",
            *([f"- {n}" for n in notes] or ["- none"]),
        ]
    )
    print(body)
    write_section(args.results, mode, body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
