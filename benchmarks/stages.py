"""Where ``berakhlak score -f json`` spends its time and memory, stage by stage (issue #16).

Runs the same library calls as the CLI in one process and prints, per stage, wall seconds,
the peak RSS and the CPU seconds so far (all threads): imports, reading + scoring the batches
(and how long scoring waited for the reader thread), the release of the read's freed pages
(``api.memory``), ``finish`` (per-group results, behaviours, gap tests, intervals), the
provenance digests, and the JSON rendering.

    python benchmarks/stages.py benchmarks/data/survey-real-1m.csv
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

T0 = time.perf_counter()

from berakhlak_cli.api.memory import release_freed_memory, use_system_allocator  # noqa: E402
from berakhlak_cli.cli.boundary import provenance  # noqa: E402
from berakhlak_cli.loaders.rubric.load import default_rubric_path, load_rubric  # noqa: E402
from berakhlak_cli.loaders.survey.source import open_survey  # noqa: E402
from berakhlak_cli.render.json_out import json_chunks  # noqa: E402
from berakhlak_cli.scoring.survey import SurveyScorer  # noqa: E402


def _rss() -> str:
    """Peak RSS so far and the process's CPU seconds so far (all threads)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return f"{usage.ru_maxrss / 1024:.0f} MiB, CPU so far {time.process_time():.2f} s"


def _rss_now() -> int:
    """The current RSS in MiB (Linux ``/proc``; 0 elsewhere): what the release handed back."""
    status = Path("/proc/self/status")
    if not status.exists():
        return 0
    for line in status.read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0


def main() -> int:
    """Time the stages on the file named on the command line."""
    path = Path(sys.argv[1])
    t1 = time.perf_counter()
    print(f"imports        {t1 - T0:6.2f} s  peak {_rss()}")
    rubric_path = default_rubric_path()
    rubric = load_rubric(rubric_path)
    use_system_allocator()  # as api.score does
    source = open_survey(path, rubric, (rubric.columns.unit.name,))
    scorer = SurveyScorer(
        rubric,
        group_by=source.plan.group_by,
        headers=source.plan.item_headers(),
        group_headers=source.plan.group_headers(),
        unit=source.plan.unit_only,
    )
    wait = 0.0
    batches = source.batches()
    t2 = time.perf_counter()
    while True:
        a = time.perf_counter()
        batch = next(batches, None)
        wait += time.perf_counter() - a
        if batch is None:
            break
        scorer.add(batch)
    t3 = time.perf_counter()
    print(f"batches        {t3 - t2:6.2f} s  peak {_rss()} (waiting for the reader {wait:.2f} s)")
    scorer.end_of_batches()
    release_freed_memory()  # as api.score does before finish
    t3r = time.perf_counter()
    print(f"release        {t3r - t3:6.2f} s  peak {_rss()} (now {_rss_now()} MiB)")
    sheet = scorer.finish()
    t4 = time.perf_counter()
    print(f"finish         {t4 - t3:6.2f} s  peak {_rss()}")
    digests = {rubric_path: rubric.sha256, path: source.sha256() or ""}
    prov = provenance([("rubric", rubric_path), ("survey", path)], None, digests)
    t5 = time.perf_counter()
    print(f"digests        {t5 - t4:6.2f} s  peak {_rss()}")
    for _ in json_chunks(sheet, rubric, prov):  # written group by group, as the CLI does
        pass
    t6 = time.perf_counter()
    print(f"JSON render    {t6 - t5:6.2f} s  peak {_rss()}")
    print(f"total          {t6 - T0:6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
