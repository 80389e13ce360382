"""The floors under ``berakhlak score`` (issue #16): reading a survey without scoring it.

    python benchmarks/floors.py parse FILE --out OUT.json   # pyarrow's streaming parser alone
    python benchmarks/floors.py read FILE --out OUT.json    # the CLI's survey loader alone

``parse`` runs pyarrow's streaming CSV reader over the file with the loader's options (1 MiB
blocks cut in four, every column as text, the answer and grouping columns dictionary-encoded,
no null values) and does nothing with the batches: no scoring tool built on this parser can
take less wall time on one reading thread. ``read`` runs the loader the CLI uses with the
default rubric (the parse above plus the checks for merged records, the sha256 of the bytes,
the read-ahead thread and the batches coalesced to scoring size) and scores nothing: it is what
the batch stage costs before the first answer is coded. Each writes the rows it saw to
``--out`` so the runner can check that the whole file was read.

``run.py`` times both beside the CLI and DuckDB (``floor: parse``, ``floor: read``); start-up
floors (the interpreter alone, and the imports that scoring needs) are in its start-up table.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path


def parse_only(path: Path) -> int:
    """Rows parsed by pyarrow with the loader's reading options; the batches are dropped."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    from berakhlak_cli.loaders.rubric.load import default_rubric_path, load_rubric
    from berakhlak_cli.loaders.survey.from_csv import SPLIT, TEXT
    from berakhlak_cli.loaders.survey.source import BLOCK_BYTES, open_survey

    rubric = load_rubric(default_rubric_path())
    plan = open_survey(path, rubric, (rubric.columns.unit.name,)).plan
    by_value = set(plan.items.values()) | set(plan.groups.values())
    with path.open("rb") as handle:
        width = len(next(csv.reader([handle.readline().decode("utf-8-sig")])))
        names = [f"c{i}" for i in range(width)]
        types = {n: TEXT if i in by_value else pa.string() for i, n in enumerate(names)}
        reader = pacsv.open_csv(
            handle,
            read_options=pacsv.ReadOptions(column_names=names, block_size=BLOCK_BYTES // SPLIT),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=types,
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                null_values=[],
            ),
        )
        return sum(batch.num_rows for batch in reader)


def read_only(path: Path) -> int:
    """Rows handed on by the CLI's loader (default rubric, grouped by unit); none scored."""
    from berakhlak_cli.api.memory import use_system_allocator
    from berakhlak_cli.loaders.rubric.load import default_rubric_path, load_rubric
    from berakhlak_cli.loaders.survey.source import open_survey

    rubric = load_rubric(default_rubric_path())
    use_system_allocator()  # as api.score does
    source = open_survey(path, rubric, (rubric.columns.unit.name,))
    return sum(batch.size for batch in source.batches())


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("parse", "read"))
    parser.add_argument("path", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    rows = (parse_only if args.mode == "parse" else read_only)(args.path)
    args.out.write_text(json.dumps({"mode": args.mode, "rows": rows}), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
