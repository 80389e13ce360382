"""Console entry point: process-wide settings that must come before numpy is imported.

Scoring multiplies (items x respondents) arrays by tiny matrices; those products are
memory-bound, and OpenBLAS worker threads only spin-wait for them (measured on the 2-core
benchmark machine: 13.1 s CPU with 2 threads vs 7.7 s with 1 for a 1M-row survey). pyarrow
keeps its own thread pool for CSV parsing, so this limits nothing else. A value the user has
set in the environment wins.
"""

from __future__ import annotations

import os

BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def main() -> None:
    """Run the ``berakhlak`` command."""
    for variable in BLAS_THREAD_VARIABLES:
        os.environ.setdefault(variable, "1")
    from berakhlak_cli.cli import main as run

    run()
